package io.mproc;

/**
 * A fixed-length array of {@code double} in shared memory (Python's {@code Array('d', n)}), each element held as its
 * IEEE 754 bits. Each single-element method is atomic and safe from any thread of any process, with volatile
 * semantics: {@link #addAndGet} and {@link #getAndAdd} retry a compare-and-set until no other writer came between,
 * and {@link #compareAndSet} compares bit patterns. The bulk methods read or write each element atomically but not
 * the range as a whole: hold the lock (see {@link SharedObject}) for a consistent copy.
 *
 * <p>Every index is checked: one outside {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 */
public interface DoubleArray extends SharedObject {

    /** The number of elements, fixed at creation. */
    int length();

    double get(int index);

    void set(int index, double value);

    /** Adds {@code delta} to the element atomically and returns its new value. */
    double addAndGet(int index, double delta);

    /** Adds {@code delta} to the element atomically and returns its previous value. */
    double getAndAdd(int index, double delta);

    /** Sets the element to {@code value} if it is {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(int index, double expected, double value);

    /** Sets the element to {@code value} atomically and returns its previous value. */
    double getAndSet(int index, double value);

    /**
     * Copies {@code source} into the elements {@code [offset, offset + source.length)}.
     *
     * @throws IndexOutOfBoundsException if that range does not lie within the array
     */
    void copyFrom(double[] source, int offset);

    /** A new Java array holding a copy of every element. */
    double[] toArray();
}
