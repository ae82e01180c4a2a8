package io.mproc;

/**
 * The task's function threw in a worker. The cause is a {@link RemoteThrowable} that carries the remote
 * exception's class, message, stack trace and causes.
 */
public final class TaskFailedException extends TaskException {

    private static final long serialVersionUID = 1L;

    private final long workerPid;

    public TaskFailedException(RemoteThrowable remote, long workerPid) {
        super("task failed in worker pid " + workerPid + ": " + remote, remote);
        this.workerPid = workerPid;
    }

    /** The remote exception as it was thrown, with its causes. */
    public RemoteThrowable remote() {
        return (RemoteThrowable) getCause();
    }

    /** The process id of the worker JVM that ran the task. */
    public long workerPid() {
        return workerPid;
    }
}
