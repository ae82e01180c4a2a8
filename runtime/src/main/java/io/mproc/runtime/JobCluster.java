package io.mproc.runtime;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Machines that run a job's tasks in place of a local pool: nodes, each with worker JVMs of its own. Each task
 * runs on a node's private copy of the run's shared-memory segment, and its outcome carries the changes it made;
 * {@link JobRunner} applies those to the run's segment as it accepts the outcome. Implementations are thread-safe.
 */
public interface JobCluster {

    /** The cluster's nodes now (host:port) and the worker JVMs of each. */
    Map<String, Integer> workersByNode();

    /** Worker JVMs across the cluster's nodes now. */
    default int workers() {
        return workersByNode().values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Runs every task of {@code run} until each has one accepted outcome, handing each to {@code accepted} exactly
     * once, one at a time. A task whose node dies is run again elsewhere; a late outcome for a task already
     * accepted is dropped.
     *
     * @return what the run took from each node
     * @throws Exception the first task failure, or why the cluster could not run the tasks
     */
    ClusterStats run(ClusterRun run, Consumer<ClusterOutcome> accepted) throws Exception;
}
