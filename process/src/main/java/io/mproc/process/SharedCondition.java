package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;

/**
 * Python's {@code Condition} (with its own {@code RLock}), held by a {@link Manager}. As in Python, a thread
 * acquires it before {@link #await} or {@link #signal}. Python's {@code notify} and {@code notify_all} are
 * {@code signal} and {@code signalAll} here, as {@code notify} is taken by {@link Object}. Thread-safe.
 */
public final class SharedCondition {

    private final ManagedRef ref;

    SharedCondition(ManagedRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedCondition attach(String handle) {
        return new SharedCondition(ManagedRef.parse(handle));
    }

    /** Waits as long as it takes to acquire. */
    public void acquire() {
        ref.acquire(-1);
    }

    /** Waits up to the timeout to acquire; returns whether it did. */
    public boolean acquire(Duration timeout) {
        return ref.acquire(ObjectRef.nanos(timeout));
    }

    /** Releases the lock; only its owner thread may. */
    public void release() {
        ref.release();
    }

    /** Releases the lock, waits for a signal, and acquires the lock again. */
    public void await() {
        ref.call(Op.AWAIT, -1L);
    }

    /** As {@link #await()}, for up to the timeout; returns false if it passed without a signal. */
    public boolean await(Duration timeout) {
        return (Boolean) ref.call(Op.AWAIT, ObjectRef.nanos(timeout));
    }

    /** Python's {@code notify()}: wakes one waiter. */
    public void signal() {
        ref.call(Op.SIGNAL);
    }

    /** Python's {@code notify_all()}: wakes every waiter. */
    public void signalAll() {
        ref.call(Op.SIGNAL_ALL);
    }

    @JsonValue
    String handle() {
        return ref.handle();
    }
}
