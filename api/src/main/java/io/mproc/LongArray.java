package io.mproc;

/**
 * A fixed-length array of {@code long} in shared memory (Python's {@code Array('q', n)}). Each single-element method
 * is atomic and safe from any thread of any process, with volatile semantics. The bulk methods read or write each
 * element atomically but not the range as a whole: hold the lock (see {@link SharedObject}) for a consistent copy.
 *
 * <p>Every index is checked: one outside {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 */
public interface LongArray extends SharedObject {

    /** The number of elements, fixed at creation. */
    int length();

    long get(int index);

    void set(int index, long value);

    /** Adds {@code delta} to the element atomically and returns its new value. */
    long addAndGet(int index, long delta);

    /** Adds {@code delta} to the element atomically and returns its previous value. */
    long getAndAdd(int index, long delta);

    /** Sets the element to {@code value} if it is {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(int index, long expected, long value);

    /** Sets the element to {@code value} atomically and returns its previous value. */
    long getAndSet(int index, long value);

    /**
     * Copies {@code source} into the elements {@code [offset, offset + source.length)}.
     *
     * @throws IndexOutOfBoundsException if that range does not lie within the array
     */
    void copyFrom(long[] source, int offset);

    /** A new Java array holding a copy of every element. */
    long[] toArray();
}
