package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.RemoteThrowable;
import io.mproc.TaskFailedException;
import io.mproc.TaskTimeoutException;
import io.mproc.WorkerCrashedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PoolFailureTest {

    private static final List<Integer> INPUTS = IntStream.range(0, 1_000).boxed().toList();
    private static final List<Integer> SQUARES = INPUTS.stream().map(x -> x * x).toList();

    @Test
    void throwingTaskGivesRemoteClassMessageStackAndCausesAndThePoolGoesOn() {
        try (Pool pool = Pool.builder().workers(2).build()) {
            assertThatThrownBy(() -> pool.map(Tasks::fail, List.of(7)))
                    .isInstanceOfSatisfying(TaskFailedException.class, e -> {
                        RemoteThrowable remote = e.remote();
                        assertThat(remote.className()).isEqualTo(IllegalStateException.class.getName());
                        assertThat(remote.getMessage()).isEqualTo("bad input 7");
                        assertThat(remote.getStackTrace()).anySatisfy(frame -> {
                            assertThat(frame.getClassName()).isEqualTo(Tasks.class.getName());
                            assertThat(frame.getMethodName()).isEqualTo("fail");
                        });
                        assertThat(((RemoteThrowable) remote.getCause()).className())
                                .isEqualTo(ArithmeticException.class.getName());
                        assertThat(e.workerPid()).isPositive();
                        assertThat(e.getMessage()).contains("IllegalStateException: bad input 7");
                    });
            assertThat(pool.map(Tasks::square, INPUTS)).isEqualTo(SQUARES);
        }
    }

    @Test
    void systemExitInTaskGivesWorkerCrashedWithExitCodeAndThePoolGoesOn() {
        try (Pool pool = Pool.builder().workers(2).build()) {
            assertThatThrownBy(() -> pool.map(Tasks::exit, List.of(3)))
                    .isInstanceOfSatisfying(WorkerCrashedException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(3);
                        assertThat(e.getMessage()).contains("exit code 3", "System.exit(3)");
                    });
            assertThat(pool.map(Tasks::square, INPUTS)).isEqualTo(SQUARES);
        }
    }

    @Test
    void outOfMemoryUnderSmallHeapGivesWorkerCrashedNamingTheHeap() {
        try (Pool pool = Pool.builder().workers(2).maxHeap("32m").build()) {
            assertThatThrownBy(() -> pool.map(Tasks::hoard, List.of(4)))
                    .isInstanceOfSatisfying(WorkerCrashedException.class,
                            e -> assertThat(e.getMessage()).contains("OutOfMemoryError", "-Xmx"));
            assertThat(pool.map(Tasks::square, INPUTS)).isEqualTo(SQUARES);
        }
    }

    @Test
    void killNineOfWorkerGivesWorkerCrashedWithSignalAndThePoolGoesOn() throws Exception {
        LinkedBlockingQueue<Long> started = new LinkedBlockingQueue<>();
        try (Pool pool = Pool.builder().workers(2).workerOutput(startedPids(started)).build()) {
            CompletableFuture<Integer> running = pool.submit(Tasks::announceAndSleep, 60_000);
            long pid = started.poll(30, TimeUnit.SECONDS);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            assertThatThrownBy(() -> running.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOfSatisfying(WorkerCrashedException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(137);
                        assertThat(e.workerPid()).isEqualTo(pid);
                        assertThat(e.getMessage()).contains("SIGKILL");
                    });
            assertThat(pool.map(Tasks::square, INPUTS)).isEqualTo(SQUARES);
        }
    }

    @Test
    void killedWorkerIsRetriedWithinTheLimitAndTheTaskSucceeds() throws Exception {
        LinkedBlockingQueue<Long> started = new LinkedBlockingQueue<>();
        try (Pool pool = Pool.builder().workers(2).maxRetries(1).workerOutput(startedPids(started)).build()) {
            CompletableFuture<Integer> running = pool.submit(Tasks::announceAndSleep, 1_000);
            ProcessHandle.of(started.poll(30, TimeUnit.SECONDS)).orElseThrow().destroyForcibly();
            assertThat(running.get(30, TimeUnit.SECONDS)).isEqualTo(1_000);
        }
    }

    @Test
    void taskPastItsTimeoutGivesTaskTimeoutAndThePoolGoesOn() {
        try (Pool pool = Pool.builder().workers(2).taskTimeout(Duration.ofMillis(300)).build()) {
            assertThatThrownBy(() -> pool.map(Tasks::announceAndSleep, List.of(60_000)))
                    .isInstanceOfSatisfying(TaskTimeoutException.class,
                            e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(300)));
            assertThat(pool.map(Tasks::square, INPUTS)).isEqualTo(SQUARES);
        }
    }

    @Test
    void timeoutFailsOnlyTheSlowItemOfAChunk() {
        try (Pool pool = Pool.builder().workers(1).taskTimeout(Duration.ofMillis(500)).build()) {
            List<Integer> inputs = List.of(1, 2, 60_000, 3, 4);
            CompletableFuture<List<Integer>> all = pool.mapAsync(Tasks::announceAndSleep, inputs, 5);
            assertThatThrownBy(all::join).cause().isInstanceOf(TaskTimeoutException.class);
            assertThat(pool.map(Tasks::announceAndSleep, List.of(1, 2, 3, 4), 4)).containsExactly(1, 2, 3, 4);
        }
    }

    @Test
    void cancelOfRunningTaskKillsAndReplacesItsWorker() throws Exception {
        LinkedBlockingQueue<Long> started = new LinkedBlockingQueue<>();
        try (Pool pool = Pool.builder().workers(2).workerOutput(startedPids(started)).build()) {
            CompletableFuture<Integer> running = pool.submit(Tasks::announceAndSleep, 60_000);
            long pid = started.poll(30, TimeUnit.SECONDS);
            assertThat(running.cancel(true)).isTrue();
            assertThatThrownBy(running::join).isInstanceOf(CancellationException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).isEmpty()
                    || !ProcessHandle.of(pid).get().isAlive());
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.workers().size() == 2);
            assertThat(pool.workers()).extracting(WorkerInfo::pid).doesNotContain(pid);
            assertThat(pool.map(Tasks::square, INPUTS)).isEqualTo(SQUARES);
        }
    }

    private static WorkerOutput startedPids(LinkedBlockingQueue<Long> started) {
        return (worker, stderr, line) -> {
            if (line.startsWith("started ")) {
                started.add(Long.parseLong(line.substring("started ".length())));
            }
        };
    }
}
