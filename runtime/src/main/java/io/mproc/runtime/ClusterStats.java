package io.mproc.runtime;

import java.util.Map;

/**
 * What a {@link JobCluster} run took from the cluster.
 *
 * @param workersByNode each node's address and its worker count, for the nodes the run used
 * @param tasksRetried  tasks run again because their node left the cluster while running them
 * @param nodesLost     nodes that left the cluster during the run
 */
public record ClusterStats(Map<String, Integer> workersByNode, long tasksRetried, long nodesLost) {

    public ClusterStats {
        workersByNode = Map.copyOf(workersByNode);
    }
}
