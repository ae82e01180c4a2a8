package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoolMetricsTest {

    @Test
    void countersFollowTheWorkAPoolDoes() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Pool pool = Pool.builder().workers(2).meterRegistry(registry).build()) {
            pool.map(Tasks::square, IntStream.range(0, 1000).boxed().toList());
            assertThatThrownBy(() -> pool.map(Tasks::fail, List.of(1, 2)));
        }
        assertThat(registry.get("mproc.tasks.submitted").counter().count()).isEqualTo(1002);
        assertThat(registry.get("mproc.tasks.completed").tag("outcome", "success").counter().count()).isEqualTo(1000);
        assertThat(registry.get("mproc.tasks.completed").tag("outcome", "failed").counter().count()).isEqualTo(2);
        assertThat(registry.get("mproc.task.duration").timer().count()).isPositive();
    }

    @Test
    void busyRatioCountsTasksStillRunning() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Pool pool = Pool.builder().workers(2).meterRegistry(registry).build()) {
            pool.mapAsync(Tasks::announceAndSleep, List.of(60_000, 60_000), 1);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(registry.find("mproc.worker.busy.ratio").gauges()).hasSize(2)
                            .allSatisfy(busy -> assertThat(busy.value()).isGreaterThan(0.9)));
            pool.terminate();
        }
    }

    @Test
    void aBusyWorkerAlreadyHoldsTheTaskItRunsNextAndNoMore() {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "a worker holds its next task only where a core "
                + "is left beside the workers");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Pool pool = Pool.builder().workers(1).meterRegistry(registry).build()) {
            pool.mapAsync(Tasks::announceAndSleep, List.of(60_000, 60_000, 60_000), 1);
            try {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    assertThat(registry.get("mproc.tasks.in.flight").gauge().value()).isEqualTo(2);
                    assertThat(registry.get("mproc.queue.depth").gauge().value()).isEqualTo(1);
                });
            } finally {
                pool.terminate();
            }
        }
    }

    @Test
    void builderServesPrometheusTextUntilThePoolCloses() throws Exception {
        URI metrics;
        try (Pool pool = Pool.builder().workers(1).serveMetrics(0).build()) {
            pool.map(Tasks::square, List.of(1, 2, 3));
            metrics = pool.metricsUrl().orElseThrow().resolve("/metrics");
            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(scrape).contains("mproc_tasks_completed_total{outcome=\"success\"");
        }
        URI closed = metrics;
        assertThatThrownBy(() -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(closed).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
    }
}
