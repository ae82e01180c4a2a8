package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;

/**
 * Python's {@code multiprocessing.SimpleQueue}: {@code put}, {@code get}, {@code empty} and {@code close}, no
 * timeouts and no size. The same shared-memory queue as {@link Queue} underneath. Thread-safe.
 *
 * @param <E> the items
 */
public final class SimpleQueue<E> implements AutoCloseable {

    private final Queue<E> queue;

    SimpleQueue(Ring ring) {
        this.queue = new Queue<>(ring);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SimpleQueue<Object> attach(String ring) {
        return new SimpleQueue<>(Ring.attach(Path.of(ring)));
    }

    /** Adds the item, waiting for room as long as it takes. */
    public void put(E item) {
        queue.put(item);
    }

    /** Removes and returns the oldest item, waiting for one as long as it takes. */
    public E get() {
        return queue.get();
    }

    /** Whether the queue holds no item at this moment. */
    public boolean empty() {
        return queue.empty();
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
