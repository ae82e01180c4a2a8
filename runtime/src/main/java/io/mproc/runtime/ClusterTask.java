package io.mproc.runtime;

import io.mproc.JobParameters;

/**
 * One task of a {@link ClusterRun} as a node receives it.
 *
 * @param job        the job's name
 * @param parameters its parameters
 * @param taskIndex  the task's index in split order
 * @param taskCount  how many tasks the run has
 * @param task       the task itself, as JSON or as the job's task type
 */
public record ClusterTask(String job, JobParameters parameters, int taskIndex, int taskCount, Object task) {
}
