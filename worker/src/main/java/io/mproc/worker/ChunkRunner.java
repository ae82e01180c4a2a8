package io.mproc.worker;

import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameTooLargeException;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.RemoteError;
import io.mproc.internal.wire.ValueCodec;
import io.mproc.internal.wire.WorkerExit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Runs chunks on the worker's main thread and frames their outcomes. With a task timeout, a watchdog thread
 * watches each item: past its deadline, the watchdog sends the outcomes of the items before it in a TIMEOUT frame
 * and ends the JVM, as a Java thread running user code cannot be stopped safely.
 */
final class ChunkRunner {

    private static final long WATCHDOG_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final FrameWriter out;
    private final long timeoutNanos;
    private final LongConsumer afterChunk;
    private final Runnable flush;

    private volatile Running running;

    ChunkRunner(FrameWriter out, long timeoutMillis, LongConsumer afterChunk, Runnable flush) {
        this.out = out;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        this.afterChunk = afterChunk;
        this.flush = flush;
        if (timeoutMillis > 0) {
            Thread watchdog = new Thread(this::watch, "mproc-worker-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    void run(WorkItem.Chunk chunk) {
        Running state = new Running(chunk);
        long start = System.nanoTime();
        RemoteError loadError = chunk.function().loadError();
        if (loadError != null) {
            state.failFrom(0, loadError);
        } else {
            runItems(chunk, state);
        }
        long nanos = System.nanoTime() - start;
        synchronized (out) {
            writeOutcomes(Frame.RESULT, chunk.requestId(), nanos, state, chunk.count());
        }
        afterChunk.accept(nanos);
    }

    private void runItems(WorkItem.Chunk chunk, Running state) {
        if (timeoutNanos > 0) {
            running = state;
        }
        try (JsonParser parser = ValueCodec.parser(chunk.values(), 0, chunk.values().length)) {
            for (int i = 0; i < chunk.count(); i++) {
                Object argument;
                try {
                    argument = chunk.function().readArgument(parser);
                } catch (RuntimeException e) {
                    state.failFrom(i, RemoteError.of(new IllegalArgumentException(
                            "the worker could not decode the input: " + e.getMessage(), e)));
                    return;
                }
                if (timeoutNanos > 0) {
                    state.startItem(i, System.nanoTime() + timeoutNanos);
                }
                try {
                    state.results[i] = chunk.function().apply(argument);
                } catch (OutOfMemoryError e) {
                    state.results = null;
                    System.err.println("mproc worker: " + e + " while running a task");
                    Runtime.getRuntime().halt(WorkerExit.OUT_OF_MEMORY);
                } catch (Throwable e) {
                    state.fail(i, RemoteError.of(e));
                }
            }
        } finally {
            running = null;
        }
    }

    /** Frames the outcomes of items [0, count); items whose result cannot be encoded become errors. */
    private void writeOutcomes(byte type, long requestId, long nanos, Running state, int count) {
        while (true) {
            out.begin(type, (byte) 0, requestId).putLong(nanos).putInt(count);
            int errorCountAt = out.payloadPosition();
            out.putInt(0);
            int errors = 0;
            for (int i = 0; i < count; i++) {
                if (state.errors != null && state.errors[i] != null) {
                    out.putInt(i);
                    errors++;
                }
            }
            out.putIntAt(errorCountAt, errors);
            int failed = writeValues(state, count);
            if (failed < 0) {
                try {
                    out.end();
                    return;
                } catch (FrameTooLargeException e) {
                    state.failFrom(0, RemoteError.of(e));
                }
            } else {
                out.abandon();
            }
        }
    }

    /** @return -1 when every value was encoded, else the index of the one that could not be (now an error) */
    private int writeValues(Running state, int count) {
        try (JsonGenerator generator = ValueCodec.generator(out.stream())) {
            for (int i = 0; i < count; i++) {
                RemoteError error = state.errors == null ? null : state.errors[i];
                try {
                    ValueCodec.write(generator, error != null ? error : state.results[i]);
                } catch (JacksonException e) {
                    state.fail(i, RemoteError.of(new IllegalArgumentException("the result of class "
                            + state.results[i].getClass().getName() + " cannot be encoded for the coordinator: "
                            + e.getOriginalMessage() + "; return a record, a JavaBean or a collection of them", e)));
                    return i;
                }
            }
        }
        return -1;
    }

    private void watch() {
        while (true) {
            Running state = running;
            long deadline = state == null ? 0 : state.deadline;
            long now = System.nanoTime();
            if (state != null && deadline != 0 && now - deadline >= 0) {
                timeOut(state);
            }
            long wait = state == null || deadline == 0 ? WATCHDOG_POLL_NANOS
                    : Math.min(WATCHDOG_POLL_NANOS, deadline - now);
            LockSupport.parkNanos(Math.max(wait, 1));
        }
    }

    private void timeOut(Running state) {
        int item = state.item;
        synchronized (out) {
            writeOutcomes(Frame.TIMEOUT, state.chunk.requestId(), 0, state, item);
        }
        flush.run();
        Runtime.getRuntime().halt(WorkerExit.TASK_TIMEOUT);
    }

    /** The outcomes of the chunk being run; items below {@link #item} are final. */
    private static final class Running {
        final WorkItem.Chunk chunk;
        Object[] results;
        RemoteError[] errors;
        volatile int item;
        volatile long deadline;

        Running(WorkItem.Chunk chunk) {
            this.chunk = chunk;
            this.results = new Object[chunk.count()];
        }

        void startItem(int index, long itemDeadline) {
            item = index;
            deadline = itemDeadline;
        }

        void fail(int index, RemoteError error) {
            if (errors == null) {
                errors = new RemoteError[results.length];
            }
            errors[index] = error;
        }

        void failFrom(int index, RemoteError error) {
            for (int i = index; i < results.length; i++) {
                fail(i, error);
            }
        }
    }
}
