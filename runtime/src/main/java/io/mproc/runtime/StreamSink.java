package io.mproc.runtime;

import io.mproc.MprocException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The lazy iterator behind {@code imap} and {@code imapUnordered}. The consumer's thread pulls inputs, encodes
 * them in blocks and hands them on, keeping at most {@code window} items between input and consumer, so memory
 * stays flat however long the input is. A failed item throws its exception from {@link #next()}; iteration can go
 * on after it.
 */
final class StreamSink<R> implements ResultSink, Iterator<R> {

    private static final Object EMPTY = new Object();

    private final boolean ordered;
    private final int window;
    private final Iterator<?> source;
    private final Batch batch;
    private final Consumer<InputBlock> appender;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Object[] ring;
    private final ArrayDeque<Object> completed = new ArrayDeque<>();
    private volatile MprocException fatal;
    private long submitted;
    private long consumed;
    private boolean sourceDone;

    StreamSink(boolean ordered, int window, Iterator<?> source, FunctionHandle function, int chunkSize,
               Consumer<InputBlock> appender) {
        this.ordered = ordered;
        this.window = window;
        this.source = source;
        this.appender = appender;
        this.batch = new Batch(function, this, chunkSize);
        this.ring = ordered ? new Object[window] : null;
        if (ordered) {
            Arrays.fill(ring, EMPTY);
        }
    }

    Batch batch() {
        return batch;
    }

    @Override
    public boolean hasNext() {
        topUp();
        return consumed < submitted;
    }

    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object outcome = take();
        consumed++;
        if (outcome instanceof Failure failure) {
            throw failure.error;
        }
        return outcome == NullValue.INSTANCE ? null : (R) outcome;
    }

    /** Pulls inputs while the window has room for a quarter of it, or the source is about to end. */
    private void topUp() {
        while (!sourceDone && window - (submitted - consumed) >= Math.max(1, window / 4)) {
            int room = (int) (window - (submitted - consumed));
            InputBlock block = InputBlock.encode(source, room, submitted, batch.function);
            sourceDone = !source.hasNext();
            if (block.count > 0) {
                submitted += block.count;
                appender.accept(block);
            }
        }
    }

    private Object take() {
        lock.lock();
        try {
            while (true) {
                if (fatal != null) {
                    return new Failure(fatal);
                }
                Object outcome = ordered ? ring[slot(consumed)] : completed.poll();
                if (outcome != null && outcome != EMPTY) {
                    if (ordered) {
                        ring[slot(consumed)] = EMPTY;
                    }
                    return outcome;
                }
                arrived.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void succeed(long index, Object value) {
        put(index, value == null ? NullValue.INSTANCE : value);
    }

    @Override
    public void fail(long index, MprocException error) {
        put(index, new Failure(error));
    }

    @Override
    public void failAll(MprocException error) {
        lock.lock();
        try {
            fatal = error;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isClosed() {
        return fatal != null;
    }

    private void put(long index, Object outcome) {
        lock.lock();
        try {
            if (ordered) {
                ring[slot(index)] = outcome;
            } else {
                completed.add(outcome);
            }
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int slot(long index) {
        return (int) (index % window);
    }

    private record Failure(MprocException error) {
    }

    private enum NullValue {
        INSTANCE
    }
}
