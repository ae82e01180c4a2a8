package io.mproc.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The pool's meters (the table in docs/metrics.md), registered when the pool is given a {@link MeterRegistry};
 * without one every method does nothing. Counting methods are called on the coordinator thread; gauges are read
 * on the registry's.
 */
class PoolMetrics {

    /** Why a worker JVM ended while the pool was running. */
    enum ExitCause {
        CRASHED, TIMEOUT, CANCELLED, RECYCLED;

        String tag() {
            return name().toLowerCase();
        }
    }

    /** What a finished task came to. */
    enum Outcome {
        SUCCESS, FAILED, TIMED_OUT, CRASHED;

        String tag() {
            return name().toLowerCase();
        }
    }

    static final PoolMetrics NONE = new PoolMetrics();

    /** While true, tasks are not counted: the job runner's warm-up is running. */
    private volatile boolean paused;

    PoolMetrics() {
    }

    /**
     * Runs {@code work} without counting its tasks as submitted or finished: work of mproc's own, such as the job
     * runner's warm-up, which the user did not submit. Call with no other work running on the pool (tasks of
     * others would not be counted either), and only from one thread at a time.
     */
    <T> T uncounted(Supplier<T> work) {
        paused = true;
        try {
            return work.get();
        } finally {
            paused = false;
        }
    }

    /** Whether tasks are counted now. */
    boolean counting() {
        return !paused;
    }

    static PoolMetrics register(MeterRegistry registry, String pool, Coordinator.Gauges gauges,
                                Supplier<Number> sharedMemoryInUse) {
        return registry == null ? NONE : new Registered(registry, Tags.of("pool", pool), gauges, sharedMemoryInUse);
    }

    void submitted(int tasks) {
    }

    void finished(Outcome outcome, int tasks) {
    }

    void retried() {
    }

    void taskDuration(long nanosPerItem) {
    }

    void workerExited(ExitCause cause) {
    }

    /** Registers the per-worker gauges of a worker that just connected. */
    void workerConnected(WorkerConnection connection) {
    }

    void workerGone(WorkerConnection connection) {
    }

    private static final class Registered extends PoolMetrics {
        private final MeterRegistry registry;
        private final Tags tags;
        private final Counter submitted;
        private final Map<Outcome, Counter> finished = new EnumMap<>(Outcome.class);
        private final Counter retried;
        private final Timer duration;
        private final Map<ExitCause, Counter> exits = new EnumMap<>(ExitCause.class);
        private final Map<WorkerConnection, List<Meter>> workerMeters = new ConcurrentHashMap<>();

        Registered(MeterRegistry registry, Tags tags, Coordinator.Gauges gauges, Supplier<Number> sharedMemoryInUse) {
            this.registry = registry;
            this.tags = tags;
            submitted = Counter.builder("mproc.tasks.submitted").tags(tags).description("tasks submitted")
                    .register(registry);
            for (Outcome outcome : Outcome.values()) {
                finished.put(outcome, Counter.builder("mproc.tasks.completed").tags(tags)
                        .tag("outcome", outcome.tag()).description("tasks finished, by outcome").register(registry));
            }
            retried = Counter.builder("mproc.tasks.retried").tags(tags)
                    .description("tasks run again because their worker died").register(registry);
            duration = Timer.builder("mproc.task.duration").tags(tags).publishPercentiles(0.5, 0.95, 0.99)
                    .publishPercentileHistogram().description("compute time of one task in a worker")
                    .register(registry);
            for (ExitCause cause : ExitCause.values()) {
                exits.put(cause, Counter.builder("mproc.workers.restarts").tags(tags).tag("cause", cause.tag())
                        .description("workers replaced, by cause").register(registry));
            }
            Gauge.builder("mproc.queue.depth", gauges, Coordinator.Gauges::queued).tags(tags)
                    .description("tasks waiting to be sent to a worker").register(registry);
            Gauge.builder("mproc.tasks.in.flight", gauges, Coordinator.Gauges::inFlight).tags(tags)
                    .description("tasks sent to workers and not finished").register(registry);
            Gauge.builder("mproc.workers.alive", gauges, Coordinator.Gauges::alive).tags(tags)
                    .description("worker JVMs connected and ready").register(registry);
            Gauge.builder("mproc.shm.used", sharedMemoryInUse).tags(tags).baseUnit("bytes")
                    .description("bytes of the pool's shared memory in use").register(registry);
        }

        @Override
        void submitted(int tasks) {
            if (counting()) {
                submitted.increment(tasks);
            }
        }

        @Override
        void finished(Outcome outcome, int tasks) {
            if (tasks > 0 && counting()) {
                finished.get(outcome).increment(tasks);
            }
        }

        @Override
        void retried() {
            retried.increment();
        }

        @Override
        void taskDuration(long nanosPerItem) {
            if (counting()) {
                duration.record(nanosPerItem, TimeUnit.NANOSECONDS);
            }
        }

        @Override
        void workerExited(ExitCause cause) {
            exits.get(cause).increment();
        }

        @Override
        void workerConnected(WorkerConnection connection) {
            Tags worker = tags.and("worker", Integer.toString(connection.process.id()));
            List<Meter> meters = new ArrayList<>();
            meters.add(Gauge.builder("mproc.worker.busy.ratio", connection, c -> c.busyRatio).tags(worker)
                    .description("share of the last interval the worker spent running tasks").register(registry));
            meters.add(FunctionCounter.builder("mproc.worker.cpu", connection, c -> c.cpuNanos / 1e9).tags(worker)
                    .baseUnit("seconds").description("CPU time the worker JVM used, as it reports")
                    .register(registry));
            meters.add(Gauge.builder("mproc.worker.heap.used", connection, c -> c.heapUsed).tags(worker)
                    .baseUnit("bytes").description("heap the worker JVM uses, as it reports").register(registry));
            workerMeters.put(connection, meters);
        }

        @Override
        void workerGone(WorkerConnection connection) {
            List<Meter> meters = workerMeters.remove(connection);
            if (meters != null) {
                meters.forEach(registry::remove);
            }
        }
    }
}
