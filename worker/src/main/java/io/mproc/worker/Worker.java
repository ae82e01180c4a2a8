package io.mproc.worker;

import io.mproc.internal.launch.ClassDataSharing;
import io.mproc.internal.os.Processes;
import io.mproc.internal.wire.Bootstrap;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameReader;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.FunctionDefinition;
import io.mproc.internal.wire.Hello;
import io.mproc.internal.wire.PayloadLayout;
import io.mproc.internal.wire.ProtocolException;
import io.mproc.internal.wire.RemoteError;
import io.mproc.internal.wire.WireCodec;
import io.mproc.internal.wire.WorkerExit;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * One worker JVM's life, on one thread: it reads frames into an inbox, runs the work items in arrival order and
 * sends their outcomes, batching them while more work is waiting. The worker exits when told to, when its
 * connection ends, or when its coordinator's process is gone.
 */
final class Worker {

    private static final long COORDINATOR_EXIT_WAIT_MILLIS = 1_000;
    private static final long EXIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * While work is waiting, the socket is read again after this many items or this much compute time, so that a
     * cancellation reaches a chunk before it starts and new chunks are seen.
     */
    private static final int ITEMS_BETWEEN_READS = 16;
    private static final long NANOS_BETWEEN_READS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int FLUSH_BYTES = 64 * 1024;
    private static final long FLUSH_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** Outcomes of chunks shorter than this may wait to leave with others. */
    private static final long BATCHED_CHUNK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final long STATS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long WRITE_RETRY_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    /**
     * How long a worker whose last wait for input was shorter than this polls its socket before it blocks. Waking a
     * blocked process took 15-20 us per hop on this project's 2-core VM once its cores had gone idle, four hops to a
     * submit's round trip; a worker fed again soon (and a coordinator that polls likewise) makes that round trip
     * 12 us instead of 66-74. A worker fed seldom, or alone on one core, does not poll.
     */
    private static final long POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final boolean MORE_THAN_ONE_CORE = Runtime.getRuntime().availableProcessors() > 1;

    private final Bootstrap bootstrap;
    private final ArrayDeque<WorkItem> inbox = new ArrayDeque<>();
    private final Map<Integer, LoadedFunction> functions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, LoadedFunction> eldest) {
            return size() > PayloadLayout.FUNCTION_CACHE_SIZE;
        }
    };
    private final FrameReader reader;
    /** Shared with the timeout watchdog, which may send a last frame; guarded by itself. */
    private final FrameWriter out;
    private final ChunkRunner runner;
    private SocketChannel channel;
    private Selector selector;
    private int itemsSinceRead;
    /** Compute time of the chunks run since the last read, as the runner measured it. */
    private long nanosSinceRead;
    private long lastWaitNanos = Long.MAX_VALUE;
    private long unflushedSince;
    private long lastStatsNanos;

    Worker(Bootstrap bootstrap) {
        this.bootstrap = bootstrap;
        this.reader = new FrameReader(bootstrap.maxPayload());
        this.out = new FrameWriter(64 * 1024, bootstrap.maxPayload());
        this.runner = new ChunkRunner(out, bootstrap.taskTimeoutMillis(), this::afterChunk, this::flush);
    }

    void run() {
        watchCoordinatorProcess();
        connect();
        while (true) {
            if (inbox.isEmpty()) {
                flush();
                awaitInput();
                read();
            } else if (readDue()) {
                read();
            }
            WorkItem item = inbox.poll();
            if (item instanceof WorkItem.Chunk chunk) {
                runner.run(chunk);
            } else if (item instanceof WorkItem.Init init) {
                initialize(init.function());
            } else if (item == WorkItem.Shutdown.INSTANCE) {
                flush();
                if (Boolean.getBoolean(ClassDataSharing.RECORDING_PROPERTY)) {
                    WarmUp.commonPath();
                }
                Runtime.getRuntime().halt(WorkerExit.NORMAL);
            }
        }
    }

    private void connect() {
        try {
            channel = SocketChannel.open(address(bootstrap.address()));
            new Hello(bootstrap.token(), Processes.SELF, bootstrap.workerId(), bootstrap.credits())
                    .writeTo(out);
            out.flushTo(channel);
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException e) {
            System.err.println("mproc worker: cannot connect to the coordinator at " + bootstrap.address() + ": " + e);
            Runtime.getRuntime().halt(WorkerExit.CONNECTION_LOST);
        }
    }

    /** Waits for input: polls first if the last wait was short (see {@link #POLL_NANOS}), then blocks. */
    private void awaitInput() {
        try {
            long start = System.nanoTime();
            boolean polled = lastWaitNanos < POLL_NANOS && MORE_THAN_ONE_CORE && polledInput(start);
            if (!polled) {
                selector.select();
            }
            lastWaitNanos = System.nanoTime() - start;
            selector.selectedKeys().clear();
        } catch (IOException e) {
            exitAfterLostConnection();
        }
    }

    private boolean polledInput(long start) throws IOException {
        do {
            if (selector.selectNow() > 0) {
                return true;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() - start < POLL_NANOS);
        return false;
    }

    private boolean readDue() {
        return ++itemsSinceRead >= ITEMS_BETWEEN_READS || nanosSinceRead >= NANOS_BETWEEN_READS;
    }

    private void read() {
        itemsSinceRead = 0;
        nanosSinceRead = 0;
        try {
            reader.read(channel, this::onFrame);
        } catch (IOException | ProtocolException e) {
            exitAfterLostConnection();
        }
    }

    private void initialize(LoadedFunction initializer) {
        RemoteError error = initializer.loadError();
        if (error == null) {
            try {
                initializer.runAsInitializer();
                return;
            } catch (Exception | LinkageError e) {
                error = RemoteError.of(e);
            }
        }
        synchronized (out) {
            out.begin(Frame.FATAL, (byte) 0, 0);
            WireCodec.WRITER.writeValue(out.stream(), error);
            out.end();
        }
        flush();
        Runtime.getRuntime().halt(WorkerExit.INITIALIZER_FAILED);
    }

    private void onFrame(byte type, byte flags, long requestId, ByteBuffer payload) throws ProtocolException {
        switch (type) {
            case Frame.DEFINE -> functions.put((int) requestId,
                    LoadedFunction.load(FunctionDefinition.read(requestId, flags, payload)));
            case Frame.INIT -> inbox.add(new WorkItem.Init(
                    LoadedFunction.load(FunctionDefinition.read(requestId, flags, payload))));
            case Frame.TASK -> inbox.add(chunk(requestId, payload));
            case Frame.CANCEL -> cancel(requestId);
            case Frame.SHUTDOWN -> inbox.add(WorkItem.Shutdown.INSTANCE);
            default -> throw new ProtocolException("a worker does not accept " + Frame.typeName(type) + " frames");
        }
    }

    private WorkItem.Chunk chunk(long requestId, ByteBuffer payload) throws ProtocolException {
        int functionId = payload.getInt(PayloadLayout.TASK_FUNCTION_ID_OFFSET);
        LoadedFunction function = functions.get(functionId);
        if (function == null) {
            throw new ProtocolException("TASK " + requestId + " names unknown function " + functionId);
        }
        int count = payload.getInt(PayloadLayout.TASK_COUNT_OFFSET);
        byte[] values = new byte[payload.remaining() - PayloadLayout.TASK_VALUES_OFFSET];
        payload.get(PayloadLayout.TASK_VALUES_OFFSET, values);
        return new WorkItem.Chunk(requestId, function, count, values);
    }

    private void cancel(long requestId) {
        if (inbox.removeIf(item -> item instanceof WorkItem.Chunk chunk && chunk.requestId() == requestId)) {
            synchronized (out) {
                out.begin(Frame.CANCELLED, (byte) 0, requestId).end();
            }
        }
    }

    /**
     * Sends outcomes at once when idle or after a chunk that took a while (the next may too); after short chunks
     * with more waiting, in batches, never holding one back for long.
     */
    private void afterChunk(long chunkNanos) {
        nanosSinceRead += chunkNanos;
        long now = System.nanoTime();
        if (unflushedSince == 0) {
            unflushedSince = now;
        }
        if (inbox.isEmpty() || chunkNanos >= BATCHED_CHUNK_NANOS || out.size() >= FLUSH_BYTES
                || now - unflushedSince >= FLUSH_AGE_NANOS) {
            flush();
        }
    }

    private void flush() {
        unflushedSince = 0;
        synchronized (out) {
            appendStatsIfDue();
            try {
                while (!out.flushTo(channel)) {
                    LockSupport.parkNanos(WRITE_RETRY_NANOS);
                }
            } catch (IOException e) {
                exitAfterLostConnection();
            }
        }
    }

    /** Tells the coordinator this JVM's CPU time and heap, at most once a second, with outgoing outcomes. */
    private void appendStatsIfDue() {
        long now = System.nanoTime();
        if (out.isEmpty() || now - lastStatsNanos < STATS_INTERVAL_NANOS) {
            return;
        }
        lastStatsNanos = now;
        Runtime runtime = Runtime.getRuntime();
        long cpuNanos = ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
        out.begin(Frame.STATS, (byte) 0, 0).putLong(cpuNanos).putLong(runtime.totalMemory() - runtime.freeMemory())
                .putLong(runtime.maxMemory()).end();
    }

    /** A lost connection usually means the coordinator died: then clean up after it and say so. */
    private void exitAfterLostConnection() {
        boolean coordinatorGone = awaitExit(bootstrap.parentPid(), COORDINATOR_EXIT_WAIT_MILLIS);
        if (coordinatorGone) {
            deleteSocketDirectory();
        }
        Runtime.getRuntime().halt(coordinatorGone ? WorkerExit.COORDINATOR_GONE : WorkerExit.CONNECTION_LOST);
    }

    private static boolean awaitExit(long pid, long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (Processes.isAlive(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(EXIT_POLL_NANOS);
        }
        return true;
    }


    private void watchCoordinatorProcess() {
        Runnable gone = () -> {
            deleteSocketDirectory();
            Runtime.getRuntime().halt(WorkerExit.COORDINATOR_GONE);
        };
        ProcessHandle.of(bootstrap.parentPid()).ifPresentOrElse(parent -> parent.onExit().thenRun(gone), gone);
    }

    /** The coordinator cannot remove its socket when it is killed; whoever outlives it does. */
    private void deleteSocketDirectory() {
        if (bootstrap.address().startsWith("unix:")) {
            Path directory = Path.of(bootstrap.address().substring("unix:".length())).getParent();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
                Files.deleteIfExists(directory);
            } catch (IOException | RuntimeException ignored) {
                // another worker got there first, or the directory still holds a file: the next pool start cleans it
            }
        }
    }

    private static SocketAddress address(String address) {
        if (address.startsWith("unix:")) {
            return UnixDomainSocketAddress.of(address.substring("unix:".length()));
        }
        if (address.startsWith("tcp:")) {
            String hostAndPort = address.substring("tcp:".length());
            int colon = hostAndPort.lastIndexOf(':');
            return new InetSocketAddress(hostAndPort.substring(0, colon), Integer.parseInt(hostAndPort.substring(
                    colon + 1)));
        }
        throw new IllegalArgumentException("unknown coordinator address " + address);
    }
}
