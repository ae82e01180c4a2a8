package io.mproc.internal.shm;

import io.mproc.DoubleValue;

final class SharedDoubleValue extends AbstractSharedObject implements DoubleValue {

    private final int valueOffset;

    SharedDoubleValue(SharedSegment segment, String name, int blockOffset, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.valueOffset = blockOffset + SegmentLayout.VALUE_OFFSET;
    }

    @Override
    EntryType type() {
        return EntryType.DOUBLE_VALUE;
    }

    @Override
    public double get() {
        return Double.longBitsToDouble(buffer.getLongVolatile(valueOffset));
    }

    @Override
    public void set(double value) {
        buffer.putLongVolatile(valueOffset, Double.doubleToRawLongBits(value));
    }

    @Override
    public double addAndGet(double delta) {
        long bits;
        double next;
        do {
            bits = buffer.getLongVolatile(valueOffset);
            next = Double.longBitsToDouble(bits) + delta;
        } while (!buffer.compareAndSetLong(valueOffset, bits, Double.doubleToRawLongBits(next)));
        return next;
    }

    @Override
    public double getAndAdd(double delta) {
        long bits;
        double previous;
        do {
            bits = buffer.getLongVolatile(valueOffset);
            previous = Double.longBitsToDouble(bits);
        } while (!buffer.compareAndSetLong(valueOffset, bits, Double.doubleToRawLongBits(previous + delta)));
        return previous;
    }

    @Override
    public boolean compareAndSet(double expected, double value) {
        return buffer.compareAndSetLong(valueOffset, Double.doubleToRawLongBits(expected),
                Double.doubleToRawLongBits(value));
    }

    @Override
    public double getAndSet(double value) {
        return Double.longBitsToDouble(buffer.getAndSetLong(valueOffset, Double.doubleToRawLongBits(value)));
    }

    @Override
    public String toString() {
        return "DoubleValue[" + name() + "=" + get() + "]";
    }
}
