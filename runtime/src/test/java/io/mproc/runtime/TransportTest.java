package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.config.ConfigLoader;
import io.mproc.config.PoolSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code transport} configuration key decides how workers connect to the pool. */
class TransportTest {

    @Test
    void transportTcpMakesThePoolListenOnLoopbackTcp() {
        try (Pool pool = Pool.builder().settings(configured("tcp")).build()) {
            assertThat(pool.address()).matches("tcp:\\d+");
            assertThat(pool.map(Tasks::square, List.of(2, 3))).containsExactly(4, 9);
        }
    }

    @Test
    void transportUnixMakesThePoolListenOnAUnixSocket() {
        try (Pool pool = Pool.builder().settings(configured("unix")).build()) {
            assertThat(pool.address()).startsWith("unix:").endsWith("pool.sock");
            assertThat(pool.map(Tasks::square, List.of(2, 3))).containsExactly(4, 9);
        }
    }

    private static PoolSettings configured(String transport) {
        return ConfigLoader.load(Map.of(), Map.of("transport", transport, "workers", "1")).config().toPoolSettings();
    }
}
