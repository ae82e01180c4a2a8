package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/**
 * Python's {@code Barrier}, held by a {@link Manager}: releases its parties together once all have arrived.
 * Thread-safe.
 */
public final class SharedBarrier {

    private final ManagedRef ref;

    SharedBarrier(ManagedRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedBarrier attach(String handle) {
        return new SharedBarrier(ManagedRef.parse(handle));
    }

    /**
     * Waits until every party has arrived; returns this party's arrival index (Python's {@code wait()}).
     *
     * @throws io.mproc.MprocException if the barrier breaks (aborted, or a party timed out)
     */
    public int await() {
        return (Integer) ref.call("await", -1L);
    }

    /** As {@link #await()}, breaking the barrier if the timeout passes first. */
    public int await(Duration timeout) {
        return (Integer) ref.call("await", ManagedRef.nanos(timeout));
    }

    /** Breaks the barrier: waiters fail, and it starts afresh. */
    public void abort() {
        ref.call("abort");
    }

    /** How many parties are waiting now. */
    public int waiting() {
        return (Integer) ref.call("waiting");
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
