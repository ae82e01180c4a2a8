package io.mproc.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.Supplier;

/** The pool's meters, registered when a {@link MeterRegistry} is given. Counters are thread-safe. */
final class PoolMetrics {

    private final Counter submitted;
    private final Counter succeeded;
    private final Counter failed;

    private PoolMetrics(Counter submitted, Counter succeeded, Counter failed) {
        this.submitted = submitted;
        this.succeeded = succeeded;
        this.failed = failed;
    }

    static PoolMetrics register(MeterRegistry registry, String pool, Supplier<Number> workersAlive) {
        if (registry == null) {
            return new PoolMetrics(null, null, null);
        }
        Tags tags = Tags.of("pool", pool);
        Gauge.builder("mproc.workers.alive", workersAlive).tags(tags).description("worker JVMs ready for tasks")
                .register(registry);
        return new PoolMetrics(
                Counter.builder("mproc.tasks.submitted").tags(tags).description("tasks submitted").register(registry),
                Counter.builder("mproc.tasks.completed").tags(tags).tag("outcome", "success")
                        .description("tasks finished, by outcome").register(registry),
                Counter.builder("mproc.tasks.completed").tags(tags).tag("outcome", "failure")
                        .description("tasks finished, by outcome").register(registry));
    }

    void submitted(int tasks) {
        if (submitted != null) {
            submitted.increment(tasks);
        }
    }

    void succeeded(int tasks) {
        if (succeeded != null) {
            succeeded.increment(tasks);
        }
    }

    void failed(int tasks) {
        if (failed != null) {
            failed.increment(tasks);
        }
    }
}
