package io.mproc;

/**
 * A fixed-length array of {@code short} in shared memory (Python's {@code Array('h', n)}). Each element is read and
 * written atomically, with volatile semantics; for a read-modify-write, or a consistent copy of a range, hold the
 * lock (see {@link SharedObject}).
 *
 * <p>Every index is checked: one outside {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 */
public interface ShortArray extends SharedObject {

    /** The number of elements, fixed at creation. */
    int length();

    short get(int index);

    void set(int index, short value);

    /**
     * Copies {@code source} into the elements {@code [offset, offset + source.length)}.
     *
     * @throws IndexOutOfBoundsException if that range does not lie within the array
     */
    void copyFrom(short[] source, int offset);

    /** A new Java array holding a copy of every element. */
    short[] toArray();
}
