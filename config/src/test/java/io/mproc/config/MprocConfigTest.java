package io.mproc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.PoolSettings;
import io.mproc.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MprocConfigTest {

    @Test
    void defaultsAreOneWorkerPerProcessorAndTheDocumentedValues() {
        MprocConfig defaults = MprocConfig.defaults();

        assertThat(defaults).isEqualTo(new MprocConfig(Runtime.getRuntime().availableProcessors(), Optional.empty(),
                List.of(), Duration.ZERO, 2, 0, 0, Transport.AUTO, 0, "127.0.0.1",
                Path.of("mproc-reports"), 16L << 20, List.of(), "mproc", Optional.empty()));
    }

    @Test
    void convertsToPoolSettingsWithTheHeapAfterTheJvmOptionsAndTheTransport() {
        MprocConfig config = new MprocConfig(3, Optional.of("2g"), List.of("-Xmx1g", "-ea"), Duration.ofSeconds(30),
                4, 100, 8, Transport.TCP, 9400, "0.0.0.0", Path.of("reports"), 1L << 20, List.of(), "mproc", Optional.empty());

        assertThat(config.toPoolSettings()).isEqualTo(new PoolSettings(3, List.of("-Xmx1g", "-ea", "-Xmx2g"),
                List.of(), Map.of(), 100, Duration.ofSeconds(30), 4, 8, Transport.TCP));
    }

    @Test
    void convertsToPoolSettingsWithoutHeapOption() {
        PoolSettings settings = MprocConfig.defaults().toPoolSettings();

        assertThat(settings).isEqualTo(new PoolSettings(Runtime.getRuntime().availableProcessors(), List.of(),
                List.of(), Map.of(), 0, Duration.ZERO, 2, PoolSettings.AUTO_CHUNK));
    }

    @Test
    void rejectsNumbersOutOfRange() {
        assertThatThrownBy(() -> withWorkersAndPort(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("workers = 0 is out of range");
        assertThatThrownBy(() -> withWorkersAndPort(1, 70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metrics.port = 70000 is out of range");
    }

    @Test
    void copiesTheJvmOptions() {
        List<String> options = new java.util.ArrayList<>(List.of("-ea"));
        MprocConfig config = new MprocConfig(1, Optional.empty(), options, Duration.ZERO, 0, 0, 0,
                Transport.AUTO, 0, "localhost", Path.of("r"), 1L << 20, List.of(), "mproc", Optional.empty());

        options.add("-Xss1m");

        assertThat(config.workerJvmOptions()).containsExactly("-ea");
    }

    private static MprocConfig withWorkersAndPort(int workers, int port) {
        return new MprocConfig(workers, Optional.empty(), List.of(), Duration.ZERO, 0, 0, 0,
                Transport.AUTO, port, "localhost", Path.of("r"), 1L << 20, List.of(), "mproc", Optional.empty());
    }
}
