package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Python's {@code Condition} (with its own {@code RLock}), held by a {@link Manager} or in shared memory
 * ({@link MprocContext#condition()}). As in Python, a thread
 * acquires it before {@link #await} or {@link #signal}. Python's {@code notify} and {@code notify_all} are
 * {@code signal} and {@code signalAll} here, as {@code notify} is taken by {@link Object}; the lock itself is
 * Python's {@code RLock}, with {@link #acquire()}, {@link #release()} and {@link #locked()}. Thread-safe.
 */
public final class SharedCondition {

    private final ObjectRef ref;

    SharedCondition(ObjectRef ref) {
        this.ref = ref;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static SharedCondition attach(String handle) {
        return new SharedCondition(ObjectRef.parse(handle));
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

    /**
     * Python's {@code wait_for(predicate, timeout)}: waits, releasing the lock meanwhile, until the predicate holds
     * or the timeout passes, and returns the predicate's last value. The predicate is tested in this process, with
     * the lock held, before the first wait and after each wake-up; a null timeout waits as long as it takes.
     */
    public boolean waitFor(BooleanSupplier predicate, Duration timeout) {
        long nanos = Blocking.nanos(timeout);
        boolean forever = nanos == Blocking.FOREVER || nanos == Long.MAX_VALUE;
        long deadline = forever ? 0 : System.nanoTime() + nanos;
        boolean result = predicate.getAsBoolean();
        while (!result) {
            if (forever) {
                await();
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                await(Duration.ofNanos(left));
            }
            result = predicate.getAsBoolean();
        }
        return true;
    }

    /** Python's {@code notify()}: wakes one waiter. */
    public void signal() {
        ref.call(Op.SIGNAL, 1);
    }

    /** Python's {@code notify(n)}: wakes up to {@code n} waiters. */
    public void signal(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot wake a negative number of waiters: " + n);
        }
        ref.call(Op.SIGNAL, n);
    }

    /** Whether some thread holds the condition's lock now (Python's {@code locked()}). */
    public boolean locked() {
        return (Boolean) ref.call(Op.LOCKED);
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
