package io.mproc;

/**
 * A {@code boolean} in shared memory (Python's {@code Value(c_bool)}). Every method is atomic and safe from any
 * thread of any process, with volatile semantics. See {@link SharedObject} for the lock.
 */
public interface BooleanValue extends SharedObject {

    boolean get();

    void set(boolean value);

    /** Sets {@code value} if the current value is {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(boolean expected, boolean value);

    /** Sets {@code value} atomically and returns the previous value. */
    boolean getAndSet(boolean value);
}
