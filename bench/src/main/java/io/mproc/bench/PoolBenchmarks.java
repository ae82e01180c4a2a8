package io.mproc.bench;

import io.mproc.runtime.Pool;
import io.mproc.runtime.SpareWorkers;
import io.mproc.runtime.WorkerInfo;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** The worker pool's figures (issue: the worker pool): map rates, submit round trip, start-up, idle memory. */
final class PoolBenchmarks {

    private static final int WORKERS = 2;
    private static final int MAP_SIZE = 1_000_000;
    /** Auto-chunk maps before the timed ones: until then the workers' JIT is still compiling the codec. */
    static final int AUTO_WARM_UP_MAPS = 10;
    private static final int SUBMITS = 10_000;
    private static final int WARM_ROUND = 5_000;
    private static final int MIN_WARM_UP = 20_000;
    private static final int MAX_WARM_UP = 200_000;

    private final PythonFigures python;

    PoolBenchmarks(PythonFigures python) {
        this.python = python;
    }

    static int square(int x) {
        return x * x;
    }

    List<Row> run() throws Exception {
        List<Integer> inputs = IntStream.range(0, MAP_SIZE).boxed().toList();
        List<Row> rows = new ArrayList<>();
        try (Pool pool = Pool.builder().workers(WORKERS).build()) {
            pool.map(PoolBenchmarks::square, inputs.subList(0, 200_000), 1);
            rows.add(new Row("map x*x, 1M ints, 2 workers, chunk 1 (median of 3)", "tasks/s",
                    medianRate(3, () -> pool.map(PoolBenchmarks::square, inputs, 1)),
                    python.run("pool_bench.py", "map", "" + MAP_SIZE, "" + WORKERS, "1", "1").get("tasksPerSecond"),
                    threadsChunkOne(inputs), true, ">= 600k"));
            medianRate(AUTO_WARM_UP_MAPS, () -> pool.map(PoolBenchmarks::square, inputs));
            rows.add(new Row("map x*x, 1M ints, 2 workers, auto chunk (median of 5)", "tasks/s",
                    medianRate(5, () -> pool.map(PoolBenchmarks::square, inputs)),
                    python.run("pool_bench.py", "map", "" + MAP_SIZE, "" + WORKERS, "auto", "5")
                            .get("tasksPerSecond"),
                    threadsAuto(inputs), true, ">= 17M"));
            double[] latencies = submitLatencies(pool);
            Map<String, Double> pythonLatency = python.run("pool_bench.py", "submit", "" + SUBMITS, "" + WORKERS);
            double[] threadLatencies = threadSubmitLatencies();
            rows.add(new Row("submit round trip, median", "us", percentile(latencies, 0.5),
                    pythonLatency.get("medianMicros"), percentile(threadLatencies, 0.5), false, "<= 20"));
            rows.add(new Row("submit round trip, p99", "us", percentile(latencies, 0.99),
                    pythonLatency.get("p99Micros"), percentile(threadLatencies, 0.99), false, "-"));
        }
        double[] idle = idleMemory();
        Map<String, Double> pythonIdle = python.run("pool_bench.py", "idle-rss", "" + WORKERS);
        rows.add(new Row("idle worker memory, resident (RSS)", "MB", idle[0], pythonIdle.get("rss"), Double.NaN, false,
                "<= 40"));
        rows.add(new Row("idle worker memory, proportional (PSS)", "MB", idle[1], pythonIdle.get("pss"), Double.NaN,
                false, "-"));
        rows.add(new Row("pool of 2, build() to first result", "ms", firstResultMillis(),
                python.run("pool_bench.py", "first-result", "" + WORKERS).get("millis"), Double.NaN, false,
                "<= Python"));
        rows.add(new Row("first pool of 2 in a fresh process, main to first result (median of 3)", "ms",
                freshProcessFirstResultMillis(), python.run("pool_bench.py", "first-result-fresh", "" + WORKERS,
                        "3").get("millis"), Double.NaN, false, "<= Python"));
        rows.add(new Row("first map of 2 records in a fresh process, main to results (median of 3)", "ms",
                freshProcessFirstResultMillis("records"), python.run("pool_bench.py", "first-records-fresh",
                        "" + WORKERS, "3").get("millis"), Double.NaN, false, "<= Python"));
        rows.add(new Row("pool of 2 from spares (Python: forkserver), build() to first result", "ms",
                firstResultFromSparesMillis(),
                python.run("pool_bench.py", "first-result-forkserver", "" + WORKERS).get("millis"), Double.NaN,
                false, "<= Python"));
        return rows;
    }

    /** The median rate of {@code runs} runs of a map of {@link #MAP_SIZE} inputs. */
    private static double medianRate(int runs, Work mapRun) throws Exception {
        return MAP_SIZE / (medianNanos(runs, mapRun) / 1e9);
    }

    private static double threadsChunkOne(List<Integer> inputs) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
        try {
            return medianRate(3, () -> {
                List<Future<Integer>> futures = new ArrayList<>(inputs.size());
                for (Integer input : inputs) {
                    futures.add(threads.submit(() -> square(input)));
                }
                for (Future<Integer> future : futures) {
                    future.get();
                }
            });
        } finally {
            threads.shutdownNow();
        }
    }

    private static double threadsAuto(List<Integer> inputs) throws Exception {
        ForkJoinPool threads = new ForkJoinPool(WORKERS);
        try {
            Work map = () -> threads.submit(() -> inputs.parallelStream().map(PoolBenchmarks::square).toList()).get();
            medianRate(AUTO_WARM_UP_MAPS, map);
            return medianRate(5, map);
        } finally {
            threads.shutdownNow();
        }
    }

    private static double[] submitLatencies(Pool pool) throws Exception {
        return steadyLatencies(input -> pool.submit(PoolBenchmarks::square, input).get(1, TimeUnit.MINUTES));
    }

    private static double[] threadSubmitLatencies() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS);
        try {
            return steadyLatencies(input -> threads.submit(() -> square(input)).get(1, TimeUnit.MINUTES));
        } finally {
            threads.shutdownNow();
        }
    }

    /** One round trip to time. */
    @FunctionalInterface
    private interface RoundTrip {
        void run(int input) throws Exception;
    }

    /**
     * {@link #SUBMITS} round trips timed once this JVM's compiler has been idle for {@link #WARM_ROUND} of them (after
     * at least {@link #MIN_WARM_UP}, at most {@link #MAX_WARM_UP}). While compiler threads run, they keep the cores
     * from idling, and a thread woken on a busy core comes sooner: on the 2-core VM the first 30,000 or so submit
     * round trips took 25-30 us and later ones 65-70 us, so a short warm-up measured the wrong phase.
     */
    private static double[] steadyLatencies(RoundTrip roundTrip) throws Exception {
        CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
        int done = 0;
        while (done < MAX_WARM_UP) {
            long compiledBefore = compiler.getTotalCompilationTime();
            for (int i = 0; i < WARM_ROUND; i++) {
                roundTrip.run(done++);
            }
            if (done >= MIN_WARM_UP && compiler.getTotalCompilationTime() == compiledBefore) {
                break;
            }
        }
        double[] micros = new double[SUBMITS];
        for (int i = 0; i < SUBMITS; i++) {
            long start = System.nanoTime();
            roundTrip.run(i);
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        return micros;
    }

    /** Mean RSS and PSS of the workers of a fresh pool that ran a small map, as Python's figure is taken. */
    private static double[] idleMemory() throws IOException, InterruptedException {
        try (Pool pool = Pool.builder().workers(WORKERS).build()) {
            pool.map(PoolBenchmarks::square, IntStream.range(0, 100).boxed().toList());
            TimeUnit.MILLISECONDS.sleep(500);
            double rss = 0;
            double pss = 0;
            List<WorkerInfo> workers = pool.workers();
            for (WorkerInfo worker : workers) {
                rss += kilobytes(worker.pid(), "status", "VmRSS:") / 1024.0;
                pss += kilobytes(worker.pid(), "smaps_rollup", "Pss:") / 1024.0;
            }
            return new double[] {rss / workers.size(), pss / workers.size()};
        }
    }

    private static long kilobytes(long pid, String file, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    private static double firstResultMillis() throws Exception {
        double[] samples = new double[5];
        for (int i = 0; i < samples.length; i++) {
            long start = System.nanoTime();
            try (Pool pool = Pool.builder().workers(WORKERS).build()) {
                pool.submit(PoolBenchmarks::square, 3).get();
                samples[i] = (System.nanoTime() - start) / 1e6;
            }
        }
        return percentile(samples, 0.5);
    }

    /**
     * {@link FirstPoolMain} with those arguments in three fresh JVMs on this JVM's Java and classpath: the median of
     * what they print.
     */
    private static double freshProcessFirstResultMillis(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), FirstPoolMain.class.getName()));
        command.addAll(List.of(arguments));
        double[] samples = new double[3];
        for (int i = 0; i < samples.length; i++) {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the fresh JVM's first pool took over 60 s");
            }
            String printed = new String(process.getInputStream().readAllBytes()).trim();
            if (process.exitValue() != 0) {
                throw new IllegalStateException("the fresh JVM's first pool failed: " + printed);
            }
            samples[i] = Double.parseDouble(printed);
        }
        return percentile(samples, 0.5);
    }

    /** As {@link #firstResultMillis}, with the workers started ahead as spares, waiting before the clock starts. */
    private static double firstResultFromSparesMillis() throws Exception {
        double[] samples = new double[5];
        for (int i = 0; i < samples.length; i++) {
            Pool.Builder builder = Pool.builder().workers(WORKERS);
            try (SpareWorkers spares = builder.startSpareWorkers(WORKERS)) {
                spares.started().get(60, TimeUnit.SECONDS);
                long start = System.nanoTime();
                try (Pool pool = builder.build()) {
                    pool.submit(PoolBenchmarks::square, 3).get();
                    samples[i] = (System.nanoTime() - start) / 1e6;
                }
            }
        }
        return percentile(samples, 0.5);
    }

    /** Something timed, run again for each sample. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /** The median wall time of {@code runs} runs of {@code work}, in nanoseconds. */
    static double medianNanos(int runs, Work work) throws Exception {
        double[] nanos = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        return percentile(nanos, 0.5);
    }

    static double percentile(double[] samples, double quantile) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) (sorted.length * quantile))];
    }
}
