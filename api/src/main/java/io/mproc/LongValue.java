package io.mproc;

/**
 * A {@code long} in shared memory (Python's {@code Value('q')}). Every method is atomic and safe from any thread of
 * any process: reads and writes have volatile semantics, the read-modify-write methods are single atomic
 * instructions. See {@link SharedObject} for the lock.
 */
public interface LongValue extends SharedObject {

    long get();

    void set(long value);

    /** Adds {@code delta} atomically and returns the new value. */
    long addAndGet(long delta);

    /** Adds {@code delta} atomically and returns the previous value. */
    long getAndAdd(long delta);

    /** Sets {@code value} if the current value is {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(long expected, long value);

    /** Sets {@code value} atomically and returns the previous value. */
    long getAndSet(long value);
}
