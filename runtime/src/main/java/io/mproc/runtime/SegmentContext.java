package io.mproc.runtime;

import io.mproc.DoubleArray;
import io.mproc.JobContext;
import io.mproc.JobParameters;
import io.mproc.TaskContext;
import io.mproc.internal.shm.SegmentMemory;
import io.mproc.internal.shm.SharedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's shared state in one shared-memory segment: the coordinator's {@link JobContext} and, bound to a task,
 * a worker's {@link TaskContext}. Task progress lives in the segment too, one slot per task.
 */
final class SegmentContext extends SegmentMemory implements JobContext {

    static final String PROGRESS = "mproc.progress";

    private final SharedSegment segment;
    private final JobParameters parameters;
    private final int taskCount;
    private final Path outputDirectory;

    SegmentContext(SharedSegment segment, JobParameters parameters, int taskCount, Path outputDirectory) {
        super(() -> segment, true);
        this.segment = segment;
        this.parameters = parameters;
        this.taskCount = taskCount;
        this.outputDirectory = outputDirectory;
    }

    SharedSegment segment() {
        return segment;
    }

    /** The context a task sees. */
    TaskContext forTask(int taskIndex) {
        return new Task(taskIndex);
    }

    @Override
    public JobParameters parameters() {
        return parameters;
    }

    @Override
    public int taskCount() {
        return taskCount;
    }

    @Override
    public Path outputDirectory() {
        try {
            return Files.createDirectories(outputDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output directory " + outputDirectory, e);
        }
    }

    private final class Task extends SegmentMemory implements TaskContext {
        private final int taskIndex;
        private DoubleArray progress;

        Task(int taskIndex) {
            super(() -> segment, true);
            this.taskIndex = taskIndex;
        }

        @Override
        public JobParameters parameters() {
            return parameters;
        }

        @Override
        public int taskIndex() {
            return taskIndex;
        }

        @Override
        public int taskCount() {
            return taskCount;
        }

        @Override
        public void progress(double fraction) {
            if (progress == null) {
                progress = segment.doubleArray(PROGRESS);
            }
            progress.set(taskIndex, Math.max(0, Math.min(1, fraction)));
        }
    }
}
