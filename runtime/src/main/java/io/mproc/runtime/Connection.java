package io.mproc.runtime;

import io.mproc.internal.wire.Chunks;
import io.mproc.internal.wire.FrameReader;
import io.mproc.internal.wire.FrameWriter;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coordinator's side of one ready worker: its socket, the chunks it holds in the order it runs them, and the
 * functions it knows. Owned by the coordinator thread.
 */
final class Connection {

    final WorkerProcess process;
    final long pid;
    final SocketChannel channel;
    final SelectionKey key;
    final FrameReader reader;
    final FrameWriter writer;
    final int credits;
    /** Chunks sent and not finished; the first is the one running. */
    final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
    /** Mirrors the worker's function cache: both sides touch entries in the same order. */
    final Map<Integer, Boolean> knownFunctions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
            return size() > Chunks.FUNCTION_CACHE_SIZE;
        }
    };
    long queuedNanos;
    long itemsSent;
    long itemsDone;
    long busyNanos;
    boolean retiring;
    boolean shutdownSent;
    /** The running chunk was already settled (timed out or cancelled), so the worker's death charges nothing. */
    boolean headSettled;
    boolean closed;
    long exitDeadlineNanos;

    Connection(WorkerProcess process, long pid, SocketChannel channel, SelectionKey key, FrameReader reader,
               FrameWriter writer, int credits) {
        this.process = process;
        this.pid = pid;
        this.channel = channel;
        this.key = key;
        this.reader = reader;
        this.writer = writer;
        this.credits = credits;
    }

    WorkerInfo info() {
        return new WorkerInfo(process.id, pid, itemsDone, busyNanos);
    }
}
