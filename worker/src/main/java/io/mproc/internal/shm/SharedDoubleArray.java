package io.mproc.internal.shm;

import io.mproc.DoubleArray;

final class SharedDoubleArray extends AbstractSharedObject implements DoubleArray {

    private final int elementsOffset;
    private final int length;

    SharedDoubleArray(SharedSegment segment, String name, int blockOffset, int length, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.elementsOffset = blockOffset + SegmentLayout.ELEMENTS_OFFSET;
        this.length = length;
    }

    @Override
    EntryType type() {
        return EntryType.DOUBLE_ARRAY;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public double get(int index) {
        return Double.longBitsToDouble(buffer.getLongVolatile(offsetOf(index)));
    }

    @Override
    public void set(int index, double value) {
        buffer.putLongVolatile(offsetOf(index), Double.doubleToRawLongBits(value));
    }

    @Override
    public double addAndGet(int index, double delta) {
        int at = offsetOf(index);
        long bits;
        double next;
        do {
            bits = buffer.getLongVolatile(at);
            next = Double.longBitsToDouble(bits) + delta;
        } while (!buffer.compareAndSetLong(at, bits, Double.doubleToRawLongBits(next)));
        return next;
    }

    @Override
    public double getAndAdd(int index, double delta) {
        int at = offsetOf(index);
        long bits;
        double previous;
        do {
            bits = buffer.getLongVolatile(at);
            previous = Double.longBitsToDouble(bits);
        } while (!buffer.compareAndSetLong(at, bits, Double.doubleToRawLongBits(previous + delta)));
        return previous;
    }

    @Override
    public boolean compareAndSet(int index, double expected, double value) {
        return buffer.compareAndSetLong(offsetOf(index), Double.doubleToRawLongBits(expected),
                Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndSet(int index, double value) {
        return Double.longBitsToDouble(buffer.getAndSetLong(offsetOf(index), Double.doubleToRawLongBits(value)));
    }

    @Override
    public void copyFrom(double[] source, int offset) {
        if (offset < 0 || offset > length - source.length) {
            throw rangeOutOfBounds(offset, source.length, length);
        }
        copyIn(source, source.length * Long.BYTES, elementsOffset + offset * Long.BYTES);
    }

    @Override
    public double[] toArray() {
        double[] copy = new double[length];
        copyOut(elementsOffset, copy, length * Long.BYTES);
        return copy;
    }

    @Override
    public String toString() {
        return "DoubleArray[" + name() + ", length " + length + "]";
    }

    private int offsetOf(int index) {
        if (index < 0 || index >= length) {
            throw indexOutOfBounds(index, length);
        }
        return elementsOffset + index * Long.BYTES;
    }
}
