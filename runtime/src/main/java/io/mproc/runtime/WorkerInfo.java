package io.mproc.runtime;

/**
 * A snapshot of one live worker JVM.
 *
 * @param id             the pool's number for the worker, increasing as workers are started
 * @param pid            its process id
 * @param tasksCompleted items it has finished
 * @param busyNanos      time it spent running tasks
 */
public record WorkerInfo(int id, long pid, long tasksCompleted, long busyNanos) {
}
