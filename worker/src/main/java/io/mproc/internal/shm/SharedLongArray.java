package io.mproc.internal.shm;

import io.mproc.LongArray;

final class SharedLongArray extends AbstractSharedObject implements LongArray {

    private final int elementsOffset;
    private final int length;

    SharedLongArray(SharedSegment segment, String name, int blockOffset, int length, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.elementsOffset = blockOffset + SegmentLayout.ELEMENTS_OFFSET;
        this.length = length;
    }

    @Override
    EntryType type() {
        return EntryType.LONG_ARRAY;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public long get(int index) {
        return buffer.getLongVolatile(offsetOf(index));
    }

    @Override
    public void set(int index, long value) {
        buffer.putLongVolatile(offsetOf(index), value);
    }

    @Override
    public long addAndGet(int index, long delta) {
        return buffer.getAndAddLong(offsetOf(index), delta) + delta;
    }

    @Override
    public long getAndAdd(int index, long delta) {
        return buffer.getAndAddLong(offsetOf(index), delta);
    }

    @Override
    public boolean compareAndSet(int index, long expected, long value) {
        return buffer.compareAndSetLong(offsetOf(index), expected, value);
    }

    @Override
    public long getAndSet(int index, long value) {
        return buffer.getAndSetLong(offsetOf(index), value);
    }

    @Override
    public void copyFrom(long[] source, int offset) {
        if (offset < 0 || offset > length - source.length) {
            throw rangeOutOfBounds(offset, source.length, length);
        }
        copyIn(source, source.length * Long.BYTES, elementsOffset + offset * Long.BYTES);
    }

    @Override
    public long[] toArray() {
        long[] copy = new long[length];
        copyOut(elementsOffset, copy, length * Long.BYTES);
        return copy;
    }

    @Override
    public String toString() {
        return "LongArray[" + name() + ", length " + length + "]";
    }

    private int offsetOf(int index) {
        if (index < 0 || index >= length) {
            throw indexOutOfBounds(index, length);
        }
        return elementsOffset + index * Long.BYTES;
    }
}
