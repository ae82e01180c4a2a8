package io.mproc.runtime;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a cluster node's share of a run on the node's own pool: each task on its worker's private copy of the
 * node's base segment (a restored {@link ClusterRun#segment() snapshot}), handing back its changes. Thread-safe
 * as {@link Pool} is.
 */
public final class IsolatedTasks {

    private static final JobTaskFunction FUNCTION = new JobTaskFunction();

    private IsolatedTasks() {
    }

    /**
     * Submits one task to {@code pool}.
     *
     * @param baseSegment     the node's segment for the run, which tasks read and never write
     * @param outputDirectory where the task may write files on this node
     * @param node            this node's address, for the outcome
     * @return the outcome, or the task's failure as {@link Pool#submit} reports it
     */
    public static CompletableFuture<ClusterOutcome> submit(Pool pool, ClusterTask task, Path baseSegment,
                                                           Path outputDirectory, String node) {
        JobTask jobTask = new JobTask(task.job(), null, task.parameters(), task.taskIndex(), task.taskCount(),
                task.task(), baseSegment.toString(), outputDirectory.toString(), true);
        return pool.submit(FUNCTION, jobTask).thenApply(outcome -> new ClusterOutcome(
                outcome.taskIndex(), outcome.result(), outcome.nanos(), outcome.pid(), node, outcome.changes()));
    }
}
