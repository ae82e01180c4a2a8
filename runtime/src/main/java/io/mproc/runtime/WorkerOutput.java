package io.mproc.runtime;

/**
 * Receives each line a worker JVM writes to its standard output or error, such as a task's
 * {@code System.out.println}. Called from the worker's stream-pumping thread; must not block for long.
 */
@FunctionalInterface
public interface WorkerOutput {

    void line(int workerId, boolean stderr, String line);

    /** The default: each line to the {@code io.mproc.worker} {@link System.Logger}, prefixed with the worker id. */
    static WorkerOutput toLogger() {
        System.Logger logger = System.getLogger("io.mproc.worker");
        return (workerId, stderr, line) -> logger.log(stderr ? System.Logger.Level.WARNING : System.Logger.Level.INFO,
                "[worker-" + workerId + "] " + line);
    }

    /** Each line to this JVM's standard error, prefixed with the worker id, as Python's child processes do. */
    static WorkerOutput toStandardError() {
        return (workerId, stderr, line) -> System.err.println("[worker-" + workerId + "] " + line);
    }
}
