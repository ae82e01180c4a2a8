package io.mproc;

/**
 * A fixed-length array of {@code int} in shared memory (Python's {@code Array('i', n)}). Each single-element method
 * is atomic and safe from any thread of any process, with volatile semantics. The bulk methods read or write each
 * element atomically but not the range as a whole: hold the lock (see {@link SharedObject}) for a consistent copy.
 *
 * <p>Every index is checked: one outside {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 */
public interface IntArray extends SharedObject {

    /** The number of elements, fixed at creation. */
    int length();

    int get(int index);

    void set(int index, int value);

    /** Adds {@code delta} to the element atomically and returns its new value. */
    int addAndGet(int index, int delta);

    /** Adds {@code delta} to the element atomically and returns its previous value. */
    int getAndAdd(int index, int delta);

    /** Sets the element to {@code value} if it is {@code expected}, atomically; returns whether it did. */
    boolean compareAndSet(int index, int expected, int value);

    /** Sets the element to {@code value} atomically and returns its previous value. */
    int getAndSet(int index, int value);

    /**
     * Copies {@code source} into the elements {@code [offset, offset + source.length)}.
     *
     * @throws IndexOutOfBoundsException if that range does not lie within the array
     */
    void copyFrom(int[] source, int offset);

    /** A new Java array holding a copy of every element. */
    int[] toArray();
}
