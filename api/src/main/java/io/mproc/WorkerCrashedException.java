package io.mproc;

/**
 * The worker JVM running the task died (it exited, was killed, or ran out of memory) and the task had no
 * retries left.
 */
public final class WorkerCrashedException extends TaskException {

    private static final long serialVersionUID = 1L;

    private final int workerId;
    private final long workerPid;
    private final int exitCode;

    public WorkerCrashedException(int workerId, long workerPid, int exitCode, String likelyCause, int attempts) {
        super("worker " + workerId + " (pid " + workerPid + ") died while running the task: exit code " + exitCode
                + " (" + likelyCause + "); the task was tried " + attempts + " time" + (attempts == 1 ? "" : "s")
                + ", raise the pool's maxRetries to try it more often", null);
        this.workerId = workerId;
        this.workerPid = workerPid;
        this.exitCode = exitCode;
    }

    public int workerId() {
        return workerId;
    }

    public long workerPid() {
        return workerPid;
    }

    /** The worker's exit code; 128 + N when it was ended by signal N (137 for {@code kill -9}). */
    public int exitCode() {
        return exitCode;
    }
}
