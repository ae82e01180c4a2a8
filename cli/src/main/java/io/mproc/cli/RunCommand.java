package io.mproc.cli;

import io.mproc.Job;
import io.mproc.cluster.HazelcastJobCluster;
import io.mproc.JobParameters;
import io.mproc.config.EffectiveConfig;
import io.mproc.config.MprocConfig;
import io.mproc.internal.launch.LaunchCapacity;
import io.mproc.runtime.JobReport;
import io.mproc.runtime.JobRunner;
import io.mproc.runtime.RunOptions;
import io.mproc.runtime.WorkerOutput;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mproc run JOB}: runs a job on worker JVMs and reports its speedup over one thread. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a job on a pool of worker JVMs, compare it with one thread, and print the report.")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Mixin
    private DashboardOptions dashboard;

    @Mixin
    private JobSelection selection;

    @Mixin
    private ClusterOptions cluster;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "worker JVMs (default: the CPU count)")
    private Integer workers;

    @Option(names = {"-t", "--tasks"}, paramLabel = "M", description = "tasks to split the job into (default: "
            + "max(64, 16 x workers))")
    private int tasks;

    @Option(names = "--no-baseline", description = "skip the single-threaded run (no speedup then)")
    private boolean noBaseline;

    @Option(names = "--threads", description = "also run the tasks on an in-process pool of N threads")
    private boolean threads;

    @Option(names = "--report", paramLabel = "FILE", description = "write the report as JSON")
    private Path report;

    @Override
    public Integer call() throws Exception {
        if (tasks < 0) {
            throw new IllegalArgumentException("--tasks " + tasks + " is not allowed: use 1 or more");
        }
        EffectiveConfig effective = config.load(workers, cluster.flags());
        MprocConfig settings = effective.config();
        if (!settings.clusterMembers().isEmpty() && workers != null) {
            throw new IllegalArgumentException("--workers does not apply to a run on a cluster: each node has its "
                    + "own workers (mproc node --workers N)");
        }
        if (settings.clusterMembers().isEmpty()) {
            LaunchCapacity.requireMemoryFor(settings.workers(), 0, settings.toPoolSettings().jvmOptions(), "worker");
        }
        Job<?, ?> job = selection.job();
        JobParameters parameters = selection.parameters(job);
        PrintWriter out = spec.commandLine().getOut();
        JobReport result;
        try (HazelcastJobCluster nodes = cluster.connectIfNamed(settings);
             DashboardOptions.Session metrics = dashboard.start(settings, out);
             Progress progress = Progress.start(job.name(), out)) {
            RunOptions options = new RunOptions(settings.toPoolSettings(), tasks, !noBaseline, threads,
                    settings.reportDirectory(), settings.sharedMemorySize(), WorkerOutput.toStandardError(), progress,
                    metrics == null ? null : metrics.registry());
            if (!noBaseline) {
                out.println("baseline: running " + job.name() + " on one thread in this JVM ...");
                out.flush();
            }
            if (nodes != null) {
                out.println("cluster: " + nodes.nodes().size() + " nodes, " + nodes.workers() + " workers");
            }
            result = new JobRunner(options, nodes).run(job, parameters);
            progress.close();
            print(result, out);
        }
        if (Boolean.FALSE.equals(result.resultsMatch())) {
            spec.commandLine().getErr().println("mproc: the runs disagree: the parallel result differs from the "
                    + "single-threaded one");
            return Main.FAILED;
        }
        return 0;
    }

    private void print(JobReport result, PrintWriter out) throws Exception {
        out.print(ReportTable.format(result));
        if (report != null) {
            Reports.writeJson(result, report);
            out.println("report written to " + report);
        }
        out.flush();
    }
}
