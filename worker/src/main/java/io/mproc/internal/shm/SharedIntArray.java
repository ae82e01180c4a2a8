package io.mproc.internal.shm;

import io.mproc.IntArray;

final class SharedIntArray extends AbstractSharedObject implements IntArray {

    private final int elementsOffset;
    private final int length;

    SharedIntArray(SharedSegment segment, String name, int blockOffset, int length, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.elementsOffset = blockOffset + SegmentLayout.ELEMENTS_OFFSET;
        this.length = length;
    }

    @Override
    EntryType type() {
        return EntryType.INT_ARRAY;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int get(int index) {
        return buffer.getIntVolatile(offsetOf(index));
    }

    @Override
    public void set(int index, int value) {
        buffer.putIntVolatile(offsetOf(index), value);
    }

    @Override
    public int addAndGet(int index, int delta) {
        return buffer.getAndAddInt(offsetOf(index), delta) + delta;
    }

    @Override
    public int getAndAdd(int index, int delta) {
        return buffer.getAndAddInt(offsetOf(index), delta);
    }

    @Override
    public boolean compareAndSet(int index, int expected, int value) {
        return buffer.compareAndSetInt(offsetOf(index), expected, value);
    }

    @Override
    public int getAndSet(int index, int value) {
        return buffer.getAndSetInt(offsetOf(index), value);
    }

    @Override
    public void copyFrom(int[] source, int offset) {
        if (offset < 0 || offset > length - source.length) {
            throw rangeOutOfBounds(offset, source.length, length);
        }
        copyIn(source, source.length * Integer.BYTES, elementsOffset + offset * Integer.BYTES);
    }

    @Override
    public int[] toArray() {
        int[] copy = new int[length];
        copyOut(elementsOffset, copy, length * Integer.BYTES);
        return copy;
    }

    @Override
    public String toString() {
        return "IntArray[" + name() + ", length " + length + "]";
    }

    private int offsetOf(int index) {
        if (index < 0 || index >= length) {
            throw indexOutOfBounds(index, length);
        }
        return elementsOffset + index * Integer.BYTES;
    }
}
