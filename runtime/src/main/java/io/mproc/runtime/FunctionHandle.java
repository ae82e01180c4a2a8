package io.mproc.runtime;

import io.mproc.internal.wire.FunctionDefinition;
import io.mproc.internal.wire.ValueCodec;

/** A function accepted for sending: its definition for the workers and the reader for its results. */
final class FunctionHandle {

    final FunctionDefinition definition;
    final ValueCodec.Reader resultReader;
    final ValueCodec.Reader firstArgumentReader;

    FunctionHandle(FunctionDefinition definition) {
        this.definition = definition;
        this.resultReader = ValueCodec.readerFor(definition.resultType());
        this.firstArgumentReader = definition.argumentTypes().isEmpty()
                ? null : ValueCodec.readerFor(definition.argumentTypes().get(0));
    }

    /** Smoothed compute time of one item on a worker, or -1 before the first result. Coordinator thread only. */
    private long itemNanos = -1;
    /**
     * Smoothed time the coordinator takes to decode and deliver one item's result, or -1 before the first; timed
     * only for chunks of at least a target chunk's compute time, the only ones whose next chunk it decides on, so
     * that short chunks' results pay no clock reads.
     */
    private long deliverNanos = -1;

    long itemNanos() {
        return itemNanos;
    }

    void recordItemNanos(long nanos) {
        itemNanos = smooth(itemNanos, nanos);
    }

    long deliverNanos() {
        return deliverNanos;
    }

    void recordDeliverNanos(long nanos) {
        deliverNanos = smooth(deliverNanos, nanos);
    }

    private static long smooth(long average, long sample) {
        return average < 0 ? sample : (average * 7 + sample * 3) / 10;
    }

    int id() {
        return definition.id();
    }

    int arity() {
        return definition.argumentTypes().size();
    }
}
