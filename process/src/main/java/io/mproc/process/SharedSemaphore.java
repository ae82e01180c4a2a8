package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/**
 * Python's {@code Semaphore} ({@code BoundedSemaphore} when made with a bound), in shared memory
 * ({@link MprocContext#semaphore(int)}) or held by a {@link Manager}. Each operation is atomic. Thread-safe.
 */
public final class SharedSemaphore {

    private final ObjectRef ref;

    SharedSemaphore(ObjectRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedSemaphore attach(String handle) {
        return new SharedSemaphore(ObjectRef.parse(handle));
    }

    /** Waits as long as it takes to acquire. */
    public void acquire() {
        ref.acquire(-1);
    }

    /** Waits up to the timeout to acquire; returns whether it did. */
    public boolean acquire(Duration timeout) {
        return ref.acquire(ObjectRef.nanos(timeout));
    }

    /**
     * Gives a permit back.
     *
     * @throws IllegalStateException for a bounded semaphore released more often than acquired
     */
    public void release() {
        ref.release();
    }

    /** The permits available now. */
    public int value() {
        return (Integer) ref.call(Op.VALUE);
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
