package io.mproc;

import java.time.Duration;

/** The task ran longer than the pool's task timeout; its worker was killed and replaced. */
public final class TaskTimeoutException extends TaskException {

    private static final long serialVersionUID = 1L;

    private final Duration timeout;

    public TaskTimeoutException(Duration timeout, int workerId, long workerPid) {
        super("task ran longer than its timeout of " + timeout.toMillis() + " ms in worker " + workerId + " (pid "
                + workerPid + "); the worker was killed and replaced", null);
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
