package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.Transport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayeringTest {

    @TempDir
    Path directory;

    @Test
    void withoutSourcesEveryValueIsTheDefault() {
        EffectiveConfig effective = ConfigLoader.load(Map.of(), Map.of());

        assertThat(effective.config()).isEqualTo(MprocConfig.defaults());
        assertThat(effective.sources()).containsOnlyKeys(ConfigLoader.keys());
        assertThat(effective.sources().values()).containsOnly(ConfigSource.DEFAULT);
    }

    @Test
    void fileOverridesDefaults() throws IOException {
        Path file = write("mproc.yaml", "workers: 3\n");

        EffectiveConfig effective = ConfigLoader.load(file, Map.of(), Map.of());

        assertThat(effective.config().workers()).isEqualTo(3);
        assertThat(effective.sourceOf("workers")).isEqualTo(ConfigSource.file(file));
        assertThat(effective.sourceOf("maxRetries")).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void environmentOverridesFile() throws IOException {
        Path file = write("mproc.yaml", "workers: 3\nmaxRetries: 5\n");

        EffectiveConfig effective = ConfigLoader.load(file, Map.of("MPROC_WORKERS", "6"), Map.of());

        assertThat(effective.config().workers()).isEqualTo(6);
        assertThat(effective.sourceOf("workers")).isEqualTo(ConfigSource.env("MPROC_WORKERS"));
        assertThat(effective.config().maxRetries()).isEqualTo(5);
        assertThat(effective.sourceOf("maxRetries")).isEqualTo(ConfigSource.file(file));
    }

    @Test
    void flagsOverrideEnvironment() throws IOException {
        Path file = write("mproc.yaml", "workers: 3\ntaskTimeout: 1m\nchunkSize: 8\n");
        Map<String, String> environment = Map.of("MPROC_WORKERS", "6", "MPROC_TASK_TIMEOUT", "30s");

        EffectiveConfig effective = ConfigLoader.load(file, environment, Map.of("workers", "9"));

        assertThat(effective.config().workers()).isEqualTo(9);
        assertThat(effective.sourceOf("workers")).isEqualTo(ConfigSource.flag("workers"));
        assertThat(effective.config().taskTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(effective.sourceOf("taskTimeout")).isEqualTo(ConfigSource.env("MPROC_TASK_TIMEOUT"));
        assertThat(effective.config().chunkSize()).isEqualTo(8);
        assertThat(effective.sourceOf("chunkSize")).isEqualTo(ConfigSource.file(file));
    }

    @Test
    void everyKeyCanBeSetFromTheEnvironment() {
        Map<String, String> environment = Map.ofEntries(
                Map.entry("MPROC_WORKERS", "4"),
                Map.entry("MPROC_WORKER_HEAP", "512m"),
                Map.entry("MPROC_WORKER_JVM_OPTIONS", " -Xss2m   -Dmode=fast "),
                Map.entry("MPROC_TASK_TIMEOUT", "PT2M"),
                Map.entry("MPROC_MAX_RETRIES", "0"),
                Map.entry("MPROC_MAX_TASKS_PER_WORKER", "100"),
                Map.entry("MPROC_CHUNK_SIZE", "16"),
                Map.entry("MPROC_TRANSPORT", "tcp"),
                Map.entry("MPROC_METRICS_PORT", "9400"),
                Map.entry("MPROC_METRICS_BIND", "0.0.0.0"),
                Map.entry("MPROC_REPORT_DIRECTORY", "/var/tmp/reports"),
                Map.entry("MPROC_SHARED_MEMORY_SIZE", "1g"),
                Map.entry("MPROC_CLUSTER", "10.0.0.5:5701, node2.example:5702"),
                Map.entry("MPROC_CLUSTER_NAME", "prod"),
                Map.entry("MPROC_CLUSTER_TOKEN", "sixteen or more characters"),
                Map.entry("PATH", "/usr/bin"));

        EffectiveConfig effective = ConfigLoader.load(environment, Map.of());

        assertThat(effective.config()).isEqualTo(new MprocConfig(4, Optional.of("512m"),
                List.of("-Xss2m", "-Dmode=fast"), Duration.ofMinutes(2), 0, 100, 16,
                Transport.TCP, 9400, "0.0.0.0", Path.of("/var/tmp/reports"), 1L << 30,
                List.of("10.0.0.5:5701", "node2.example:5702"), "prod", Optional.of("sixteen or more characters")));
        for (String key : ConfigLoader.keys()) {
            assertThat(effective.sourceOf(key).kind()).as(key).isEqualTo(ConfigSource.Kind.ENV);
        }
        assertThat(effective.sourceOf("maxTasksPerWorker")).isEqualTo(ConfigSource.env("MPROC_MAX_TASKS_PER_WORKER"));
    }

    @Test
    void everyKeyCanBeSetByFlag() {
        Map<String, String> flags = Map.ofEntries(
                Map.entry("workers", "4"),
                Map.entry("worker.heap", "2g"),
                Map.entry("worker.jvmOptions", "-ea"),
                Map.entry("taskTimeout", "500ms"),
                Map.entry("maxRetries", "1"),
                Map.entry("maxTasksPerWorker", "10"),
                Map.entry("chunkSize", "2"),
                Map.entry("transport", "unix"),
                Map.entry("metrics.port", "8080"),
                Map.entry("metrics.bind", "localhost"),
                Map.entry("reportDirectory", "out"),
                Map.entry("sharedMemory.size", "64k"),
                Map.entry("cluster.members", "127.0.0.1:5701"),
                Map.entry("cluster.name", "test"),
                Map.entry("cluster.token", "a token of the tests"));

        EffectiveConfig effective = ConfigLoader.load(Map.of(), flags);

        assertThat(effective.config()).isEqualTo(new MprocConfig(4, Optional.of("2g"),
                List.of("-ea"), Duration.ofMillis(500), 1, 10, 2, Transport.UNIX, 8080,
                "localhost", Path.of("out"), 64 * 1024, List.of("127.0.0.1:5701"), "test",
                Optional.of("a token of the tests")));
        for (String key : ConfigLoader.keys()) {
            assertThat(effective.sourceOf(key)).as(key).isEqualTo(ConfigSource.flag(key));
        }
    }

    @Test
    void sourcesPrintAsTheLayerAndTheName() {
        assertThat(ConfigSource.DEFAULT).hasToString("default");
        assertThat(ConfigSource.file(Path.of("/etc/mproc.yaml"))).hasToString("file /etc/mproc.yaml");
        assertThat(ConfigSource.env("MPROC_WORKERS")).hasToString("env MPROC_WORKERS");
        assertThat(ConfigSource.flag("worker.heap")).hasToString("flag --worker.heap");
    }

    @Test
    void aRelativeFileIsReportedByItsAbsolutePath() throws IOException {
        Path file = write("mproc.yaml", "workers: 3\n");
        Path relative = Path.of("").toAbsolutePath().relativize(file);

        EffectiveConfig effective = ConfigLoader.load(relative, Map.of(), Map.of());

        assertThat(effective.sourceOf("workers").name()).isEqualTo(file.toString());
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
