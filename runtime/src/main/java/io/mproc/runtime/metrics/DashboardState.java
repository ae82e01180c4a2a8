package io.mproc.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the dashboard shows, read from the meters of a registry (the table in docs/metrics.md): job progress and
 * ETA, task outcomes, per-worker activity, latency percentiles, restarts, the bench speedup curve, and completed
 * tasks per second, sampled twice a second over the last two minutes, each sample a rate over the
 * {@link #WINDOW_NANOS} before it, so that long tasks draw a level line, not spikes. The ETA divides the tasks left
 * by the job's rate since its parallel run began. Thread-safe.
 */
public final class DashboardState implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int SAMPLES = 240;
    private static final long SAMPLE_MILLIS = 500;
    /** Throughput is counted over this sliding window: 10 s. */
    static final long WINDOW_NANOS = 10_000_000_000L;

    private final MeterRegistry registry;
    private final LongSupplier clock;
    private final ScheduledExecutorService sampler;
    private final long startNanos;
    private final ArrayDeque<double[]> throughput = new ArrayDeque<>();
    /** (time, tasks completed) at each sample within the window, oldest first, and the last one before it. */
    private final ArrayDeque<long[]> window = new ArrayDeque<>();
    /** When the job's parallel run was first seen, or -1 before; reset when its tasks done go down (a new run). */
    private long jobStartNanos = -1;
    private double jobStartDone;
    private double lastJobDone;

    /** Starts sampling the registry; close to stop. */
    public DashboardState(MeterRegistry registry) {
        this(registry, System::nanoTime);
        sampler.scheduleAtFixedRate(this::sample, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A state that samples only when {@link #sample()} is called, timed by {@code nanoClock}. */
    DashboardState(MeterRegistry registry, LongSupplier nanoClock) {
        this.registry = registry;
        this.clock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        window.add(new long[] {startNanos, Math.round(sum("mproc.tasks.completed"))});
        this.sampler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mproc-metrics-sampler");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The state as the JSON document the dashboard page renders. */
    public synchronized String json() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("job", job());
        state.put("tasks", tasks());
        state.put("restarts", countersByTag("mproc.workers.restarts", "cause"));
        state.put("workers", workers());
        state.put("nodes", nodes());
        state.put("latencyMillis", latency());
        state.put("throughput", Map.of("seconds", column(0), "tasksPerSecond", column(1)));
        state.put("bench", bench());
        return JSON.writeValueAsString(state);
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }

    /** Takes one throughput sample, and notes when the job's parallel run began. */
    synchronized void sample() {
        long now = clock.getAsLong();
        long completed = Math.round(sum("mproc.tasks.completed"));
        window.add(new long[] {now, completed});
        prune(now);
        long[] oldest = window.peekFirst();
        double seconds = (now - oldest[0]) / 1e9;
        double rate = seconds <= 0 ? 0 : (completed - oldest[1]) / seconds;
        if (throughput.size() == SAMPLES) {
            throughput.poll();
        }
        throughput.add(new double[] {(now - startNanos) / 1e9, Math.max(0, rate)});
        noteJobStart(now);
    }

    /** Drops samples until the first is the last one taken at least a window before {@code now}. */
    private void prune(long now) {
        while (window.size() > 1) {
            Iterator<long[]> samples = window.iterator();
            samples.next();
            if (now - samples.next()[0] < WINDOW_NANOS) {
                return;
            }
            window.poll();
        }
    }

    private void noteJobStart(long now) {
        double done = gauge("mproc.job.tasks.done");
        double total = gauge("mproc.job.tasks.planned");
        if (total <= 0 || done < lastJobDone) {
            jobStartNanos = -1;
        }
        if (total > 0 && jobStartNanos < 0) {
            jobStartNanos = now;
            jobStartDone = done;
        }
        lastJobDone = done;
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
        job.put("etaSeconds", eta(done, all));
        job.put("speedup", finite(gauge("mproc.job.speedup")));
        job.put("efficiency", finite(gauge("mproc.job.efficiency")));
        return job;
    }

    /** The tasks left over the job's rate since its run was first seen; null until that rate is known, or once done. */
    private Double eta(double done, double total) {
        double counted = done - jobStartDone;
        if (jobStartNanos < 0 || counted <= 0 || done >= total) {
            return null;
        }
        double seconds = (clock.getAsLong() - jobStartNanos) / 1e9;
        return seconds <= 0 ? null : (total - done) * seconds / counted;
    }

    private Map<String, Object> tasks() {
        Map<String, Object> tasks = new LinkedHashMap<>(countersByTag("mproc.tasks.completed", "outcome"));
        tasks.put("submitted", sum("mproc.tasks.submitted"));
        tasks.put("retried", sum("mproc.tasks.retried"));
        tasks.put("queued", gauge("mproc.queue.depth"));
        tasks.put("inFlight", gauge("mproc.tasks.in.flight"));
        return tasks;
    }

    /** Cluster nodes that ran tasks of the job, with their workers, tasks and busy seconds. */
    private List<Map<String, Object>> nodes() {
        List<Map<String, Object>> nodes = new ArrayList<>();
        registry.find("mproc.cluster.node.workers").gauges().stream()
                .sorted(Comparator.comparing(g -> g.getId().getTag("node")))
                .forEach(workers -> {
                    String address = workers.getId().getTag("node");
                    Map<String, Object> node = new LinkedHashMap<>();
                    node.put("node", address);
                    node.put("workers", (int) workers.value());
                    FunctionCounter tasks = registry.find("mproc.cluster.node.tasks").tag("node", address)
                            .functionCounter();
                    FunctionCounter busy = registry.find("mproc.cluster.node.busy").tag("node", address)
                            .functionCounter();
                    node.put("tasks", tasks == null ? 0 : (long) tasks.count());
                    node.put("busySeconds", busy == null ? 0 : busy.count());
                    nodes.add(node);
                });
        return nodes;
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
