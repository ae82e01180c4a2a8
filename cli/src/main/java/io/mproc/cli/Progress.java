package io.mproc.cli;

import io.mproc.runtime.RunOptions;
import java.io.PrintWriter;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: a progress bar (done/total, rate, ETA) on a terminal, plain lines at every tenth
 * otherwise.
 */
abstract class Progress implements RunOptions.ProgressListener, AutoCloseable {

    static Progress start(String job, PrintWriter out) {
        return System.console() != null ? new Bar(job) : lines(job, out, System::nanoTime);
    }

    /** Plain lines, timed by {@code nanoClock}. */
    static Progress lines(String job, PrintWriter out, LongSupplier nanoClock) {
        return new Lines(job, out, nanoClock);
    }

    @Override
    public abstract void close();

    private static final class Bar extends Progress {
        private final String job;
        private ProgressBar bar;

        Bar(String job) {
            this.job = job;
        }

        @Override
        public void update(int tasksDone, int tasksTotal) {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(job).setInitialMax(tasksTotal).setUnit(" tasks", 1)
                        .setStyle(ProgressBarStyle.ASCII).showSpeed().build();
            }
            bar.stepTo(tasksDone);
        }

        @Override
        public void close() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }
    }

    private static final class Lines extends Progress {
        /** The estimate waits for this many tasks and this much time, so that it rests on a measured rate. */
        private static final int MIN_TASKS_FOR_ESTIMATE = 3;
        private static final long MIN_NANOS_FOR_ESTIMATE = 1_000_000_000L;

        private final String job;
        private final PrintWriter out;
        private final LongSupplier clock;
        private long start;
        private int startDone = -1;
        private int shownTenths = -1;

        Lines(String job, PrintWriter out, LongSupplier clock) {
            this.job = job;
            this.out = out;
            this.clock = clock;
        }

        /** Prints a line at every tenth done; rate and estimate count from the first update, the run's start. */
        @Override
        public void update(int tasksDone, int tasksTotal) {
            if (startDone < 0) {
                start = clock.getAsLong();
                startDone = tasksDone;
            }
            int tenths = tasksDone * 10 / tasksTotal;
            if (tasksDone == startDone || tenths == shownTenths) {
                return;
            }
            shownTenths = tenths;
            long nanos = clock.getAsLong() - start;
            int counted = tasksDone - startDone;
            double rate = counted / Math.max(nanos / 1e9, 1e-9);
            String estimate = counted >= MIN_TASKS_FOR_ESTIMATE && nanos >= MIN_NANOS_FOR_ESTIMATE
                    ? String.format(", ETA %ds", Math.round((tasksTotal - tasksDone) / rate)) : "";
            out.printf("%s: %d/%d tasks (%d%%), %.1f tasks/s%s%n", job, tasksDone, tasksTotal,
                    tasksDone * 100 / tasksTotal, rate, estimate);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
