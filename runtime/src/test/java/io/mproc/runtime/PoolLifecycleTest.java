package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mproc.internal.launch.PrivateDirectories;
import io.mproc.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoolLifecycleTest {

    @Test
    void closeLeavesNoWorkerProcessSocketOrThread() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Pool pool = Pool.builder().workers(2).build();
        pool.map(Tasks::square, IntStream.range(0, 100).boxed().toList());
        assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
        List<Long> pids = pool.workers().stream().map(WorkerInfo::pid).toList();
        Path socketDirectory = socketPath(pool).getParent();
        pool.close();

        assertThat(pids).hasSize(2).allSatisfy(pid -> assertThat(isAlive(pid)).isFalse());
        assertThat(socketDirectory).doesNotExist();
        assertThat(mprocThreadsBesides(before)).isEmpty();
    }

    @Test
    void terminateStopsRunningWorkAtOnceAndLeavesNothing() {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Pool pool = Pool.builder().workers(2).build();
        var running = pool.mapAsync(Tasks::announceAndSleep, List.of(60_000, 60_000), 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> pool.workers().size() == 2);
        List<Long> pids = pool.workers().stream().map(WorkerInfo::pid).toList();
        Path socketDirectory = socketPath(pool).getParent();
        pool.terminate();

        assertThat(running).isCompletedExceptionally();
        assertThat(pids).allSatisfy(pid -> assertThat(isAlive(pid)).isFalse());
        assertThat(socketDirectory).doesNotExist();
        assertThat(mprocThreadsBesides(before)).isEmpty();
    }

    @Test
    void killNineOfCoordinatorLeavesNoWorkerBehind() {
        List<Long> workers = new ArrayList<>();
        try (ChildJvm coordinator = ChildJvm.start(List.of(), CoordinatorMain.class)) {
            Path socket = null;
            for (String line : coordinator.awaitLinesUntil("ready", Duration.ofSeconds(60))) {
                if (line.startsWith("worker ")) {
                    workers.add(Long.parseLong(line.substring("worker ".length())));
                } else if (line.startsWith("address unix:")) {
                    socket = Path.of(line.substring("address unix:".length()));
                }
            }
            assertThat(workers).hasSize(2);
            coordinator.kill();
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream().noneMatch(PoolLifecycleTest::isAlive));
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isLessThan(Duration.ofSeconds(2));
            if (socket != null) {
                Path directory = socket.getParent();
                await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(directory));
            }
        } finally {
            workers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void programWhoseMainReturnsWithoutClosingItsPoolExitsAndLeavesNoWorker() {
        List<Long> workers = new ArrayList<>();
        try (ChildJvm program = ChildJvm.start(List.of(), UnclosedPoolMain.class)) {
            for (String line : program.awaitLinesUntil("returning", Duration.ofSeconds(60))) {
                if (line.startsWith("worker ")) {
                    workers.add(Long.parseLong(line.substring("worker ".length())));
                }
            }
            assertThat(program.awaitExit(Duration.ofSeconds(30))).as("the program's exit status").isZero();
            assertThat(workers).hasSize(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> workers.stream().noneMatch(PoolLifecycleTest::isAlive));
        } finally {
            workers.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        }
    }

    @Test
    void staleSocketDirectoryOfDeadCoordinatorIsRemovedByTheNextPool() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path stale = Files.createDirectory(tmp.resolve(PrivateDirectories.PREFIX + dead.pid() + "-test"));
        Files.writeString(stale.resolve("pool.sock"), "");
        try (Pool pool = Pool.builder().workers(1).build()) {
            assertThat(stale).doesNotExist();
        }
    }

    @Test
    void workerThatCannotStartFailsWorkWithItsOutput() {
        try (Pool pool = Pool.builder().workers(1).jvmOptions("-Xmx1k-not-a-size").build()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pool.map(Tasks::square, List.of(1)))
                    .hasMessageContaining("worker JVMs fail to start")
                    .hasMessageContaining("-Xmx1k-not-a-size");
        }
    }

    static Path socketPath(Pool pool) {
        assertThat(pool.address()).startsWith("unix:");
        return Path.of(pool.address().substring("unix:".length()));
    }

    /**
     * Whether the process still runs. A zombie does not: a worker orphaned by its coordinator's death is reaped by
     * whatever init this machine has, which may take seconds, and {@link ProcessHandle#isAlive} counts it until then.
     */
    static boolean isAlive(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                String fields = Files.readString(stat);
                return fields.charAt(fields.lastIndexOf(')') + 2) != 'Z';
            } catch (IOException gone) {
                return false;
            }
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static List<String> mprocThreadsBesides(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> name.startsWith("mproc") || name.startsWith("Exec") || name.contains(File.separator))
                .toList();
    }
}
