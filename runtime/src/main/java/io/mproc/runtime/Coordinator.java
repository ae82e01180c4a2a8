package io.mproc.runtime;

import io.mproc.MprocException;
import io.mproc.TaskFailedException;
import io.mproc.TaskTimeoutException;
import io.mproc.WorkerCrashedException;
import io.mproc.WorkerInitializationException;
import io.mproc.internal.wire.Bootstrap;
import io.mproc.internal.wire.Chunks;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameReader;
import io.mproc.internal.wire.FrameTooLargeException;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.Hello;
import io.mproc.internal.wire.ProtocolException;
import io.mproc.internal.wire.RemoteError;
import io.mproc.internal.wire.ValueCodec;
import io.mproc.internal.wire.Values;
import io.mproc.internal.wire.WorkerExit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/**
 * The pool's event loop: one thread that owns every piece of dispatch state, so none of it is locked. Other
 * threads hand it work through {@link #post}. It accepts worker connections, sends chunks within each worker's
 * credits, turns RESULT frames into outcomes, and replaces workers that die.
 */
final class Coordinator implements Runnable {

    private static final System.Logger LOG = System.getLogger(Coordinator.class.getName());
    /** What an automatic chunk aims to take on a worker. */
    static final long TARGET_CHUNK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final int WORKER_CREDITS = 1024;
    private static final long HELLO_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final long EXIT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long GAUGE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private enum State { RUNNING, CLOSING, TERMINATING, STOPPED }

    private final PoolConfiguration config;
    private final Endpoint endpoint;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final Map<Integer, WorkerProcess> starting = new HashMap<>();
    private final Map<WorkerProcess, Connection> connections = new HashMap<>();
    private final List<WorkerProcess> exited = new ArrayList<>();
    private final List<PendingConnection> pending = new ArrayList<>();
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final ArrayDeque<Chunk> retries = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long maxRequestedWorkers;
    private State state = State.RUNNING;
    private volatile MprocException broken;
    private int nextWorkerId;
    private long nextRequestId;
    private int failedStarts;
    /** The worker recording the class-data sharing archive: 0 for none yet, -1 once one has been recorded. */
    private int recordingWorker;
    private boolean anyWorkerReady;
    private long shutdownDeadline;
    private volatile List<WorkerInfo> workerSnapshot = List.of();
    private final Object readiness = new Object();
    private volatile long workersStarted;
    private volatile long workerCrashes;
    private volatile long tasksRetried;
    private long gaugesUpdatedNanos;

    Coordinator(PoolConfiguration config, Endpoint endpoint) throws IOException {
        this.config = config;
        this.endpoint = endpoint;
        this.selector = Selector.open();
        this.maxRequestedWorkers = config.settings().workers();
        endpoint.server.configureBlocking(false);
        endpoint.server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** Runs {@code command} on the coordinator thread, soon. */
    void post(Runnable command) {
        commands.add(command);
        selector.wakeup();
    }

    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    String address() {
        return endpoint.address;
    }

    PoolStats stats() {
        return new PoolStats(workersStarted, workerCrashes, tasksRetried);
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readiness) {
            while (workerSnapshot.size() < maxRequestedWorkers) {
                if (broken != null) {
                    throw broken;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || isStopped()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(readiness, left);
            }
        }
        return true;
    }

    List<WorkerInfo> workers() {
        return workerSnapshot;
    }

    // ---- commands, run on the coordinator thread ----

    void submit(Batch batch) {
        if (broken != null) {
            failBatch(batch, broken);
            return;
        }
        if (state != State.RUNNING) {
            failBatch(batch, new MprocException("the pool is closed; build a new pool to submit more work"));
            return;
        }
        enqueue(batch);
    }

    /** More inputs for a batch already submitted (imap). */
    void append(Batch batch, InputBlock block) {
        batch.append(block);
        enqueue(batch);
    }

    void cancel(Batch batch) {
        for (Connection connection : connections.values()) {
            Iterator<Chunk> chunks = connection.inFlight.iterator();
            boolean head = true;
            while (chunks.hasNext()) {
                Chunk chunk = chunks.next();
                if (chunk.batch == batch) {
                    if (head) {
                        chunks.remove();
                        connection.headSettled = true;
                        connection.exitCause = PoolMetrics.ExitCause.CANCELLED;
                        connection.process.kill();
                    } else {
                        connection.writer.begin(Frame.CANCEL, (byte) 0, chunk.requestId).end();
                    }
                }
                head = false;
            }
        }
    }

    void close() {
        if (state == State.RUNNING) {
            state = State.CLOSING;
            shutdownDeadline = 0;
        }
    }

    void terminate() {
        if (state == State.STOPPED || state == State.TERMINATING) {
            return;
        }
        state = State.TERMINATING;
        MprocException terminated = new MprocException("the pool was terminated before the task finished");
        queue.forEach(batch -> failBatch(batch, terminated));
        queue.clear();
        retries.clear();
        for (Connection connection : connections.values()) {
            connection.inFlight.forEach(chunk -> failChunk(chunk, terminated));
            connection.inFlight.clear();
            connection.process.kill();
        }
        starting.values().forEach(WorkerProcess::kill);
    }

    // ---- the loop ----

    @Override
    public void run() {
        try {
            ensureWorkers();
            while (state != State.STOPPED) {
                selector.select(this::onReady, selectTimeoutMillis());
                runCommands();
                checkDeadlines();
                dispatch();
                flushAll();
                updateGauges();
                checkStopped();
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "the mproc coordinator failed; terminating the pool", e);
            terminate();
            connections.keySet().forEach(WorkerProcess::kill);
        } finally {
            release();
        }
    }

    private void runCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void onReady(SelectionKey key) {
        Object attachment = key.attachment();
        try {
            if (key.isAcceptable()) {
                accept();
            } else if (attachment instanceof PendingConnection hello) {
                readHello(hello);
            } else if (attachment instanceof Connection connection) {
                if (key.isReadable()) {
                    connection.reader.read(connection.channel,
                            (type, flags, id, payload) -> onFrame(connection, type, id, payload));
                }
                if (key.isValid() && key.isWritable()) {
                    flush(connection);
                }
            }
        } catch (IOException | ProtocolException e) {
            if (attachment instanceof Connection connection) {
                LOG.log(e instanceof ProtocolException ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG,
                        "worker " + connection.process.id + " disconnected: " + e.getMessage());
                disconnect(connection);
            } else if (attachment instanceof PendingConnection hello) {
                reject(hello, e.getMessage());
            }
        }
    }

    // ---- connections ----

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = endpoint.server.accept()) != null) {
            channel.configureBlocking(false);
            PendingConnection hello = new PendingConnection(channel, System.nanoTime() + HELLO_TIMEOUT_NANOS);
            channel.register(selector, SelectionKey.OP_READ, hello);
            pending.add(hello);
        }
    }

    private void readHello(PendingConnection hello) throws IOException, ProtocolException {
        hello.reader.read(hello.channel, (type, flags, id, payload) -> {
            if (type != Frame.HELLO) {
                throw new ProtocolException("expected HELLO, got " + Frame.typeName(type));
            }
            hello.hello = Hello.read(payload);
        });
        if (hello.hello != null) {
            admit(hello);
        }
    }

    private void admit(PendingConnection candidate) throws IOException, ProtocolException {
        Hello hello = candidate.hello;
        if (!MessageDigest.isEqual(hello.token(), endpoint.token)) {
            throw new ProtocolException("it did not present the pool's token");
        }
        WorkerProcess process = starting.remove(hello.workerId());
        if (process == null) {
            throw new ProtocolException("it claims to be worker " + hello.workerId() + ", which is not starting");
        }
        pending.remove(candidate);
        SelectionKey key = candidate.channel.keyFor(selector);
        FrameWriter writer = new FrameWriter(64 * 1024, config.maxPayload());
        Connection connection = new Connection(process, hello.pid(), candidate.channel, key,
                new FrameReader(config.maxPayload()), writer, Math.min(hello.credits(), WORKER_CREDITS));
        key.attach(connection);
        connections.put(process, connection);
        config.metrics().workerConnected(connection);
        anyWorkerReady = true;
        failedStarts = 0;
        if (config.initializer() != null) {
            config.initializer().definition.writeTo(writer, Frame.INIT);
        }
        refreshSnapshot();
    }

    private void reject(PendingConnection candidate, String reason) {
        LOG.log(System.Logger.Level.WARNING, "refused a connection to the pool's socket: " + reason);
        pending.remove(candidate);
        closeQuietly(candidate.channel);
    }

    // ---- frames from workers ----

    private void onFrame(Connection connection, byte type, long requestId, ByteBuffer payload)
            throws ProtocolException {
        switch (type) {
            case Frame.RESULT, Frame.TIMEOUT -> {
                Chunk chunk = finishHead(connection, requestId);
                if (chunk != null) {
                    onResult(connection, chunk, payload, type == Frame.TIMEOUT);
                }
            }
            case Frame.CANCELLED -> removeInFlight(connection, requestId);
            case Frame.FATAL -> onFatal(Values.ERROR_READER.readValue(payload.array(),
                    payload.arrayOffset(), payload.remaining()));
            case Frame.STATS -> connection.stats(payload.getLong(0), payload.getLong(8), payload.getLong(16));
            default -> throw new ProtocolException("a coordinator does not accept " + Frame.typeName(type) + " frames");
        }
    }

    /** The chunk a RESULT answers: always the first in flight, but for one whose worker is being killed. */
    private Chunk finishHead(Connection connection, long requestId) throws ProtocolException {
        Chunk chunk = connection.inFlight.peek();
        if (chunk == null || chunk.requestId != requestId) {
            if (connection.headSettled) {
                return null;
            }
            throw new ProtocolException("worker answered request " + requestId + " out of order");
        }
        connection.inFlight.poll();
        connection.queuedNanos -= chunk.estimatedNanos;
        chunk.connection = null;
        return chunk;
    }

    private void removeInFlight(Connection connection, long requestId) {
        connection.inFlight.removeIf(chunk -> {
            if (chunk.requestId != requestId) {
                return false;
            }
            connection.queuedNanos -= chunk.estimatedNanos;
            return true;
        });
    }

    private void onResult(Connection connection, Chunk chunk, ByteBuffer payload, boolean timedOut) {
        long nanos = payload.getLong(Chunks.RESULT_NANOS_OFFSET);
        int count = payload.getInt(Chunks.RESULT_COUNT_OFFSET);
        int errorCount = payload.getInt(Chunks.RESULT_ERROR_COUNT_OFFSET);
        int valuesOffset = Chunks.RESULT_ERRORS_OFFSET + errorCount * Integer.BYTES;
        connection.itemsDone += count;
        connection.busyNanos += nanos;
        if (!timedOut && count > 0) {
            chunk.batch.function.recordItemNanos(nanos / count);
            config.metrics().taskDuration(nanos / count);
        }
        deliver(connection, chunk, payload, count, errorCount, valuesOffset);
        if (timedOut) {
            timeOut(connection, chunk, count);
        }
        refreshSnapshot();
    }

    private void deliver(Connection connection, Chunk chunk, ByteBuffer payload, int count, int errorCount,
                         int valuesOffset) {
        ResultSink sink = chunk.batch.sink;
        if (sink.isClosed()) {
            return;
        }
        config.metrics().finished(PoolMetrics.Outcome.FAILED, errorCount);
        config.metrics().finished(PoolMetrics.Outcome.SUCCESS, count - errorCount);
        int nextError = 0;
        int errorIndex = errorCount > 0 ? payload.getInt(Chunks.RESULT_ERRORS_OFFSET) : -1;
        try (JsonParser parser = ValueCodec.parser(payload.array(), payload.arrayOffset() + valuesOffset,
                payload.remaining() - valuesOffset)) {
            for (int i = 0; i < count; i++) {
                parser.nextToken();
                if (i == errorIndex) {
                    RemoteError error = Values.ERROR_READER.readValue(parser);
                    sink.fail(chunk.index(i), new TaskFailedException(error.toThrowable(), connection.pid));
                    nextError++;
                    errorIndex = nextError < errorCount
                            ? payload.getInt(Chunks.RESULT_ERRORS_OFFSET + nextError * Integer.BYTES) : -1;
                } else {
                    sink.succeed(chunk.index(i), chunk.batch.function.resultReader.read(parser));
                }
            }
        } catch (JacksonException e) {
            MprocException error = new MprocException("the coordinator could not decode a result as "
                    + chunk.batch.function.definition.resultType() + ": " + e.getOriginalMessage(), e);
            for (int i = 0; i < count; i++) {
                sink.fail(chunk.index(i), error);
            }
        }
    }

    private void timeOut(Connection connection, Chunk chunk, int finished) {
        connection.headSettled = true;
        connection.exitCause = PoolMetrics.ExitCause.TIMEOUT;
        config.metrics().finished(PoolMetrics.Outcome.TIMED_OUT, 1);
        connection.process.kill();
        if (!chunk.batch.sink.isClosed()) {
            Duration timeout = config.settings().taskTimeout();
            chunk.batch.sink.fail(chunk.index(finished),
                    new TaskTimeoutException(timeout, connection.process.id, connection.pid));
        }
        if (finished + 1 < chunk.count) {
            retries.addFirst(chunk.rest(finished + 1));
        }
    }

    private void onFatal(RemoteError error) {
        onBroken(new WorkerInitializationException(error.toThrowable()));
        for (Connection connection : connections.values()) {
            connection.inFlight.forEach(chunk -> failChunk(chunk, broken));
            connection.inFlight.clear();
        }
    }

    // ---- worker lives ----

    private void ensureWorkers() {
        while (state == State.RUNNING && broken == null && activeWorkers() < maxRequestedWorkers) {
            startWorker();
        }
    }

    private long activeWorkers() {
        return starting.size() + connections.values().stream().filter(c -> !c.retiring && !c.closed).count();
    }

    private void startWorker() {
        int id = ++nextWorkerId;
        workersStarted++;
        Bootstrap bootstrap = new Bootstrap(endpoint.address, endpoint.token, id, ProcessHandle.current().pid(),
                WORKER_CREDITS, config.settings().taskTimeout().toMillis(), config.maxPayload());
        boolean record = recordingWorker == 0;
        if (record) {
            recordingWorker = id;
        }
        WorkerProcess[] self = new WorkerProcess[1];
        WorkerProcess process = WorkerProcess.start(id, config.command(record), config.environment(), bootstrap,
                config.output(), exitCode -> post(() -> onExit(self[0], exitCode)));
        self[0] = process;
        starting.put(id, process);
    }

    private void onExit(WorkerProcess process, int exitCode) {
        exited.add(process);
        if (process.id == recordingWorker && config.classDataSharing() != null) {
            config.classDataSharing().recorded();
            recordingWorker = exitCode == 0 ? -1 : 0;
        }
        Connection connection = connections.remove(process);
        if (connection == null) {
            starting.remove(process.id);
            onFailedStart(process, exitCode);
        } else {
            drain(connection);
            disconnect(connection);
            config.metrics().workerGone(connection);
            if (state == State.RUNNING && (!connection.shutdownSent || exitCode != 0)) {
                workerCrashes++;
                config.metrics().workerExited(connection.exitCause);
            } else if (state == State.RUNNING) {
                config.metrics().workerExited(PoolMetrics.ExitCause.RECYCLED);
            }
            if (!connection.inFlight.isEmpty()) {
                recoverChunks(connection, exitCode);
            }
        }
        refreshSnapshot();
        ensureWorkers();
    }

    private void onFailedStart(WorkerProcess process, int exitCode) {
        if (state != State.RUNNING || broken != null) {
            return;
        }
        failedStarts++;
        if (!anyWorkerReady && failedStarts >= Math.max(3, maxRequestedWorkers)) {
            onBroken(new MprocException("worker JVMs fail to start (exit code " + exitCode + "). Command: "
                    + String.join(" ", config.command(false)) + System.lineSeparator() + "Last output:"
                    + System.lineSeparator() + process.lastLines()));
        }
    }

    private void onBroken(MprocException error) {
        broken = error;
        synchronized (readiness) {
            readiness.notifyAll();
        }
        queue.forEach(batch -> failBatch(batch, error));
        queue.clear();
        retries.forEach(chunk -> failChunk(chunk, error));
        retries.clear();
    }

    /** The worker died with chunks in hand: the running one is charged, the others go back unharmed. */
    private void recoverChunks(Connection connection, int exitCode) {
        List<Chunk> requeue = new ArrayList<>();
        Chunk head = connection.inFlight.poll();
        if (!connection.headSettled) {
            chargeCrash(connection, head, exitCode, requeue);
        } else {
            requeue.add(head);
        }
        requeue.addAll(connection.inFlight);
        connection.inFlight.clear();
        for (int i = requeue.size() - 1; i >= 0; i--) {
            Chunk chunk = requeue.get(i);
            chunk.connection = null;
            if (!chunk.batch.sink.isClosed()) {
                retries.addFirst(chunk);
            }
        }
    }

    private void chargeCrash(Connection connection, Chunk head, int exitCode, List<Chunk> requeue) {
        if (head.count > 1) {
            for (int i = 0; i < head.count; i++) {
                requeue.add(head.single(i));
            }
            return;
        }
        int attempts = head.batch.crashed(head.index(0));
        if (attempts > config.settings().maxRetries()) {
            config.metrics().finished(PoolMetrics.Outcome.CRASHED, 1);
            if (!head.batch.sink.isClosed()) {
                head.batch.sink.fail(head.index(0), new WorkerCrashedException(connection.process.id,
                        connection.pid, exitCode, WorkerExit.describe(exitCode), attempts));
            }
        } else {
            tasksRetried++;
            config.metrics().retried();
            requeue.add(head);
        }
    }

    /** Reads what a worker wrote before it exited, so that finished chunks count as finished. */
    private void drain(Connection connection) {
        if (connection.closed) {
            return;
        }
        try {
            int read;
            do {
                read = connection.reader.read(connection.channel,
                        (type, flags, id, payload) -> onFrame(connection, type, id, payload));
            } while (read > 0);
        } catch (IOException | ProtocolException e) {
            // the end of the stream, or a frame cut short by the exit: what came before it was delivered
        }
    }

    private void disconnect(Connection connection) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        connection.key.cancel();
        closeQuietly(connection.channel);
        connection.exitDeadlineNanos = System.nanoTime() + EXIT_GRACE_NANOS;
    }

    // ---- dispatch ----

    private void enqueue(Batch batch) {
        if (!batch.queued && batch.undispatched() > 0) {
            batch.queued = true;
            queue.add(batch);
        }
    }

    /** Idle workers get a chunk first, so work spreads out; then each is topped up within its limits. */
    private void dispatch() {
        if (queue.isEmpty() && retries.isEmpty()) {
            return;
        }
        for (Connection connection : connections.values()) {
            if (connection.inFlight.isEmpty() && canTake(connection)) {
                sendNext(connection);
            }
        }
        for (Connection connection : connections.values()) {
            boolean sent = true;
            while (sent && canTake(connection)) {
                sent = sendNext(connection);
            }
            retireIfDone(connection);
        }
    }

    private boolean sendNext(Connection connection) {
        Chunk chunk = nextChunk(connection);
        if (chunk == null) {
            return false;
        }
        send(connection, chunk);
        return true;
    }

    /**
     * A worker holds a second chunk only while the work it holds is short (under one target chunk), so short
     * tasks flow without gaps and long ones are never hoarded behind each other.
     */
    private boolean canTake(Connection connection) {
        int limit = config.settings().maxTasksPerWorker();
        return !connection.closed && !connection.retiring
                && connection.inFlight.size() < connection.credits
                && (connection.inFlight.isEmpty() || connection.queuedNanos < TARGET_CHUNK_NANOS)
                && (limit == 0 || connection.itemsSent < limit);
    }

    private Chunk nextChunk(Connection connection) {
        while (!retries.isEmpty()) {
            Chunk retry = retries.poll();
            if (!retry.batch.sink.isClosed()) {
                return retry;
            }
        }
        while (!queue.isEmpty()) {
            Batch batch = queue.peek();
            if (batch.sink.isClosed() || batch.undispatched() == 0) {
                queue.poll().queued = false;
                continue;
            }
            Chunk chunk = batch.take(chunkSize(batch, connection));
            if (batch.undispatched() == 0) {
                queue.poll().queued = false;
            }
            return chunk;
        }
        return null;
    }

    private int chunkSize(Batch batch, Connection connection) {
        int size;
        long itemNanos = batch.function.itemNanos();
        if (batch.chunkSize > 0) {
            size = batch.chunkSize;
        } else if (itemNanos < 0) {
            size = 1;
        } else {
            long fair = Math.max(1, batch.undispatched() / (4L * maxRequestedWorkers));
            size = (int) Math.min(fair, Math.max(1, TARGET_CHUNK_NANOS / Math.max(1, itemNanos)));
        }
        int limit = config.settings().maxTasksPerWorker();
        if (limit > 0) {
            size = (int) Math.min(size, limit - connection.itemsSent);
        }
        return Math.max(1, Math.min(size, batch.undispatchedInBlock()));
    }

    private void send(Connection connection, Chunk chunk) {
        FunctionHandle function = chunk.batch.function;
        FrameWriter writer = connection.writer;
        if (connection.knownFunctions.get(function.id()) == null) {
            function.definition.writeTo(writer, Frame.DEFINE);
            connection.knownFunctions.put(function.id(), Boolean.TRUE);
        }
        chunk.requestId = ++nextRequestId;
        InputBlock block = chunk.block;
        writer.begin(Frame.TASK, (byte) 0, chunk.requestId).putInt(function.id()).putInt(chunk.count)
                .putBytes(block.data(), block.startOf(chunk.start), block.lengthOf(chunk.start, chunk.count));
        try {
            writer.end();
        } catch (FrameTooLargeException e) {
            splitOrFail(chunk, e);
            return;
        }
        long itemNanos = function.itemNanos();
        chunk.estimatedNanos = chunk.count * (itemNanos < 0 ? TARGET_CHUNK_NANOS : itemNanos);
        chunk.connection = connection;
        connection.inFlight.add(chunk);
        connection.itemsSent += chunk.count;
        connection.queuedNanos += chunk.estimatedNanos;
    }

    private void splitOrFail(Chunk chunk, FrameTooLargeException e) {
        if (chunk.count == 1) {
            chunk.batch.sink.fail(chunk.index(0), new MprocException("input #" + chunk.index(0) + ": " + e.getMessage(), e));
            return;
        }
        int half = chunk.count / 2;
        retries.addFirst(new Chunk(chunk.batch, chunk.block, chunk.start + half, chunk.count - half));
        retries.addFirst(new Chunk(chunk.batch, chunk.block, chunk.start, half));
    }

    private void retireIfDone(Connection connection) {
        int limit = config.settings().maxTasksPerWorker();
        if (limit > 0 && !connection.retiring && connection.itemsSent >= limit) {
            connection.retiring = true;
            ensureWorkers();
        }
        if (connection.retiring && connection.inFlight.isEmpty() && !connection.shutdownSent) {
            sendShutdown(connection);
        }
    }

    private void sendShutdown(Connection connection) {
        connection.shutdownSent = true;
        connection.writer.begin(Frame.SHUTDOWN, (byte) 0, 0).end();
    }

    // ---- writing, timers, shutdown ----

    private void flushAll() {
        for (Connection connection : connections.values()) {
            retireIfDone(connection);
            if (!connection.writer.isEmpty() && !connection.closed) {
                flush(connection);
            }
        }
    }

    private void flush(Connection connection) {
        try {
            boolean done = connection.writer.flushTo(connection.channel);
            connection.key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            disconnect(connection);
        }
    }

    private long selectTimeoutMillis() {
        boolean waiting = !pending.isEmpty() || state != State.RUNNING
                || connections.values().stream().anyMatch(c -> c.closed);
        if (waiting) {
            return 100;
        }
        return config.metrics() == PoolMetrics.NONE || connections.isEmpty() ? 0
                : TimeUnit.NANOSECONDS.toMillis(GAUGE_INTERVAL_NANOS);
    }

    private void updateGauges() {
        long now = System.nanoTime();
        if (config.metrics() == PoolMetrics.NONE || now - gaugesUpdatedNanos < GAUGE_INTERVAL_NANOS) {
            return;
        }
        long elapsed = now - gaugesUpdatedNanos;
        gaugesUpdatedNanos = now;
        long queued = retries.stream().mapToLong(chunk -> chunk.count).sum();
        for (Batch batch : queue) {
            queued += batch.undispatched();
        }
        long inFlight = 0;
        for (Connection connection : connections.values()) {
            for (Chunk chunk : connection.inFlight) {
                inFlight += chunk.count;
            }
            connection.sampleBusyRatio(elapsed);
        }
        Gauges gauges = config.gauges();
        gauges.queued = queued;
        gauges.inFlight = inFlight;
        gauges.alive = workerSnapshot.size();
    }

    private void checkDeadlines() {
        long now = System.nanoTime();
        for (Connection connection : connections.values()) {
            if (connection.closed && now - connection.exitDeadlineNanos > 0) {
                connection.process.kill();
            }
        }
        pending.removeIf(candidate -> {
            if (now - candidate.deadlineNanos > 0) {
                LOG.log(System.Logger.Level.WARNING, "refused a connection to the pool's socket: no HELLO in time");
                closeQuietly(candidate.channel);
                return true;
            }
            return false;
        });
    }

    private void checkStopped() {
        if (state == State.CLOSING && queue.isEmpty() && retries.isEmpty()
                && connections.values().stream().allMatch(c -> c.inFlight.isEmpty())) {
            if (shutdownDeadline == 0) {
                shutdownDeadline = System.nanoTime() + SHUTDOWN_GRACE_NANOS;
                starting.values().forEach(WorkerProcess::kill);
                connections.values().stream().filter(c -> !c.shutdownSent).forEach(this::sendShutdown);
                flushAll();
            } else if (System.nanoTime() - shutdownDeadline > 0) {
                connections.keySet().forEach(WorkerProcess::kill);
            }
        }
        if ((state == State.CLOSING || state == State.TERMINATING) && connections.isEmpty() && starting.isEmpty()) {
            state = State.STOPPED;
        }
    }

    private void release() {
        pending.forEach(candidate -> closeQuietly(candidate.channel));
        connections.values().forEach(connection -> closeQuietly(connection.channel));
        try {
            selector.close();
            endpoint.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the pool's socket: " + e.getMessage());
        }
        for (WorkerProcess process : exited) {
            try {
                process.joinThreads();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        workerSnapshot = List.of();
        stopped.countDown();
    }

    private void refreshSnapshot() {
        List<WorkerInfo> snapshot = connections.values().stream().filter(c -> !c.closed).map(Connection::info).toList();
        boolean changed = snapshot.size() != workerSnapshot.size();
        workerSnapshot = snapshot;
        if (changed) {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        }
    }

    private static void failBatch(Batch batch, MprocException error) {
        batch.sink.failAll(error);
    }

    private static void failChunk(Chunk chunk, MprocException error) {
        chunk.batch.sink.failAll(error);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing an already broken socket
        }
    }

    /** Snapshots of the coordinator's state for gauges, refreshed a few times a second; read on any thread. */
    static final class Gauges {
        private volatile long queued;
        private volatile long inFlight;
        private volatile long alive;

        long queued() {
            return queued;
        }

        long inFlight() {
            return inFlight;
        }

        long alive() {
            return alive;
        }
    }

    /** An accepted connection that has not yet proven it is one of our workers. */
    private static final class PendingConnection {
        final SocketChannel channel;
        final long deadlineNanos;
        final FrameReader reader = new FrameReader(Hello.TOKEN_LENGTH + 16);
        Hello hello;

        PendingConnection(SocketChannel channel, long deadlineNanos) {
            this.channel = channel;
            this.deadlineNanos = deadlineNanos;
        }
    }

}
