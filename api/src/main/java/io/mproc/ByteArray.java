package io.mproc;

/**
 * A fixed-length array of bytes in shared memory (Python's {@code Array('b', n)}, and {@code Array('c', b"...")}
 * with its {@code value}): each byte read and written with volatile semantics, and a string view that reads up to
 * the first zero byte. For a consistent copy of a range, hold the lock (see {@link SharedObject}).
 *
 * <p>Every index is checked: one outside {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 */
public interface ByteArray extends SharedObject {

    /** The number of bytes, fixed at creation. */
    int length();

    byte get(int index);

    void set(int index, byte value);

    /**
     * Copies {@code source} into the bytes {@code [offset, offset + source.length)}.
     *
     * @throws IndexOutOfBoundsException if that range does not lie within the array
     */
    void copyFrom(byte[] source, int offset);

    /** A new Java array holding a copy of every byte (Python's {@code raw}). */
    byte[] toArray();

    /** The bytes up to the first zero byte, or all of them, as UTF-8 text (Python's {@code value}, decoded). */
    String asString();

    /**
     * Writes the text's UTF-8 bytes from the start, then a zero byte if there is room (Python's {@code value = ...}).
     *
     * @throws IndexOutOfBoundsException if the text takes more bytes than the array has
     */
    void setString(String text);
}
