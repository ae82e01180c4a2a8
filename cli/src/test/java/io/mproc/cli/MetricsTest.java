package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mproc.Job;
import io.mproc.PoolSettings;
import io.mproc.runtime.JobRunner;
import io.mproc.runtime.Jobs;
import io.mproc.runtime.RunOptions;
import io.mproc.runtime.metrics.JvmMetrics;
import io.mproc.runtime.metrics.MetricsServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The meters, the Prometheus endpoint (checked by the real promtool) and the live dashboard (loaded in real
 * headless Chromium) while a real job runs on worker JVMs. promtool and Chromium come from Debian's prometheus
 * and chromium packages, which .ci/run installs; where they are missing outside CI, those tests are skipped.
 */
class MetricsTest {

    /** The prefix of the meters only a cluster run registers. */
    static final String CLUSTER_METERS = "mproc.cluster.";
    private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(mproc\\.[a-z.]+)` \\| (\\w+) \\| ([a-z, ]+) \\|");

    @TempDir
    Path dir;

    private PrometheusMeterRegistry registry;
    private JvmMetrics jvm;
    private MetricsServer server;

    @BeforeEach
    void serve() {
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        jvm = JvmMetrics.bindTo(registry);
        server = MetricsServer.start(registry, "127.0.0.1", 0, false);
    }

    @AfterEach
    void stop() {
        server.close();
        jvm.close();
    }

    @Test
    void documentedTableMatchesTheMetersARunRegisters() throws Exception {
        Set<String> seen = new TreeSet<>();
        CountDownLatch firstTask = new CountDownLatch(1);
        run(Map.of("limit", "200000"), (done, total) -> {
            if (firstTask.getCount() > 0) {
                seen.addAll(describe(registry.getMeters()));
                firstTask.countDown();
            }
        }).get(120, TimeUnit.SECONDS);
        BenchMeters.speedup(registry, "primes", 2, 1.9);
        seen.addAll(describe(registry.getMeters()));
        assertThat(seen).isEqualTo(documented().stream().filter(row -> !row.startsWith(CLUSTER_METERS))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    @Test
    void scrapeWhileAJobRunsPassesPromtool() throws Exception {
        assumeTrue(installed("promtool"), "promtool is not installed (apt-get install prometheus)");
        CompletableFuture<?> job = runUntilHalfway();
        String scrape = get(server.url().resolve("/metrics"));
        assertThat(scrape).contains("mproc_tasks_completed_total", "mproc_worker_busy_ratio", "jvm_memory_used_bytes");
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(scrape.getBytes(StandardCharsets.UTF_8));
        promtool.getOutputStream().close();
        String verdict = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(verdict).isZero();
        job.get(120, TimeUnit.SECONDS);
    }

    @Test
    void dashboardLoadsInChromiumListsWorkersAndItsProgressAdvances() throws Exception {
        assumeTrue(installed("chromium"), "chromium is not installed (apt-get install chromium)");
        CompletableFuture<?> job = runUntilHalfway();
        Chromium first = Chromium.dump(server.url(), dir.resolve("profile-1"));
        Chromium second = Chromium.dump(server.url(), dir.resolve("profile-2"));
        Path screenshot = Path.of("target", "dashboard.png");
        Chromium.screenshot(server.url(), dir.resolve("profile-3"), screenshot);
        job.get(120, TimeUnit.SECONDS);

        assertThat(first.consoleErrors()).isEmpty();
        assertThat(second.consoleErrors()).isEmpty();
        assertThat(first.workerRows()).isEqualTo(2);
        assertThat(second.tasksDone()).isGreaterThan(first.tasksDone());
        assertThat(Files.size(screenshot)).isPositive();
    }

    @Test
    void dashboardCountsTheJobsTasksNotTheWarmUpAndShowsAnEtaWhileItRuns() throws Exception {
        CompletableFuture<?> job = runUntilHalfway();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                Reports.JSON.readTree(get(server.url().resolve("/api/state"))).get("job").get("etaSeconds").isNumber())
                .isTrue());
        job.get(120, TimeUnit.SECONDS);

        JsonNode tasks = Reports.JSON.readTree(get(server.url().resolve("/api/state"))).get("tasks");
        assertThat(tasks.get("submitted").asDouble()).isEqualTo(64);
        assertThat(tasks.get("success").asDouble()).isEqualTo(64);
    }

    @Test
    void portInUseIsAClearErrorNamingThePort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> MetricsServer.start(registry, "127.0.0.1", taken.getLocalPort(), false))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is in use");
        }
    }

    @Test
    void nonLoopbackAddressNeedsAnExplicitFlag() {
        assertThatThrownBy(() -> MetricsServer.start(registry, "0.0.0.0", 0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--metrics-allow-remote");
    }

    /** Starts primes on 2 workers and returns once a quarter of its tasks are done (without waiting for it). */
    private CompletableFuture<?> runUntilHalfway() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<?> job = run(Map.of("limit", "40000000"), (done, total) -> {
            if (done * 4 >= total) {
                started.countDown();
            }
        });
        assertThat(started.await(120, TimeUnit.SECONDS)).isTrue();
        return job;
    }

    private CompletableFuture<?> run(Map<String, String> parameters, RunOptions.ProgressListener progress) {
        Job<?, ?> job = Jobs.find("primes");
        PoolSettings pool = new PoolSettings(2, List.of(), List.of(), Map.of(), 0, Duration.ZERO, 2, 0);
        RunOptions options = new RunOptions(pool, 64, false, false, dir, 16L << 20, (w, e, l) -> { }, progress,
                registry);
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new JobRunner(options).run(job, Jobs.parameters(job, parameters));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static Set<String> describe(List<Meter> meters) {
        return meters.stream().filter(meter -> meter.getId().getName().startsWith("mproc."))
                .map(meter -> meter.getId().getName() + " " + meter.getId().getType().name().toLowerCase()
                        .replace("function_counter", "counter") + " "
                        + meter.getId().getTags().stream().map(tag -> tag.getKey()).sorted()
                        .collect(Collectors.joining(",")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    static Set<String> documented() throws IOException {
        Set<String> rows = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("../docs/metrics.md"))) {
            Matcher row = TABLE_ROW.matcher(line);
            if (row.find()) {
                List<String> tags = new ArrayList<>(List.of(row.group(3).split(", ")));
                tags.sort(null);
                rows.add(row.group(1) + " " + row.group(2) + " " + String.join(",", tags));
            }
        }
        return rows;
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    static boolean installed(String command) {
        boolean present = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, command)));
        return present || "true".equals(System.getenv("CI"));
    }
}
