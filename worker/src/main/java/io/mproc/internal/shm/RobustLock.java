package io.mproc.internal.shm;

import io.mproc.LockHold;
import io.mproc.internal.os.Processes;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.IdleStrategy;

/**
 * A mutual-exclusion lock on a 64-bit word in shared memory, for threads of every process that maps the word. The
 * word is 0 when the lock is free and the holder's {@linkplain #ownerId() owner id} when it is held.
 *
 * <p>Acquiring is one compare-and-set when the lock is free. A waiter backs off as {@link Backoff} says, and every
 * {@link #LIVENESS_CHECK_INTERVAL_NANOS} checks whether the holder's process is alive; if it is not, the waiter
 * swaps the dead holder's id for its own and the hold reports {@link LockHold#previousHolderDied()}. Releasing is
 * one store with release semantics.
 *
 * <p>Not reentrant, not fair. A holder that is a thread of a live process is never taken over, even if the thread
 * has ended. A dead holder whose pid the operating system has already given to a new process is taken for alive.
 *
 * <p>Thread-safe. The one {@link LockHold} is reused by every acquisition through this object; only the holding
 * thread touches it.
 */
final class RobustLock {

    static final long LIVENESS_CHECK_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MemoryBuffer buffer;
    private final int offset;
    private final String name;
    private final Hold hold = new Hold();

    RobustLock(MemoryBuffer buffer, int offset, String name) {
        this.buffer = buffer;
        this.offset = offset;
        this.name = name;
    }

    /** Waits as long as needed; an interrupt is remembered and restored once the lock is held. */
    LockHold lock() {
        long owner = ownerId();
        if (buffer.compareAndSetLong(offset, 0L, owner)) {
            return hold.acquired(false);
        }
        return await(owner, Long.MAX_VALUE);
    }

    /**
     * Waits at most the timeout; with none, tries once, taking the lock over if its holder is dead.
     *
     * @return null if the timeout passed first
     */
    LockHold tryLock(long timeoutNanos) {
        long owner = ownerId();
        if (buffer.compareAndSetLong(offset, 0L, owner)) {
            return hold.acquired(false);
        }
        if (timeoutNanos <= 0) {
            long holder = buffer.getLongVolatile(offset);
            checkNotHeldBy(owner, holder);
            return takeOverIfDead(holder, owner);
        }
        return await(owner, timeoutNanos);
    }

    /** The lock word of the calling thread: the pid in the high 32 bits, the thread id in the low 32 bits. */
    static long ownerId() {
        return Processes.SELF << 32 | (Thread.currentThread().getId() & 0xFFFF_FFFFL);
    }

    private static long pidOf(long ownerId) {
        return ownerId >>> 32;
    }

    private LockHold await(long owner, long timeoutNanos) {
        IdleStrategy idle = Backoff.newIdleStrategy();
        long start = System.nanoTime();
        long nextLivenessCheck = start + LIVENESS_CHECK_INTERVAL_NANOS;
        boolean interrupted = false;
        try {
            while (true) {
                // acquire: pairs with the release store in unlock(), so the last holder's writes are visible here
                long holder = buffer.getLongVolatile(offset);
                if (holder == 0L) {
                    if (buffer.compareAndSetLong(offset, 0L, owner)) {
                        return hold.acquired(false);
                    }
                    continue;
                }
                checkNotHeldBy(owner, holder);
                long now = System.nanoTime();
                boolean timedOut = now - start >= timeoutNanos;
                if (timedOut || now - nextLivenessCheck >= 0) {
                    LockHold taken = takeOverIfDead(holder, owner);
                    if (taken != null || timedOut) {
                        return taken;
                    }
                    nextLivenessCheck = now + LIVENESS_CHECK_INTERVAL_NANOS;
                }
                idle.idle();
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private LockHold takeOverIfDead(long holder, long owner) {
        if (holder != 0L && !Processes.isAlive(pidOf(holder)) && buffer.compareAndSetLong(offset, holder, owner)) {
            return hold.acquired(true);
        }
        if (holder == 0L && buffer.compareAndSetLong(offset, 0L, owner)) {
            return hold.acquired(false);
        }
        return null;
    }


    private void checkNotHeldBy(long owner, long holder) {
        if (holder == owner) {
            throw new IllegalStateException("this thread already holds the lock of '" + name
                    + "': the lock is not reentrant, release it before acquiring it again");
        }
    }

    private void unlock() {
        if (buffer.getLongVolatile(offset) != ownerId()) {
            throw new IllegalStateException("this thread does not hold the lock of '" + name
                    + "': close each LockHold once, in the thread that acquired it");
        }
        // release: what this holder wrote is visible to whoever next reads the word as free
        buffer.putLongRelease(offset, 0L);
    }

    private final class Hold implements LockHold {

        private boolean previousHolderDied;

        LockHold acquired(boolean previousHolderDied) {
            this.previousHolderDied = previousHolderDied;
            return this;
        }

        @Override
        public boolean previousHolderDied() {
            return previousHolderDied;
        }

        @Override
        public void close() {
            unlock();
        }

        @Override
        public String toString() {
            return "LockHold[" + name + (previousHolderDied ? ", taken over from a dead holder]" : "]");
        }
    }
}
