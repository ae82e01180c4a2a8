package io.mproc.runtime;

import io.mproc.JobParameters;

/**
 * One task of a job run as it travels to a worker.
 *
 * @param job             the job's name
 * @param jobClass        the job's class, which the worker loads directly; null to find the job by name among
 *                        all on the classpath ({@link Jobs#find}), which opens every jar
 * @param parameters      the run's parameters
 * @param taskIndex       the task's position in the split
 * @param taskCount       how many tasks the split made
 * @param task            the task itself, as the job's split returned it, written by
 *                        {@link io.mproc.internal.wire.ValueCodec#toBytes}
 * @param segment         the file of the run's shared-memory segment
 * @param outputDirectory where the run may write files
 * @param isolated        whether the task runs on a private copy of the segment and hands back its changes, as on
 *                        a cluster node; otherwise it writes the segment in place
 */
record JobTask(String job, String jobClass, JobParameters parameters, int taskIndex, int taskCount, byte[] task,
               String segment, String outputDirectory, boolean isolated) {
}
