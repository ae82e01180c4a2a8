package io.mproc;

import java.time.Duration;

/**
 * A value or array in shared memory that the coordinator and its worker JVMs read and write in place (Python's
 * {@code multiprocessing.Value} and {@code Array}). Passed to a task as an input, it travels as a small handle and
 * the worker attaches to the same memory; nothing is copied back.
 *
 * <p>Single reads, writes and the atomic operations of each type are safe from any thread of any process without a
 * lock. A sequence of them (read, compute, write) is not: for that, hold the object's lock:
 * <pre>{@code
 * try (LockHold hold = counter.lock()) {
 *     counter.set(counter.get() + 1);
 * }
 * }</pre>
 *
 * <p>The lock is shared by every thread of every process that uses the object. It is:
 * <ul>
 *   <li>robust: when its holder process dies, a waiter takes it over within one second, and
 *       {@link LockHold#previousHolderDied()} tells it that the protected data may be half-updated;</li>
 *   <li>not reentrant: a thread that asks again for a lock it holds gets an {@link IllegalStateException};</li>
 *   <li>not fair: a releasing thread may take it again ahead of waiters;</li>
 *   <li>released only by the thread that acquired it.</li>
 * </ul>
 * An object created raw (Python's {@code RawValue} and {@code RawArray}) has no lock, and {@link #lock()} and
 * {@link #tryLock(Duration)} throw {@link IllegalStateException}.
 */
public interface SharedObject {

    /** The name the object was created with; no other object in the same shared memory has it. */
    String name();

    /** Whether the object was created with a lock; false for a raw object. */
    boolean hasLock();

    /**
     * Acquires the object's lock, waiting as long as needed, and returns the hold that releases it. An interrupt does
     * not end the wait; the thread's interrupt status is set again once the lock is acquired.
     *
     * <p>The returned hold is one object reused by every acquisition of this lock in this JVM: use it only until it
     * is closed.
     *
     * @throws IllegalStateException if this thread already holds the lock, or the object is raw
     */
    LockHold lock();

    /**
     * Acquires the object's lock if that takes no longer than the timeout. A timeout of zero or less tries once,
     * taking the lock over if its holder process is dead.
     *
     * @return the hold that releases the lock, as for {@link #lock()}; null if the timeout passed first
     * @throws IllegalStateException if this thread already holds the lock, or the object is raw
     */
    LockHold tryLock(Duration timeout);
}
