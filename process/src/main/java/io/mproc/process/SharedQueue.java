package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.Queue}: a FIFO queue shared by any number of producers and consumers in any of
 * a context's processes. Items are copied (as in {@link Pipe}) and arrive as the types that were put: records,
 * beans, enums, strings, numbers, collections and maps of them however nested, and queues, pipe connections, locks
 * and managed objects as working handles (see {@code TypedValues} for the rules). Each producer's items are taken
 * in the order it put them.
 *
 * <p>An item may take up to 1 GiB encoded (less if the queue was made with a smaller maximum message size; a larger
 * one fails {@code put} with {@link IllegalArgumentException}). Items of up to 2 KiB take one slot of shared memory;
 * longer ones are streamed through consecutive slots while the other producers and consumers wait their turn.
 *
 * <p>The queue lives in shared memory, so {@code put} and {@code get} never involve the coordinator. A bounded
 * queue holds at most {@link #maxSize()} items and {@code put} waits for room. An unbounded one (the default, as in
 * Python) never makes {@code put} wait: what does not fit in shared memory waits in the producer's process and is
 * moved in, in order, by a thread as consumers make room; a child process moves all of it before it exits.
 * A queue passed to a process (as an argument, or
 * inside a queue or pipe message) is the same queue there. Thread-safe. {@link #close()} closes this handle only:
 * later calls on it fail with {@link IllegalStateException}, and other handles go on working.
 *
 * @param <E> the items
 */
public class SharedQueue<E> implements AutoCloseable {

    final Ring ring;
    private volatile boolean closed;

    SharedQueue(Ring ring) {
        this.ring = ring;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedQueue<Object> attach(String ring) {
        return new SharedQueue<>(Ring.attach(Path.of(ring)));
    }

    /** Adds the item, waiting for room in a bounded queue as long as it takes. */
    public void put(E item) {
        offer(item, Blocking.FOREVER);
    }

    /**
     * Adds the item, waiting for room up to the timeout.
     *
     * @throws QueueFullException if the queue is still full then
     */
    public void put(E item, Duration timeout) {
        offer(item, Blocking.nanos(timeout));
    }

    /**
     * Adds the item if there is room now.
     *
     * @throws QueueFullException if the queue is full
     */
    public void putNowait(E item) {
        offer(item, 0);
    }

    /** Removes and returns the oldest item, waiting for one as long as it takes. */
    public E get() {
        return take(Blocking.FOREVER);
    }

    /**
     * Removes and returns the oldest item, waiting for one up to the timeout.
     *
     * @throws QueueEmptyException if the queue is still empty then
     */
    public E get(Duration timeout) {
        return take(Blocking.nanos(timeout));
    }

    /**
     * Removes and returns the oldest item if there is one now.
     *
     * @throws QueueEmptyException if the queue is empty
     */
    public E getNowait() {
        return take(0);
    }

    /** Python's {@code empty()}: whether the queue holds no item at this moment (soon out of date, as in Python). */
    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * The number of items at this moment (soon out of date, as in Python): those in shared memory, and those this
     * process put that still wait to enter it.
     */
    public int size() {
        ensureOpen();
        return ring.size() + Feeder.waiting(ring);
    }

    /** The most items the queue holds; 0 for an unbounded queue (Python's {@code maxsize} of 0). */
    public int maxSize() {
        return ring.unbounded ? 0 : ring.capacity;
    }

    /**
     * Shuts the queue down for every process (Python 3.13's {@code shutdown()}): from now on {@code put} throws
     * {@link QueueShutDownException}, and {@code get} takes what is left, then throws it instead of waiting. Waiting
     * {@code get}s learn of it within 50 ms. Idempotent.
     */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * {@link #shutdown()}; if {@code immediate}, the items in the queue are dropped too, those still waiting in
     * producers' processes to enter it included, so {@code get} throws at once and a joinable queue's
     * {@code join} returns (Python's {@code shutdown(immediate=True)}).
     */
    public void shutdown(boolean immediate) {
        ensureOpen();
        ring.shutDown(immediate);
    }

    /** Closes this handle; the queue and its other handles are unaffected. Idempotent. */
    @Override
    public void close() {
        closed = true;
    }

    @JsonValue
    String handle() {
        return ring.path.toString();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + ring.path.getFileName() + "]";
    }

    void offer(E item, long timeoutNanos) {
        ensureOpen();
        requireNotShutDown();
        int length = Messages.encode(item);
        ring.requireFits(length);
        try {
            if (ring.unbounded) {
                Feeder.put(ring, Messages.scratch(), length);
            } else if (ring.fitsSlot(length)) {
                requireSent(Blocking.until(() -> ring.offer(Messages.scratch(), 0, length) ? Boolean.TRUE
                        : Ring.EMPTY, timeoutNanos, this::ensureOpenAndNotShutDown) != Ring.EMPTY, timeoutNanos);
            } else {
                requireSent(ring.stream(Messages.scratch(), 0, length, timeoutNanos, this::ensureOpenAndNotShutDown,
                        Blocking.NO_CHECK), timeoutNanos);
            }
        } finally {
            Messages.releaseLargeScratch();
        }
    }

    private void requireSent(boolean sent, long timeoutNanos) {
        if (!sent) {
            throw new QueueFullException("the queue is full (" + ring.capacity + " items)"
                    + (timeoutNanos > 0 ? " after waiting " + Duration.ofNanos(timeoutNanos) : ""));
        }
    }

    @SuppressWarnings("unchecked")
    E take(long timeoutNanos) {
        ensureOpen();
        Object item = Blocking.untilMessage(ring, this::pollUnlessShutDown, timeoutNanos, this::ensureOpen);
        if (item == Ring.EMPTY) {
            throw new QueueEmptyException("the queue is empty"
                    + (timeoutNanos > 0 ? " after waiting " + Duration.ofNanos(timeoutNanos) : ""));
        }
        return (E) item;
    }

    /** The next item; or, once the queue is shut down and holds nothing more, a {@link QueueShutDownException}. */
    private Object pollUnlessShutDown() {
        Object item = ring.poll(Messages.VALUE);
        if (item == Ring.EMPTY && ring.isShutDown() && ring.size() == 0) {
            throw new QueueShutDownException(this + " is shut down and empty");
        }
        return item;
    }

    private void requireNotShutDown() {
        if (ring.isShutDown()) {
            throw new QueueShutDownException(this + " is shut down: it takes no more items");
        }
    }

    private void ensureOpenAndNotShutDown() {
        ensureOpen();
        requireNotShutDown();
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
