package io.mproc.runtime;

import io.mproc.MprocException;
import io.mproc.PoolSettings;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameTooLargeException;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.ProtocolException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * Hands work to workers: the batches with items left to send, the chunks to send again first, how big a chunk is
 * cut, which worker may take it, and the accounting of each worker's chunks in flight. Owned by the coordinator
 * thread.
 */
final class Dispatcher {

    /** What an automatic chunk aims to take on a worker. */
    static final long TARGET_CHUNK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** How many times longer than the coordinator's handling of its result a task runs, for results to be cheap. */
    static final int CHEAP_RESULTS = 20;

    private final PoolSettings settings;
    private final boolean holdNextChunk;
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final ArrayDeque<Chunk> retries = new ArrayDeque<>();
    private long nextRequestId;

    /**
     * @param holdNextChunk whether a worker busy with a long chunk is always given the one it runs next: worth it
     *                      where a core is left beside the workers ({@link #coreLeftBesideWorkers}); where they fill
     *                      the cores, a coordinator with much to decode would lose its core to workers running
     *                      ahead, so there only chunks with cheap results are held ({@link #holdsNext})
     */
    Dispatcher(PoolSettings settings, boolean holdNextChunk) {
        this.settings = settings;
        this.holdNextChunk = holdNextChunk;
    }

    /** Whether this machine has a core beyond the pool's workers, for the coordinator. */
    static boolean coreLeftBesideWorkers(PoolSettings settings) {
        return settings.workers() < Runtime.getRuntime().availableProcessors();
    }

    void enqueue(Batch batch) {
        if (!batch.queued && batch.undispatched() > 0) {
            batch.queued = true;
            queue.add(batch);
        }
    }

    /** Puts a chunk back at the front of the line, ahead of everything not yet sent. */
    void retryFirst(Chunk chunk) {
        retries.addFirst(chunk);
    }

    boolean hasQueuedWork() {
        return !queue.isEmpty() || !retries.isEmpty();
    }

    /** Items waiting to be sent. */
    long queuedItems() {
        long queued = retries.stream().mapToLong(chunk -> chunk.count).sum();
        for (Batch batch : queue) {
            queued += batch.undispatched();
        }
        return queued;
    }

    /** Whether at least {@code items} items wait to be sent; counts no further. */
    private boolean queuedAtLeast(long items) {
        long queued = 0;
        for (Chunk retry : retries) {
            queued += retry.count;
            if (queued >= items) {
                return true;
            }
        }
        for (Batch batch : queue) {
            queued += batch.undispatched();
            if (queued >= items) {
                return true;
            }
        }
        return queued >= items;
    }

    void failBatches(MprocException error) {
        queue.forEach(batch -> batch.sink.failAll(error));
        queue.clear();
    }

    void failRetries(MprocException error) {
        retries.forEach(chunk -> chunk.batch.sink.failAll(error));
        retries.clear();
    }

    /** Idle workers get a chunk first, so work spreads out; then each is topped up within its limits. */
    void dispatch(Collection<WorkerConnection> connections) {
        if (!hasQueuedWork()) {
            return;
        }
        for (WorkerConnection connection : connections) {
            if (connection.inFlight.isEmpty() && canTake(connection)) {
                sendNext(connection);
            }
        }
        for (WorkerConnection connection : connections) {
            boolean sent = true;
            while (sent && canTake(connection)) {
                sent = sendNext(connection);
            }
        }
    }

    /** The chunk a RESULT answers: always the first in flight, but for one whose worker is being killed. */
    Chunk finishHead(WorkerConnection connection, long requestId) throws ProtocolException {
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

    /** A chunk the worker dropped unstarted, as its batch was cancelled (CANCELLED). */
    void dropped(WorkerConnection connection, long requestId) {
        connection.inFlight.removeIf(chunk -> {
            if (chunk.requestId != requestId) {
                return false;
            }
            connection.queuedNanos -= chunk.estimatedNanos;
            connection.itemsSent -= chunk.count;
            return true;
        });
    }

    private boolean sendNext(WorkerConnection connection) {
        Chunk chunk = nextChunk(connection);
        if (chunk == null) {
            return false;
        }
        send(connection, chunk);
        return true;
    }

    /**
     * A worker takes more while the work it holds is short (under one target chunk). Beyond that, where it
     * {@linkplain #holdsNext holds its next chunk}, it takes the chunk it runs next, so that it never waits a round
     * trip between chunks, but only while enough is left for each worker of the pool to get one too: long tasks are
     * not hoarded, neither at the end nor while workers start.
     */
    private boolean canTake(WorkerConnection connection) {
        int limit = settings.maxTasksPerWorker();
        return !connection.closed && !connection.retiring
                && connection.inFlight.size() < connection.credits
                && (connection.inFlight.isEmpty() || connection.queuedNanos < TARGET_CHUNK_NANOS
                        || connection.inFlight.size() == 1 && holdsNext(connection)
                                && queuedAtLeast(settings.workers()))
                && (limit == 0 || connection.itemsSent < limit);
    }

    /**
     * Whether a worker busy with a long chunk is also given the one it runs next, sparing it the round trip between
     * them: where a core is left beside the workers, or where the running chunk's results take the coordinator so
     * little time ({@link #CHEAP_RESULTS}) that workers running ahead cannot starve it of its core.
     */
    private boolean holdsNext(WorkerConnection connection) {
        FunctionHandle running = connection.inFlight.peek().batch.function;
        return holdNextChunk
                || running.deliverNanos() >= 0 && running.deliverNanos() * CHEAP_RESULTS <= running.itemNanos();
    }

    private Chunk nextChunk(WorkerConnection connection) {
        while (!retries.isEmpty()) {
            Chunk retry = retries.poll();
            if (retry.batch.sink.isClosed()) {
                continue;
            }
            int room = tasksLeft(connection);
            if (retry.count > room) {
                retries.addFirst(retry.rest(room));
                return new Chunk(retry.batch, retry.block, retry.start, room);
            }
            return retry;
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

    private int chunkSize(Batch batch, WorkerConnection connection) {
        int size;
        long itemNanos = batch.function.itemNanos();
        if (batch.chunkSize > 0) {
            size = batch.chunkSize;
        } else if (itemNanos < 0) {
            size = 1;
        } else {
            long fair = Math.max(1, batch.undispatched() / (4L * settings.workers()));
            size = (int) Math.min(fair, Math.max(1, TARGET_CHUNK_NANOS / Math.max(1, itemNanos)));
        }
        size = Math.min(size, tasksLeft(connection));
        return Math.max(1, Math.min(size, batch.undispatchedInBlock()));
    }

    /** How many more tasks the worker may run before it is replaced; at least one, as it can take work at all. */
    private int tasksLeft(WorkerConnection connection) {
        int limit = settings.maxTasksPerWorker();
        return limit == 0 ? Integer.MAX_VALUE : (int) Math.max(1, limit - connection.itemsSent);
    }

    private void send(WorkerConnection connection, Chunk chunk) {
        FunctionHandle function = chunk.batch.function;
        FrameWriter writer = connection.writer;
        if (!connection.knownFunctions.contains(function.id())) {
            try {
                function.definition.writeTo(writer, Frame.DEFINE);
            } catch (FrameTooLargeException e) {
                chunk.batch.sink.failAll(new MprocException("the function cannot be sent to a worker: "
                        + e.getMessage() + ". A lambda's definition holds what it captures: capture less, or pass"
                        + " large data as inputs or in shared memory", e));
                return;
            }
        }
        connection.knownFunctions.touch(function.id());
        chunk.requestId = ++nextRequestId;
        writer.begin(Frame.TASK, (byte) 0, chunk.requestId).putInt(function.id()).putInt(chunk.count);
        chunk.block.writeItems(chunk.start, chunk.count, writer);
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
            chunk.batch.sink.fail(chunk.index(0),
                    new MprocException("input #" + chunk.index(0) + ": " + e.getMessage(), e));
            return;
        }
        int half = chunk.count / 2;
        retries.addFirst(new Chunk(chunk.batch, chunk.block, chunk.start + half, chunk.count - half));
        retries.addFirst(new Chunk(chunk.batch, chunk.block, chunk.start, half));
    }
}
