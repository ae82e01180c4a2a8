package io.mproc.runtime;

import io.mproc.internal.wire.FrameHandler;
import io.mproc.internal.wire.FrameReader;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.PayloadLayout;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * The coordinator's side of one ready worker: its socket, the chunks it holds in the order it runs them, and the
 * functions it knows. Owned by the coordinator thread.
 */
final class WorkerConnection {

    final WorkerProcess process;
    final long pid;
    final SocketChannel channel;
    final SelectionKey key;
    final FrameReader reader;
    final FrameWriter writer;
    final int credits;
    /** Chunks sent and not finished; the first is the one running. */
    final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
    /** Reads this worker's frames; built once, when the connection is admitted. */
    FrameHandler frameHandler;
    final FunctionCache knownFunctions = new FunctionCache(PayloadLayout.FUNCTION_CACHE_SIZE);
    long queuedNanos;
    long itemsSent;
    /** Written by the coordinator thread alone; read by any thread through {@link #info}. */
    volatile long itemsDone;
    volatile long busyNanos;
    boolean retiring;
    boolean shutdownSent;
    /** The running chunk was already settled (timed out or cancelled), so the worker's death charges nothing. */
    boolean headSettled;
    boolean closed;
    long exitDeadlineNanos;
    /** Why the worker will exit, when the coordinator is the one ending it. */
    PoolMetrics.ExitCause exitCause = PoolMetrics.ExitCause.CRASHED;
    volatile double busyRatio;
    volatile long cpuNanos;
    volatile long heapUsed;
    volatile long heapMax;
    private long sampledBusyNanos;

    WorkerConnection(WorkerProcess process, long pid, SocketChannel channel, SelectionKey key, FrameReader reader,
               FrameWriter writer, int credits) {
        this.process = process;
        this.pid = pid;
        this.channel = channel;
        this.key = key;
        this.reader = reader;
        this.writer = writer;
        this.credits = credits;
    }

    /** The worker's CPU time and heap as it last reported them. */
    void stats(long cpu, long used, long max) {
        cpuNanos = cpu;
        heapUsed = used;
        heapMax = max;
    }

    /**
     * The share of recent time spent in tasks, smoothed over about a second. A worker that holds work is running
     * it (it runs its chunks back to back), so the interval counts as busy whole; otherwise it counts the compute
     * time of the chunks that finished in it, as RESULT frames report.
     */
    void sampleBusyRatio(long elapsedNanos) {
        double finished = Math.min(1.0, (double) (busyNanos - sampledBusyNanos) / Math.max(1, elapsedNanos));
        double recent = inFlight.isEmpty() ? finished : 1.0;
        busyRatio = 0.7 * busyRatio + 0.3 * recent;
        sampledBusyNanos = busyNanos;
    }

    WorkerInfo info() {
        return new WorkerInfo(process.id(), pid, itemsDone, busyNanos);
    }
}
