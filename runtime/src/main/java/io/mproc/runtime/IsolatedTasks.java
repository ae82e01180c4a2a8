package io.mproc.runtime;

import io.mproc.JobParameters;
import io.mproc.internal.shm.SharedSegment;
import io.mproc.internal.wire.ValueCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a cluster node's share of a run on the node's own pool: each task on its worker's private copy of the
 * node's base segment (a restored {@link ClusterRun#segment() snapshot}), handing back its changes. Thread-safe
 * as {@link Pool} is.
 */
public final class IsolatedTasks {

    private static final JobTaskFunction FUNCTION = new JobTaskFunction();

    private IsolatedTasks() {
    }

    /**
     * Loads into each of the pool's workers what an isolated task needs (the job, the codecs, a segment and the
     * worker's private copy of it), running no task, so that a node's first run does not wait for that on one core
     * after another.
     *
     * @param job       a job on the workers' classpath, by name
     * @param workers   the pool's workers
     * @param directory an empty directory for a segment of the warm-up's own; the caller deletes it afterwards
     * @param limit     how long the workers may take
     * @throws IllegalStateException if they take longer, or fail
     * @throws InterruptedException  if interrupted while waiting for them
     */
    public static void warmUp(Pool pool, String job, int workers, Path directory, Duration limit)
            throws InterruptedException {
        try (SharedSegment segment = SharedSegment.create(directory, SharedSegment.MIN_CAPACITY)) {
            JobTask task = new JobTask(job, null, new JobParameters(Map.of()), -1, 1, null,
                    segment.path().toString(), directory.toString(), true);
            pool.mapAsync(FUNCTION, Collections.nCopies(workers, task), 1).get(limit.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the workers could not load a job: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the workers did not load a job within " + limit.toSeconds() + " s", e);
        }
    }

    /**
     * Submits one task to {@code pool}.
     *
     * @param baseSegment     the node's segment for the run, which tasks read and never write
     * @param outputDirectory where the task may write files on this node
     * @param node            this node's address, for the outcome
     * @return the outcome, or the task's failure as {@link Pool#submit} reports it; cancelling it with interruption
     *         cancels the task, ending its worker if the task runs
     */
    public static CompletableFuture<ClusterOutcome> submit(Pool pool, ClusterTask task, Path baseSegment,
                                                           Path outputDirectory, String node) {
        JobTask jobTask = new JobTask(task.job(), null, task.parameters(), task.taskIndex(), task.taskCount(),
                ValueCodec.toBytes(task.task()), baseSegment.toString(), outputDirectory.toString(), true);
        CompletableFuture<TaskOutcome> submitted = pool.submit(FUNCTION, jobTask);
        CompletableFuture<ClusterOutcome> outcome = submitted.thenApply(done -> new ClusterOutcome(done.taskIndex(),
                done.result(), done.nanos(), done.pid(), node, done.changes()));
        outcome.whenComplete((value, failure) -> {
            if (outcome.isCancelled()) {
                submitted.cancel(true);
            }
        });
        return outcome;
    }
}
