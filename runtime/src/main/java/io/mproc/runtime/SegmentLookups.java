package io.mproc.runtime;

import io.mproc.BooleanValue;
import io.mproc.DoubleArray;
import io.mproc.DoubleValue;
import io.mproc.IntArray;
import io.mproc.IntValue;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.SharedState;
import io.mproc.internal.shm.SharedSegment;

/** {@link SharedState} lookups in one shared-memory segment. */
abstract class SegmentLookups implements SharedState {

    final SharedSegment segment;

    SegmentLookups(SharedSegment segment) {
        this.segment = segment;
    }

    @Override
    public LongValue longValue(String name) {
        return segment.longValue(name);
    }

    @Override
    public IntValue intValue(String name) {
        return segment.intValue(name);
    }

    @Override
    public DoubleValue doubleValue(String name) {
        return segment.doubleValue(name);
    }

    @Override
    public BooleanValue booleanValue(String name) {
        return segment.booleanValue(name);
    }

    @Override
    public LongArray longArray(String name) {
        return segment.longArray(name);
    }

    @Override
    public IntArray intArray(String name) {
        return segment.intArray(name);
    }

    @Override
    public DoubleArray doubleArray(String name) {
        return segment.doubleArray(name);
    }
}
