package io.mproc.bench;

import io.mproc.runtime.JobReport;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The primes job's parallel efficiency over a range of worker counts (such as 1, 2, 4, 8, 16 on a 16-core
 * machine), against an in-process thread pool of the same size and Python's {@code multiprocessing.Pool}, all in
 * one run. Each efficiency is the single-thread time over the parallel time, per worker; pool start-up is left out
 * of all three. Run it with {@code bench/run sweep 1,2,4,8,16}.
 */
final class ScalingSweep {

    /** Work per run: about 10 s on one thread of a current x86 core; Python gets less, as it is slower. */
    private static final long LIMIT = 40_000_000;
    private static final long PYTHON_LIMIT = 3_000_000;
    private static final int TASKS_PER_WORKER = 16;

    private final PythonFigures python;

    ScalingSweep(PythonFigures python) {
        this.python = python;
    }

    void run(int[] workerCounts) throws Exception {
        int tasks = TASKS_PER_WORKER * Arrays.stream(workerCounts).max().orElse(1);
        Map<String, Double> pythonFigures = pythonFigures(workerCounts, tasks);
        double single = 0;
        System.out.printf(Locale.ROOT, "primes below %,d in %d tasks; Python below %,d%n", LIMIT, tasks, PYTHON_LIMIT);
        System.out.printf(Locale.ROOT, "%8s %12s %10s %12s %12s %12s%n", "workers", "mproc ms", "speedup",
                "mproc eff.", "threads eff.", "python eff.");
        for (int workers : workerCounts) {
            JobReport report = ScalingBenchmarks.primes(LIMIT, workers, tasks, single == 0);
            if (single == 0) {
                single = report.baseline().wallMillis();
            }
            double parallel = report.parallel().wallMillis();
            System.out.printf(Locale.ROOT, "%8d %12.1f %10.2f %12.3f %12.3f %12.3f%n", workers, parallel,
                    single / parallel, single / parallel / workers, single / report.threads().wallMillis() / workers,
                    pythonFigures.getOrDefault("efficiency" + workers, Double.NaN));
        }
        System.out.printf(Locale.ROOT, "single thread: %.1f ms; Python single process: %.1f ms%n", single,
                pythonFigures.getOrDefault("singleSeconds", Double.NaN) * 1e3);
    }

    private Map<String, Double> pythonFigures(int[] workerCounts, int tasks) {
        try {
            return python.run("scaling_bench.py", "primes-sweep", "" + PYTHON_LIMIT, "" + tasks,
                    Arrays.stream(workerCounts).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        } catch (IllegalStateException e) {
            System.out.println("no Python figures: " + e.getMessage());
            return Map.of();
        }
    }
}
