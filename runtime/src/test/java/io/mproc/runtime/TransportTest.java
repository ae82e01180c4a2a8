package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.Transport;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transport chosen for a pool decides how its workers connect to it. */
class TransportTest {

    @Test
    void transportTcpMakesThePoolListenOnLoopbackTcp() {
        try (Pool pool = Pool.builder().workers(1).transport(Transport.TCP).build()) {
            assertThat(pool.address()).matches("tcp:127\\.0\\.0\\.1:\\d+");
            assertThat(pool.map(Tasks::square, List.of(2, 3))).containsExactly(4, 9);
        }
    }

    @Test
    void transportUnixMakesThePoolListenOnAUnixSocket() {
        try (Pool pool = Pool.builder().workers(1).transport(Transport.UNIX).build()) {
            assertThat(pool.address()).startsWith("unix:").endsWith("pool.sock");
            assertThat(pool.map(Tasks::square, List.of(2, 3))).containsExactly(4, 9);
        }
    }
}
