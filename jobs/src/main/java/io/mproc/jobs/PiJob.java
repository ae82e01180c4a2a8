package io.mproc.jobs;

import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.LongArray;
import io.mproc.TaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Estimates pi by Monte Carlo. The samples are cut into a fixed number of blocks, each with its own seeded
 * generator, and tasks take whole blocks: the estimate is the same for any number of workers or tasks.
 */
public final class PiJob implements Job<PiJob.Blocks, Long> {

    static final int BLOCKS = 1024;

    /** Sample blocks from {@code from} (inclusive) to {@code to} (exclusive). */
    public record Blocks(int from, int to) {
    }

    /** The estimate and how it was reached. */
    public record Estimate(double pi, long inside, long samples) {
    }

    @Override
    public String name() {
        return "pi";
    }

    @Override
    public String description() {
        return "estimate pi by Monte Carlo sampling, identical for any worker count";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofLong("samples", 200_000_000, "random points to throw"),
                JobParameter.ofLong("seed", 42, "seed of the per-block generators"));
    }

    @Override
    public List<Blocks> split(JobContext context) {
        int tasks = Math.min(context.taskCount(), BLOCKS);
        context.newLongArray("inside", tasks);
        List<Blocks> split = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            split.add(new Blocks(BLOCKS * i / tasks, BLOCKS * (i + 1) / tasks));
        }
        return split;
    }

    @Override
    public Long execute(Blocks blocks, TaskContext context) {
        long samples = context.parameters().getLong("samples");
        long seed = context.parameters().getLong("seed");
        long inside = 0;
        for (int block = blocks.from(); block < blocks.to(); block++) {
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + block);
            long n = samples / BLOCKS + (block < samples % BLOCKS ? 1 : 0);
            for (long i = 0; i < n; i++) {
                double x = random.nextDouble();
                double y = random.nextDouble();
                if (x * x + y * y <= 1.0) {
                    inside++;
                }
            }
            context.progress((double) (block + 1 - blocks.from()) / (blocks.to() - blocks.from()));
        }
        context.longArray("inside").set(context.taskIndex(), inside);
        return inside;
    }

    @Override
    public Object aggregate(List<Long> results, JobContext context) {
        LongArray slots = context.longArray("inside");
        long inside = 0;
        for (int i = 0; i < slots.length(); i++) {
            inside += slots.get(i);
        }
        long samples = context.parameters().getLong("samples");
        return new Estimate(4.0 * inside / samples, inside, samples);
    }
}
