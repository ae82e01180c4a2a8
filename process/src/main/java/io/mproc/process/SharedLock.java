package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/**
 * Python's {@code Lock} or {@code RLock}: any thread of any of the context's processes may acquire it. A
 * {@code Lock} may be released by any thread; an {@code RLock} is reentrant and only its owner thread releases it.
 * {@link MprocContext#lock()} keeps it in shared memory; {@link Manager#lock()} and {@link Manager#reentrantLock()} hold it
 * at the manager, where each operation is one atomic call. Thread-safe.
 */
public final class SharedLock {

    private final ObjectRef ref;

    SharedLock(ObjectRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedLock attach(String handle) {
        return new SharedLock(ObjectRef.parse(handle));
    }

    /** Waits as long as it takes to acquire. */
    public void acquire() {
        ref.call("acquire", -1L);
    }

    /** Waits up to the timeout to acquire; returns whether it did. */
    public boolean acquire(Duration timeout) {
        return (Boolean) ref.call("acquire", ObjectRef.nanos(timeout));
    }

    /** Acquires, waiting as long as it takes, and returns a hold whose {@code close} releases: for try-with-resources. */
    public Hold hold() {
        acquire();
        return this::release;
    }

    /**
     * Releases.
     *
     * @throws IllegalStateException        for a {@code Lock} that is not held
     * @throws IllegalMonitorStateException for an {@code RLock} that this thread does not hold
     */
    public void release() {
        ref.call("release");
    }

    /** A held lock; {@code close} releases it. */
    @FunctionalInterface
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
