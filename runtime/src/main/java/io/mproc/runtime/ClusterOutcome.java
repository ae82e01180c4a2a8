package io.mproc.runtime;

/**
 * What a task that ran on a cluster node hands back.
 *
 * @param taskIndex the task's index in split order
 * @param result    the job's per-task result, written by {@link io.mproc.internal.wire.ValueCodec#toBytes}
 * @param nanos     time spent in the job's execute
 * @param pid       the process id of the worker that ran it, on its node
 * @param node      the address of the node
 * @param changes   the task's changes to the segment, for {@link io.mproc.internal.shm.SegmentChanges#apply}
 */
public record ClusterOutcome(int taskIndex, byte[] result, long nanos, long pid, String node, byte[] changes) {
}
