package io.mproc.runtime;

import io.mproc.JobParameters;

/**
 * One task of a job run as it travels to a worker.
 *
 * @param job             the job's name, looked up in the worker with {@link Jobs}
 * @param parameters      the run's parameters
 * @param taskIndex       the task's position in the split
 * @param taskCount       how many tasks the split made
 * @param task            the task itself, as the job's split returned it
 * @param segment         the file of the run's shared-memory segment
 * @param outputDirectory where the run may write files
 * @param isolated        whether the task runs on a private copy of the segment and hands back its changes, as on
 *                        a cluster node; otherwise it writes the segment in place
 */
record JobTask(String job, JobParameters parameters, int taskIndex, int taskCount, Object task, String segment,
               String outputDirectory, boolean isolated) {
}
