package io.mproc.bench;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mproc.Job;
import io.mproc.PoolSettings;
import io.mproc.runtime.JobRunner;
import io.mproc.runtime.Jobs;
import io.mproc.runtime.Pool;
import io.mproc.runtime.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What metrics cost: the same work with a Prometheus registry and without, alternating runs, medians compared.
 * A figure of 1.00 means no cost; the target is within 2 %.
 */
final class MetricsCostBenchmarks {

    private static final int WORKERS = 2;
    /** Alternating maps of each kind: a 1M map takes only some 40 ms, so a few would measure the machine's noise. */
    private static final int MAP_REPEATS = 21;
    private static final List<Integer> INPUTS = IntStream.range(0, 1_000_000).boxed().toList();

    List<Row> run() throws Exception {
        return List.of(
                new Row("map x*x 1M auto chunk: rate with metrics / without", "ratio", mapRatio(), Double.NaN,
                        Double.NaN, true, ">= 0.98"),
                new Row("primes 2 workers: parallel speed with metrics / without", "ratio", primesRatio(), Double.NaN,
                        Double.NaN, true, ">= 0.98"));
    }

    private static double mapRatio() {
        try (Pool plain = Pool.builder().workers(WORKERS).build();
             Pool metered = Pool.builder().workers(WORKERS).meterRegistry(registry()).build()) {
            double[] with = new double[MAP_REPEATS];
            double[] without = new double[MAP_REPEATS];
            for (int i = 0; i < PoolBenchmarks.AUTO_WARM_UP_MAPS; i++) {
                plain.map(PoolBenchmarks::square, INPUTS);
                metered.map(PoolBenchmarks::square, INPUTS);
            }
            for (int i = 0; i < MAP_REPEATS; i++) {
                without[i] = seconds(() -> plain.map(PoolBenchmarks::square, INPUTS));
                with[i] = seconds(() -> metered.map(PoolBenchmarks::square, INPUTS));
            }
            return median(without) / median(with);
        }
    }

    private static double primesRatio() throws Exception {
        Job<?, ?> job = Jobs.find("primes");
        double[] with = new double[3];
        double[] without = new double[3];
        for (int i = 0; i < with.length; i++) {
            without[i] = primesMillis(job, null);
            with[i] = primesMillis(job, registry());
        }
        return median(without) / median(with);
    }

    private static double primesMillis(Job<?, ?> job, MeterRegistry registry) throws Exception {
        PoolSettings pool = new PoolSettings(WORKERS, List.of(), List.of(), Map.of(), 0, Duration.ZERO, 2, 0);
        RunOptions options = new RunOptions(pool, 64, false, false, Path.of("bench/results"), 16L << 20,
                (worker, stderr, line) -> { }, (done, total) -> { }, registry);
        return new JobRunner(options).run(job, Jobs.parameters(job, Map.of("limit", "6000000"))).parallel()
                .wallMillis();
    }

    private static MeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    private static double seconds(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e9;
    }

    private static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
