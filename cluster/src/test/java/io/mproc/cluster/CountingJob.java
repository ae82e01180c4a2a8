package io.mproc.cluster;

import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * A job for the cluster's tests: each task adds one to a shared counter and writes its own element of a shared
 * array; task {@code fail} throws instead, and task {@code hang} never ends (making the file {@code hanging} first).
 */
public final class CountingJob implements Job<Integer, Integer> {

    /** What the shared state held at the end. */
    public record Totals(long counter, long squares) {
    }

    @Override
    public String name() {
        return "cluster-counting";
    }

    @Override
    public String description() {
        return "counts its tasks in shared memory (a test job)";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofInt("fail", -1, "the task that throws; -1 for none"),
                JobParameter.ofInt("hang", -1, "the task that never ends; -1 for none"),
                JobParameter.ofString("hanging", "", "a file the hanging task makes once it hangs; empty for none"));
    }

    @Override
    public void prepare(JobContext context) {
        context.newLongValue("counter", 0);
        context.newLongArray("squares", context.taskCount());
    }

    @Override
    public List<Integer> split(JobContext context) {
        return IntStream.range(0, context.taskCount()).boxed().toList();
    }

    @Override
    public Integer execute(Integer task, TaskContext context) {
        if (task == context.parameters().getInt("fail")) {
            throw new IllegalStateException("task " + task + " was told to fail");
        }
        if (task == context.parameters().getInt("hang")) {
            hang(context.parameters().get("hanging"));
        }
        context.longValue("counter").addAndGet(1);
        context.longArray("squares").set(task, (long) task * task);
        return task;
    }

    private static void hang(String marker) {
        try {
            if (!marker.isEmpty()) {
                Files.createFile(Path.of(marker));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (true) {
            LockSupport.park();
        }
    }

    @Override
    public Object aggregate(List<Integer> results, JobContext context) {
        long squares = 0;
        for (long square : context.longArray("squares").toArray()) {
            squares += square;
        }
        return new Totals(context.longValue("counter").get(), squares);
    }
}
