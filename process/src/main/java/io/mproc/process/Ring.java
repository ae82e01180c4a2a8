package io.mproc.process;

import io.mproc.MprocException;
import io.mproc.internal.os.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A bounded many-producer many-consumer queue of byte messages in a memory-mapped file, after Dmitry Vyukov's
 * bounded MPMC queue: a producer claims a position by moving the tail, writes its slot and then publishes the
 * slot's sequence; a consumer does the same with the head. Each slot holds up to {@link #maxMessage} bytes. A longer
 * message, up to {@link #limit} bytes, is streamed through consecutive slots ({@link #stream}): its producer holds the
 * tail (a flag bit in it) until its last piece is in, and the consumer that takes its first piece holds the head until
 * it has the last; the others wait meanwhile. The header also records which processes hold each end of a pipe
 * ({@link Holders}). Every method is thread-safe and safe across processes; only {@link #stream} and a
 * {@link #poll} that finds a streamed message wait.
 */
final class Ring {

    static final Object EMPTY = new Object();
    /** The most bytes a message can have, whatever the queue or pipe. */
    static final int LARGEST_MESSAGE = 1 << 30;

    private static final int TAIL = 0;
    private static final int HEAD = 64;
    private static final int CAPACITY = 128;
    private static final int MAX_MESSAGE = 132;
    private static final int SLOT_COUNT = 136;
    private static final int UNBOUNDED = 140;
    private static final int LIMIT = 144;
    private static final int UNFINISHED = 192;
    private static final int EXTRA_PIECES = 256;
    private static final int STREAM_WRITER = 264;
    private static final int STREAM_READER = 272;
    private static final int PRODUCERS = 320;
    private static final int CONSUMERS = PRODUCERS + Holders.BYTES;
    private static final int SLOTS = CONSUMERS + Holders.BYTES;
    private static final int SEQUENCE = 0;
    private static final int LENGTH = 8;
    private static final int TOTAL = 12;
    private static final int PAYLOAD = 16;
    /** Set in the tail or the head while a streamed message holds it. */
    private static final long HELD = 1L << 62;
    private static final Map<Path, Ring> MAPPED = new ConcurrentHashMap<>();

    /** Decodes a message in place, while its slot is still held. */
    @FunctionalInterface
    interface Decoder {
        Object decode(DirectBuffer buffer, int offset, int length);
    }

    final Path path;
    /** The most messages held; the slots are at least two, as the algorithm needs. */
    final int capacity;
    /** Whether a full ring makes producers buffer in their own process ({@link Feeder}) rather than wait. */
    final boolean unbounded;
    private final int slots;
    /** The most bytes a slot holds: a longer message is streamed. */
    final int maxMessage;
    /** The most bytes a message may have. */
    final int limit;
    /** The processes holding the producing end (for a pipe: the sending end). */
    final Holders producers;
    /** The processes holding the consuming end. */
    final Holders consumers;
    private final UnsafeBuffer buffer;
    private final int stride;

    private Ring(Path path, UnsafeBuffer buffer) {
        this.path = path;
        this.buffer = buffer;
        this.capacity = buffer.getInt(CAPACITY);
        this.unbounded = buffer.getInt(UNBOUNDED) != 0;
        this.slots = buffer.getInt(SLOT_COUNT);
        this.maxMessage = buffer.getInt(MAX_MESSAGE);
        this.limit = buffer.getInt(LIMIT);
        this.stride = stride(maxMessage);
        this.producers = new Holders(buffer, PRODUCERS, "the sending end of " + path.getFileName());
        this.consumers = new Holders(buffer, CONSUMERS, "the receiving end of " + path.getFileName());
    }

    static Ring create(Path file, int capacity, int maxMessage) {
        return create(file, capacity, maxMessage, maxMessage, false);
    }

    /**
     * Creates the ring's file, with room reserved for all of it, and maps it; this process holds both ends.
     *
     * @param maxMessage the most bytes a slot holds
     * @param limit      the most bytes a message may have; longer than a slot, it is streamed
     * @throws MprocException if the file system has no room for the ring
     */
    static Ring create(Path file, int capacity, int maxMessage, int limit, boolean unbounded) {
        int slots = Math.max(2, capacity);
        UnsafeBuffer buffer = MappedFile.create(file, SLOTS + (long) slots * stride(maxMessage));
        buffer.putInt(CAPACITY, capacity);
        buffer.putInt(SLOT_COUNT, slots);
        buffer.putInt(MAX_MESSAGE, maxMessage);
        buffer.putInt(LIMIT, limit);
        buffer.putInt(UNBOUNDED, unbounded ? 1 : 0);
        for (int i = 0; i < slots; i++) {
            buffer.putLong(SLOTS + i * stride(maxMessage) + SEQUENCE, i);
        }
        Ring ring = new Ring(file, buffer);
        ring.producers.hold(Processes.SELF);
        ring.consumers.hold(Processes.SELF);
        buffer.putLongVolatile(TAIL, 0);
        MAPPED.put(file, ring);
        return ring;
    }

    /** The ring in this file, mapped once per JVM. */
    static Ring attach(Path file) {
        return MAPPED.computeIfAbsent(file, f -> {
            try {
                return new Ring(f, MappedFile.attach(f));
            } catch (UncheckedIOException e) {
                throw new IllegalStateException("cannot attach to the queue or pipe " + f + ": it is gone (was its"
                        + " context closed?)", e);
            }
        });
    }

    /** Whether a message of that many bytes fits in one slot, so that {@link #offer} takes it. */
    boolean fitsSlot(int length) {
        return length <= maxMessage;
    }

    /** Appends a copy of the bytes, which must fit in a slot; false if the ring is full or a stream holds it. */
    boolean offer(DirectBuffer source, int offset, int length) {
        if (!fitsSlot(length)) {
            throw new IllegalArgumentException("a message of " + length + " bytes does not fit a slot of "
                    + maxMessage + " bytes; stream it");
        }
        while (true) {
            long position = buffer.getLongVolatile(TAIL);
            if ((position & HELD) != 0) {
                return false;
            }
            int slot = slot(position);
            long difference = buffer.getLongVolatile(slot + SEQUENCE) - position;
            if (difference < 0 || overCapacity(position)) {
                return false;
            }
            if (difference == 0 && buffer.compareAndSetLong(TAIL, position, position + 1)) {
                write(slot, source, offset, length, 0);
                buffer.putLongRelease(slot + SEQUENCE, position + 1);
                return true;
            }
        }
    }

    /**
     * Appends a copy of the bytes, of any length up to {@link #limit}, in as many slots as it takes. Waits up to the
     * timeout for room for the first piece (running {@code beforeStart} about every 50 ms, which may end the wait by
     * throwing); then waits as long as consumers take to make room for the rest, running {@code midway} likewise. An
     * interrupt does not stop a stream that has begun: it ends first, and the interrupt flag is set again.
     *
     * @return false if the first piece found no room in time; nothing was sent then
     * @throws MprocException if the consumer reading the message ended midway: the ring is broken
     */
    boolean stream(DirectBuffer source, int offset, int length, long timeoutNanos, Runnable beforeStart,
                   Runnable midway) {
        requireFits(length);
        Object claimed = Blocking.until(() -> claimForStream(length), timeoutNanos, beforeStart);
        if (claimed == EMPTY) {
            return false;
        }
        long position = (Long) claimed;
        int piece = Math.min(maxMessage, length);
        buffer.putLongVolatile(STREAM_WRITER, Processes.SELF);
        write(slot(position), source, offset, piece, length > maxMessage ? length : 0);
        buffer.putLongRelease(slot(position) + SEQUENCE, position + 1);
        Runnable check = () -> {
            midway.run();
            requireStreamPeerAlive(HEAD, STREAM_READER, "reading");
        };
        for (int done = piece; done < length; done += piece) {
            long next = ++position;
            piece = Math.min(maxMessage, length - done);
            awaitUninterruptibly(() -> isFree(next) ? Boolean.TRUE : EMPTY, check);
            buffer.getAndAddLong(EXTRA_PIECES, 1);
            write(slot(next), source, offset + done, piece, 0);
            buffer.putLongRelease(slot(next) + SEQUENCE, next + 1);
            buffer.putLongVolatile(TAIL, done + piece < length ? next + 1 | HELD : next + 1);
        }
        return true;
    }

    void requireFits(int length) {
        if (length > limit) {
            throw new IllegalArgumentException("a message of " + length + " bytes is larger than the " + limit
                    + " bytes this queue or pipe takes" + (limit < LARGEST_MESSAGE ? "; create it with a larger"
                    + " maximum message size (up to " + LARGEST_MESSAGE + " bytes)" : "; send it in parts"));
        }
    }

    /**
     * Takes the oldest message, decoded; {@link #EMPTY} if there is none, or another consumer is reading a streamed
     * message. A streamed message is read to its end, however long its producer takes (an interrupt meanwhile is
     * set again after), and decoded from a copy.
     *
     * @throws MprocException if the producer of a streamed message ended midway: the ring is broken
     */
    Object poll(Decoder decoder) {
        while (true) {
            long position = buffer.getLongVolatile(HEAD);
            if ((position & HELD) != 0) {
                return EMPTY;
            }
            int slot = slot(position);
            long difference = buffer.getLongVolatile(slot + SEQUENCE) - (position + 1);
            if (difference == 0) {
                int total = buffer.getInt(slot + TOTAL);
                if (total > 0 && buffer.compareAndSetLong(HEAD, position, position + 1 | HELD)) {
                    return decoder.decode(readStream(position, total), 0, total);
                }
                if (total == 0 && buffer.compareAndSetLong(HEAD, position, position + 1)) {
                    try {
                        return decoder.decode(buffer, slot + PAYLOAD, buffer.getInt(slot + LENGTH));
                    } finally {
                        buffer.putLongRelease(slot + SEQUENCE, position + slots);
                    }
                }
            } else if (difference < 0) {
                return EMPTY;
            }
        }
    }

    /** How many messages consumers have taken so far. */
    long taken() {
        return buffer.getLongVolatile(HEAD) & ~HELD;
    }

    /** The messages in the ring; a streamed one counts once, or not at all while its pieces are on their way. */
    int size() {
        long head = taken();
        long size = (buffer.getLongVolatile(TAIL) & ~HELD) - head - buffer.getLongVolatile(EXTRA_PIECES);
        return (int) Math.max(0, Math.min(capacity, size));
    }

    long addUnfinished(long delta) {
        return buffer.getAndAddLong(UNFINISHED, delta) + delta;
    }

    long unfinished() {
        return buffer.getLongVolatile(UNFINISHED);
    }

    /** Makes the process the only producer; for a ring nobody else has seen yet. */
    void claimProducer(long pid) {
        producers.holdAlone(pid);
    }

    /** Makes the process the only consumer; for a ring nobody else has seen yet. */
    void claimConsumer(long pid) {
        consumers.holdAlone(pid);
    }

    /** Lets go of this process's hold on the producing end. */
    void closeProducer() {
        producers.release(Processes.SELF);
    }

    /** Lets go of this process's hold on the consuming end. */
    void closeConsumer() {
        consumers.release(Processes.SELF);
    }

    /** Whether no more messages can come: every process that held the producing end closed it or ended. */
    boolean producerGone() {
        return !producers.held();
    }

    /** Whether nobody will read: every process that held the consuming end closed it or ended. */
    boolean consumerGone() {
        return !consumers.held();
    }

    /** Forgets this JVM's mapping and deletes the file; its memory goes once no process maps it any more. */
    void delete() {
        MAPPED.remove(path);
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // the file goes with its context's directory
        }
    }

    static void unmapAll(Path directory) {
        MAPPED.keySet().removeIf(path -> path.startsWith(directory));
        Feeder.abandonAll(directory);
    }

    /** Claims the tail for a message, holding it if the message takes more than one slot; its position or EMPTY. */
    private Object claimForStream(int length) {
        long position = buffer.getLongVolatile(TAIL);
        if ((position & HELD) != 0 || !isFree(position)) {
            return EMPTY;
        }
        long next = length > maxMessage ? position + 1 | HELD : position + 1;
        return buffer.compareAndSetLong(TAIL, position, next) ? (Object) position : EMPTY;
    }

    /** Reads the rest of a streamed message whose first piece is at the position, which this consumer holds. */
    private DirectBuffer readStream(long first, int total) {
        buffer.putLongVolatile(STREAM_READER, Processes.SELF);
        UnsafeBuffer message = new UnsafeBuffer(new byte[total]);
        int done = take(first, message, 0);
        Runnable check = () -> requireStreamPeerAlive(TAIL, STREAM_WRITER, "writing");
        long position = first + 1;
        while (done < total) {
            long next = position;
            awaitUninterruptibly(() -> buffer.getLongVolatile(slot(next) + SEQUENCE) == next + 1 ? Boolean.TRUE
                    : EMPTY, check);
            done += take(next, message, done);
            buffer.getAndAddLong(EXTRA_PIECES, -1);
            position++;
            if (done < total) {
                buffer.putLongVolatile(HEAD, position | HELD);
            }
        }
        buffer.putLongVolatile(HEAD, position);
        return message;
    }

    /** Copies a published piece out and frees its slot; returns its length. */
    private int take(long position, UnsafeBuffer into, int at) {
        int slot = slot(position);
        int length = buffer.getInt(slot + LENGTH);
        into.putBytes(at, buffer, slot + PAYLOAD, length);
        buffer.putLongRelease(slot + SEQUENCE, position + slots);
        return length;
    }

    private void write(int slot, DirectBuffer source, int offset, int length, int total) {
        buffer.putInt(slot + LENGTH, length);
        buffer.putInt(slot + TOTAL, total);
        buffer.putBytes(slot + PAYLOAD, source, offset, length);
    }

    /** Whether a producer may write at the position now: its slot is free, and a bounded ring has room. */
    private boolean isFree(long position) {
        return buffer.getLongVolatile(slot(position) + SEQUENCE) == position && !overCapacity(position);
    }

    private boolean overCapacity(long position) {
        return slots > capacity && position - taken() >= capacity;
    }

    /** Fails if a stream holds the tail or head (at {@code end}) and the process doing so (at {@code pid}) is dead. */
    private void requireStreamPeerAlive(int end, int pid, String doing) {
        long streamer = buffer.getLongVolatile(pid);
        if ((buffer.getLongVolatile(end) & HELD) != 0 && !Processes.isAlive(streamer)) {
            throw new MprocException("the process (pid " + streamer + ") that was " + doing + " a long message in "
                    + path + " ended midway; this queue or pipe is broken and cannot be used any more");
        }
    }

    /** Waits for a stream's next step, letting neither an interrupt nor a timeout leave the stream half done. */
    private static void awaitUninterruptibly(Blocking.Attempt attempt, Runnable check) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    Blocking.until(attempt, Blocking.FOREVER, check);
                    return;
                } catch (Blocking.Interrupted e) {
                    interrupted = true;
                    Thread.interrupted();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private int slot(long position) {
        return SLOTS + (int) (position % slots) * stride;
    }

    private static int stride(int maxMessage) {
        return (PAYLOAD + maxMessage + 63) & ~63;
    }

}
