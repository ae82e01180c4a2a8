package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.testing.ChildJvm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Python's {@code multiprocessing.connection} Listener and Client, between JVMs that share no parent. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ListenerClientTest {

    private static final byte[] KEY = "secret password".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path directory;

    @Test
    void anUnrelatedJvmConnectsOverAUnixSocketAndTypedValuesGoBothWays() {
        try (Listener listener = Listener.bind("unix:" + directory.resolve("listener.sock"), KEY);
             ChildJvm client = ChildJvm.start(ClientMain.class, listener.address(), "secret password")) {
            try (SocketConnection connection = listener.accept()) {
                assertThat((Point) connection.recv()).isEqualTo(new Point(1, 2));
                connection.send(List.of(new Point(3, 4)));
                assertThat(connection.recvBytes()).containsExactly(7, 8, 9);
                assertThat(Connections.wait(List.of(connection), Duration.ofSeconds(30))).containsExactly(connection);
                assertThatThrownBy(connection::recv).isInstanceOf(EndOfStreamException.class);
            }
            assertThat(client.awaitLine("got ", Duration.ofSeconds(30))).isEqualTo("got [Point[x=3, y=4]]");
            assertThat(client.awaitExit()).isZero();
        }
        assertThat(directory.resolve("listener.sock")).doesNotExist();
    }

    @Test
    void aClientWithAnotherKeyIsRefusedOnBothSidesOverTcp() {
        try (Listener listener = Listener.bind("tcp:127.0.0.1:0", KEY)) {
            assertThat(listener.address()).startsWith("tcp:127.0.0.1:").doesNotEndWith(":0");
            CompletableFuture<SocketConnection> accepted = CompletableFuture.supplyAsync(listener::accept);
            assertThatThrownBy(() -> Client.connect(listener.address(), "wrong".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(AuthenticationException.class);
            assertThat(accepted).failsWithin(Duration.ofSeconds(30)).withThrowableThat()
                    .withCauseInstanceOf(AuthenticationException.class);

            CompletableFuture<SocketConnection> next = CompletableFuture.supplyAsync(listener::accept);
            try (SocketConnection client = Client.connect(listener.address(), KEY);
                 SocketConnection server = next.join()) {
                client.send("over tcp");
                assertThat(server.poll(Duration.ofSeconds(30))).isTrue();
                assertThat((String) server.recv()).isEqualTo("over tcp");
            }
        }
    }

    @Test
    void aRecvInterruptedEndsWithAnInterruptNotAnEndOfStreamAndKeepsTheFlag() throws Exception {
        try (Listener listener = Listener.bind("tcp:127.0.0.1:0", KEY)) {
            CompletableFuture<SocketConnection> accepted = CompletableFuture.supplyAsync(listener::accept);
            try (SocketConnection client = Client.connect(listener.address(), KEY);
                 SocketConnection server = accepted.join()) {
                CompletableFuture<RuntimeException> outcome = new CompletableFuture<>();
                Thread reader = new Thread(() -> {
                    try {
                        client.recv();
                        outcome.complete(null);
                    } catch (RuntimeException e) {
                        outcome.complete(Thread.currentThread().isInterrupted() ? e : new IllegalArgumentException(
                                "the interrupt flag was cleared", e));
                    }
                });
                reader.start();
                reader.interrupt();
                assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("interrupted");
                reader.join(30_000);
            }
        }
    }

    @Test
    void anAddressOfNeitherFormOrAnEmptyKeyIsRefusedWithTheFormsToUse() {
        assertThatThrownBy(() -> Listener.bind("localhost:6000", KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unix:/path/to/socket, or tcp:host:port");
        assertThatThrownBy(() -> Listener.bind("tcp:127.0.0.1:0", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authentication key");
    }

    record Point(int x, int y) {
    }

    /** A program of its own, started by no mproc context: connects, talks, closes. */
    static final class ClientMain {
        public static void main(String[] args) {
            try (SocketConnection connection = Client.connect(args[0], args[1].getBytes(StandardCharsets.UTF_8))) {
                connection.send(new Point(1, 2));
                List<Point> reply = connection.recv();
                connection.sendBytes(new byte[] {7, 8, 9});
                System.out.println("got " + reply);
            }
        }
    }
}
