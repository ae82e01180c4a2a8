package io.mproc.process;

import io.mproc.internal.shm.Backoff;
import io.mproc.internal.shm.MemoryBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.IdleStrategy;

/**
 * What an unbounded queue holds in this process beyond the room in its ring, as Python's queue feeder thread does. A
 * {@code put} moves the items this process buffered earlier into the ring, then its own; when the ring is full it waits
 * up to a millisecond for room, unless consumers have taken nothing since the last {@code put}. What still finds no
 * room goes to a buffer here, which a daemon thread moves into the ring, in order, as consumers make room. So
 * {@code put} never waits longer than that, a busy consumer keeps a fast producer in step with it (as a bounded queue
 * would), items put before any consumer runs cost no waiting, and each producer's items keep their order. A child
 * process flushes its buffers before it exits; one killed, or one ending with {@code System.exit}, loses what was still
 * buffered (as in Python). An item longer than a slot always goes to the buffer, and the thread streams it into the
 * ring without holding up {@code put}.
 */
final class Feeder {

    private static final long PATIENCE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Map<Path, Feeder> FEEDERS = new ConcurrentHashMap<>();

    private final Ring ring;
    private final ArrayDeque<MemoryBuffer> waiting = new ArrayDeque<>();
    private volatile boolean abandoned;
    private boolean running;
    private long takenAtLastCheck = -1;

    private Feeder(Ring ring) {
        this.ring = ring;
    }

    /** Adds the message to the ring, or to this process's buffer for it. */
    static void put(Ring ring, MemoryBuffer message, int length) {
        FEEDERS.computeIfAbsent(ring.path, path -> new Feeder(ring)).add(message, length);
    }

    /** How many items this process holds for the ring. */
    static int waiting(Ring ring) {
        Feeder feeder = FEEDERS.get(ring.path);
        if (feeder == null) {
            return 0;
        }
        synchronized (feeder) {
            return feeder.waiting.size();
        }
    }

    /** Waits until every item this process buffered is in its ring (or its context closed). */
    static void flushAll() throws InterruptedException {
        for (Feeder feeder : FEEDERS.values()) {
            synchronized (feeder) {
                while (feeder.running) {
                    feeder.wait();
                }
            }
        }
    }

    /** Drops the buffers of the rings in a closed context's directory and stops their threads. */
    static void abandonAll(Path directory) {
        FEEDERS.values().removeIf(feeder -> {
            if (!feeder.ring.path.startsWith(directory)) {
                return false;
            }
            feeder.abandoned = true;
            return true;
        });
    }

    private synchronized void add(MemoryBuffer message, int length) {
        ring.requireFits(length);
        if (ring.fitsSlot(length)) {
            if (waiting.isEmpty()) {
                if (ring.offer(message, 0, length) || offerBy(message, length, System.nanoTime() + PATIENCE_NANOS)) {
                    return;
                }
            } else {
                long deadline = System.nanoTime() + (consumersMoved() ? PATIENCE_NANOS : 0);
                if (moveWaiting(deadline) && offerBy(message, length, deadline)) {
                    return;
                }
            }
        }
        byte[] copy = new byte[length];
        message.getBytes(0, copy);
        waiting.add(MemoryBuffer.wrap(copy));
        if (!running) {
            running = true;
            Thread thread = new Thread(this::feed, "mproc-queue-feeder-" + ring.path.getFileName());
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Moves buffered items into the ring, waiting for room until the deadline; true if none is left. */
    private boolean moveWaiting(long deadline) {
        while (!waiting.isEmpty() && ring.fitsSlot(waiting.peek().capacity())
                && offerBy(waiting.peek(), waiting.peek().capacity(), deadline)) {
            waiting.poll();
        }
        return waiting.isEmpty();
    }

    /** Whether consumers took anything since the last call; read only while items wait, as it costs a cache miss. */
    private boolean consumersMoved() {
        long taken = ring.taken();
        boolean moved = taken != takenAtLastCheck;
        takenAtLastCheck = taken;
        return moved;
    }

    /** Offers the message, waiting for room until the deadline; an interrupt ends the wait, and stays set. */
    private boolean offerBy(MemoryBuffer message, int length, long deadline) {
        try {
            return Blocking.until(() -> ring.offer(message, 0, length) ? Boolean.TRUE : Ring.EMPTY,
                    Math.max(0, deadline - System.nanoTime()), Blocking.NO_CHECK) != Ring.EMPTY;
        } catch (Blocking.Interrupted interrupted) {
            return false;
        }
    }

    private void feed() {
        IdleStrategy idle = Backoff.newIdleStrategy();
        MemoryBuffer first;
        while ((first = moveWhatFits()) != null) {
            if (ring.fitsSlot(first.capacity())) {
                idle.idle();
            } else {
                streamFirst(first);
                idle.reset();
            }
        }
    }

    /**
     * Moves buffered items into the ring while they fit in a slot. Returns the first item left: one to stream (which
     * stays buffered until it is in), or one that waits for room; null once none is left, or the context is closed.
     */
    private synchronized MemoryBuffer moveWhatFits() {
        while (!abandoned && !waiting.isEmpty() && ring.fitsSlot(waiting.peek().capacity())
                && ring.offer(waiting.peek(), 0, waiting.peek().capacity())) {
            waiting.poll();
        }
        if (abandoned) {
            waiting.clear();
        } else if (ring.isShutDownImmediately()) {
            ring.dropUnfinished(waiting.size());
            waiting.clear();
        }
        if (waiting.isEmpty()) {
            running = false;
            notifyAll();
            return null;
        }
        return waiting.peek();
    }

    /** Streams the first buffered item into the ring, outside the lock so that {@code put} goes on meanwhile. */
    private void streamFirst(MemoryBuffer large) {
        try {
            // once abandoned (its context closed), even a stream begun may stop halfway: the ring goes with it
            ring.stream(large, 0, large.capacity(), Blocking.FOREVER, this::requireNotAbandoned,
                    this::requireNotAbandoned);
        } catch (RuntimeException closedOrBroken) {
            abandoned = true;
        }
        synchronized (this) {
            if (waiting.peek() == large) {
                waiting.poll();
            }
        }
    }

    private void requireNotAbandoned() {
        if (abandoned) {
            throw new IllegalStateException("the queue's context is closed");
        }
    }
}
