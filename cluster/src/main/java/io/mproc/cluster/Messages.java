package io.mproc.cluster;

import io.mproc.runtime.ClusterOutcome;
import io.mproc.runtime.ClusterTask;
import java.util.List;

/** The payloads inside {@link Sealed} messages, encoded by mproc's wire codec. */
final class Messages {

    private Messages() {
    }

    /**
     * Tasks of one run for a node, which runs them side by side on its workers.
     *
     * @param runId           the run, whose segment snapshot is in the cluster's {@code mproc.segments} map
     * @param segmentCapacity the capacity of the run's segment
     * @param code            the SHA-256 (hex) of the job's jar in the cluster's {@code mproc.code} map; null if
     *                        the coordinator sent none
     * @param tasks           the tasks, one or more
     */
    record TaskRequest(String runId, long segmentCapacity, String code, List<ClusterTask> tasks) {
    }

    /** A node's answer: every task's outcome, or why one of them failed. Exactly one is set. */
    record TaskReply(List<ClusterOutcome> outcomes, Failure failure) {
    }

    /**
     * A task that failed on a node.
     *
     * @param taskIndex the task's index in split order
     * @param className the class of what the task threw, or of why it could not run
     * @param message   its message
     * @param pid       the worker that ran it; 0 if none did
     * @param node      the node's address
     */
    record Failure(int taskIndex, String className, String message, long pid, String node) {
    }
}
