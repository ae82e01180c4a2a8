package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.Hello;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoolSecurityTest {

    @Test
    void socketLivesInAPrivateDirectory() throws Exception {
        try (Pool pool = Pool.builder().workers(1).build()) {
            Path socket = PoolLifecycleTest.socketPath(pool);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                    .isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))).isEqualTo("rw-------");
        }
    }

    @Test
    void connectionsWithoutTheTokenAreRefusedAndARunningMapCompletes() throws Exception {
        List<Integer> inputs = IntStream.range(0, 20_000).boxed().toList();
        try (Pool pool = Pool.builder().workers(2).chunkSize(1).build()) {
            Path socket = PoolLifecycleTest.socketPath(pool);
            CompletableFuture<List<Integer>> running = pool.mapAsync(Tasks::square, inputs);

            FrameWriter wrongToken = new FrameWriter(256, 1024);
            new Hello(new byte[Hello.TOKEN_LENGTH], ProcessHandle.current().pid(), 1, 16).writeTo(wrongToken);
            assertThat(isRefused(socket, wrongToken)).isTrue();

            FrameWriter garbage = new FrameWriter(256, 1024);
            garbage.putBytes("GET / HTTP/1.1\r\n\r\n".getBytes(), 0, 18);
            assertThat(isRefused(socket, garbage)).isTrue();

            assertThat(running.join()).isEqualTo(inputs.stream().map(x -> x * x).toList());
        }
    }

    @Test
    void connectionsThatNeverPresentThemselvesAreClosedOldestFirstBeyondACapAndWorkersAreStillAdmitted()
            throws Exception {
        List<SocketChannel> silent = new ArrayList<>();
        try (Pool pool = Pool.builder().workers(1).maxTasksPerWorker(1).build()) {
            pool.awaitReady(Duration.ofSeconds(30));
            Path socket = PoolLifecycleTest.socketPath(pool);
            for (int i = 0; i < Coordinator.MIN_PENDING_CONNECTIONS + 8; i++) {
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket));
                channel.configureBlocking(false);
                silent.add(channel);
            }

            ByteBuffer answer = ByteBuffer.allocate(8);
            for (SocketChannel oldest : silent.subList(0, 8)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> oldest.read(answer) == -1);
            }
            assertThat(silent.get(8).read(answer)).as("still waiting").isZero();
            assertThat(pool.map(Tasks::pid, List.of(1, 2, 3))).as("each task on a newly admitted worker")
                    .doesNotHaveDuplicates();
        } finally {
            for (SocketChannel channel : silent) {
                channel.close();
            }
        }
    }

    /** Sends the bytes and reports whether the coordinator then closed the connection. */
    private static boolean isRefused(Path socket, FrameWriter bytes) throws Exception {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            bytes.flushTo(channel);
            ByteBuffer answer = ByteBuffer.allocate(64);
            return channel.read(answer) == -1;
        }
    }
}
