package io.mproc.internal.shm;

import io.mproc.ShortArray;

final class SharedShortArray extends AbstractSharedObject implements ShortArray {

    private final int elementsOffset;
    private final int length;

    SharedShortArray(SharedSegment segment, String name, int blockOffset, int length, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.elementsOffset = blockOffset + SegmentLayout.ELEMENTS_OFFSET;
        this.length = length;
    }

    @Override
    EntryType type() {
        return EntryType.SHORT_ARRAY;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public short get(int index) {
        return buffer.getShortVolatile(offsetOf(index));
    }

    @Override
    public void set(int index, short value) {
        buffer.putShortVolatile(offsetOf(index), value);
    }

    @Override
    public void copyFrom(short[] source, int offset) {
        if (offset < 0 || offset > length - source.length) {
            throw rangeOutOfBounds(offset, source.length, length);
        }
        copyIn(source, source.length * Short.BYTES, elementsOffset + offset * Short.BYTES);
    }

    @Override
    public short[] toArray() {
        short[] copy = new short[length];
        copyOut(elementsOffset, copy, length * Short.BYTES);
        return copy;
    }

    @Override
    public String toString() {
        return "ShortArray[" + name() + ", length " + length + "]";
    }

    private int offsetOf(int index) {
        if (index < 0 || index >= length) {
            throw indexOutOfBounds(index, length);
        }
        return elementsOffset + index * Short.BYTES;
    }
}
