package io.mproc.runtime;

import io.mproc.Job;
import io.mproc.TaskFunction;
import io.mproc.internal.os.Processes;
import io.mproc.internal.shm.SegmentChanges;
import io.mproc.internal.shm.SharedSegment;
import io.mproc.internal.wire.ValueCodec;
import java.nio.file.Path;

/**
 * Runs one task of a job in a worker: finds the job, attaches the run's segment, and times the task. A task with
 * a negative index only warms the worker up (loads the job, the codecs and the segment) and runs nothing. An
 * isolated task runs on this worker's private copy of the segment, and its changes go back with its outcome.
 */
final class JobTaskFunction implements TaskFunction<JobTask, TaskOutcome> {

    @Override
    public TaskOutcome apply(JobTask task) throws Exception {
        Job<Object, Object> job = Jobs.cached(task.job(), task.jobClass());
        SharedSegment segment = SharedSegment.attach(Path.of(task.segment()));
        SharedSegment target = task.isolated() ? PrivateCopy.of(segment) : segment;
        SegmentContext context = new SegmentContext(target, task.parameters(), task.taskCount(),
                Path.of(task.outputDirectory()));
        Object spec = task.task() == null ? null : ValueCodec.fromBytes(task.task(), Jobs.taskReader(job));
        if (task.taskIndex() < 0) {
            return new TaskOutcome(task.taskIndex(), null, 0, Processes.SELF, null);
        }
        long start = System.nanoTime();
        Object result;
        try {
            result = job.execute(spec, context.forTask(task.taskIndex()));
        } catch (Exception | Error e) {
            if (task.isolated()) {
                SegmentChanges.takeAndReset(segment, target);
            }
            throw e;
        }
        long nanos = System.nanoTime() - start;
        return new TaskOutcome(task.taskIndex(), ValueCodec.toBytes(result), nanos, Processes.SELF,
                task.isolated() ? SegmentChanges.takeAndReset(segment, target) : null);
    }
}
