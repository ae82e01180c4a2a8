package io.mproc.cli;

import io.mproc.runtime.RunOptions;
import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a run's progress: a progress bar (done/total, rate, ETA) on a terminal, plain lines at every tenth
 * otherwise.
 */
abstract class Progress implements RunOptions.ProgressListener, AutoCloseable {

    static Progress start(String job, PrintWriter out) {
        return System.console() != null ? new Bar(job) : new Lines(job, out);
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
        private final String job;
        private final PrintWriter out;
        private final long start = System.nanoTime();
        private int shownTenths = -1;

        Lines(String job, PrintWriter out) {
            this.job = job;
            this.out = out;
        }

        @Override
        public void update(int tasksDone, int tasksTotal) {
            int tenths = tasksDone * 10 / tasksTotal;
            if (tenths == shownTenths) {
                return;
            }
            shownTenths = tenths;
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = tasksDone / Math.max(seconds, 1e-9);
            long eta = Math.round((tasksTotal - tasksDone) / Math.max(rate, 1e-9));
            out.printf("%s: %d/%d tasks (%d%%), %.1f tasks/s, ETA %ds%n", job, tasksDone, tasksTotal,
                    tasksDone * 100 / tasksTotal, rate, eta);
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
