package io.mproc;

/**
 * A held {@link SharedObject} lock; {@link #close()} releases it. Meant for try-with-resources. The object is reused
 * by later acquisitions of the same lock in this JVM, so it must not be used after it is closed.
 */
public interface LockHold extends AutoCloseable {

    /**
     * Whether the lock was taken over from a holder process that died while holding it. If so, that process may have
     * been killed halfway through an update, and the data the lock protects may need repair.
     */
    boolean previousHolderDied();

    /**
     * Releases the lock.
     *
     * @throws IllegalStateException if the calling thread does not hold the lock, for instance because the hold was
     *                               closed already or the lock was acquired by another thread
     */
    @Override
    void close();
}
