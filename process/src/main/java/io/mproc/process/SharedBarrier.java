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
     * Waits until every party has arrived, or the barrier's default timeout passes, if it has one; returns this
     * party's arrival index (Python's {@code wait()}).
     *
     * @throws BarrierBrokenException if the barrier breaks (aborted, or a party timed out) or was broken
     */
    public int await() {
        return (Integer) ref.call(Op.AWAIT, -1L);
    }

    /** As {@link #await()}, breaking the barrier if the timeout passes first; a null timeout is the default. */
    public int await(Duration timeout) {
        return (Integer) ref.call(Op.AWAIT, ObjectRef.nanos(timeout));
    }

    /**
     * Breaks the barrier (Python's {@code abort()}): the parties waiting now fail, and so does every later
     * {@link #await} until {@link #reset()}. For a party that cannot arrive, so that none waits forever.
     */
    public void abort() {
        ref.call(Op.ABORT);
    }

    /**
     * Returns the barrier to its empty, unbroken state (Python's {@code reset()}); the parties waiting now fail
     * with {@link BarrierBrokenException}.
     */
    public void reset() {
        ref.call(Op.RESET);
    }

    /** How many parties are waiting now (Python's {@code n_waiting}). */
    public int nWaiting() {
        return (Integer) ref.call(Op.WAITING);
    }

    /** How many parties must arrive to release them all (Python's {@code parties}). */
    public int parties() {
        return (Integer) ref.call(Op.PARTIES);
    }

    /** Whether the barrier is broken: aborted, or a party timed out, and not reset since (Python's {@code broken}). */
    public boolean isBroken() {
        return (Boolean) ref.call(Op.IS_BROKEN);
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
