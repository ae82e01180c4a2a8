package io.mproc;

/**
 * An {@code int} in shared memory (Python's {@code Value('i')}). Every method is atomic and safe from any thread of
 * any process: reads and writes have volatile semantics, the read-modify-write methods are single atomic
 * instructions. See {@link SharedObject} for the lock.
 */
public interface IntValue extends SharedObject {

    int get();

    void set(int value);

    /** Adds {@code delta} atomically and returns the new value. */
    int addAndGet(int delta);

    /** Adds {@code delta} atomically and returns the previous value. */
    int getAndAdd(int delta);

    /** Sets {@code value} if the current value is {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(int expected, int value);

    /** Sets {@code value} atomically and returns the previous value. */
    int getAndSet(int value);
}
