package io.mproc.internal.shm;

import io.mproc.ShortValue;

/** A {@code short} kept in an {@code int} word, so that its compare-and-set is the word's. */
final class SharedShortValue extends AbstractSharedObject implements ShortValue {

    private final int valueOffset;

    SharedShortValue(SharedSegment segment, String name, int blockOffset, int lockWordOffset) {
        super(segment, name, lockWordOffset);
        this.valueOffset = blockOffset + SegmentLayout.VALUE_OFFSET;
    }

    @Override
    EntryType type() {
        return EntryType.SHORT_VALUE;
    }

    @Override
    public short get() {
        return (short) buffer.getIntVolatile(valueOffset);
    }

    @Override
    public void set(short value) {
        buffer.putIntVolatile(valueOffset, value);
    }

    @Override
    public short addAndGet(short delta) {
        while (true) {
            int current = buffer.getIntVolatile(valueOffset);
            short next = (short) (current + delta);
            if (buffer.compareAndSetInt(valueOffset, current, next)) {
                return next;
            }
        }
    }

    @Override
    public boolean compareAndSet(short expected, short value) {
        return buffer.compareAndSetInt(valueOffset, expected, value);
    }

    @Override
    public String toString() {
        return "ShortValue[" + name() + "=" + get() + "]";
    }
}
