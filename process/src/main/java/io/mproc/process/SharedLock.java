package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mproc.LockHold;
import java.time.Duration;

/**
 * Python's {@code Lock} or {@code RLock}: any thread of any of the context's processes may acquire it. A {@code Lock}
 * may be released by any thread; an {@code RLock} is reentrant and only its owner thread releases it.
 * {@link MprocContext#lock()} keeps it in shared memory; {@link Manager#lock()} and {@link Manager#reentrantLock()}
 * hold it at the manager, where each operation is one atomic call. Thread-safe.
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
        ref.acquire(-1);
    }

    /** Waits up to the timeout to acquire; returns whether it did. */
    public boolean acquire(Duration timeout) {
        return ref.acquire(ObjectRef.nanos(timeout));
    }

    /**
     * Acquires, waiting as long as it takes, and returns a hold whose {@code close} releases: for
     * try-with-resources, as Python's {@code with lock:}. Its {@link LockHold#previousHolderDied()} is false: a
     * holder that dies leaves this lock held, as in Python.
     */
    public LockHold hold() {
        acquire();
        return new Held(this);
    }

    /**
     * Releases.
     *
     * @throws IllegalStateException        for a {@code Lock} that is not held
     * @throws IllegalMonitorStateException for an {@code RLock} that this thread does not hold
     */
    public void release() {
        ref.release();
    }

    private record Held(SharedLock lock) implements LockHold {
        @Override
        public boolean previousHolderDied() {
            return false;
        }

        @Override
        public void close() {
            lock.release();
        }
    }

    /** Whether some thread holds the lock now (Python's {@code locked()}); a snapshot, for monitoring. */
    public boolean locked() {
        return (Boolean) ref.call(Op.LOCKED);
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
