package io.mproc.runtime;

import io.mproc.TaskTimeoutException;
import io.mproc.WorkerCrashedException;
import io.mproc.internal.wire.WorkerExit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What becomes of the chunks of a worker that ran out of time or died: the item it was running is charged, the
 * items after it go back to the front of the dispatcher's line. Owned by the coordinator thread.
 */
final class ChunkRecovery {

    private final PoolConfiguration config;
    private final Dispatcher dispatcher;
    private volatile long tasksRetried;

    ChunkRecovery(PoolConfiguration config, Dispatcher dispatcher) {
        this.config = config;
        this.dispatcher = dispatcher;
    }

    /** Read on any thread. */
    long tasksRetried() {
        return tasksRetried;
    }

    /** The worker ran out of time on item {@code finished} of its running chunk, after finishing the ones before. */
    void timeOut(WorkerConnection connection, Chunk chunk, int finished) {
        connection.headSettled = true;
        connection.exitCause = PoolMetrics.ExitCause.TIMEOUT;
        config.metrics().finished(PoolMetrics.Outcome.TIMED_OUT, 1);
        connection.process.kill();
        if (!chunk.batch.sink.isClosed()) {
            Duration timeout = config.settings().taskTimeout();
            chunk.batch.sink.fail(chunk.index(finished),
                    new TaskTimeoutException(timeout, connection.process.id(), connection.pid));
        }
        if (finished + 1 < chunk.count) {
            dispatcher.retryFirst(chunk.rest(finished + 1));
        }
    }

    /** The worker died with chunks in hand: the running one is charged, the others go back unharmed. */
    void recoverChunks(WorkerConnection connection, int exitCode) {
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
                dispatcher.retryFirst(chunk);
            }
        }
    }

    private void chargeCrash(WorkerConnection connection, Chunk head, int exitCode, List<Chunk> requeue) {
        if (head.batch.sink.isClosed()) {
            return;
        }
        if (head.count > 1) {
            for (int i = 0; i < head.count; i++) {
                requeue.add(head.single(i));
            }
            return;
        }
        int attempts = head.batch.crashed(head.index(0));
        if (attempts > config.settings().maxRetries()) {
            config.metrics().finished(PoolMetrics.Outcome.CRASHED, 1);
            head.batch.sink.fail(head.index(0), new WorkerCrashedException(connection.process.id(),
                    connection.pid, exitCode, WorkerExit.describe(exitCode), attempts));
        } else {
            tasksRetried++;
            config.metrics().retried();
            requeue.add(head);
        }
    }
}
