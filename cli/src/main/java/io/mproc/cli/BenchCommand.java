package io.mproc.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mproc.Job;
import io.mproc.JobParameters;
import io.mproc.PoolSettings;
import io.mproc.config.MprocConfig;
import io.mproc.internal.launch.LaunchCapacity;
import io.mproc.runtime.JobCluster;
import io.mproc.runtime.JobReport;
import io.mproc.runtime.JobRunner;
import io.mproc.runtime.RunOptions;
import io.mproc.runtime.WorkerOutput;
import io.mproc.runtime.metrics.Dashboard;
import io.mproc.runtime.metrics.DashboardState;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mproc bench JOB --workers 1,2,4}: the speedup curve over worker counts, as a table, a CSV and a PNG. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a job's speedup over worker counts (median of repeats) against the ideal line.")
final class BenchCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private DashboardOptions dashboard;

    @Mixin
    private JobSelection selection;

    @Option(names = {"-w", "--workers"}, split = ",", paramLabel = "N",
            description = "worker counts to measure, comma-separated (1,2,4)")
    private List<Integer> workerCounts;

    @Option(names = "--cluster", paramLabel = "local:N,...", description = "measure on loopback clusters of these "
            + "node counts (local:1,2) instead, against a local pool with as many workers")
    private String cluster;

    @Option(names = "--workers-per-node", paramLabel = "N", defaultValue = "1",
            description = "worker JVMs per node with --cluster (default: ${DEFAULT-VALUE})")
    private int workersPerNode;

    @Option(names = {"-t", "--tasks"}, paramLabel = "M", description = "tasks per run (default: max(64, 16 x the "
            + "largest worker count), the same for every run)")
    private int tasks;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "runs per worker count; the "
            + "median counts (default ${DEFAULT-VALUE})")
    private int repeat;

    @Option(names = "--plot", paramLabel = "FILE.png", description = "write the speedup curve as a PNG")
    private Path plot;

    @Option(names = "--html", paramLabel = "FILE.html", description = "write a self-contained HTML report with the "
            + "speedup curve")
    private Path html;

    @Option(names = "--csv", paramLabel = "FILE", description = "write the measurements as CSV (default: next to "
            + "the plot, else none)")
    private Path csv;

    @Override
    public Integer call() throws Exception {
        if (cluster != null) {
            return new ClusterBench(selection, config.load(null).config(), repeat, tasks, workersPerNode)
                    .run(ClusterBench.nodeCounts(cluster), spec.commandLine().getOut());
        }
        if (workerCounts == null) {
            throw new IllegalArgumentException("give the worker counts to measure: --workers 1,2,4 (or --cluster "
                    + "local:1,2)");
        }
        if (repeat < 1 || workerCounts.stream().anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("--repeat and every --workers count must be 1 or more");
        }
        MprocConfig settings = config.load(null).config();
        int most = workerCounts.stream().max(Integer::compare).get();
        LaunchCapacity.requireMemoryFor(most, 0, settings.toPoolSettings().jvmOptions(), "worker");
        Job<?, ?> job = selection.job();
        JobParameters parameters = selection.parameters(job);
        int taskCount = tasks > 0 ? tasks : RunOptions.defaultTasks(most);
        PrintWriter out = spec.commandLine().getOut();
        List<double[]> rows = new ArrayList<>();
        try (DashboardOptions.Session session = dashboard.start(settings, out)) {
            MeterRegistry registry = session != null ? session.registry() : new SimpleMeterRegistry();
            out.println("baseline: one thread in this JVM ...");
            out.flush();
            double baseline = median(repeat, () -> run(job, parameters, settings, 1, taskCount, true, registry)
                    .baseline().wallMillis());
            out.printf(Locale.ROOT, "%8s %12s %9s %11s%n", "workers", "median ms", "speedup", "efficiency");
            for (int workers : workerCounts) {
                double wall = median(repeat, () -> run(job, parameters, settings, workers, taskCount, false, registry)
                        .parallel().wallMillis());
                double speedup = baseline / wall;
                rows.add(new double[] {workers, wall, speedup, speedup / workers});
                BenchMeters.speedup(registry, job.name(), workers, speedup);
                out.printf(Locale.ROOT, "%8d %12.1f %8.2fx %11.2f%n", workers, wall, speedup, speedup / workers);
                out.flush();
            }
            writeOutputs(out, job.name(), baseline, rows, registry);
        }
        return 0;
    }

    private void writeOutputs(PrintWriter out, String job, double baseline, List<double[]> rows,
                              MeterRegistry registry) throws Exception {
        Path csvFile = csv != null ? csv : plot == null ? null
                : plot.resolveSibling(plot.getFileName().toString().replaceFirst("\\.png$", "") + ".csv");
        if (csvFile != null) {
            writeCsv(csvFile, baseline, rows);
            out.println("csv written to " + csvFile);
        }
        if (plot != null) {
            writePlot(plot, job, rows);
            out.println("plot written to " + plot);
        }
        if (html != null) {
            try (DashboardState state = new DashboardState(registry)) {
                createParent(html);
                Files.writeString(html, Dashboard.selfContained(state.json()));
            }
            out.println("html report written to " + html);
        }
        out.flush();
    }

    static JobReport run(Job<?, ?> job, JobParameters parameters, MprocConfig settings, int workers,
                         int taskCount, boolean baselineOnly, MeterRegistry registry) throws Exception {
        return run(job, parameters, settings, workers, taskCount, baselineOnly, registry, null);
    }

    static JobReport run(Job<?, ?> job, JobParameters parameters, MprocConfig settings, int workers,
                         int taskCount, boolean baselineOnly, MeterRegistry registry, JobCluster cluster)
            throws Exception {
        PoolSettings pool = settings.toPoolSettings().withWorkers(workers);
        RunOptions options = new RunOptions(pool, taskCount, baselineOnly, false, settings.reportDirectory(),
                settings.sharedMemorySize(), WorkerOutput.toStandardError(), (done, total) -> { }, registry);
        return new JobRunner(options, cluster).run(job, parameters);
    }

    static double median(int repeat, Measurement measurement) throws Exception {
        double[] samples = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            samples[i] = measurement.millis();
        }
        Arrays.sort(samples);
        return samples[repeat / 2];
    }

    private static void writeCsv(Path file, double baseline, List<double[]> rows) throws Exception {
        StringBuilder csvText = new StringBuilder("workers,median_ms,speedup,efficiency,ideal_speedup,baseline_ms\n");
        for (double[] row : rows) {
            csvText.append(String.format(Locale.ROOT, "%d,%.3f,%.4f,%.4f,%d,%.3f%n", (int) row[0], row[1], row[2],
                    row[3], (int) row[0], baseline));
        }
        createParent(file);
        Files.writeString(file, csvText);
    }

    private static void writePlot(Path file, String job, List<double[]> rows) throws Exception {
        double[] workers = rows.stream().mapToDouble(row -> row[0]).toArray();
        double[] speedups = rows.stream().mapToDouble(row -> row[2]).toArray();
        XYChart chart = new XYChartBuilder().width(800).height(500).title("mproc " + job + ": speedup over one thread")
                .xAxisTitle("worker JVMs").yAxisTitle("speedup").build();
        chart.addSeries("ideal", workers, workers).setMarker(SeriesMarkers.NONE);
        chart.addSeries("measured (median)", workers, speedups);
        createParent(file);
        BitmapEncoder.saveBitmap(chart, file.toString().replaceFirst("\\.png$", ""), BitmapEncoder.BitmapFormat.PNG);
    }

    private static void createParent(Path file) throws Exception {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    @FunctionalInterface
    interface Measurement {
        double millis() throws Exception;
    }
}
