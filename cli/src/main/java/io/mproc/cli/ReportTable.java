package io.mproc.cli;

import io.mproc.runtime.JobReport;
import java.util.Locale;
import java.util.stream.Collectors;

/** A job report as a table for the terminal. */
final class ReportTable {

    /**
     * Tasks shorter than this may be too short to gain; longer ones never are, whatever the run's one-off costs
     * (starting a node's copy of shared memory, a worker's first class loading) add to the dispatch figure.
     */
    private static final double SHORT_TASK_MILLIS = 5;

    private ReportTable() {
    }

    static String format(JobReport report) {
        StringBuilder text = new StringBuilder(System.lineSeparator());
        line(text, "job", report.job() + "  " + report.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        line(text, "result", String.valueOf(report.result()));
        line(text, "workers", report.workers() + " JVMs, " + report.tasks() + " tasks");
        if (report.baseline() != null) {
            line(text, "baseline", millis(report.baseline().wallMillis()) + "  (one thread, in this JVM)");
        }
        line(text, "parallel", millis(report.parallel().wallMillis()) + "  (+ "
                + millis(report.parallel().startupMillis()) + " pool start-up, measured apart)");
        if (report.threads() != null) {
            line(text, "threads", millis(report.threads().wallMillis()) + "  (" + report.workers()
                    + " threads in this JVM)");
        }
        if (report.speedup() != null) {
            line(text, "speedup", format("%.2fx   efficiency %.2f", report.speedup(), report.efficiency())
                    + (report.karpFlatt() == null ? "" : format("   Karp-Flatt serial fraction %.3f",
                    report.karpFlatt())));
        }
        if (report.resultsMatch() != null) {
            line(text, "results", report.resultsMatch() ? "all runs agree" : "THE RUNS DISAGREE");
        }
        JobReport.Percentiles tasks = report.taskMillis();
        line(text, "task time", format("p50 %.1f ms   p95 %.1f ms   p99 %.1f ms   max %.1f ms", tasks.p50(),
                tasks.p95(), tasks.p99(), tasks.max()));
        line(text, "dispatch", format("%.1f us per task", report.dispatchOverheadMicros()));
        if (tasks.p50() < SHORT_TASK_MILLIS && report.dispatchOverheadMicros() > tasks.p50() * 1000) {
            line(text, "hint", format("the tasks are too short to gain: half take under %.2f ms, less than the %.2f ms"
                    + " each costs the workers besides; split into fewer, larger tasks (--tasks)", tasks.p50(),
                    report.dispatchOverheadMicros() / 1000));
        }
        line(text, "failures", report.workersReplaced() + " workers replaced, " + report.tasksRetried()
                + " tasks retried");
        boolean onCluster = report.nodes() != null;
        String nodeColumn = onCluster ? "%-21s" : "%8s";
        text.append(format("%n  %-10s " + nodeColumn + " %7s %11s %12s%n", "worker pid", onCluster ? "node" : "",
                "tasks", "busy", "utilization"));
        for (JobReport.WorkerShare worker : report.perWorker()) {
            text.append(format("  %-10d " + nodeColumn + " %7d %11s %11.1f%%%n", worker.pid(),
                    onCluster ? worker.node() : "", worker.tasks(), millis(worker.busyMillis()),
                    worker.utilization() * 100));
        }
        if (report.nodes() != null) {
            text.append(format("%n  %-21s %7s %7s %11s %12s%n", "node", "workers", "tasks", "busy", "utilization"));
            for (JobReport.NodeShare node : report.nodes()) {
                text.append(format("  %-21s %7d %7d %11s %11.1f%%%n", node.address(), node.workers(), node.tasks(),
                        millis(node.busyMillis()), node.utilization() * 100));
            }
        }
        JobReport.Environment environment = report.environment();
        text.append(format("%n  %d cpus, Java %s, %s%n", environment.cpus(), environment.java(), environment.os()));
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        text.append(format("  %-10s %s%n", label, value));
    }

    private static String millis(double millis) {
        return format("%,.0f ms", millis);
    }

    private static String format(String pattern, Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
