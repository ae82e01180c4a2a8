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
    private final boolean locked;

    /** Memory whose factories make objects with a lock ({@code locked}) or without. */
    public SegmentMemory(Supplier<SharedSegment> segment, boolean locked) {
        this.segment = segment;
        this.locked = locked;
    }

    @Override
    public SharedMemory raw() {
        return locked ? new SegmentMemory(segment, false) : this;
    }

    @Override
    public LongValue newLongValue(String name, long initial) {
        return segment.get().newLongValue(name, initial, locked);
    }

    @Override
    public IntValue newIntValue(String name, int initial) {
        return segment.get().newIntValue(name, initial, locked);
    }

    @Override
    public DoubleValue newDoubleValue(String name, double initial) {
        return segment.get().newDoubleValue(name, initial, locked);
    }

    @Override
    public BooleanValue newBooleanValue(String name, boolean initial) {
        return segment.get().newBooleanValue(name, initial, locked);
    }

    @Override
    public ShortValue newShortValue(String name, short initial) {
        return segment.get().newShortValue(name, initial, locked);
    }

    @Override
    public ShortArray newShortArray(String name, int length) {
        return segment.get().newShortArray(name, length, locked);
    }

    @Override
    public ShortArray newShortArray(String name, short[] initial) {
        ShortArray array = newShortArray(name, initial.length);
        array.copyFrom(initial, 0);
        return array;
    }

    @Override
    public ByteArray newByteArray(String name, int length) {
        return segment.get().newByteArray(name, length, locked);
    }

    @Override
    public ByteArray newByteArray(String name, byte[] initial) {
        ByteArray array = newByteArray(name, initial.length);
        array.copyFrom(initial, 0);
        return array;
    }

    @Override
    public LongArray newLongArray(String name, int length) {
        return segment.get().newLongArray(name, length, locked);
    }

    @Override
    public IntArray newIntArray(String name, int length) {
        return segment.get().newIntArray(name, length, locked);
    }

    @Override
    public DoubleArray newDoubleArray(String name, int length) {
        return segment.get().newDoubleArray(name, length, locked);
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
