package io.mproc.runtime;

/**
 * What a job task sends back: its result and how it ran.
 *
 * @param taskIndex the task's position in the split
 * @param result    the job's per-task result, written by {@link io.mproc.internal.wire.ValueCodec#toBytes}
 * @param nanos     time spent in the job's execute
 * @param pid       the worker's process id
 * @param changes   for an isolated task, what it changed in its copy of the segment ({@link io.mproc.internal.shm.SegmentChanges});
 *                  otherwise null
 */
record TaskOutcome(int taskIndex, byte[] result, long nanos, long pid, byte[] changes) {
}
