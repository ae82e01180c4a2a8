package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.MprocException;
import io.mproc.WorkerCrashedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What close, terminate and join promise: queued work runs or fails, nothing waits forever. */
class PoolCloseTest {

    @Test
    @Timeout(60)
    void closeRunsQueuedWorkOnReplacementsOfWorkersThatRetire() throws Exception {
        Pool pool = Pool.builder().workers(1).maxTasksPerWorker(1).build();
        List<CompletableFuture<Integer>> futures = IntStream.range(0, 4).mapToObj(i -> pool.submit(Tasks::square, i))
                .toList();
        pool.close();
        pool.join();

        assertThat(futures).allSatisfy(future -> assertThat(future).isDone());
        assertThat(futures.stream().map(CompletableFuture::join).toList()).containsExactly(0, 1, 4, 9);
    }

    @Test
    @Timeout(60)
    void closeRunsQueuedWorkOnAReplacementOfAWorkerThatCrashed() throws Exception {
        Pool pool = Pool.builder().workers(1).build();
        CompletableFuture<Integer> crashing = pool.submit(Tasks::exit, 3);
        List<CompletableFuture<Integer>> queued = IntStream.range(0, 3).mapToObj(i -> pool.submit(Tasks::square, i))
                .toList();
        pool.close();
        pool.join();

        assertThatThrownBy(crashing::get).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WorkerCrashedException.class);
        assertThat(queued.stream().map(CompletableFuture::join).toList()).containsExactly(0, 1, 4);
        assertThat(pool.stats().workerCrashes()).as("the crash during close is counted").isEqualTo(1);
    }

    @Test
    @Timeout(90)
    void workersThatStopStartingAfterOneDidBreakThePoolInsteadOfRestartingForever(@TempDir Path dir)
            throws Exception {
        Path options = Files.writeString(dir.resolve("worker-options"), "-Dmproc.test=1");
        try (Pool pool = Pool.builder().workers(1).maxTasksPerWorker(1).jvmOptions("@" + options).build()) {
            assertThat(pool.submit(Tasks::square, 2).get()).isEqualTo(4);
            Files.writeString(options, "-Xmx1k-not-a-size");

            assertThatThrownBy(() -> pool.map(Tasks::square, List.of(1, 2, 3)))
                    .isInstanceOf(MprocException.class)
                    .hasMessageContaining("worker JVMs fail to start")
                    .hasMessageContaining("-Xmx1k-not-a-size");
        }
    }

    @Test
    @Timeout(30)
    void joinOnARunningPoolFailsFastInsteadOfWaitingForever() {
        try (Pool pool = Pool.builder().workers(1).build()) {
            assertThatThrownBy(pool::join).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("call close() or terminate() first");
        }
    }

    @Test
    @Timeout(30)
    void imapAndImapUnorderedOnAClosedOrTerminatedPoolThrowAtOnce() {
        Pool closed = Pool.builder().workers(1).build();
        closed.close();
        Pool terminated = Pool.builder().workers(1).build();
        terminated.terminate();
        List<Integer> inputs = List.of(1, 2);

        for (Pool pool : List.of(closed, terminated)) {
            assertThatThrownBy(() -> pool.imap(Tasks::square, inputs)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> pool.imapUnordered(Tasks::square, inputs))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> pool.map(Tasks::square, inputs)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> pool.submit(Tasks::square, 1)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    @Timeout(60)
    void imapWithInputsLeftWhenThePoolClosesGivesTheResultsDueThenFails() {
        Pool pool = Pool.builder().workers(1).build();
        Iterator<Integer> results = pool.imap(Tasks::square, () -> IntStream.iterate(0, i -> i + 1).iterator());
        assertThat(results.next()).isZero();
        pool.close();
        List<Integer> due = new ArrayList<>();

        assertThatThrownBy(() -> results.forEachRemaining(due::add)).isInstanceOf(MprocException.class)
                .hasMessageContaining("iterate over imap's results before closing the pool");
        assertThat(due).isNotEmpty().startsWith(1, 4, 9);
    }

    @Test
    @Timeout(60)
    void imapNextRespondsToInterruption() throws Exception {
        Pool pool = Pool.builder().workers(1).build();
        try {
            Iterator<Integer> results = pool.imap(Tasks::announceAndSleep, List.of(60_000));
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread consumer = new Thread(() -> {
                try {
                    results.next();
                } catch (RuntimeException e) {
                    thrown.set(e);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            consumer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> consumer.getState() == Thread.State.WAITING);
            consumer.interrupt();
            consumer.join(10_000);

            assertThat(consumer.isAlive()).as("next() still blocked after an interrupt").isFalse();
            assertThat(thrown.get()).hasMessageContaining("interrupted");
            assertThat(stillInterrupted.get()).isTrue();
        } finally {
            pool.terminate();
        }
    }

    @Test
    @Timeout(60)
    void closeInterruptedWhileTasksRunStopsThePoolAtOnce() throws Exception {
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Pool pool = Pool.builder().workers(1).workerOutput((worker, stderr, line) -> lines.add(line)).build();
        try {
            CompletableFuture<Integer> running = pool.submit(Tasks::announceAndSleep, 60_000);
            assertThat(lines.poll(30, TimeUnit.SECONDS)).startsWith("started ");
            AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
            Thread closer = new Thread(() -> {
                pool.close();
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            closer.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.WAITING);
            closer.interrupt();
            closer.join(10_000);

            assertThat(closer.isAlive()).as("close() still blocked after an interrupt").isFalse();
            assertThat(stillInterrupted.get()).isTrue();
            assertThat(running).isCompletedExceptionally();
        } finally {
            pool.terminate();
        }
    }

    @Test
    void perCallChunkSizeBelowOneIsRejectedNamingTheValue() {
        try (Pool pool = Pool.builder().workers(1).build()) {
            assertThatThrownBy(() -> pool.map(Tasks::square, List.of(1, 2), -1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
            assertThatThrownBy(() -> pool.mapAsync(Tasks::square, List.of(1, 2), 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0");
        }
    }

    @Test
    @Timeout(60)
    void initializerRunsInEachWorkerOfAPoolClosedBeforeAnyTask() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Pool pool = Pool.builder().workers(2).initializer(Tasks::announceInitialized)
                .workerOutput((worker, stderr, line) -> lines.add(line)).build();
        pool.close();

        assertThat(lines).filteredOn(line -> line.startsWith("initialized ")).hasSize(2);
    }
}
