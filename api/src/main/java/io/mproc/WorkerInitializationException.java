package io.mproc;

/** The pool's {@link WorkerInitializer} threw in a worker, so the pool cannot run tasks. */
public final class WorkerInitializationException extends MprocException {

    private static final long serialVersionUID = 1L;

    public WorkerInitializationException(RemoteThrowable remote) {
        super("the worker initializer failed: " + remote, remote);
    }
}
