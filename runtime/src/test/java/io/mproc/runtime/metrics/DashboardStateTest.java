package io.mproc.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard's numbers for long tasks: a throughput over a sliding window, and an ETA. */
class DashboardStateTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Counter completed = registry.counter("mproc.tasks.completed", "outcome", "success");
    private final JobProgress job = new JobProgress(registry);
    private final AtomicLong nanos = new AtomicLong();
    private final DashboardState state = new DashboardState(registry, nanos::get);

    @AfterEach
    void close() {
        state.close();
    }

    @Test
    void throughputOfLongTasksIsARateOverASlidingWindowNotARowOfSpikes() {
        job.progress(0, 64);
        for (int halfSeconds = 1; halfSeconds <= 40; halfSeconds++) {
            if (halfSeconds % 10 == 0) {
                completed.increment(2);
            }
            sampleAt(halfSeconds * 500L);
        }

        List<Double> rates = new ArrayList<>();
        json().get("throughput").get("tasksPerSecond").forEach(rate -> rates.add(rate.asDouble()));
        assertThat(rates).hasSize(40);
        assertThat(rates.subList(9, 40)).allSatisfy(rate -> assertThat(rate).isBetween(0.1, 0.5));
    }

    @Test
    void etaIsShownForLongTasksOnceOneHasFinished() {
        job.progress(0, 64);
        sampleAt(0);
        sampleAt(500);
        assertThat(json().get("job").get("etaSeconds").isNull()).isTrue();
        for (long millis = 1_000; millis <= 6_000; millis += 500) {
            if (millis == 5_000) {
                completed.increment(2);
                job.progress(2, 64);
            }
            sampleAt(millis);
        }

        assertThat(json().get("job").get("etaSeconds").asDouble()).isCloseTo(62 * 6.0 / 2, within(1.0));
    }

    private void sampleAt(long millis) {
        nanos.set(millis * 1_000_000);
        state.sample();
    }

    private JsonNode json() {
        return JsonMapper.builder().build().readTree(state.json());
    }

    /** The job gauges a run publishes, by the names the dashboard reads. */
    private static final class JobProgress {
        private final AtomicLong done = new AtomicLong();
        private final AtomicLong total = new AtomicLong();

        JobProgress(MeterRegistry registry) {
            Tags job = Tags.of("job", "primes");
            registry.gauge("mproc.job.tasks.done", job, done);
            registry.gauge("mproc.job.tasks.planned", job, total);
            Gauge.builder("mproc.job.progress", this, p -> (double) p.done.get() / p.total.get())
                    .tags(job).register(registry);
        }

        void progress(long tasksDone, long tasksTotal) {
            done.set(tasksDone);
            total.set(tasksTotal);
        }
    }
}
