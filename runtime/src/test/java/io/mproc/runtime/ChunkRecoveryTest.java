package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mproc.PoolSettings;
import io.mproc.TaskTimeoutException;
import io.mproc.WorkerCrashedException;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.WorkerExit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What becomes of a worker's chunks when it dies or runs out of time: what is charged, failed, and sent again. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ChunkRecoveryTest {

    private static final int SIGKILL = 128 + 9;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Functions functions = new Functions();
    private Dispatcher dispatcher;
    private ChunkRecovery recovery;
    private int nextWorker;
    private int nextFunction;

    // ---- a worker dies ----

    @Test
    void aDeadWorkersChunksGoBackInOrderAheadOfWorkNotYetSent() {
        recover(1);
        Batch batch = batch(1, 6);
        WorkerConnection dead = worker(3);
        send(batch, dead);

        recovery.recoverChunks(dead, SIGKILL);

        assertThat(dead.inFlight).isEmpty();
        WorkerConnection next = worker(1024);
        dispatcher.dispatch(List.of(next));
        assertThat(chunks(next)).containsExactly("0..0", "1..1", "2..2", "3..3", "4..4", "5..5");
        assertThat(next.inFlight).allSatisfy(chunk -> assertThat(chunk.connection).isSameAs(next));
        assertThat(future(batch)).isNotDone();
    }

    @Test
    void theRunningItemIsChargedAnAttemptAndTheItemsQueuedBehindItAreNot() {
        recover(1);
        Batch batch = batch(1, 3);
        WorkerConnection dead = worker(3);
        send(batch, dead);

        recovery.recoverChunks(dead, SIGKILL);

        assertThat(recovery.tasksRetried()).isEqualTo(1);
        assertThat(registry.get("mproc.tasks.retried").counter().count()).isEqualTo(1);
        assertThat(batch.crashed(0)).as("item 0's second crash").isEqualTo(2);
        assertThat(batch.crashed(1)).as("item 1's first crash").isEqualTo(1);
    }

    @Test
    void aRunningChunkOfSeveralItemsComesBackAsSingleItemsAndNoneIsCharged() {
        recover(0);
        Batch batch = batch(3, 6);
        WorkerConnection dead = worker(2);
        send(batch, dead);
        assertThat(chunks(dead)).containsExactly("0..2", "3..5");

        recovery.recoverChunks(dead, SIGKILL);

        assertThat(recovery.tasksRetried()).isZero();
        WorkerConnection next = worker(1024);
        dispatcher.dispatch(List.of(next));
        assertThat(chunks(next)).as("run alone, the item that kills its worker is found")
                .containsExactly("0..0", "1..1", "2..2", "3..5");

        recovery.recoverChunks(next, SIGKILL);
        finishAllBut(batch, 6, 0);
        assertThat(future(batch)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(WorkerCrashedException.class)
                .withMessageContaining("the task was tried 1 time,");
    }

    @Test
    void anItemThatKeepsKillingItsWorkersFailsWithWorkerCrashedExceptionAfterMaxRetries() {
        recover(2);
        FutureSink<Object> sink = new FutureSink<>();
        Batch batch = new Batch(function(), sink, 1);
        batch.append(InputBlock.encode(List.of(7).iterator(), 1, 0, batch.function));
        dispatcher.enqueue(batch);

        WorkerConnection last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(sink.future).as("after %d crashes", attempt - 1).isNotDone();
            last = worker(1);
            dispatcher.dispatch(List.of(last));
            assertThat(chunks(last)).containsExactly("0..0");
            recovery.recoverChunks(last, SIGKILL);
        }

        assertThat(recovery.tasksRetried()).isEqualTo(2);
        assertThat(dispatcher.hasQueuedWork()).isFalse();
        assertThat(registry.get("mproc.tasks.retried").counter().count()).isEqualTo(2);
        assertThat(registry.get("mproc.tasks.completed").tag("outcome", "crashed").counter().count()).isEqualTo(1);
        WorkerConnection killer = last;
        assertThat(sink.future).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(WorkerCrashedException.class, crashed -> {
                    assertThat(crashed.workerId()).isEqualTo(killer.process.id());
                    assertThat(crashed.workerPid()).isEqualTo(killer.pid);
                    assertThat(crashed.exitCode()).isEqualTo(SIGKILL);
                    assertThat(crashed).hasMessageContaining(WorkerExit.describe(SIGKILL))
                            .hasMessageContaining("the task was tried 3 times");
                });
    }

    @Test
    void withNoRetriesTheRunningItemFailsAndTheChunksBehindItGoBackUnharmed() {
        recover(0);
        Batch batch = batch(1, 3);
        WorkerConnection dead = worker(3);
        send(batch, dead);

        recovery.recoverChunks(dead, WorkerExit.OUT_OF_MEMORY);

        WorkerConnection next = worker(1024);
        dispatcher.dispatch(List.of(next));
        assertThat(chunks(next)).containsExactly("1..1", "2..2");
        finishAllBut(batch, 3, 0);
        assertThat(future(batch)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(WorkerCrashedException.class)
                .withMessageContaining("OutOfMemoryError");
    }

    @Test
    void chunksOfWorkWhoseResultsAreNoLongerWantedAreNotSentAgain() {
        recover(1);
        Batch cancelled = batch(1, 2);
        Batch wanted = batch(1, 1);
        WorkerConnection dead = worker(3);
        send(cancelled, dead);
        send(wanted, dead);
        future(cancelled).cancel(false);

        recovery.recoverChunks(dead, SIGKILL);

        WorkerConnection next = worker(1024);
        dispatcher.dispatch(List.of(next));
        assertThat(next.inFlight).singleElement().satisfies(chunk -> assertThat(chunk.batch).isSameAs(wanted));
    }

    @Test
    void aRunningItemWhoseResultsAreNoLongerWantedIsNotCountedAsRetried() {
        recover(1);
        Batch cancelled = batch(1, 1);
        WorkerConnection dead = worker(1);
        send(cancelled, dead);
        future(cancelled).cancel(false);

        recovery.recoverChunks(dead, SIGKILL);

        assertThat(dispatcher.hasQueuedWork()).isFalse();
        assertThat(recovery.tasksRetried()).isZero();
        assertThat(registry.get("mproc.tasks.retried").counter().count()).isZero();
    }

    @Test
    void aCancelledRunningChunkIsNotChargedWhenItsKilledWorkerExits() {
        recover(0);
        Batch cancelled = batch(1, 1);
        Batch behind = batch(2, 2);
        WorkerConnection killed = worker(2);
        send(cancelled, killed);
        send(behind, killed);
        killed.inFlight.poll();
        killed.headSettled = true;

        recovery.recoverChunks(killed, SIGKILL);

        assertThat(recovery.tasksRetried()).isZero();
        assertThat(registry.get("mproc.tasks.completed").tag("outcome", "crashed").counter().count()).isZero();
        WorkerConnection next = worker(1024);
        dispatcher.dispatch(List.of(next));
        assertThat(chunks(next)).as("sent again whole: it had not started").containsExactly("0..1");
        assertThat(future(behind)).isNotDone();
    }

    // ---- a worker runs out of time ----

    @Test
    void aTimedOutItemFailsWithTaskTimeoutExceptionAndTheItemsAfterItGoBackFirst() throws Exception {
        recover(0);
        Batch batch = batch(5, 10);
        WorkerConnection slow = worker(2, neverStarted());
        send(batch, slow);
        Chunk running = dispatcher.finishHead(slow, slow.inFlight.peek().requestId);
        finish(batch, 0, 1);

        recovery.timeOut(slow, running, 2);

        assertThat(slow.headSettled).isTrue();
        assertThat(slow.exitCause).isEqualTo(PoolMetrics.ExitCause.TIMEOUT);
        assertThat(registry.get("mproc.tasks.completed").tag("outcome", "timed_out").counter().count())
                .isEqualTo(1);
        Batch later = batch(1, 1);
        dispatcher.enqueue(later);
        WorkerConnection next = worker(1024);
        dispatcher.dispatch(List.of(next));
        assertThat(next.inFlight.peek().batch).isSameAs(batch);
        assertThat(chunks(next)).containsExactly("3..4", "0..0");
        finish(batch, IntStream.rangeClosed(3, 9).toArray());
        assertThat(future(batch)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(TaskTimeoutException.class, timedOut -> {
                    assertThat(timedOut.timeout()).isEqualTo(TIMEOUT);
                    assertThat(timedOut).hasMessageContaining("in worker " + slow.process.id() + " (pid " + slow.pid);
                });
    }

    @Test
    void aTimeOutOnTheLastItemOfAChunkSendsNothingAgain() throws Exception {
        recover(0);
        Batch batch = batch(3, 3);
        WorkerConnection slow = worker(1, neverStarted());
        send(batch, slow);
        Chunk running = dispatcher.finishHead(slow, slow.inFlight.peek().requestId);

        recovery.timeOut(slow, running, 2);

        assertThat(dispatcher.hasQueuedWork()).isFalse();
    }

    @Test
    void whenATimedOutWorkerExitsItsOtherChunksGoBackWholeAndNothingMoreIsCharged() throws Exception {
        recover(0);
        Batch batch = batch(5, 10);
        WorkerConnection slow = worker(2, neverStarted());
        send(batch, slow);
        Chunk running = dispatcher.finishHead(slow, slow.inFlight.peek().requestId);
        recovery.timeOut(slow, running, 2);

        recovery.recoverChunks(slow, SIGKILL);

        assertThat(recovery.tasksRetried()).isZero();
        assertThat(registry.get("mproc.tasks.completed").tag("outcome", "crashed").counter().count()).isZero();
        WorkerConnection next = worker(1024);
        dispatcher.dispatch(List.of(next));
        assertThat(chunks(next)).containsExactlyInAnyOrder("3..4", "5..9");
        finishAllBut(batch, 10, 2);
        assertThat(future(batch)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(TaskTimeoutException.class);
    }

    // ---- helpers ----

    private void recover(int maxRetries) {
        PoolSettings settings = new PoolSettings(2, List.of(), List.of(), Map.of(), 0, TIMEOUT, maxRetries,
                PoolSettings.AUTO_CHUNK);
        PoolMetrics metrics = PoolMetrics.register(registry, "test", new Coordinator.Gauges(), () -> 0);
        PoolConfiguration config = new PoolConfiguration(settings, null, null, Frame.DEFAULT_MAX_PAYLOAD,
                metrics, null);
        dispatcher = new Dispatcher(settings, true);
        recovery = new ChunkRecovery(config, dispatcher);
    }

    /** A short function, so that a worker takes as many chunks as its credits allow. */
    private FunctionHandle function() {
        int offset = nextFunction++;
        FunctionHandle function = functions.of((Integer x) -> x + offset);
        function.recordItemNanos(1);
        return function;
    }

    /** The inputs 0 to items - 1, cut in chunks of {@code chunkSize}, collected in a list. */
    private Batch batch(int chunkSize, int items) {
        FunctionHandle function = function();
        Batch batch = new Batch(function, new ListSink<>(items), chunkSize);
        batch.append(InputBlock.encode(IntStream.range(0, items).boxed().iterator(), items, 0, function));
        return batch;
    }

    private static TaskFuture<?> future(Batch batch) {
        return ((ListSink<?>) batch.sink).future;
    }

    /** Delivers a result for each of the items, as the decoder of RESULT frames does. */
    private static void finish(Batch batch, int... items) {
        for (int item : items) {
            batch.sink.succeed(item, item);
        }
    }

    /** Delivers a result for each of the {@code items} but the one that {@code failed}. */
    private static void finishAllBut(Batch batch, int items, int failed) {
        finish(batch, IntStream.range(0, items).filter(item -> item != failed).toArray());
    }

    private void send(Batch batch, WorkerConnection worker) {
        dispatcher.enqueue(batch);
        dispatcher.dispatch(List.of(worker));
    }

    /** A worker whose JVM is not needed: dying is all it does here. */
    private WorkerConnection worker(int credits) {
        return worker(credits, null);
    }

    private WorkerConnection worker(int credits, LaunchedWorker jvm) {
        int id = ++nextWorker;
        return new WorkerConnection(new WorkerProcess(id, jvm), 4000 + id, null, null, null,
                new FrameWriter(1024, Frame.DEFAULT_MAX_PAYLOAD), credits);
    }

    /** A worker that never started, for the time-out path, which kills its worker: a kill then does nothing. */
    private static LaunchedWorker neverStarted() {
        return new LaunchedWorker() {
            @Override
            public CompletableFuture<Integer> exited() {
                return new CompletableFuture<>();
            }

            @Override
            public void kill() {
            }

            @Override
            public String lastLines() {
                return "";
            }
        };
    }

    private static List<String> chunks(WorkerConnection worker) {
        return worker.inFlight.stream().map(chunk -> chunk.index(0) + ".." + chunk.index(chunk.count - 1)).toList();
    }
}
