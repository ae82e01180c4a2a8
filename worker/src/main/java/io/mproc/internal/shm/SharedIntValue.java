package io.mproc.internal.shm;

import io.mproc.IntValue;

final class SharedIntValue extends AbstractSharedObject implements IntValue {

    private final int valueOffset;

    SharedIntValue(SharedSegment segment, String name, int blockOffset, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.valueOffset = blockOffset + SegmentLayout.VALUE_OFFSET;
    }

    @Override
    EntryType type() {
        return EntryType.INT_VALUE;
    }

    @Override
    public int get() {
        return buffer.getIntVolatile(valueOffset);
    }

    @Override
    public void set(int value) {
        buffer.putIntVolatile(valueOffset, value);
    }

    @Override
    public int addAndGet(int delta) {
        return buffer.getAndAddInt(valueOffset, delta) + delta;
    }

    @Override
    public int getAndAdd(int delta) {
        return buffer.getAndAddInt(valueOffset, delta);
    }

    @Override
    public boolean compareAndSet(int expected, int value) {
        return buffer.compareAndSetInt(valueOffset, expected, value);
    }

    @Override
    public int getAndSet(int value) {
        return buffer.getAndSetInt(valueOffset, value);
    }

    @Override
    public String toString() {
        return "IntValue[" + name() + "=" + get() + "]";
    }
}
