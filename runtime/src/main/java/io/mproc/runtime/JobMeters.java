package io.mproc.runtime;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A job run's meters: tasks done and total, progress, the last run's speedup and efficiency, and on a cluster
 * each node's workers, tasks and busy time.
 */
class JobMeters {

    private static final JobMeters NONE = new JobMeters();
    /** One set of gauges per registry and job, reused by its later runs (a gauge registers once per name and tags). */
    private static final Map<MeterRegistry, Map<String, JobMeters>> REGISTERED =
            Collections.synchronizedMap(new WeakHashMap<>());

    JobMeters() {
    }

    static JobMeters register(MeterRegistry registry, String job) {
        if (registry == null) {
            return NONE;
        }
        return REGISTERED.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(job, name -> new Registered(registry, Tags.of("job", name)));
    }

    void progress(int done, int total) {
    }

    void finished(JobReport report) {
    }

    /** A task of a cluster run accepted from {@code node}, which has {@code workers} workers. */
    void nodeTask(String node, int workers, long nanos) {
    }

    private static final class Registered extends JobMeters {
        private final MeterRegistry registry;
        private final Tags tags;
        private final Map<String, NodeMeters> nodes = new ConcurrentHashMap<>();
        private volatile double done;
        private volatile double total;
        private volatile double speedup = Double.NaN;
        private volatile double efficiency = Double.NaN;

        Registered(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
            Gauge.builder("mproc.job.tasks.done", this, m -> m.done).tags(tags)
                    .description("tasks of the job's parallel run finished").register(registry);
            Gauge.builder("mproc.job.tasks.planned", this, m -> m.total).tags(tags)
                    .description("tasks of the job's parallel run").register(registry);
            Gauge.builder("mproc.job.progress", this, m -> m.total == 0 ? 0 : m.done / m.total).tags(tags)
                    .description("share of the job's parallel run finished, 0 to 1").register(registry);
            Gauge.builder("mproc.job.speedup", this, m -> m.speedup).tags(tags)
                    .description("the last run's speedup over one thread").register(registry);
            Gauge.builder("mproc.job.efficiency", this, m -> m.efficiency).tags(tags)
                    .description("the last run's speedup per worker").register(registry);
        }

        @Override
        void progress(int tasksDone, int tasksTotal) {
            done = tasksDone;
            total = tasksTotal;
        }

        @Override
        void finished(JobReport report) {
            speedup = report.speedup() == null ? Double.NaN : report.speedup();
            efficiency = report.efficiency() == null ? Double.NaN : report.efficiency();
        }

        @Override
        void nodeTask(String node, int workers, long nanos) {
            NodeMeters meters = nodes.computeIfAbsent(node, address -> new NodeMeters(registry,
                    tags.and("node", address)));
            meters.workers = workers;
            meters.tasks.increment();
            meters.busyNanos.add(nanos);
        }
    }

    /** One cluster node's meters. */
    private static final class NodeMeters {
        private volatile int workers;
        private final LongAdder tasks = new LongAdder();
        private final LongAdder busyNanos = new LongAdder();

        NodeMeters(MeterRegistry registry, Tags tags) {
            Gauge.builder("mproc.cluster.node.workers", this, m -> m.workers).tags(tags)
                    .description("worker JVMs of a cluster node").register(registry);
            FunctionCounter.builder("mproc.cluster.node.tasks", tasks, LongAdder::sum).tags(tags)
                    .description("tasks whose accepted result came from the node").register(registry);
            FunctionCounter.builder("mproc.cluster.node.busy", busyNanos, n -> n.sum() / 1e9).tags(tags)
                    .baseUnit("seconds").description("time the node's workers spent in the job's tasks")
                    .register(registry);
        }
    }
}
