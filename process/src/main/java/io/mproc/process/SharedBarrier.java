package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/**
 * Python's {@code Barrier}: releases its parties together once all have arrived. In shared memory
 * ({@link MprocContext#barrier(int)}) or held by a {@link Manager}. Thread-safe.
 */
public final class SharedBarrier {

    private final ObjectRef ref;

    SharedBarrier(ObjectRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedBarrier attach(String handle) {
        return new SharedBarrier(ObjectRef.parse(handle));
    }

    /**
     * Waits until every party has arrived; returns this party's arrival index (Python's {@code wait()}).
     *
     * @throws BarrierBrokenException if the barrier breaks (aborted, or a party timed out) or was broken
     */
    public int await() {
        return (Integer) ref.call(Op.AWAIT, -1L);
    }

    /** As {@link #await()}, breaking the barrier if the timeout passes first. */
    public int await(Duration timeout) {
        return (Integer) ref.call(Op.AWAIT, ObjectRef.nanos(timeout));
    }

    /** Breaks the barrier for the parties waiting now, which fail, and starts it afresh (Python's {@code reset()}). */
    public void abort() {
        ref.call(Op.ABORT);
    }

    /** How many parties are waiting now. */
    public int waiting() {
        return (Integer) ref.call(Op.WAITING);
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
