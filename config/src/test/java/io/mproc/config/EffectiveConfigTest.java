package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EffectiveConfigTest {

    @TempDir
    Path directory;

    @Test
    void describePrintsEachKeyWithValueAndSourceInAlignedColumns() throws IOException {
        Path file = Files.writeString(directory.resolve("mproc.yaml"), """
                worker:
                  heap: 1g
                  jvmOptions: [-ea, -Xss2m]
                taskTimeout: PT90S
                """);
        Map<String, String> environment = Map.of("MPROC_WORKERS", "4", "MPROC_SHARED_MEMORY_SIZE", "1048576",
                "MPROC_CLUSTER_TOKEN", "a secret never printed");
        Map<String, String> flags = Map.of("transport", "TCP", "metrics.port", "9400");

        String description = ConfigLoader.load(file, environment, flags).describe();

        assertThat(description).isEqualTo("""
                workers            4              (env MPROC_WORKERS)
                worker.heap        1g             (file %1$s)
                worker.jvmOptions  -ea -Xss2m     (file %1$s)
                taskTimeout        90s            (file %1$s)
                maxRetries         2              (default)
                maxTasksPerWorker  0              (default)
                chunkSize          0              (default)
                transport          tcp            (flag --transport)
                metrics.port       9400           (flag --metrics.port)
                metrics.bind       127.0.0.1      (default)
                reportDirectory    mproc-reports  (default)
                sharedMemory.size  1m             (env MPROC_SHARED_MEMORY_SIZE)
                cluster.members    -              (default)
                cluster.name       mproc          (default)
                cluster.token      (hidden)       (env MPROC_CLUSTER_TOKEN)""".formatted(file));
    }

    @Test
    void describeShowsUnsetValuesAsADash() {
        String description = ConfigLoader.load(Map.of(), Map.of()).describe();

        assertThat(description.lines()).contains(
                "worker.heap        -              (default)",
                "worker.jvmOptions  -              (default)");
    }

    @Test
    void sourcesAreInKeyOrder() {
        EffectiveConfig effective = ConfigLoader.load(Map.of(), Map.of());

        assertThat(effective.sources().keySet()).containsExactlyElementsOf(ConfigLoader.keys());
    }

    @Test
    void sourceOfAnUnknownKeyIsAnError() {
        EffectiveConfig effective = ConfigLoader.load(Map.of(), Map.of());

        assertThatThrownBy(() -> effective.sourceOf("wrokers")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no configuration key 'wrokers'");
    }

    @Test
    void sourcesMustCoverExactlyTheKeys() {
        assertThatThrownBy(() -> new EffectiveConfig(MprocConfig.defaults(), Map.of("workers", ConfigSource.DEFAULT)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
