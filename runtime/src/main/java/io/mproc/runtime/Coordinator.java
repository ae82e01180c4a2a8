package io.mproc.runtime;

import io.mproc.MprocException;
import io.mproc.WorkerInitializationException;
import io.mproc.internal.launch.LaunchCapacity;
import io.mproc.internal.wire.Bootstrap;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.PayloadLayout;
import io.mproc.internal.wire.ProtocolException;
import io.mproc.internal.wire.RemoteError;
import io.mproc.internal.wire.WireCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The pool's event loop: one thread that owns every piece of dispatch state, so none of it is locked. Other
 * threads hand it work through {@link #post}. It admits workers ({@link Handshake}), sends chunks within each
 * worker's credits ({@link Dispatcher}), turns RESULT frames into outcomes ({@link ResultDecoder}), and replaces
 * workers that die ({@link ChunkRecovery} puts their chunks back).
 *
 * <p><b>Threads.</b> Every field is read and written by the coordinator thread alone, except three groups:
 * <ul>
 *   <li><i>admission</i> ({@link #accepting}, {@link #loopEnded}): under the {@link #admission} monitor, taken by
 *       callers of {@link #post}, {@link #offer} and {@link #stop} and by the loop's end;</li>
 *   <li><i>published</i> ({@link #broken}, {@link #live}, {@link #workersStarted}, {@link #workerCrashes}): volatile,
 *       written by the coordinator thread only and read by any thread;</li>
 *   <li>{@link #commands}: a concurrent queue that any thread adds to and the coordinator thread drains.</li>
 * </ul>
 *
 * <p><b>States.</b>
 * <pre>
 * RUNNING -> CLOSING                close(): no new batches; queued work runs (workers that retire or die are
 *                                   replaced while work is queued), then SHUTDOWN to each worker
 * RUNNING | CLOSING -> TERMINATING  terminate(): batches and chunks in flight fail, workers are killed
 * CLOSING | TERMINATING -> STOPPED  no connection and no starting worker left; then release() runs once
 * </pre>
 *
 * <p><b>The loop</b> waits in {@code select}, runs posted commands, checks deadlines, dispatches, flushes and
 * samples gauges, reading the clock once per turn. Reading a frame allocates nothing: each connection's frame
 * handler is built once, and the worker snapshot is published on admission and exit, not per RESULT.
 */
final class Coordinator implements Runnable {

    private static final System.Logger LOG = System.getLogger(Coordinator.class.getName());
    private static final int WORKER_CREDITS = 1024;
    /** Connections that may wait for their HELLO at once, at least; twice the workers where that is more. */
    static final int MIN_PENDING_CONNECTIONS = 64;
    private static final long EXIT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long SHUTDOWN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long GAUGE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    private enum State { RUNNING, CLOSING, TERMINATING, STOPPED }

    private final PoolConfiguration config;
    private final Endpoint endpoint;
    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    /** Guards {@link #accepting} and {@link #loopEnded}, so that no command is posted after the last is run. */
    private final Object admission = new Object();
    private boolean accepting = true;
    private boolean loopEnded;
    private final Map<Integer, WorkerProcess> starting = new HashMap<>();
    private final Map<WorkerProcess, WorkerConnection> connections = new HashMap<>();
    private final List<WorkerProcess> exited = new ArrayList<>();
    private final Handshake handshake;
    private final Dispatcher dispatcher;
    private final ChunkRecovery recovery;
    private final ResultDecoder results;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final long maxRequestedWorkers;
    private State state = State.RUNNING;
    private volatile MprocException broken;
    /** The workers connected and not yet disconnected, for {@link #workers} and readiness; republished on change. */
    private volatile List<WorkerConnection> live = List.of();
    private int nextWorkerId;
    private int failedStarts;
    private long shutdownDeadline;
    private final Object readiness = new Object();
    private volatile long workersStarted;
    private volatile long workerCrashes;
    private long gaugesUpdatedNanos;
    private long lastActiveNanos;

    Coordinator(PoolConfiguration config, Endpoint endpoint) throws IOException {
        this.config = config;
        this.endpoint = endpoint;
        this.selector = Selector.open();
        this.maxRequestedWorkers = config.settings().workers();
        this.handshake = new Handshake(endpoint, selector, config.maxPayload(), WORKER_CREDITS,
                Math.max(MIN_PENDING_CONNECTIONS, 2 * config.settings().workers()));
        this.dispatcher = new Dispatcher(config.settings(), Dispatcher.coreLeftBesideWorkers(config.settings()));
        this.recovery = new ChunkRecovery(config, dispatcher);
        this.results = new ResultDecoder(config.metrics());
        endpoint.server.configureBlocking(false);
        endpoint.server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /**
     * Runs {@code command} on the coordinator thread, soon.
     *
     * @return false, with nothing posted, once the event loop has ended
     */
    boolean post(Runnable command) {
        synchronized (admission) {
            if (loopEnded) {
                return false;
            }
            commands.add(command);
            selector.wakeup();
            return true;
        }
    }

    /**
     * Posts a new batch of work, unless {@link #stop} was called; commands posted before a stop run before it.
     *
     * @return false, with nothing posted, once the pool was asked to close or terminate
     */
    boolean offer(Batch batch) {
        synchronized (admission) {
            return accepting && post(() -> submit(batch));
        }
    }

    /** Refuses new batches from now on and posts {@code command}: {@link #close} or {@link #terminate}. */
    void stop(Runnable command) {
        synchronized (admission) {
            accepting = false;
            post(command);
        }
    }

    /** Whether new batches are still taken: neither close nor terminate was asked, and the loop runs. */
    boolean isAccepting() {
        synchronized (admission) {
            return accepting;
        }
    }

    void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    boolean awaitStopped(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isStopped() {
        return stopped.getCount() == 0;
    }

    String address() {
        return endpoint.address;
    }

    PoolStats stats() {
        return new PoolStats(workersStarted, workerCrashes, recovery.tasksRetried());
    }

    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (readiness) {
            while (live.size() < maxRequestedWorkers) {
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

    /** A snapshot of the connected workers, built on the calling thread. */
    List<WorkerInfo> workers() {
        List<WorkerConnection> connected = live;
        List<WorkerInfo> workers = new ArrayList<>(connected.size());
        connected.forEach(connection -> workers.add(connection.info()));
        return workers;
    }

    // ---- commands, run on the coordinator thread ----

    void submit(Batch batch) {
        if (broken != null) {
            batch.sink.failAll(broken);
            return;
        }
        if (state != State.RUNNING) {
            batch.sink.failAll(new MprocException("the pool is closed; build a new pool to submit more work"));
            return;
        }
        dispatcher.enqueue(batch);
    }

    /** More inputs for a batch already submitted (imap); they fail if the pool is stopping before they could run. */
    void append(Batch batch, InputBlock block) {
        if (broken != null) {
            batch.sink.failAll(broken);
        } else if (state != State.RUNNING && (state != State.CLOSING || shutdownDeadline != 0)) {
            batch.sink.failAll(new MprocException("the pool was closed or terminated before input #"
                    + block.firstIndex + " could be sent; iterate over imap's results before closing the pool"));
        } else {
            batch.append(block);
            dispatcher.enqueue(batch);
        }
    }

    void cancel(Batch batch) {
        for (WorkerConnection connection : connections.values()) {
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

    /** Finishes the queued work, replacing workers that retire or die meanwhile, then stops the workers. */
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
        dispatcher.failBatches(terminated);
        dispatcher.failRetries(terminated);
        for (WorkerConnection connection : connections.values()) {
            connection.inFlight.forEach(chunk -> chunk.batch.sink.failAll(terminated));
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
                boolean polls = pollsAt(System.nanoTime());
                int ready = polls ? selector.selectNow(this::onReady)
                        : selector.select(this::onReady, selectTimeoutMillis());
                boolean active = runCommands() | ready > 0;
                long now = System.nanoTime();
                if (active) {
                    lastActiveNanos = now;
                } else if (polls) {
                    Thread.onSpinWait();
                }
                checkDeadlines(now);
                dispatcher.dispatch(connections.values());
                flushAll();
                updateGauges(now);
                checkStopped(now);
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "the mproc coordinator failed; terminating the pool", e);
            terminate();
            connections.keySet().forEach(WorkerProcess::kill);
        } finally {
            release();
        }
    }

    /** Runs the posted commands; returns whether there were any. */
    private boolean runCommands() {
        Runnable command = commands.poll();
        if (command == null) {
            return false;
        }
        do {
            command.run();
        } while ((command = commands.poll()) != null);
        return true;
    }

    /**
     * Whether the loop polls instead of blocking: for {@link #POLL_NANOS} after its last event, while some workers
     * have work and fewer than there are cores, so that polling takes no core a busy worker needs. A result, or the
     * caller's next task, that comes meanwhile is seen without waking this thread (see the worker's own polling).
     */
    private boolean pollsAt(long now) {
        if (now - lastActiveNanos >= POLL_NANOS) {
            return false;
        }
        int busy = 0;
        for (WorkerConnection connection : connections.values()) {
            if (!connection.inFlight.isEmpty()) {
                busy++;
            }
        }
        return busy > 0 && busy < CORES;
    }

    /** Runs what was posted before the loop ended, so that work submitted then fails instead of waiting forever. */
    private void runLeftoverCommands() {
        Runnable command;
        while ((command = commands.poll()) != null) {
            try {
                command.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a command failed after the mproc coordinator stopped", e);
            }
        }
    }

    private void onReady(SelectionKey key) {
        Object attachment = key.attachment();
        try {
            if (key.isAcceptable()) {
                handshake.accept();
            } else if (attachment instanceof Handshake.PendingConnection hello) {
                WorkerConnection connection = handshake.readHello(hello, starting);
                if (connection != null) {
                    admit(connection);
                }
            } else if (attachment instanceof WorkerConnection connection) {
                if (key.isReadable()) {
                    connection.reader.read(connection.channel, connection.frameHandler);
                }
                if (key.isValid() && key.isWritable()) {
                    flush(connection);
                }
            }
        } catch (IOException | ProtocolException e) {
            System.Logger.Level level = e instanceof ProtocolException ? System.Logger.Level.WARNING
                    : System.Logger.Level.DEBUG;
            if (attachment instanceof WorkerConnection connection) {
                LOG.log(level, "worker " + connection.process.id() + " disconnected: " + e.getMessage());
                disconnect(connection);
            } else if (attachment instanceof Handshake.PendingConnection hello) {
                handshake.reject(hello, level, e.getMessage());
            }
        }
    }

    // ---- connections ----

    private void admit(WorkerConnection connection) {
        connection.frameHandler = (type, flags, id, payload) -> onFrame(connection, type, id, payload);
        connections.put(connection.process, connection);
        config.metrics().workerConnected(connection);
        failedStarts = 0;
        if (config.initializer() != null) {
            config.initializer().definition.writeTo(connection.writer, Frame.INIT);
        }
        publishLive();
        ensureWorkers();
    }

    // ---- frames from workers ----

    private void onFrame(WorkerConnection connection, byte type, long requestId, ByteBuffer payload)
            throws ProtocolException {
        switch (type) {
            case Frame.RESULT, Frame.TIMEOUT -> {
                Chunk chunk = dispatcher.finishHead(connection, requestId);
                if (chunk != null) {
                    onResult(connection, chunk, payload, type == Frame.TIMEOUT);
                }
            }
            case Frame.CANCELLED -> dispatcher.dropped(connection, requestId);
            case Frame.FATAL -> onFatal(WireCodec.ERROR_READER.readValue(payload.array(),
                    payload.arrayOffset(), payload.remaining()));
            case Frame.STATS -> connection.stats(payload.getLong(0), payload.getLong(8), payload.getLong(16));
            default -> throw new ProtocolException("a coordinator does not accept " + Frame.typeName(type) + " frames");
        }
    }

    private void onResult(WorkerConnection connection, Chunk chunk, ByteBuffer payload, boolean timedOut) {
        long nanos = payload.getLong(PayloadLayout.RESULT_NANOS_OFFSET);
        int count = payload.getInt(PayloadLayout.RESULT_COUNT_OFFSET);
        connection.itemsDone += count;
        connection.busyNanos += nanos;
        boolean measured = !timedOut && count > 0;
        boolean timeDelivery = measured && nanos >= Dispatcher.TARGET_CHUNK_NANOS;
        long deliverStart = timeDelivery ? System.nanoTime() : 0;
        results.deliver(chunk, payload, connection.pid);
        if (timeDelivery) {
            chunk.batch.function.recordDeliverNanos((System.nanoTime() - deliverStart) / count);
        }
        if (measured) {
            chunk.batch.function.recordItemNanos(nanos / count);
            config.metrics().taskDuration(nanos / count);
        }
        if (timedOut) {
            recovery.timeOut(connection, chunk, count);
        }
    }

    private void onFatal(RemoteError error) {
        onBroken(new WorkerInitializationException(error.toThrowable()));
        for (WorkerConnection connection : connections.values()) {
            connection.inFlight.forEach(chunk -> chunk.batch.sink.failAll(broken));
            connection.inFlight.clear();
        }
    }

    // ---- worker lives ----

    /** Starts missing workers, at most {@link LaunchCapacity#maxStartingAtOnce()} at a time, so a close is prompt. */
    private void ensureWorkers() {
        while (wantsWorkers() && broken == null && activeWorkers() < maxRequestedWorkers
                && starting.size() < LaunchCapacity.maxStartingAtOnce()) {
            startWorker();
        }
    }

    /** Running, or closing with work still to send: a worker that retires or dies must then be replaced. */
    private boolean wantsWorkers() {
        return state == State.RUNNING || state == State.CLOSING && dispatcher.hasQueuedWork();
    }

    private long activeWorkers() {
        long active = starting.size();
        for (WorkerConnection connection : connections.values()) {
            if (!connection.retiring && !connection.closed) {
                active++;
            }
        }
        return active;
    }

    private void startWorker() {
        int id = ++nextWorkerId;
        workersStarted++;
        Bootstrap bootstrap = new Bootstrap(endpoint.address, endpoint.token, id, ProcessHandle.current().pid(),
                WORKER_CREDITS, config.settings().taskTimeout().toMillis(), config.maxPayload());
        WorkerProcess process = new WorkerProcess(id, config.starter().start(id, bootstrap));
        process.worker().exited().thenAccept(exitCode -> post(() -> onExit(process, exitCode)));
        starting.put(id, process);
    }

    private void onExit(WorkerProcess process, int exitCode) {
        exited.add(process);
        WorkerConnection connection = connections.remove(process);
        if (connection == null) {
            starting.remove(process.id());
            onFailedStart(process, exitCode);
        } else {
            drain(connection);
            disconnect(connection);
            config.metrics().workerGone(connection);
            if (exitedOnItsOwn() && (!connection.shutdownSent || exitCode != 0)) {
                workerCrashes++;
                config.metrics().workerExited(connection.exitCause);
            } else if (connection.retiring && exitedOnItsOwn()) {
                config.metrics().workerExited(PoolMetrics.ExitCause.RECYCLED);
            }
            if (!connection.inFlight.isEmpty()) {
                recovery.recoverChunks(connection, exitCode);
            }
        }
        publishLive();
        ensureWorkers();
    }

    /** Whether a worker that exits now was not stopped by the pool: not by terminate, nor killed past close's grace. */
    private boolean exitedOnItsOwn() {
        return state == State.RUNNING
                || state == State.CLOSING && (shutdownDeadline == 0 || System.nanoTime() - shutdownDeadline <= 0);
    }

    private void onFailedStart(WorkerProcess process, int exitCode) {
        if (!wantsWorkers() || broken != null) {
            return;
        }
        failedStarts++;
        if (failedStarts >= Math.max(3, maxRequestedWorkers)) {
            onBroken(new MprocException("worker JVMs fail to start (exit code " + exitCode + "). "
                    + config.starter().describe() + System.lineSeparator() + "Last output:"
                    + System.lineSeparator() + process.worker().lastLines()));
        }
    }

    private void onBroken(MprocException error) {
        broken = error;
        synchronized (readiness) {
            readiness.notifyAll();
        }
        dispatcher.failBatches(error);
        dispatcher.failRetries(error);
    }

    /** Reads what a worker wrote before it exited, so that finished chunks count as finished. */
    private void drain(WorkerConnection connection) {
        if (connection.closed) {
            return;
        }
        try {
            int read;
            do {
                read = connection.reader.read(connection.channel, connection.frameHandler);
            } while (read > 0);
        } catch (IOException | ProtocolException e) {
            // the end of the stream, or a frame cut short by the exit: what came before it was delivered
        }
    }

    private void disconnect(WorkerConnection connection) {
        if (connection.closed) {
            return;
        }
        connection.closed = true;
        connection.key.cancel();
        Handshake.closeQuietly(connection.channel);
        connection.exitDeadlineNanos = System.nanoTime() + EXIT_GRACE_NANOS;
        publishLive();
    }

    // ---- retiring, writing, timers, shutdown ----

    private void retireIfDone(WorkerConnection connection) {
        int limit = config.settings().maxTasksPerWorker();
        if (limit > 0 && !connection.retiring && connection.itemsSent >= limit) {
            connection.retiring = true;
            ensureWorkers();
        }
        if (connection.retiring && connection.inFlight.isEmpty() && !connection.shutdownSent) {
            sendShutdown(connection);
        }
    }

    private void sendShutdown(WorkerConnection connection) {
        connection.shutdownSent = true;
        connection.writer.begin(Frame.SHUTDOWN, (byte) 0, 0).end();
    }

    private void flushAll() {
        for (WorkerConnection connection : connections.values()) {
            retireIfDone(connection);
            if (!connection.writer.isEmpty() && !connection.closed) {
                flush(connection);
            }
        }
    }

    private void flush(WorkerConnection connection) {
        try {
            boolean done = connection.writer.flushTo(connection.channel);
            connection.key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            disconnect(connection);
        }
    }

    private long selectTimeoutMillis() {
        if (handshake.hasPending() || state != State.RUNNING || anyDisconnected()) {
            return 100;
        }
        return config.metrics() == PoolMetrics.NONE || connections.isEmpty() ? 0
                : TimeUnit.NANOSECONDS.toMillis(GAUGE_INTERVAL_NANOS);
    }

    private boolean anyDisconnected() {
        for (WorkerConnection connection : connections.values()) {
            if (connection.closed) {
                return true;
            }
        }
        return false;
    }

    private void updateGauges(long now) {
        if (config.metrics() == PoolMetrics.NONE || now - gaugesUpdatedNanos < GAUGE_INTERVAL_NANOS) {
            return;
        }
        long elapsed = now - gaugesUpdatedNanos;
        gaugesUpdatedNanos = now;
        long queued = dispatcher.queuedItems();
        long inFlight = 0;
        for (WorkerConnection connection : connections.values()) {
            for (Chunk chunk : connection.inFlight) {
                inFlight += chunk.count;
            }
            connection.sampleBusyRatio(elapsed);
        }
        Gauges gauges = config.gauges();
        gauges.queued = queued;
        gauges.inFlight = inFlight;
        gauges.alive = live.size();
    }

    private void checkDeadlines(long now) {
        for (WorkerConnection connection : connections.values()) {
            if (connection.closed && now - connection.exitDeadlineNanos > 0) {
                connection.process.kill();
            }
        }
        handshake.expire(now);
    }

    private void checkStopped(long now) {
        if (state == State.CLOSING && !dispatcher.hasQueuedWork()
                && connections.values().stream().allMatch(c -> c.inFlight.isEmpty())) {
            if (shutdownDeadline == 0) {
                shutdownDeadline = now + SHUTDOWN_GRACE_NANOS;
                if (config.initializer() == null) {
                    starting.values().forEach(WorkerProcess::kill);
                }
            } else if (now - shutdownDeadline > 0) {
                starting.values().forEach(WorkerProcess::kill);
                connections.keySet().forEach(WorkerProcess::kill);
            }
            if (connections.values().stream().anyMatch(c -> !c.shutdownSent)) {
                connections.values().stream().filter(c -> !c.shutdownSent).forEach(this::sendShutdown);
                flushAll();
            }
        }
        if ((state == State.CLOSING || state == State.TERMINATING) && connections.isEmpty() && starting.isEmpty()) {
            state = State.STOPPED;
            MprocException stopped = new MprocException("the pool stopped before the task could run");
            dispatcher.failBatches(stopped);
            dispatcher.failRetries(stopped);
        }
    }

    private void release() {
        synchronized (admission) {
            accepting = false;
            loopEnded = true;
        }
        runLeftoverCommands();
        handshake.closePending();
        connections.values().forEach(connection -> Handshake.closeQuietly(connection.channel));
        try {
            selector.close();
            endpoint.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the pool's socket: " + e.getMessage());
        }
        for (WorkerProcess process : exited) {
            try {
                process.worker().awaitOutput();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        live = List.of();
        stopped.countDown();
    }

    private void publishLive() {
        List<WorkerConnection> connected = new ArrayList<>(connections.size());
        for (WorkerConnection connection : connections.values()) {
            if (!connection.closed) {
                connected.add(connection);
            }
        }
        boolean changed = connected.size() != live.size();
        live = List.copyOf(connected);
        if (changed) {
            synchronized (readiness) {
                readiness.notifyAll();
            }
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
}
