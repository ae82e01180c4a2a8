package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValidationMessageTest {

    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            MPROC_WORKERS              | zero      | workers = "zero" (from env MPROC_WORKERS) is not valid: expected an integer >= 1
            MPROC_WORKERS              | 0         | workers = "0" (from env MPROC_WORKERS) is not valid: expected an integer >= 1
            MPROC_WORKERS              | 2.5       | workers = "2.5" (from env MPROC_WORKERS) is not valid: expected an integer >= 1
            MPROC_WORKER_HEAP          | 1gb       | worker.heap = "1gb" (from env MPROC_WORKER_HEAP) is not valid: expected a heap size in -Xmx syntax, such as 512m, 2g or 1024k
            MPROC_WORKER_HEAP          | 0m        | worker.heap = "0m" (from env MPROC_WORKER_HEAP) is not valid: expected a heap size in -Xmx syntax, such as 512m, 2g or 1024k
            MPROC_WORKER_JVM_OPTIONS   | -ea Xss2m | worker.jvmOptions = "-ea Xss2m" (from env MPROC_WORKER_JVM_OPTIONS) is not valid: expected JVM options that each start with '-' (separated by spaces in one string)
            MPROC_TASK_TIMEOUT         | 30        | taskTimeout = "30" (from env MPROC_TASK_TIMEOUT) is not valid: expected a duration such as 500ms, 30s, 5m, 1h or PT30S, or 0 for none
            MPROC_TASK_TIMEOUT         | -PT5S     | taskTimeout = "-PT5S" (from env MPROC_TASK_TIMEOUT) is not valid: expected a duration such as 500ms, 30s, 5m, 1h or PT30S, or 0 for none
            MPROC_MAX_RETRIES          | -1        | maxRetries = "-1" (from env MPROC_MAX_RETRIES) is not valid: expected an integer >= 0
            MPROC_MAX_TASKS_PER_WORKER | many      | maxTasksPerWorker = "many" (from env MPROC_MAX_TASKS_PER_WORKER) is not valid: expected an integer >= 0 (0 for no limit)
            MPROC_CHUNK_SIZE           | -4        | chunkSize = "-4" (from env MPROC_CHUNK_SIZE) is not valid: expected an integer >= 0 (0 for automatic)
            MPROC_TRANSPORT            | udp       | transport = "udp" (from env MPROC_TRANSPORT) is not valid: expected one of auto, unix, tcp
            MPROC_METRICS_PORT         | 65536     | metrics.port = "65536" (from env MPROC_METRICS_PORT) is not valid: expected an integer from 0 to 65535 (0 for off)
            MPROC_METRICS_BIND         | my host   | metrics.bind = "my host" (from env MPROC_METRICS_BIND) is not valid: expected a host name or IP address
            MPROC_SHARED_MEMORY_SIZE   | 1k        | sharedMemory.size = "1k" (from env MPROC_SHARED_MEMORY_SIZE) is not valid: expected a size of at least 64k, such as 64k, 16m or 1g (a plain number is bytes)
            MPROC_SHARED_MEMORY_SIZE   | 16 MB     | sharedMemory.size = "16 MB" (from env MPROC_SHARED_MEMORY_SIZE) is not valid: expected a size of at least 64k, such as 64k, 16m or 1g (a plain number is bytes)
            """)
    void aBadEnvironmentValueNamesKeyValueSourceAndWhatIsAllowed(String variable, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(variable, value), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aBlankReportDirectoryIsNotValid() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("reportDirectory", " ")))
                .hasMessage("reportDirectory = \" \" (from flag --reportDirectory) is not valid:"
                        + " expected a directory path");
    }

    @Test
    void aBadFlagNamesTheFlag() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("maxRetries", "lots")))
                .hasMessage("maxRetries = \"lots\" (from flag --maxRetries) is not valid: expected an integer >= 0");
    }

    @Test
    void aBadFlagNamesTheFlagAsTheUserTypedIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.empty(), Map.of(),
                List.of(new ConfigFlag("worker.heap", "--heap", "abc"))))
                .hasMessage("worker.heap = \"abc\" (from flag --heap) is not valid: expected a heap size in -Xmx syntax,"
                        + " such as 512m, 2g or 1024k");
    }

    @Test
    void aFlagSourceIsTheFlagAsTyped() {
        EffectiveConfig effective = ConfigLoader.load(Optional.empty(), Map.of(),
                List.of(new ConfigFlag("taskTimeout", "--task-timeout", "30s")));
        assertThat(effective.sourceOf("taskTimeout")).hasToString("flag --task-timeout");
    }

    @Test
    void aBadFileValueNamesTheFile() throws IOException {
        Path file = write("mproc.yaml", "worker:\n  heap: huge\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessage("worker.heap = \"huge\" (from file " + file
                        + ") is not valid: expected a heap size in -Xmx syntax, such as 512m, 2g or 1024k");
    }

    @Test
    void aListWhereOneValueBelongsIsNotValid() throws IOException {
        Path file = write("mproc.json", "{\"workers\": [1, 2]}");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessage("workers = [1,2] (from file " + file + ") is not valid: expected an integer >= 1");
    }

    @Test
    void aListOfJvmOptionsIsCheckedItemByItem() throws IOException {
        Path file = write("mproc.yaml", "worker.jvmOptions: [-ea, Xmx1g]\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessage("worker.jvmOptions = [\"-ea\",\"Xmx1g\"] (from file " + file
                        + ") is not valid: expected JVM options that each start with '-' (separated by spaces in one"
                        + " string)");
    }

    @Test
    void aKeyWithoutValueInAFileIsNotValid() throws IOException {
        Path file = write("mproc.yaml", "reportDirectory:\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessage("reportDirectory = null (from file " + file
                        + ") is not valid: expected a directory path");
    }

    @Test
    void aBadValueIsReportedEvenWhereALaterLayerOverridesIt() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("MPROC_WORKERS", "-3"), Map.of("workers", "2")))
                .hasMessage("workers = \"-3\" (from env MPROC_WORKERS) is not valid: expected an integer >= 1");
    }

    @Test
    void everyProblemIsReportedInOneException() throws IOException {
        Path file = write("mproc.yaml", "workers: none\nchunkSize: -1\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("MPROC_TRANSPORT", "pigeon"),
                Map.of("metrics.port", "http")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).containsExactly(
                            "workers = \"none\" (from file " + file + ") is not valid: expected an integer >= 1",
                            "chunkSize = \"-1\" (from file " + file
                                    + ") is not valid: expected an integer >= 0 (0 for automatic)",
                            "transport = \"pigeon\" (from env MPROC_TRANSPORT) is not valid: expected one of auto,"
                                    + " unix, tcp",
                            "metrics.port = \"http\" (from flag --metrics.port) is not valid: expected an integer"
                                    + " from 0 to 65535 (0 for off)");
                    assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
                });
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
