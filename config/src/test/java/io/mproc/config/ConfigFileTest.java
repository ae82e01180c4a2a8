package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class ConfigFileTest {

    @TempDir
    Path directory;

    @Test
    void yamlAcceptsNestedKeys() throws IOException {
        MprocConfig config = load("mproc.yaml", """
                workers: 4
                worker:
                  heap: 1g
                  jvmOptions: [-Xss2m, -Dmode=fast]
                metrics:
                  port: 9400
                  bind: 0.0.0.0
                sharedMemory:
                  size: 32m
                """);

        assertThat(config.workers()).isEqualTo(4);
        assertThat(config.workerHeap()).contains("1g");
        assertThat(config.workerJvmOptions()).containsExactly("-Xss2m", "-Dmode=fast");
        assertThat(config.metricsPort()).isEqualTo(9400);
        assertThat(config.metricsBind()).isEqualTo("0.0.0.0");
        assertThat(config.sharedMemorySize()).isEqualTo(32L << 20);
    }

    @Test
    void yamlAcceptsDottedKeys() throws IOException {
        MprocConfig config = load("mproc.yml", """
                worker.heap: 512m
                worker.jvmOptions: -Xss2m -ea
                taskTimeout: 30s
                metrics.port: 9400
                sharedMemory.size: 1048576
                transport: UNIX
                reportDirectory: build/reports
                """);

        assertThat(config.workerHeap()).contains("512m");
        assertThat(config.workerJvmOptions()).containsExactly("-Xss2m", "-ea");
        assertThat(config.taskTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.metricsPort()).isEqualTo(9400);
        assertThat(config.sharedMemorySize()).isEqualTo(1L << 20);
        assertThat(config.transport()).isEqualTo(Transport.UNIX);
        assertThat(config.reportDirectory()).isEqualTo(Path.of("build/reports"));
    }

    @Test
    void yamlAcceptsNestedAndDottedKeysTogether() throws IOException {
        MprocConfig config = load("mproc.yaml", """
                worker:
                  heap: 2g
                worker.jvmOptions:
                  - -ea
                metrics.port: 1
                """);

        assertThat(config.workerHeap()).contains("2g");
        assertThat(config.workerJvmOptions()).containsExactly("-ea");
        assertThat(config.metricsPort()).isEqualTo(1);
    }

    @Test
    void jsonAcceptsNestedAndDottedKeys() throws IOException {
        MprocConfig config = load("mproc.json", """
                {
                  "workers": 2,
                  "worker": {"heap": "256m", "jvmOptions": ["-ea"]},
                  "maxRetries": 0,
                  "maxTasksPerWorker": "50",
                  "chunkSize": 10,
                  "taskTimeout": "PT1M30S",
                  "metrics.bind": "::1"
                }
                """);

        assertThat(config).isEqualTo(new MprocConfig(2, Optional.of("256m"), List.of("-ea"),
                Duration.ofSeconds(90), 0, 50, 10, Transport.AUTO, 0, "::1", Path.of("mproc-reports"),
                16L << 20, List.of(), "mproc", Optional.empty()));
    }

    @Test
    void anEmptyFileChangesNothing() throws IOException {
        assertThat(load("mproc.yaml", "")).isEqualTo(MprocConfig.defaults());
        assertThat(load("comments.yaml", "# nothing set yet\n")).isEqualTo(MprocConfig.defaults());
    }

    @Test
    void malformedYamlIsReportedWithPathLineColumnAndReason() throws IOException {
        Path file = write("mproc.yaml", "workers: 4\n  heap: [1g\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot parse configuration file " + file
                        + " at line 2, column 7: mapping values are not allowed here");
    }

    @Test
    void malformedJsonIsReportedWithPathLineColumnAndReason() throws IOException {
        Path file = write("mproc.json", "{\"workers\": 4,\n \"chunkSize\": }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot parse configuration file " + file
                        + " at line 2, column 15: Unexpected character ('}' (code 125)): expected a value");
    }

    @Test
    void aKeyGivenTwiceIsAnError() throws IOException {
        Path repeated = write("repeated.yaml", "workers: 4\nworkers: 5\n");
        Path nestedAndDotted = write("both.yaml", "worker:\n  heap: 1g\nworker.heap: 2g\n");

        assertThatThrownBy(() -> ConfigLoader.load(repeated, Map.of(), Map.of()))
                .hasMessage("cannot parse configuration file " + repeated
                        + " at line 2, column 8: Duplicate Object property \"workers\"");
        assertThatThrownBy(() -> ConfigLoader.load(nestedAndDotted, Map.of(), Map.of()))
                .hasMessage("key 'worker.heap' is given twice in configuration file " + nestedAndDotted);
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        Path file = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cannot read configuration file " + file + ": it does not exist");
    }

    @Test
    void anUnreadableFileIsReportedWithItsPathAndReason() throws IOException {
        Path file = Files.createDirectory(directory.resolve("folder.yaml"));

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read configuration file " + file + ": ");
    }

    @Test
    void anUnsupportedExtensionIsAnError() throws IOException {
        Path file = write("mproc.toml", "workers = 4\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessage("configuration file " + file
                        + " is not supported: expected a .yaml, .yml or .json file");
    }

    @Test
    void aFileThatIsNotAMappingIsAnError() throws IOException {
        Path list = write("list.yaml", "- workers\n- 4\n");
        Path scalar = write("scalar.json", "4");

        assertThatThrownBy(() -> ConfigLoader.load(list, Map.of(), Map.of()))
                .hasMessage("configuration file " + list + " must hold a mapping of keys to values, not a list");
        assertThatThrownBy(() -> ConfigLoader.load(scalar, Map.of(), Map.of()))
                .hasMessage("configuration file " + scalar
                        + " must hold a mapping of keys to values, not a single value");
    }

    @Test
    void aFileProblemIsReportedTogetherWithTheOtherLayersProblems() {
        Path file = directory.resolve("absent.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("MPROC_WORKERS", "0"), Map.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "cannot read configuration file " + file + ": it does not exist",
                        "workers = \"0\" (from env MPROC_WORKERS) is not valid: expected an integer >= 1"));
    }

    private MprocConfig load(String name, String content) throws IOException {
        return ConfigLoader.load(write(name, content), Map.of(), Map.of()).config();
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
