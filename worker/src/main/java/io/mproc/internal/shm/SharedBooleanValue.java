package io.mproc.internal.shm;

import io.mproc.BooleanValue;

final class SharedBooleanValue extends AbstractSharedObject implements BooleanValue {

    private final int valueOffset;

    SharedBooleanValue(SharedSegment segment, String name, int blockOffset, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.valueOffset = blockOffset + SegmentLayout.VALUE_OFFSET;
    }

    static int toInt(boolean value) {
        return value ? 1 : 0;
    }

    @Override
    EntryType type() {
        return EntryType.BOOLEAN_VALUE;
    }

    @Override
    public boolean get() {
        return buffer.getIntVolatile(valueOffset) != 0;
    }

    @Override
    public void set(boolean value) {
        buffer.putIntVolatile(valueOffset, toInt(value));
    }

    @Override
    public boolean compareAndSet(boolean expected, boolean value) {
        return buffer.compareAndSetInt(valueOffset, toInt(expected), toInt(value));
    }

    @Override
    public boolean getAndSet(boolean value) {
        return buffer.getAndSetInt(valueOffset, toInt(value)) != 0;
    }

    @Override
    public String toString() {
        return "BooleanValue[" + name() + "=" + get() + "]";
    }
}
