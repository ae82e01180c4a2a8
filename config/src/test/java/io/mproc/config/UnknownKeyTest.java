package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnknownKeyTest {

    private static final String ALL_KEYS = "workers, worker.heap, worker.jvmOptions, taskTimeout, maxRetries,"
            + " maxTasksPerWorker, chunkSize, transport, metrics.port, metrics.bind, reportDirectory,"
            + " sharedMemory.size, cluster.members, cluster.name, cluster.token";

    @TempDir
    Path directory;

    @Test
    void aMistypedFileKeySuggestsTheClosestKey() throws IOException {
        Path file = write("mproc.yaml", "wrokers: 4\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key 'wrokers' (from file " + file + "): did you mean 'workers'?");
    }

    @Test
    void aMistypedNestedFileKeySuggestsTheClosestDottedKey() throws IOException {
        Path file = write("mproc.yaml", "metrics:\n  prot: 9400\n");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessage("unknown key 'metrics.prot' (from file " + file + "): did you mean 'metrics.port'?");
    }

    @Test
    void anUnknownFileKeyFarFromEveryKeyListsTheKeys() throws IOException {
        Path file = write("mproc.json", "{\"colour\": \"blue\"}");

        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
                .hasMessage("unknown key 'colour' (from file " + file + "): valid keys are " + ALL_KEYS);
    }

    @Test
    void aMistypedEnvironmentVariableSuggestsTheClosestVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("MPROC_WROKERS", "4"), Map.of()))
                .hasMessage("unknown environment variable MPROC_WROKERS: did you mean MPROC_WORKERS?");
    }

    @Test
    void anUnknownEnvironmentVariableFarFromEveryVariableListsTheVariables() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of("MPROC_COLOUR", "blue"), Map.of()))
                .hasMessage("unknown environment variable MPROC_COLOUR: valid variables are MPROC_WORKERS,"
                        + " MPROC_WORKER_HEAP, MPROC_WORKER_JVM_OPTIONS, MPROC_TASK_TIMEOUT, MPROC_MAX_RETRIES,"
                        + " MPROC_MAX_TASKS_PER_WORKER, MPROC_CHUNK_SIZE, MPROC_TRANSPORT, MPROC_METRICS_PORT,"
                        + " MPROC_METRICS_BIND, MPROC_REPORT_DIRECTORY, MPROC_SHARED_MEMORY_SIZE, MPROC_CLUSTER,"
                        + " MPROC_CLUSTER_NAME, MPROC_CLUSTER_TOKEN");
    }

    @Test
    void environmentVariablesWithoutThePrefixAreIgnored() {
        EffectiveConfig effective = ConfigLoader.load(Map.of("WORKERS", "zero", "MPROCWORKERS", "x"), Map.of());

        assertThat(effective.config()).isEqualTo(MprocConfig.defaults());
    }

    @Test
    void aMistypedFlagSuggestsTheClosestKey() {
        assertThatThrownBy(() -> ConfigLoader.load(Map.of(), Map.of("taskTimout", "5s")))
                .hasMessage("unknown key 'taskTimout' (from flag --taskTimout): did you mean 'taskTimeout'?");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(directory.resolve(name), content);
    }
}
