package io.mproc.process;

import java.time.Duration;

/**
 * How a proxy reaches its object: at the manager ({@link ManagedRef}) or in shared memory
 * ({@link SharedMemorySync}). Either travels as its handle.
 */
interface ObjectRef {

    /** Runs one operation of the object; a failure is raised as an unchecked exception. */
    Object call(String method, Object... arguments);

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
