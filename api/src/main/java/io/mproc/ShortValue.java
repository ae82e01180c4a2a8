package io.mproc;

/**
 * A {@code short} in shared memory (Python's {@code Value('h')}). Every method is atomic and safe from any thread of
 * any process, with volatile semantics; arithmetic wraps around as Java's {@code short} does. See
 * {@link SharedObject} for the lock.
 */
public interface ShortValue extends SharedObject {

    short get();

    void set(short value);

    /** Adds {@code delta} atomically and returns the new value. */
    short addAndGet(short delta);

    /** Sets {@code value} if the current value is {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(short expected, short value);
}
