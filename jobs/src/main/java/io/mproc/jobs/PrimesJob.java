package io.mproc.jobs;

import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.LongArray;
import io.mproc.TaskContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the primes below a limit by trial division. Each task writes its count into its own slot of a shared
 * array; the total is summed from the slots into the shared value {@code primes}.
 */
public final class PrimesJob implements Job<PrimesJob.Range, Long> {

    /** Numbers from {@code from} (inclusive) to {@code to} (exclusive). */
    public record Range(long from, long to) {
    }

    @Override
    public String name() {
        return "primes";
    }

    @Override
    public String description() {
        return "count the primes below a limit, by trial division";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofLong("limit", 10_000_000, "count primes below this number"));
    }

    @Override
    public void prepare(JobContext context) {
        context.newLongValue("primes", 0);
    }

    @Override
    public List<Range> split(JobContext context) {
        long limit = context.parameters().getLong("limit");
        int tasks = (int) Math.max(1, Math.min(context.taskCount(), limit));
        context.newLongArray("counts", tasks);
        List<Range> ranges = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            ranges.add(new Range(limit * i / tasks, limit * (i + 1) / tasks));
        }
        return ranges;
    }

    @Override
    public Long execute(Range range, TaskContext context) {
        long count = 0;
        for (long n = range.from(); n < range.to(); n++) {
            if (isPrime(n)) {
                count++;
            }
            if ((n & 0xFFFF) == 0) {
                context.progress((double) (n - range.from()) / (range.to() - range.from()));
            }
        }
        context.longArray("counts").set(context.taskIndex(), count);
        return count;
    }

    @Override
    public Object aggregate(List<Long> results, JobContext context) {
        LongArray counts = context.longArray("counts");
        long total = 0;
        for (int i = 0; i < counts.length(); i++) {
            total += counts.get(i);
        }
        context.longValue("primes").set(total);
        return total;
    }

    static boolean isPrime(long n) {
        if (n < 2) {
            return false;
        }
        if (n % 2 == 0) {
            return n == 2;
        }
        for (long d = 3; d * d <= n; d += 2) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
