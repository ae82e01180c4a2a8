package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.MprocException;
import io.mproc.PoolSettings;
import io.mproc.TaskFunction;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameReader;
import io.mproc.internal.wire.FrameTooLargeException;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.PayloadLayout;
import io.mproc.internal.wire.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How the dispatcher cuts chunks, which worker may take one, and what it writes to each worker, in one thread. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DispatcherTest {

    private static final int MAX_PAYLOAD = Frame.DEFAULT_MAX_PAYLOAD;
    private static final long MICROSECOND = TimeUnit.MICROSECONDS.toNanos(1);
    private static final long MILLISECOND = TimeUnit.MILLISECONDS.toNanos(1);

    private final Functions functions = new Functions();
    private int nextFunction;
    private long nextPid = 1000;

    // ---- chunk sizes ----

    @Test
    void anExplicitChunkSizeCutsChunksOfThatSizeWhateverTheItemTime() {
        for (long itemNanos : new long[] {-1, MICROSECOND, TimeUnit.SECONDS.toNanos(1)}) {
            Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
            dispatcher.enqueue(batch(function(itemNanos), 3, 10));

            assertThat(runToCompletion(dispatcher, worker(1024)))
                    .as("item time %d ns", itemNanos).containsExactly("0..2", "3..5", "6..8", "9..9");
        }
    }

    @Test
    void whileTheFunctionsItemTimeIsUnknownEachWorkerGetsOneItemToRunAndOneToRunNext() {
        Dispatcher dispatcher = new Dispatcher(settings(2, 0), true);
        dispatcher.enqueue(batch(function(-1), PoolSettings.AUTO_CHUNK, 100));
        WorkerConnection a = worker(1024);
        WorkerConnection b = worker(1024);

        dispatcher.dispatch(List.of(a, b));

        assertThat(chunks(a)).containsExactly("0..0", "2..2");
        assertThat(chunks(b)).containsExactly("1..1", "3..3");
        assertThat(a.queuedNanos).as("an item of unknown time counts as one target chunk")
                .isEqualTo(2 * Dispatcher.TARGET_CHUNK_NANOS);
        assertThat(dispatcher.queuedItems()).isEqualTo(96);
    }

    @Test
    void autoChunkAimsAtTenMillisecondsOfTheFunctionsMeasuredItemTime() {
        assertThat(firstAutoChunk(MILLISECOND, 2, 1000)).isEqualTo("0..9");
        assertThat(firstAutoChunk(250 * MICROSECOND, 2, 1000)).isEqualTo("0..39");
        assertThat(firstAutoChunk(TimeUnit.SECONDS.toNanos(1), 2, 1000)).as("never under one item").isEqualTo("0..0");
    }

    @Test
    void autoChunkAimsAtTenMillisecondsButStaysUnderAQuarterOfEachWorkersFairShareOfWhatIsLeft() {
        Dispatcher dispatcher = new Dispatcher(settings(2, 0), true);
        dispatcher.enqueue(batch(function(MICROSECOND), PoolSettings.AUTO_CHUNK, 1000));
        WorkerConnection a = worker(1);
        WorkerConnection b = worker(1);

        dispatcher.dispatch(List.of(a, b));

        assertThat(chunks(a)).as("1000 / (4 * 2) items, not the 10000 that 10 ms of 1 µs items would be")
                .containsExactly("0..124");
        assertThat(chunks(b)).as("(1000 - 125) / (4 * 2)").containsExactly("125..233");
        assertThat(firstAutoChunk(MICROSECOND, 4, 10)).as("never under one item").isEqualTo("0..0");
    }

    @Test
    void chunksAreCappedByTheTasksAWorkerMayStillRunBeforeItIsReplaced() {
        Dispatcher automatic = new Dispatcher(settings(1, 5), true);
        automatic.enqueue(batch(function(MICROSECOND), PoolSettings.AUTO_CHUNK, 100));
        WorkerConnection a = worker(1024);

        automatic.dispatch(List.of(a));

        assertThat(chunks(a)).as("25 would be a quarter of the fair share").containsExactly("0..4");
        assertThat(a.itemsSent).isEqualTo(5);

        Dispatcher explicit = new Dispatcher(settings(1, 5), true);
        explicit.enqueue(batch(function(MICROSECOND), 3, 100));
        WorkerConnection b = worker(1024);

        explicit.dispatch(List.of(b));

        assertThat(chunks(b)).containsExactly("0..2", "3..4");
        assertThat(explicit.queuedItems()).isEqualTo(95);
    }

    @Test
    void aChunkSentAgainIsCappedByTheTasksAWorkerMayStillRun() {
        Dispatcher dispatcher = new Dispatcher(settings(2, 5), true);
        dispatcher.enqueue(batch(function(MICROSECOND), 2, 4));
        WorkerConnection dead = worker(1024);
        dispatcher.dispatch(List.of(dead));
        dispatcher.retryFirst(dead.inFlight.pollLast());
        WorkerConnection almostDone = worker(1024);
        almostDone.itemsSent = 4;

        dispatcher.dispatch(List.of(almostDone));

        assertThat(almostDone.itemsSent).isLessThanOrEqualTo(5);
    }

    @Test
    void aChunkNeverSpansTwoInputBlocks() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batchOfBlocks(function(MICROSECOND), 4, 3, 5));

        assertThat(runToCompletion(dispatcher, worker(1024))).containsExactly("0..2", "3..6", "7..7");
    }

    // ---- which worker takes a chunk ----

    @Test
    void idleWorkersEachGetAChunkBeforeAnyWorkerGetsASecond() {
        Dispatcher dispatcher = new Dispatcher(settings(3, 0), true);
        dispatcher.enqueue(batch(function(MICROSECOND), 1, 3));
        WorkerConnection a = worker(1024);
        WorkerConnection b = worker(1024);
        WorkerConnection c = worker(1024);

        dispatcher.dispatch(List.of(a, b, c));

        assertThat(chunks(a)).as("a could hold all three: they are short").containsExactly("0..0");
        assertThat(chunks(b)).containsExactly("1..1");
        assertThat(chunks(c)).containsExactly("2..2");
    }

    @Test
    void aWorkerHoldsTheChunkItRunsNextHoweverLongTheChunksAre() throws ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batch(function(50 * MILLISECOND), 1, 10));
        WorkerConnection a = worker(1024);

        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("0..0", "1..1");

        finishHead(dispatcher, a);
        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("1..1", "2..2");
    }

    @Test
    void whereTheWorkersFillTheCoresABusyWorkerWaitsForItsNextLongChunkWhileItsResultsCostTheCoordinatorMuch() {
        for (long deliverNanos : new long[] {-1, 10 * MILLISECOND}) {
            Dispatcher dispatcher = new Dispatcher(settings(1, 0), false);
            FunctionHandle function = function(50 * MILLISECOND);
            if (deliverNanos >= 0) {
                function.recordDeliverNanos(deliverNanos);
            }
            dispatcher.enqueue(batch(function, 1, 10));
            WorkerConnection a = worker(1024);

            dispatcher.dispatch(List.of(a));

            assertThat(chunks(a)).as("results delivered in %d ns", deliverNanos).containsExactly("0..0");
        }
    }

    @Test
    void whereTheWorkersFillTheCoresABusyWorkerHoldsItsNextLongChunkWhenItsResultsAreCheapForTheCoordinator() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), false);
        FunctionHandle function = function(50 * MILLISECOND);
        function.recordDeliverNanos(50 * MILLISECOND / Dispatcher.CHEAP_RESULTS);
        dispatcher.enqueue(batch(function, 1, 10));
        WorkerConnection a = worker(1024);

        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("0..0", "1..1");
    }

    @Test
    void aWorkerTakesTheChunkItRunsNextOnlyWhileEachOtherWorkerCanStillGetOne() {
        Dispatcher dispatcher = new Dispatcher(settings(3, 0), true);
        dispatcher.enqueue(batch(function(50 * MILLISECOND), 1, 4));
        WorkerConnection a = worker(1024);
        WorkerConnection b = worker(1024);
        WorkerConnection c = worker(1024);

        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).as("3 left for 3 workers").containsExactly("0..0", "1..1");

        dispatcher.dispatch(List.of(a, b));
        dispatcher.dispatch(List.of(a, b, c));

        assertThat(chunks(b)).as("2 left for 3 workers").containsExactly("2..2");
        assertThat(chunks(c)).containsExactly("3..3");
    }

    @Test
    void beyondItsNextChunkAWorkerTakesMoreOnlyWhileTheWorkItHoldsIsUnderOneTargetChunk() throws ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batch(function(4 * MILLISECOND), 1, 10));
        WorkerConnection a = worker(1024);

        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).as("4 ms, 8 ms, then 12 ms held: no fourth").containsExactly("0..0", "1..1", "2..2");
        assertThat(a.queuedNanos).isEqualTo(12 * MILLISECOND);

        finishHead(dispatcher, a);
        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("1..1", "2..2", "3..3");
        assertThat(a.queuedNanos).isEqualTo(12 * MILLISECOND);
    }

    @Test
    void creditsBoundTheChunksAWorkerHolds() throws ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batch(function(1), 1, 10));
        WorkerConnection a = worker(2);

        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("0..0", "1..1");

        finishHead(dispatcher, a);
        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("1..1", "2..2");
    }

    @Test
    void retiringAndClosedWorkersAreSentNothing() {
        Dispatcher dispatcher = new Dispatcher(settings(3, 0), true);
        dispatcher.enqueue(batch(function(1), 1, 10));
        WorkerConnection retiring = worker(1024);
        retiring.retiring = true;
        WorkerConnection closed = worker(1024);
        closed.closed = true;
        WorkerConnection ready = worker(1024);

        dispatcher.dispatch(List.of(retiring, closed, ready));

        assertThat(retiring.inFlight).isEmpty();
        assertThat(retiring.writer.isEmpty()).isTrue();
        assertThat(closed.inFlight).isEmpty();
        assertThat(closed.writer.isEmpty()).isTrue();
        assertThat(chunks(ready)).hasSize(10);
    }

    // ---- the line of work ----

    @Test
    void aChunkToRetryIsSentBeforeAnyWorkNotYetSentAndTheLatestRetryFirst() {
        Dispatcher dispatcher = new Dispatcher(settings(3, 0), true);
        dispatcher.enqueue(batch(function(1), 1, 5));
        WorkerConnection a = worker(1);
        WorkerConnection b = worker(1);
        dispatcher.dispatch(List.of(a, b));

        dispatcher.retryFirst(a.inFlight.poll());
        dispatcher.retryFirst(b.inFlight.poll());

        assertThat(dispatcher.queuedItems()).as("two to retry, three never sent").isEqualTo(5);
        WorkerConnection c = worker(1024);
        dispatcher.dispatch(List.of(c));
        assertThat(chunks(c)).containsExactly("1..1", "0..0", "2..2", "3..3", "4..4");
        assertThat(dispatcher.hasQueuedWork()).isFalse();
    }

    @Test
    void workWhoseResultsAreNoLongerWantedIsNotSent() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        Batch cancelled = batch(function(1), 1, 3);
        Batch wanted = batch(function(1), 1, 2);
        dispatcher.enqueue(cancelled);
        dispatcher.enqueue(wanted);
        WorkerConnection a = worker(1);
        dispatcher.dispatch(List.of(a));
        Chunk sent = a.inFlight.poll();
        dispatcher.retryFirst(sent);

        future(cancelled).cancel(false);
        WorkerConnection b = worker(1024);
        dispatcher.dispatch(List.of(b));

        assertThat(b.inFlight).allSatisfy(chunk -> assertThat(chunk.batch).isSameAs(wanted));
        assertThat(chunks(b)).containsExactly("0..0", "1..1");
        assertThat(dispatcher.hasQueuedWork()).isFalse();
    }

    @Test
    void aBatchIsQueuedOnlyWhileItHasItemsToSendAndAgainWhenMoreAreAppended() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        FunctionHandle function = function(1);
        ListSink<Object> sink = new ListSink<>(4);
        Batch batch = new Batch(function, sink, 1);
        Iterator<Integer> inputs = IntStream.range(0, 4).boxed().iterator();

        dispatcher.enqueue(batch);
        assertThat(dispatcher.hasQueuedWork()).as("nothing appended yet").isFalse();

        batch.append(InputBlock.encode(inputs, 2, 0, function));
        dispatcher.enqueue(batch);
        dispatcher.enqueue(batch);
        WorkerConnection a = worker(1024);
        dispatcher.dispatch(List.of(a));
        assertThat(chunks(a)).containsExactly("0..0", "1..1");
        assertThat(dispatcher.hasQueuedWork()).isFalse();

        batch.append(InputBlock.encode(inputs, 2, 2, function));
        dispatcher.enqueue(batch);
        dispatcher.dispatch(List.of(a));
        assertThat(chunks(a)).containsExactly("0..0", "1..1", "2..2", "3..3");
    }

    @Test
    void failingTheLineFailsEveryQueuedBatchAndEveryChunkToRetry() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        Batch retried = batch(function(1), 1, 2);
        Batch queued = batch(function(1), 1, 2);
        dispatcher.enqueue(retried);
        WorkerConnection a = worker(1);
        dispatcher.dispatch(List.of(a));
        dispatcher.retryFirst(a.inFlight.poll());
        dispatcher.enqueue(queued);
        MprocException stopped = new MprocException("stopped");

        dispatcher.failBatches(stopped);
        dispatcher.failRetries(stopped);

        assertThat(dispatcher.hasQueuedWork()).isFalse();
        assertThat(dispatcher.queuedItems()).isZero();
        assertThat(future(retried)).isCompletedExceptionally();
        assertThat(future(queued)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isSameAs(stopped);
    }

    // ---- frames ----

    @Test
    void aFunctionIsDefinedOncePerWorkerBeforeItsFirstTask() throws IOException, ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(2, 0), true);
        FunctionHandle f = function(1);
        FunctionHandle g = function(1);
        dispatcher.enqueue(batch(f, 1, 3));
        WorkerConnection a = worker(1024);
        WorkerConnection b = worker(1024);

        dispatcher.dispatch(List.of(a, b));
        dispatcher.enqueue(batch(f, 2, 2));
        dispatcher.enqueue(batch(g, 2, 2));
        dispatcher.dispatch(List.of(a));

        int fid = f.id();
        int gid = g.id();
        assertThat(frames(a)).containsExactly("DEFINE " + fid, "TASK " + fid + " x1", "TASK " + fid + " x1",
                "TASK " + fid + " x2", "DEFINE " + gid, "TASK " + gid + " x2");
        assertThat(frames(b)).containsExactly("DEFINE " + fid, "TASK " + fid + " x1");
    }

    @Test
    void aFunctionTheWorkersCacheHasEvictedIsDefinedAgain() throws IOException, ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        FunctionHandle first = function(1);
        dispatcher.enqueue(batch(first, 1, 1));
        for (int i = 0; i < PayloadLayout.FUNCTION_CACHE_SIZE; i++) {
            dispatcher.enqueue(batch(function(1), 1, 1));
        }
        dispatcher.enqueue(batch(first, 1, 1));
        WorkerConnection a = worker(1024);

        dispatcher.dispatch(List.of(a));

        List<String> frames = frames(a);
        assertThat(frames).hasSize(2 * (PayloadLayout.FUNCTION_CACHE_SIZE + 2));
        assertThat(frames.subList(frames.size() - 2, frames.size()))
                .containsExactly("DEFINE " + first.id(), "TASK " + first.id() + " x1");
    }

    @Test
    void aChunkTooLargeForOneFrameIsSplitInHalvesThatAreSentInOrder() throws IOException, ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        FunctionHandle echo = functions.of(new Echo());
        echo.recordItemNanos(1);
        List<String> inputs = IntStream.range(0, 7).mapToObj(i -> "x".repeat(100)).toList();
        InputBlock block = InputBlock.encode(inputs.iterator(), Integer.MAX_VALUE, 0, echo);
        Batch batch = new Batch(echo, new ListSink<>(7), 7);
        batch.append(block);
        dispatcher.enqueue(batch);
        WorkerConnection a = worker(1024, taskPayload(block, 5));

        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("0..2", "3..6");
        assertThat(frames(a)).containsExactly("DEFINE " + echo.id(), "TASK " + echo.id() + " x3",
                "TASK " + echo.id() + " x4");
    }

    @Test
    void anInputTooLargeForAFrameOnItsOwnFailsAloneAndTheOthersAreSent() throws IOException, ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        FunctionHandle echo = functions.of(new Echo());
        echo.recordItemNanos(1);
        List<String> inputs = List.of("small", "x".repeat(2000), "small too");
        InputBlock block = InputBlock.encode(inputs.iterator(), Integer.MAX_VALUE, 0, echo);
        ListSink<String> sink = new ListSink<>(3);
        Batch batch = new Batch(echo, sink, 3);
        batch.append(block);
        dispatcher.enqueue(batch);
        int maxPayload = taskPayload(block, 1) + 1024;
        WorkerConnection a = worker(1024, maxPayload);

        dispatcher.dispatch(List.of(a));

        assertThat(chunks(a)).containsExactly("0..0", "2..2");
        assertThat(frames(a)).containsExactly("DEFINE " + echo.id(), "TASK " + echo.id() + " x1",
                "TASK " + echo.id() + " x1");
        sink.succeed(0, "small");
        sink.succeed(2, "small too");
        assertThat(sink.future).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(MprocException.class)
                .withMessageStartingWith("input #1: ")
                .withMessageContaining("above the maximum frame payload of " + maxPayload + " bytes")
                .withCauseInstanceOf(FrameTooLargeException.class);
    }

    @Test
    void aFunctionTooLargeForAFrameFailsItsBatchAndLeavesDispatchRunning() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        byte[] captured = new byte[4096];
        FunctionHandle large = functions.of((Integer x) -> x + captured.length);
        large.recordItemNanos(1);
        Batch tooLarge = batch(large, 1, 1);
        Batch fine = batch(function(1), 1, 1);
        dispatcher.enqueue(tooLarge);
        dispatcher.enqueue(fine);
        WorkerConnection a = worker(1024, 1024);

        assertThatCode(() -> dispatcher.dispatch(List.of(a))).doesNotThrowAnyException();

        assertThat(future(tooLarge)).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(MprocException.class)
                .withMessageContaining("above the maximum frame payload of 1024 bytes");
        assertThat(chunks(a)).containsExactly("0..0");
        assertThat(a.inFlight.peek().batch).isSameAs(fine);
    }

    // ---- answers ----

    @Test
    void answersFinishChunksInTheOrderTheyWereSent() throws ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batch(function(MICROSECOND), 2, 6));
        WorkerConnection a = worker(1024);
        dispatcher.dispatch(List.of(a));
        List<Chunk> sent = List.copyOf(a.inFlight);

        List<Chunk> finished = new ArrayList<>();
        for (Chunk chunk : sent) {
            finished.add(dispatcher.finishHead(a, chunk.requestId));
        }

        assertThat(finished).containsExactlyElementsOf(sent);
        assertThat(finished).allSatisfy(chunk -> assertThat(chunk.connection).isNull());
        assertThat(a.inFlight).isEmpty();
        assertThat(a.queuedNanos).isZero();
    }

    @Test
    void anAnswerToAnyChunkButTheFirstInFlightIsAProtocolError() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batch(function(MICROSECOND), 1, 2));
        WorkerConnection a = worker(1024);
        dispatcher.dispatch(List.of(a));
        List<Chunk> sent = List.copyOf(a.inFlight);
        long second = sent.get(1).requestId;

        assertThatThrownBy(() -> dispatcher.finishHead(a, second)).isInstanceOf(ProtocolException.class)
                .hasMessage("worker answered request " + second + " out of order");
        assertThat(a.inFlight).containsExactlyElementsOf(sent);

        WorkerConnection idle = worker(1024);
        assertThatThrownBy(() -> dispatcher.finishHead(idle, 1)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("out of order");
    }

    @Test
    void onceTheRunningChunkIsSettledTheAnswerItsWorkerStillSendsIsIgnored() throws ProtocolException {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batch(function(MICROSECOND), 1, 2));
        WorkerConnection a = worker(1024);
        dispatcher.dispatch(List.of(a));
        Chunk cancelled = a.inFlight.poll();
        a.headSettled = true;

        assertThat(dispatcher.finishHead(a, cancelled.requestId)).isNull();
        assertThat(chunks(a)).containsExactly("1..1");
    }

    @Test
    void aChunkDroppedUnstartedLeavesTheOthersAndItsTimeAndItemsAreNoLongerCounted() {
        Dispatcher dispatcher = new Dispatcher(settings(1, 0), true);
        dispatcher.enqueue(batch(function(MILLISECOND), 1, 3));
        WorkerConnection a = worker(1024);
        dispatcher.dispatch(List.of(a));
        long middle = List.copyOf(a.inFlight).get(1).requestId;

        dispatcher.dropped(a, middle);

        assertThat(chunks(a)).containsExactly("0..0", "2..2");
        assertThat(a.queuedNanos).isEqualTo(2 * MILLISECOND);
        assertThat(a.itemsSent).as("toward its limit of tasks").isEqualTo(2);
    }

    // ---- helpers ----

    /** Takes a String and answers it; a class, so its DEFINE frame is small. */
    static final class Echo implements TaskFunction<String, String> {
        @Override
        public String apply(String input) {
            return input;
        }
    }

    private static PoolSettings settings(int workers, int maxTasksPerWorker) {
        return new PoolSettings(workers, List.of(), List.of(), Map.of(), maxTasksPerWorker, Duration.ZERO, 0,
                PoolSettings.AUTO_CHUNK);
    }

    /** A new function; its measured time per item is {@code itemNanos}, or unknown if negative. */
    private FunctionHandle function(long itemNanos) {
        int offset = nextFunction++;
        FunctionHandle function = functions.of((Integer x) -> x + offset);
        if (itemNanos >= 0) {
            function.recordItemNanos(itemNanos);
        }
        return function;
    }

    private static Batch batch(FunctionHandle function, int chunkSize, int items) {
        return batchOfBlocks(function, chunkSize, items);
    }

    /** A batch of the inputs 0, 1, 2, ... encoded in blocks of the given sizes, as imap appends them. */
    private static Batch batchOfBlocks(FunctionHandle function, int chunkSize, int... blockSizes) {
        Iterator<Integer> inputs = IntStream.range(0, IntStream.of(blockSizes).sum()).boxed().iterator();
        Batch batch = new Batch(function, new ListSink<>(IntStream.of(blockSizes).sum()), chunkSize);
        long first = 0;
        for (int size : blockSizes) {
            batch.append(InputBlock.encode(inputs, size, first, function));
            first += size;
        }
        return batch;
    }

    private static TaskFuture<?> future(Batch batch) {
        return ((ListSink<?>) batch.sink).future;
    }

    private WorkerConnection worker(int credits) {
        return worker(credits, MAX_PAYLOAD);
    }

    private WorkerConnection worker(int credits, int maxPayload) {
        return new WorkerConnection(null, nextPid++, null, null, null, new FrameWriter(1024, maxPayload), credits);
    }

    /** The payload of a TASK frame with the first {@code items} inputs of the block. */
    private static int taskPayload(InputBlock block, int items) {
        return PayloadLayout.TASK_VALUES_OFFSET + block.lengthOf(0, items);
    }

    /** The first chunk a fresh worker gets of a batch of automatic chunks. */
    private String firstAutoChunk(long itemNanos, int workers, int items) {
        Dispatcher dispatcher = new Dispatcher(settings(workers, 0), true);
        dispatcher.enqueue(batch(function(itemNanos), PoolSettings.AUTO_CHUNK, items));
        WorkerConnection worker = worker(1);
        dispatcher.dispatch(List.of(worker));
        return chunks(worker).get(0);
    }

    /** Dispatches and answers every chunk at once until no work is left; the chunks in the order they finished. */
    private static List<String> runToCompletion(Dispatcher dispatcher, WorkerConnection worker) {
        List<String> finished = new ArrayList<>();
        for (int turn = 0; dispatcher.hasQueuedWork() || !worker.inFlight.isEmpty(); turn++) {
            assertThat(turn).as("turns to run out of work").isLessThan(10_000);
            dispatcher.dispatch(List.of(worker));
            while (!worker.inFlight.isEmpty()) {
                finished.add(describe(finishHead(dispatcher, worker)));
            }
        }
        return finished;
    }

    private static Chunk finishHead(Dispatcher dispatcher, WorkerConnection worker) {
        try {
            return dispatcher.finishHead(worker, worker.inFlight.peek().requestId);
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    /** The chunks the worker holds, first to last, as the indexes of their first and last items. */
    private static List<String> chunks(WorkerConnection worker) {
        return worker.inFlight.stream().map(DispatcherTest::describe).toList();
    }

    private static String describe(Chunk chunk) {
        return chunk.index(0) + ".." + chunk.index(chunk.count - 1);
    }

    /** The frames written to the worker so far: "DEFINE id" and "TASK id xcount". */
    private static List<String> frames(WorkerConnection worker) throws IOException, ProtocolException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(worker.writer.flushTo(Channels.newChannel(bytes))).isTrue();
        List<String> frames = new ArrayList<>();
        new FrameReader(MAX_PAYLOAD).feed(ByteBuffer.wrap(bytes.toByteArray()), (type, flags, id, payload) ->
                frames.add(type == Frame.TASK
                        ? "TASK " + payload.getInt(PayloadLayout.TASK_FUNCTION_ID_OFFSET) + " x"
                                + payload.getInt(PayloadLayout.TASK_COUNT_OFFSET)
                        : Frame.typeName(type) + " " + id));
        return frames;
    }
}
