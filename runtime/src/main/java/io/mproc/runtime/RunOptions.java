package io.mproc.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.mproc.PoolSettings;
import java.nio.file.Path;

/**
 * How {@link JobRunner} runs a job.
 *
 * @param pool              the worker pool's settings (its worker count is the run's parallelism)
 * @param tasks             how many tasks to split into; 0 for {@link #defaultTasks(int)}
 * @param baseline          also run the tasks on one thread in this process, to measure speedup
 * @param threads           also run the tasks on an in-process pool of as many threads as workers
 * @param outputDirectory   where jobs write files they produce
 * @param sharedMemoryBytes the size of each run's shared-memory segment
 * @param output            where the workers' output lines go
 * @param progress          told as tasks of the parallel run finish
 * @param registry          where the pool's and the run's meters go; null for none
 */
public record RunOptions(PoolSettings pool, int tasks, boolean baseline, boolean threads, Path outputDirectory,
                         long sharedMemoryBytes, WorkerOutput output, ProgressListener progress,
                         MeterRegistry registry) {

    /** Receives the progress of the parallel run, on the runner's thread: first with 0 done, as the run starts. */
    @FunctionalInterface
    public interface ProgressListener {
        void update(int tasksDone, int tasksTotal);
    }

    public RunOptions {
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks = " + tasks + " is not allowed: use 0 (automatic) or more");
        }
    }

    /** Options without meters. */
    public RunOptions(PoolSettings pool, int tasks, boolean baseline, boolean threads, Path outputDirectory,
                      long sharedMemoryBytes, WorkerOutput output, ProgressListener progress) {
        this(pool, tasks, baseline, threads, outputDirectory, sharedMemoryBytes, output, progress, null);
    }

    /** Tasks for a run on {@code workers} workers: enough to balance uneven tasks, at least 64. */
    public static int defaultTasks(int workers) {
        return Math.max(64, workers * 16);
    }

    int taskCount(int workers) {
        return tasks > 0 ? tasks : defaultTasks(workers);
    }
}
