package io.mproc;

/**
 * A {@code double} in shared memory (Python's {@code Value('d')}), held as its IEEE 754 bits. Every method is atomic
 * and safe from any thread of any process: reads and writes have volatile semantics; {@link #addAndGet} and
 * {@link #getAndAdd} retry a compare-and-set until no other writer came between. {@link #compareAndSet} compares bit
 * patterns, so {@code 0.0} and {@code -0.0} differ and a NaN matches the same NaN. See {@link SharedObject} for the
 * lock.
 */
public interface DoubleValue extends SharedObject {

    double get();

    void set(double value);

    /** Adds {@code delta} atomically and returns the new value. */
    double addAndGet(double delta);

    /** Adds {@code delta} atomically and returns the previous value. */
    double getAndAdd(double delta);

    /** Sets {@code value} if the current value has the bits of {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(double expected, double value);

    /** Sets {@code value} atomically and returns the previous value. */
    double getAndSet(double value);
}
