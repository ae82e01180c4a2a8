package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Python's {@code multiprocessing.JoinableQueue}: a {@link SharedQueue} that counts unfinished items. Each {@code put}
 * adds one; a consumer calls {@link #taskDone()} when it has finished an item it took; {@link #join()} waits until
 * the count is zero. The count lives in shared memory with the items. Thread-safe.
 *
 * @param <E> the items
 */
public final class SharedJoinableQueue<E> extends SharedQueue<E> {

    SharedJoinableQueue(Ring ring) {
        super(ring);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedJoinableQueue<Object> attachJoinable(String ring) {
        return new SharedJoinableQueue<>(Ring.attach(Path.of(ring)));
    }

    /**
     * Marks one item taken from the queue as finished.
     *
     * @throws IllegalStateException if called more times than items were put
     */
    public void taskDone() {
        ensureOpen();
        long unfinished = ring.addUnfinished(-1);
        if (unfinished < 0) {
            ring.addUnfinished(1);
            throw new IllegalStateException("taskDone() called more times than items were put");
        }
        if (unfinished == 0) {
            ring.sleepers.wakeAll();
        }
    }

    /**
     * Waits until every item put has been marked finished with {@link #taskDone()}; an immediate
     * {@link #shutdown(boolean) shutdown} takes the items it drops off the count.
     */
    public void join() {
        awaitFinished(Blocking.FOREVER);
    }

    /** Waits up to the timeout until every item put has been marked finished; returns whether they were. */
    public boolean join(Duration timeout) {
        return awaitFinished(Blocking.nanos(timeout));
    }

    @Override
    void offer(E item, long timeoutNanos) {
        ring.addUnfinished(1);
        try {
            super.offer(item, timeoutNanos);
        } catch (RuntimeException e) {
            ring.addUnfinished(-1);
            throw e;
        }
    }

    private boolean awaitFinished(long timeoutNanos) {
        ensureOpen();
        return Blocking.untilWoken(ring.sleepers, () -> ring.unfinished() == 0 ? Boolean.TRUE : Ring.EMPTY,
                timeoutNanos, this::ensureOpen) != Ring.EMPTY;
    }
}
