package io.mproc.jobs;

import io.mproc.Job;
import io.mproc.JobContext;
import io.mproc.JobParameter;
import io.mproc.LongArray;
import io.mproc.TaskContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts the solutions of the n-queens puzzle by backtracking on bit masks. A task fixes the queens of the first
 * row, or of the first two rows when more tasks are wanted than there are columns.
 */
public final class NQueensJob implements Job<NQueensJob.Prefix, Long> {

    /** Columns of the queens in the first rows. */
    public record Prefix(List<Integer> columns) {
    }

    @Override
    public String name() {
        return "nqueens";
    }

    @Override
    public String description() {
        return "count the ways to place n queens on an n x n board";
    }

    @Override
    public List<JobParameter> parameters() {
        return List.of(JobParameter.ofInt("n", 12, "board size"));
    }

    @Override
    public List<Prefix> split(JobContext context) {
        int n = context.parameters().getInt("n");
        if (n < 1 || n > 20) {
            throw new IllegalArgumentException("parameter 'n' must be from 1 to 20, not " + n);
        }
        List<Prefix> prefixes = new ArrayList<>();
        for (int first = 0; first < n; first++) {
            if (context.taskCount() <= n || n < 2) {
                prefixes.add(new Prefix(List.of(first)));
                continue;
            }
            for (int second = 0; second < n; second++) {
                if (Math.abs(first - second) > 1) {
                    prefixes.add(new Prefix(List.of(first, second)));
                }
            }
        }
        context.newLongArray("solutions", prefixes.size());
        return prefixes;
    }

    @Override
    public Long execute(Prefix prefix, TaskContext context) {
        int n = context.parameters().getInt("n");
        long columns = 0;
        long diagonals = 0;
        long antiDiagonals = 0;
        for (int row = 0; row < prefix.columns().size(); row++) {
            int column = prefix.columns().get(row);
            columns |= 1L << column;
            diagonals |= 1L << (row + column);
            antiDiagonals |= 1L << (row - column + n);
        }
        long count = place(n, prefix.columns().size(), columns, diagonals, antiDiagonals);
        context.longArray("solutions").set(context.taskIndex(), count);
        return count;
    }

    @Override
    public Object aggregate(List<Long> results, JobContext context) {
        LongArray solutions = context.longArray("solutions");
        long total = 0;
        for (int i = 0; i < solutions.length(); i++) {
            total += solutions.get(i);
        }
        return total;
    }

    private static long place(int n, int row, long columns, long diagonals, long antiDiagonals) {
        if (row == n) {
            return 1;
        }
        long count = 0;
        for (int column = 0; column < n; column++) {
            if ((columns & (1L << column)) == 0 && (diagonals & (1L << (row + column))) == 0
                    && (antiDiagonals & (1L << (row - column + n))) == 0) {
                count += place(n, row + 1, columns | 1L << column, diagonals | 1L << (row + column),
                        antiDiagonals | 1L << (row - column + n));
            }
        }
        return count;
    }
}
