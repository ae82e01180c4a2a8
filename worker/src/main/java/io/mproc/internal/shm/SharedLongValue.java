package io.mproc.internal.shm;

import io.mproc.LongValue;

final class SharedLongValue extends AbstractSharedObject implements LongValue {

    private final int valueOffset;

    SharedLongValue(SharedSegment segment, String name, int blockOffset, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.valueOffset = blockOffset + SegmentLayout.VALUE_OFFSET;
    }

    @Override
    EntryType type() {
        return EntryType.LONG_VALUE;
    }

    @Override
    public long get() {
        return buffer.getLongVolatile(valueOffset);
    }

    @Override
    public void set(long value) {
        buffer.putLongVolatile(valueOffset, value);
    }

    @Override
    public long addAndGet(long delta) {
        return buffer.getAndAddLong(valueOffset, delta) + delta;
    }

    @Override
    public long getAndAdd(long delta) {
        return buffer.getAndAddLong(valueOffset, delta);
    }

    @Override
    public boolean compareAndSet(long expected, long value) {
        return buffer.compareAndSetLong(valueOffset, expected, value);
    }

    @Override
    public long getAndSet(long value) {
        return buffer.getAndSetLong(valueOffset, value);
    }

    @Override
    public String toString() {
        return "LongValue[" + name() + "=" + get() + "]";
    }
}
