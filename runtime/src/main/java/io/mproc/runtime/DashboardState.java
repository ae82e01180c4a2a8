package io.mproc.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard shows, read from the meters of a registry (the table in docs/metrics.md): job progress and
 * ETA, task outcomes, per-worker activity, latency percentiles, restarts, the bench speedup curve, and completed
 * tasks per second sampled twice a second over the last two minutes. Thread-safe.
 */
public final class DashboardState implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SAMPLES = 240;
    private static final long SAMPLE_MILLIS = 500;

    private final MeterRegistry registry;
    private final ScheduledExecutorService sampler;
    private final long startNanos = System.nanoTime();
    private final ArrayDeque<double[]> throughput = new ArrayDeque<>();
    private double lastCompleted;
    private long lastSampleNanos = startNanos;

    /** Starts sampling the registry; close to stop. */
    public DashboardState(MeterRegistry registry) {
        this.registry = registry;
        this.sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mproc-metrics-sampler");
            thread.setDaemon(true);
            return thread;
        });
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The state as the JSON document the dashboard page renders. */
    public synchronized String json() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("job", job());
        state.put("tasks", tasks());
        state.put("restarts", countersByTag("mproc.workers.restarts", "cause"));
        state.put("workers", workers());
        state.put("latencyMillis", latency());
        state.put("throughput", Map.of("seconds", column(0), "tasksPerSecond", column(1)));
        state.put("bench", bench());
        return JSON.writeValueAsString(state);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private synchronized void sample() {
        long now = System.nanoTime();
        double completed = sum("mproc.tasks.completed");
        double rate = (completed - lastCompleted) / ((now - lastSampleNanos) / 1e9);
        lastCompleted = completed;
        lastSampleNanos = now;
        if (throughput.size() == SAMPLES) {
            throughput.poll();
        }
        throughput.add(new double[] {(now - startNanos) / 1e9, Math.max(0, rate)});
    }

    private Map<String, Object> job() {
        Map<String, Object> job = new LinkedHashMap<>();
        Gauge total = registry.find("mproc.job.tasks.planned").gauge();
        job.put("name", total == null ? null : total.getId().getTag("job"));
        double done = gauge("mproc.job.tasks.done");
        double all = gauge("mproc.job.tasks.planned");
        job.put("done", done);
        job.put("total", all);
        job.put("progress", gauge("mproc.job.progress"));
        double rate = throughput.isEmpty() ? 0 : throughput.peekLast()[1];
        job.put("etaSeconds", all > done && rate > 0 ? (all - done) / rate : null);
        job.put("speedup", finite(gauge("mproc.job.speedup")));
        job.put("efficiency", finite(gauge("mproc.job.efficiency")));
        return job;
    }

    private Map<String, Object> tasks() {
        Map<String, Object> tasks = new LinkedHashMap<>(countersByTag("mproc.tasks.completed", "outcome"));
        tasks.put("submitted", sum("mproc.tasks.submitted"));
        tasks.put("retried", sum("mproc.tasks.retried"));
        tasks.put("queued", gauge("mproc.queue.depth"));
        tasks.put("inFlight", gauge("mproc.tasks.in.flight"));
        return tasks;
    }

    private List<Map<String, Object>> workers() {
        List<Map<String, Object>> workers = new ArrayList<>();
        registry.find("mproc.worker.busy.ratio").gauges().stream()
                .sorted(Comparator.comparingInt(g -> Integer.parseInt(g.getId().getTag("worker"))))
                .forEach(busy -> {
                    String id = busy.getId().getTag("worker");
                    Map<String, Object> worker = new LinkedHashMap<>();
                    worker.put("worker", id);
                    worker.put("busy", busy.value());
                    FunctionCounter cpu = registry.find("mproc.worker.cpu").tag("worker", id).functionCounter();
                    Gauge heap = registry.find("mproc.worker.heap.used").tag("worker", id).gauge();
                    worker.put("cpuSeconds", cpu == null ? 0 : cpu.count());
                    worker.put("heapMegabytes", heap == null ? 0 : heap.value() / (1 << 20));
                    workers.add(worker);
                });
        return workers;
    }

    private Map<String, Object> latency() {
        Map<String, Object> latency = new LinkedHashMap<>();
        for (Timer timer : registry.find("mproc.task.duration").timers()) {
            for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
                latency.merge("p" + Math.round(percentile.percentile() * 100),
                        percentile.value(TimeUnit.MILLISECONDS), (a, b) -> Math.max((double) a, (double) b));
            }
        }
        return latency;
    }

    private Map<String, Object> bench() {
        List<Gauge> points = new ArrayList<>(registry.find("mproc.bench.speedup").gauges());
        points.sort(Comparator.comparingInt(g -> Integer.parseInt(g.getId().getTag("workers"))));
        return Map.of("workers", points.stream().map(g -> Integer.parseInt(g.getId().getTag("workers"))).toList(),
                "speedup", points.stream().map(Gauge::value).toList());
    }

    private Map<String, Object> countersByTag(String name, String tag) {
        Map<String, Object> counts = new LinkedHashMap<>();
        for (Counter counter : registry.find(name).counters()) {
            counts.merge(counter.getId().getTag(tag), counter.count(), (a, b) -> (double) a + (double) b);
        }
        return counts;
    }

    private double sum(String name) {
        return registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private double gauge(String name) {
        return registry.find(name).gauges().stream().mapToDouble(Gauge::value).filter(Double::isFinite).sum();
    }

    private List<Double> column(int index) {
        return throughput.stream().map(sample -> sample[index]).toList();
    }

    private static Double finite(double value) {
        return Double.isFinite(value) && value != 0 ? value : null;
    }
}
