package io.mproc.internal.shm;

import io.mproc.BooleanValue;
import io.mproc.ByteArray;
import io.mproc.DoubleArray;
import io.mproc.DoubleValue;
import io.mproc.IntArray;
import io.mproc.IntValue;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.SharedMemory;
import io.mproc.SharedObject;
import io.mproc.ShortArray;
import io.mproc.ShortValue;
import java.util.function.Supplier;

/**
 * {@link SharedMemory} over one {@link SharedSegment}, got from a supplier so that an owner can create its segment
 * on first use. The one implementation of the interface: pools, contexts and job runs extend or hold it.
 * Thread-safe.
 */
public class SegmentMemory implements SharedMemory {

    private final Supplier<SharedSegment> segment;
    /** The lock of the objects made here: {@link SharedSegment#NO_LOCK}, {@code OWN_LOCK}, or another's word. */
    private final int lock;

    /** Memory whose factories make objects with a lock of their own ({@code locked}) or without. */
    public SegmentMemory(Supplier<SharedSegment> segment, boolean locked) {
        this(segment, locked ? SharedSegment.OWN_LOCK : SharedSegment.NO_LOCK);
    }

    private SegmentMemory(Supplier<SharedSegment> segment, int lock) {
        this.segment = segment;
        this.lock = lock;
    }

    @Override
    public SharedMemory raw() {
        return new SegmentMemory(segment, SharedSegment.NO_LOCK);
    }

    @Override
    public SharedMemory withLockOf(SharedObject owner) {
        if (!(owner instanceof AbstractSharedObject made) || made.segment() != segment.get() || !owner.hasLock()) {
            throw new IllegalArgumentException("only an object with a lock, made in this same shared memory, can"
                    + " lend its lock; " + owner + " is not one");
        }
        return new SegmentMemory(segment, made.lockWordOffset());
    }

    @Override
    public LongValue newLongValue(String name, long initial) {
        return (LongValue) segment.get().allocate(EntryType.LONG_VALUE, name, 1, lock, initial);
    }

    @Override
    public IntValue newIntValue(String name, int initial) {
        return (IntValue) segment.get().allocate(EntryType.INT_VALUE, name, 1, lock, initial);
    }

    @Override
    public DoubleValue newDoubleValue(String name, double initial) {
        return (DoubleValue) segment.get().allocate(EntryType.DOUBLE_VALUE, name, 1, lock,
                Double.doubleToRawLongBits(initial));
    }

    @Override
    public BooleanValue newBooleanValue(String name, boolean initial) {
        return (BooleanValue) segment.get().allocate(EntryType.BOOLEAN_VALUE, name, 1, lock,
                SharedBooleanValue.toInt(initial));
    }

    @Override
    public ShortValue newShortValue(String name, short initial) {
        return (ShortValue) segment.get().allocate(EntryType.SHORT_VALUE, name, 1, lock, initial);
    }

    @Override
    public ShortArray newShortArray(String name, int length) {
        return (ShortArray) segment.get().allocate(EntryType.SHORT_ARRAY, name, length, lock, 0);
    }

    @Override
    public ShortArray newShortArray(String name, short[] initial) {
        ShortArray array = newShortArray(name, initial.length);
        array.copyFrom(initial, 0);
        return array;
    }

    @Override
    public ByteArray newByteArray(String name, int length) {
        return (ByteArray) segment.get().allocate(EntryType.BYTE_ARRAY, name, length, lock, 0);
    }

    @Override
    public ByteArray newByteArray(String name, byte[] initial) {
        ByteArray array = newByteArray(name, initial.length);
        array.copyFrom(initial, 0);
        return array;
    }

    @Override
    public LongArray newLongArray(String name, int length) {
        return (LongArray) segment.get().allocate(EntryType.LONG_ARRAY, name, length, lock, 0);
    }

    @Override
    public IntArray newIntArray(String name, int length) {
        return (IntArray) segment.get().allocate(EntryType.INT_ARRAY, name, length, lock, 0);
    }

    @Override
    public DoubleArray newDoubleArray(String name, int length) {
        return (DoubleArray) segment.get().allocate(EntryType.DOUBLE_ARRAY, name, length, lock, 0);
    }

    @Override
    public LongArray newLongArray(String name, long[] initial) {
        LongArray array = newLongArray(name, initial.length);
        array.copyFrom(initial, 0);
        return array;
    }

    @Override
    public IntArray newIntArray(String name, int[] initial) {
        IntArray array = newIntArray(name, initial.length);
        array.copyFrom(initial, 0);
        return array;
    }

    @Override
    public DoubleArray newDoubleArray(String name, double[] initial) {
        DoubleArray array = newDoubleArray(name, initial.length);
        array.copyFrom(initial, 0);
        return array;
    }

    @Override
    public LongValue longValue(String name) {
        return segment.get().longValue(name);
    }

    @Override
    public IntValue intValue(String name) {
        return segment.get().intValue(name);
    }

    @Override
    public DoubleValue doubleValue(String name) {
        return segment.get().doubleValue(name);
    }

    @Override
    public BooleanValue booleanValue(String name) {
        return segment.get().booleanValue(name);
    }

    @Override
    public ShortValue shortValue(String name) {
        return segment.get().shortValue(name);
    }

    @Override
    public ShortArray shortArray(String name) {
        return segment.get().shortArray(name);
    }

    @Override
    public ByteArray byteArray(String name) {
        return segment.get().byteArray(name);
    }

    @Override
    public LongArray longArray(String name) {
        return segment.get().longArray(name);
    }

    @Override
    public IntArray intArray(String name) {
        return segment.get().intArray(name);
    }

    @Override
    public DoubleArray doubleArray(String name) {
        return segment.get().doubleArray(name);
    }
}
