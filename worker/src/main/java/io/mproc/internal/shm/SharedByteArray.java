package io.mproc.internal.shm;

import io.mproc.ByteArray;
import java.nio.charset.StandardCharsets;

final class SharedByteArray extends AbstractSharedObject implements ByteArray {

    private final int elementsOffset;
    private final int length;

    SharedByteArray(SharedSegment segment, String name, int blockOffset, int length, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.elementsOffset = blockOffset + SegmentLayout.ELEMENTS_OFFSET;
        this.length = length;
    }

    @Override
    EntryType type() {
        return EntryType.BYTE_ARRAY;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public byte get(int index) {
        return buffer.getByteVolatile(offsetOf(index));
    }

    @Override
    public void set(int index, byte value) {
        buffer.putByteVolatile(offsetOf(index), value);
    }

    @Override
    public void copyFrom(byte[] source, int offset) {
        if (offset < 0 || offset > length - source.length) {
            throw rangeOutOfBounds(offset, source.length, length);
        }
        copyIn(source, source.length, elementsOffset + offset);
    }

    @Override
    public byte[] toArray() {
        byte[] copy = new byte[length];
        copyOut(elementsOffset, copy, length);
        return copy;
    }

    @Override
    public String asString() {
        byte[] bytes = toArray();
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public void setString(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > length) {
            throw new IndexOutOfBoundsException("'" + text + "' takes " + bytes.length + " bytes, more than the "
                    + length + " of ByteArray '" + name() + "'");
        }
        copyFrom(bytes, 0);
        if (bytes.length < length) {
            set(bytes.length, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "ByteArray[" + name() + ", length " + length + "]";
    }

    private int offsetOf(int index) {
        if (index < 0 || index >= length) {
            throw indexOutOfBounds(index, length);
        }
        return elementsOffset + index;
    }
}
