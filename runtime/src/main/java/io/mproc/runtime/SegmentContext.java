package io.mproc.runtime;

import io.mproc.BooleanValue;
import io.mproc.DoubleArray;
import io.mproc.DoubleValue;
import io.mproc.IntArray;
import io.mproc.IntValue;
import io.mproc.JobContext;
import io.mproc.JobParameters;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.TaskContext;
import io.mproc.internal.shm.SharedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's shared state in one shared-memory segment: the coordinator's {@link JobContext} and, bound to a task,
 * a worker's {@link TaskContext}. Task progress lives in the segment too, one slot per task.
 */
final class SegmentContext extends SegmentLookups implements JobContext {

    static final String PROGRESS = "mproc.progress";

    private final JobParameters parameters;
    private final int taskCount;
    private final Path outputDirectory;

    SegmentContext(SharedSegment segment, JobParameters parameters, int taskCount, Path outputDirectory) {
        super(segment);
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

    @Override
    public LongValue newLongValue(String name, long initial) {
        return segment.newLongValue(name, initial, true);
    }

    @Override
    public IntValue newIntValue(String name, int initial) {
        return segment.newIntValue(name, initial, true);
    }

    @Override
    public DoubleValue newDoubleValue(String name, double initial) {
        return segment.newDoubleValue(name, initial, true);
    }

    @Override
    public BooleanValue newBooleanValue(String name, boolean initial) {
        return segment.newBooleanValue(name, initial, true);
    }

    @Override
    public LongArray newLongArray(String name, int length) {
        return segment.newLongArray(name, length, true);
    }

    @Override
    public IntArray newIntArray(String name, int length) {
        return segment.newIntArray(name, length, true);
    }

    @Override
    public DoubleArray newDoubleArray(String name, int length) {
        return segment.newDoubleArray(name, length, true);
    }

    private final class Task extends SegmentLookups implements TaskContext {
        private final int taskIndex;
        private DoubleArray progress;

        Task(int taskIndex) {
            super(SegmentContext.this.segment);
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
