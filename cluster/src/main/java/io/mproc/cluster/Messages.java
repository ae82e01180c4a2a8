package io.mproc.cluster;

import io.mproc.runtime.ClusterOutcome;
import io.mproc.runtime.ClusterTask;

/** The payloads inside {@link Sealed} messages, encoded by mproc's wire codec. */
final class Messages {

    private Messages() {
    }

    /**
     * A task for a node.
     *
     * @param runId           the run, whose segment snapshot is in the cluster's {@code mproc.segments} map
     * @param segmentCapacity the capacity of the run's segment
     * @param code            the SHA-256 (hex) of the job's jar in the cluster's {@code mproc.code} map; null if
     *                        the coordinator sent none
     * @param task            the task
     */
    record TaskRequest(String runId, long segmentCapacity, String code, ClusterTask task) {
    }

    /** A node's answer: the outcome, or why the task failed. Exactly one is set. */
    record TaskReply(ClusterOutcome outcome, Failure failure) {
    }

    /**
     * A task that failed on a node.
     *
     * @param className the class of what the task threw, or of why it could not run
     * @param message   its message
     * @param pid       the worker that ran it; 0 if none did
     * @param node      the node's address
     */
    record Failure(String className, String message, long pid, String node) {
    }
}
