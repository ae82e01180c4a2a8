package io.mproc.jobs;

import io.mproc.DoubleArray;
import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.TaskContext;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Multiplies two dense n x n matrices. A, B and the product C live in shared arrays; each task reads A and B in
 * place and writes its band of rows of C, so nothing is copied per task.
 */
public final class MatmulJob implements Job<Rows, Integer> {

    /** The product's size and checksum (the sum of its elements, in row order). */
    public record Product(int n, double checksum) {
    }

    @Override
    public String name() {
        return "matmul";
    }

    @Override
    public String description() {
        return "multiply two dense matrices held in shared arrays";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofInt("n", 400, "rows and columns of each matrix"),
                JobParameter.ofLong("seed", 7, "seed of the random inputs"));
    }

    @Override
    public void prepare(JobContext context) {
        int n = context.parameters().getInt("n");
        if (n < 1) {
            throw new IllegalArgumentException("parameter 'n' must be at least 1, not " + n);
        }
        SplittableRandom random = new SplittableRandom(context.parameters().getLong("seed"));
        context.newDoubleArray("a", n * n).copyFrom(random.doubles(n * n, -1, 1).toArray(), 0);
        context.newDoubleArray("b", n * n).copyFrom(random.doubles(n * n, -1, 1).toArray(), 0);
        context.newDoubleArray("c", n * n);
    }

    @Override
    public List<Rows> split(JobContext context) {
        return Rows.bands(context.parameters().getInt("n"), context.taskCount());
    }

    @Override
    public Integer execute(Rows rows, TaskContext context) {
        int n = context.parameters().getInt("n");
        DoubleArray a = context.doubleArray("a");
        DoubleArray b = context.doubleArray("b");
        DoubleArray c = context.doubleArray("c");
        for (int i = rows.from(); i < rows.to(); i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += a.get(i * n + k) * b.get(k * n + j);
                }
                c.set(i * n + j, sum);
            }
        }
        return rows.to() - rows.from();
    }

    @Override
    public Object aggregate(List<Integer> results, JobContext context) {
        double checksum = 0;
        for (double value : context.doubleArray("c").toArray()) {
            checksum += value;
        }
        return new Product(context.parameters().getInt("n"), checksum);
    }
}
