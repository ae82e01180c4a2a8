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
 * them in blocks that start at one item and double up to a quarter of the window, and hands each on as soon as it
 * is read, keeping at most {@code window} items between input and consumer, so memory stays flat however long the
 * input is. A failed item throws its exception from {@link #next()}; iteration can go on after it. An exception
 * from the input's iterator comes after the results of the items before it, and ends the iteration, as in Python.
 */
final class StreamSink<R> implements ResultSink, Iterator<R> {

    private static final Object EMPTY = new Object();

    private final boolean ordered;
    private final int window;
    private final GuardedSource source;
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
    private int blockSize = 1;
    /** What the input's iterator threw, once every item before it was submitted; thrown after their results. */
    private RuntimeException sourceFailure;

    StreamSink(boolean ordered, int window, Iterator<?> source, FunctionHandle function, int chunkSize,
               Consumer<InputBlock> appender) {
        this.ordered = ordered;
        this.window = window;
        this.source = new GuardedSource(source);
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
        return consumed < submitted || sourceFailure != null;
    }

    /**
     * The next result, waiting for it if need be.
     *
     * @throws MprocException if the waiting thread is interrupted (its interrupt status stays set; nothing is
     *                        consumed, so a later call waits again), or if the pool stopped
     */
    @Override
    @SuppressWarnings("unchecked")
    public R next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (consumed == submitted) {
            RuntimeException failure = sourceFailure;
            sourceFailure = null;
            throw failure;
        }
        Object outcome = take();
        consumed++;
        if (outcome instanceof Failure failure) {
            throw failure.error;
        }
        return outcome == NullValue.INSTANCE ? null : (R) outcome;
    }

    /**
     * Pulls inputs while the window has room for a quarter of it, or the source is about to end. An input that
     * cannot be sent fails at its own position, as Python's pool does, and the inputs after it still run.
     */
    private void topUp() {
        while (!sourceDone && window - (submitted - consumed) >= Math.max(1, window / 4)) {
            int room = (int) (window - (submitted - consumed));
            InputBlock block = InputBlock.encode(source, Math.min(room, blockSize), submitted, batch.function);
            blockSize = Math.min(Math.max(1, window / 4), blockSize * 2);
            sourceDone = !source.hasNext();
            if (block.count > 0) {
                submitted += block.count;
                appender.accept(block);
            }
            if (block.nextUnsendable != null) {
                fail(submitted++, block.nextUnsendable);
            }
            if (sourceDone) {
                sourceFailure = source.failure;
            }
        }
    }

    private Object take() {
        lock.lock();
        try {
            while (true) {
                Object outcome = ordered ? ring[slot(consumed)] : completed.poll();
                if (outcome != null && outcome != EMPTY) {
                    if (ordered) {
                        ring[slot(consumed)] = EMPTY;
                    }
                    return outcome;
                }
                if (fatal != null) {
                    return new Failure(fatal);
                }
                awaitArrival();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitArrival() {
        try {
            arrived.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MprocException("interrupted while waiting for result #" + consumed + "; call next() again "
                    + "to go on waiting", e);
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

    /**
     * The input's iterator, read one item ahead so that an exception it throws is caught and kept: the items before
     * it are then an ordinary end of input.
     */
    private static final class GuardedSource implements Iterator<Object> {
        private static final Object NONE = new Object();

        private final Iterator<?> source;
        private Object ahead = NONE;
        private RuntimeException failure;

        GuardedSource(Iterator<?> source) {
            this.source = source;
        }

        @Override
        public boolean hasNext() {
            if (ahead == NONE && failure == null) {
                try {
                    if (source.hasNext()) {
                        ahead = source.next();
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
            return ahead != NONE;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object item = ahead;
            ahead = NONE;
            return item;
        }
    }

    private enum NullValue {
        INSTANCE
    }
}
