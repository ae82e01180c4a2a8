package io.mproc.process;

import java.time.Duration;

/**
 * How a proxy reaches its object: at the manager ({@link ManagedRef}) or in shared memory
 * ({@link SharedMemorySync}). Either travels as its handle.
 */
interface ObjectRef {

    /** Runs one operation of the object; a failure is raised as an unchecked exception. */
    Object call(Op op, Object... arguments);

    /** {@link Op#ACQUIRE}, typed, so that a shared-memory lock can take its uncontended path without allocating. */
    default boolean acquire(long timeoutNanos) {
        return (Boolean) call(Op.ACQUIRE, timeoutNanos);
    }

    /** {@link Op#RELEASE}, typed; see {@link #acquire(long)}. */
    default void release() {
        call(Op.RELEASE);
    }

    String handle();

    /** Nanoseconds for a call's timeout argument; negative for none. */
    static long nanos(Duration timeout) {
        return timeout == null ? -1 : timeout.toNanos();
    }

    /** The object with this handle, as {@link #handle()} wrote it. */
    static ObjectRef parse(String handle) {
        return handle.startsWith(SharedMemorySync.HANDLE_PREFIX) ? SharedMemorySync.attach(handle)
                : ManagedRef.parse(handle);
    }
}
