package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;

/**
 * Python's {@code multiprocessing.SimpleQueue}: {@code put}, {@code get}, {@code empty} and {@code close}, no
 * timeouts and no size. The same shared-memory queue as {@link SharedQueue} underneath. Thread-safe.
 *
 * @param <E> the items
 */
public final class SharedSimpleQueue<E> implements AutoCloseable {

    private final SharedQueue<E> queue;

    SharedSimpleQueue(Ring ring) {
        this.queue = new SharedQueue<>(ring);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedSimpleQueue<Object> attach(String ring) {
        return new SharedSimpleQueue<>(Ring.attach(Path.of(ring)));
    }

    /** Adds the item, waiting for room as long as it takes. */
    public void put(E item) {
        queue.put(item);
    }

    /** Removes and returns the oldest item, waiting for one as long as it takes. */
    public E get() {
        return queue.get();
    }

    /** Python's {@code empty()}: whether the queue holds no item at this moment. */
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Closes this handle; later calls on it fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        queue.close();
    }

    @JsonValue
    String handle() {
        return queue.handle();
    }
}
