package io.mproc.process;

import static io.mproc.process.RingDescriptor.CAPACITY_OFFSET;
import static io.mproc.process.RingDescriptor.CONSUMERS_OFFSET;
import static io.mproc.process.RingDescriptor.EXTRA_PIECES_OFFSET;
import static io.mproc.process.RingDescriptor.HEAD_OFFSET;
import static io.mproc.process.RingDescriptor.LENGTH_OFFSET;
import static io.mproc.process.RingDescriptor.LIMIT_OFFSET;
import static io.mproc.process.RingDescriptor.MAX_MESSAGE_OFFSET;
import static io.mproc.process.RingDescriptor.PAYLOAD_OFFSET;
import static io.mproc.process.RingDescriptor.PRODUCERS_OFFSET;
import static io.mproc.process.RingDescriptor.SEQUENCE_OFFSET;
import static io.mproc.process.RingDescriptor.SHUTDOWN_OFFSET;
import static io.mproc.process.RingDescriptor.SLEEPERS_OFFSET;
import static io.mproc.process.RingDescriptor.SLOTS_OFFSET;
import static io.mproc.process.RingDescriptor.SLOT_COUNT_OFFSET;
import static io.mproc.process.RingDescriptor.STREAM_READER_OFFSET;
import static io.mproc.process.RingDescriptor.STREAM_WRITER_OFFSET;
import static io.mproc.process.RingDescriptor.TAIL_OFFSET;
import static io.mproc.process.RingDescriptor.TOTAL_OFFSET;
import static io.mproc.process.RingDescriptor.UNBOUNDED_OFFSET;
import static io.mproc.process.RingDescriptor.UNFINISHED_OFFSET;

import io.mproc.MprocException;
import io.mproc.internal.os.Processes;
import io.mproc.internal.shm.MemoryBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bounded many-producer many-consumer queue of byte messages in a memory-mapped file, after Dmitry Vyukov's
 * bounded MPMC queue: a producer claims a position by moving the tail, writes its slot and then publishes the
 * slot's sequence; a consumer does the same with the head. Each slot holds up to {@link #maxMessage} bytes. A longer
 * message, up to {@link #limit} bytes, is streamed through consecutive slots ({@link #stream}): its producer holds the
 * tail (a flag bit in it) until its last piece is in, and the consumer that takes its first piece holds the head until
 * it has the last; the others wait meanwhile. The header also records which processes hold each end of a pipe
 * ({@link Holders}), and the threads asleep until a message comes ({@link Sleepers}). Every method is thread-safe and
 * safe across processes; only {@link #stream} and a {@link #poll} that finds a streamed message wait.
 */
final class Ring {

    static final Object EMPTY = new Object();
    /** The most bytes a message can have, whatever the queue or pipe. */
    static final int LARGEST_MESSAGE = 1 << 30;

    private static final long SHUT_DOWN = 1;
    private static final long SHUT_DOWN_IMMEDIATELY = 2;
    /** Set in the tail or the head while a streamed message holds it. */
    static final long HELD = 1L << 62;
    /** The pid slot of a stream that nobody holds. */
    private static final long NO_STREAMER = 0;
    private static final Map<Path, Ring> MAPPED = new ConcurrentHashMap<>();

    /** Decodes a message in place, while its slot is still held. */
    @FunctionalInterface
    interface Decoder {
        Object decode(MemoryBuffer buffer, int offset, int length);
    }

    final Path path;
    /** The most messages held; the slots are at least two, as the algorithm needs. */
    final int capacity;
    /** Whether a full ring makes producers buffer in their own process ({@link Feeder}) rather than wait. */
    final boolean unbounded;
    /** A power of two; when more than {@link #capacity}, the capacity still bounds what the ring holds. */
    private final int slots;
    /** The most bytes a slot holds: a longer message is streamed. */
    final int maxMessage;
    /** The most bytes a message may have. */
    final int limit;
    /** The processes holding the producing end (for a pipe: the sending end). */
    final Holders producers;
    /** The processes holding the consuming end. */
    final Holders consumers;
    /** The consumers asleep until a message comes; every publishing wakes them. */
    final Sleepers sleepers;
    private final MemoryBuffer buffer;
    private final int stride;
    private final int mask;

    private Ring(Path path, MemoryBuffer buffer) {
        this.path = path;
        this.buffer = buffer;
        this.capacity = buffer.getInt(CAPACITY_OFFSET);
        this.unbounded = buffer.getInt(UNBOUNDED_OFFSET) != 0;
        this.slots = buffer.getInt(SLOT_COUNT_OFFSET);
        this.maxMessage = buffer.getInt(MAX_MESSAGE_OFFSET);
        this.limit = buffer.getInt(LIMIT_OFFSET);
        this.stride = RingDescriptor.stride(maxMessage);
        this.mask = slots - 1;
        this.producers = new Holders(buffer, PRODUCERS_OFFSET, "the sending end of " + path.getFileName());
        this.consumers = new Holders(buffer, CONSUMERS_OFFSET, "the receiving end of " + path.getFileName());
        this.sleepers = new Sleepers(buffer, SLEEPERS_OFFSET, path);
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
        int slots = RingDescriptor.slotCount(capacity);
        MemoryBuffer buffer = MappedFile.create(file, RingDescriptor.fileLength(slots, maxMessage));
        buffer.putInt(RingDescriptor.VERSION_OFFSET, RingDescriptor.VERSION);
        buffer.putInt(CAPACITY_OFFSET, capacity);
        buffer.putInt(SLOT_COUNT_OFFSET, slots);
        buffer.putInt(MAX_MESSAGE_OFFSET, maxMessage);
        buffer.putInt(LIMIT_OFFSET, limit);
        buffer.putInt(UNBOUNDED_OFFSET, unbounded ? 1 : 0);
        for (int i = 0; i < slots; i++) {
            buffer.putLong(SLOTS_OFFSET + i * RingDescriptor.stride(maxMessage) + SEQUENCE_OFFSET, i);
        }
        Ring ring = new Ring(file, buffer);
        ring.producers.hold(Processes.SELF);
        ring.consumers.hold(Processes.SELF);
        // release: the header and the slots' sequences are written before any process can see the magic
        buffer.putIntRelease(RingDescriptor.MAGIC_OFFSET, RingDescriptor.MAGIC);
        MAPPED.put(file, ring);
        return ring;
    }

    /** The ring in this file, mapped once per JVM. */
    static Ring attach(Path file) {
        return MAPPED.computeIfAbsent(file, f -> {
            try {
                MemoryBuffer buffer = MappedFile.attach(f);
                RingDescriptor.check(buffer, f);
                return new Ring(f, buffer);
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
    boolean offer(MemoryBuffer source, int offset, int length) {
        if (!fitsSlot(length)) {
            throw new IllegalArgumentException("a message of " + length + " bytes does not fit a slot of "
                    + maxMessage + " bytes; stream it");
        }
        while (true) {
            long position = buffer.getLongVolatile(TAIL_OFFSET);
            if ((position & HELD) != 0) {
                return false;
            }
            int slot = slot(position);
            // acquire: pairs with the consumer's release of this slot, so its read of the old message is done
            long difference = buffer.getLongVolatile(slot + SEQUENCE_OFFSET) - position;
            if (difference < 0 || overCapacity(position)) {
                return false;
            }
            // the compare-and-set gives this producer alone the slot at this position
            if (difference == 0 && buffer.compareAndSetLong(TAIL_OFFSET, position, position + 1)) {
                write(slot, source, offset, length, 0);
                // release: length and payload are visible to the consumer that sees this sequence
                buffer.putLongRelease(slot + SEQUENCE_OFFSET, position + 1);
                sleepers.wakeAllAfterClaim();
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
    boolean stream(MemoryBuffer source, int offset, int length, long timeoutNanos, Runnable beforeStart,
                   Runnable midway) {
        requireFits(length);
        Object claimed = Blocking.until(() -> claimForStream(length), timeoutNanos, beforeStart);
        if (claimed == EMPTY) {
            return false;
        }
        long position = (Long) claimed;
        int piece = Math.min(maxMessage, length);
        write(slot(position), source, offset, piece, length > maxMessage ? length : 0);
        // release: the first piece and the whole length are visible to the consumer that sees this sequence
        buffer.putLongRelease(slot(position) + SEQUENCE_OFFSET, position + 1);
        sleepers.wakeAllAfterClaim();
        Runnable check = () -> {
            midway.run();
            requireStreamPeerAlive(HEAD_OFFSET, STREAM_READER_OFFSET, "reading");
        };
        for (int done = piece; done < length; done += piece) {
            long next = ++position;
            piece = Math.min(maxMessage, length - done);
            awaitUninterruptibly(() -> isFree(next) ? Boolean.TRUE : EMPTY, check);
            buffer.getAndAddLong(EXTRA_PIECES_OFFSET, 1);
            write(slot(next), source, offset + done, piece, 0);
            // release: this piece is visible to the consumer reading the stream, which waits on this sequence
            buffer.putLongRelease(slot(next) + SEQUENCE_OFFSET, next + 1);
            boolean last = done + piece >= length;
            // volatile: only this producer moves a held tail; other producers see it held until the last piece
            buffer.putLongVolatile(TAIL_OFFSET, last ? next + 1 : next + 1 | HELD);
            if (last) {
                buffer.putLongVolatile(STREAM_WRITER_OFFSET, NO_STREAMER);
            }
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
            long position = buffer.getLongVolatile(HEAD_OFFSET);
            if ((position & HELD) != 0) {
                return EMPTY;
            }
            int slot = slot(position);
            // acquire: pairs with the producer's release, so the slot's length and payload are complete
            long difference = buffer.getLongVolatile(slot + SEQUENCE_OFFSET) - (position + 1);
            if (difference == 0) {
                int total = buffer.getInt(slot + TOTAL_OFFSET);
                if (total > 0) {
                    if (!lockStreamer(STREAM_READER_OFFSET, HEAD_OFFSET)) {
                        return EMPTY;
                    }
                    if (buffer.compareAndSetLong(HEAD_OFFSET, position, position + 1 | HELD)) {
                        return decoder.decode(readStream(position, total), 0, total);
                    }
                    buffer.putLongVolatile(STREAM_READER_OFFSET, NO_STREAMER);
                    continue;
                }
                if (total == 0 && buffer.compareAndSetLong(HEAD_OFFSET, position, position + 1)) {
                    try {
                        return decoder.decode(buffer, slot + PAYLOAD_OFFSET, buffer.getInt(slot + LENGTH_OFFSET));
                    } finally {
                        // release: the slot is free for the producer one lap later, once this read is done
                        buffer.putLongRelease(slot + SEQUENCE_OFFSET, position + slots);
                    }
                }
            } else if (difference < 0) {
                requireStreamPeerAlive(TAIL_OFFSET, STREAM_WRITER_OFFSET, "writing");
                return EMPTY;
            }
        }
    }

    /**
     * Whether no position is claimed beyond those taken: nothing published and waiting, nothing on its way. A consumer
     * that finds it so after enlisting with the {@link #sleepers} may sleep, as a producer claiming after this read
     * finds it enlisted.
     */
    boolean quiet() {
        return (buffer.getLongVolatile(TAIL_OFFSET) & ~HELD) == taken();
    }

    /** How many messages consumers have taken so far. */
    long taken() {
        return buffer.getLongVolatile(HEAD_OFFSET) & ~HELD;
    }

    /** The messages in the ring; a streamed one counts once, or not at all while its pieces are on their way. */
    int size() {
        long head = taken();
        long size = (buffer.getLongVolatile(TAIL_OFFSET) & ~HELD) - head - buffer.getLongVolatile(EXTRA_PIECES_OFFSET);
        return (int) Math.max(0, Math.min(capacity, size));
    }

    /**
     * Shuts the queue down for every process (Python 3.13's {@code shutdown}); an immediate shutdown also empties it,
     * taking each dropped item off the unfinished count, as Python does. Idempotent; immediate wins.
     */
    void shutDown(boolean immediate) {
        long state = immediate ? SHUT_DOWN_IMMEDIATELY : SHUT_DOWN;
        while (true) {
            long current = buffer.getLongVolatile(SHUTDOWN_OFFSET);
            if (current >= state || buffer.compareAndSetLong(SHUTDOWN_OFFSET, current, state)) {
                break;
            }
        }
        if (immediate) {
            long dropped = 0;
            while (poll((bytes, offset, length) -> Boolean.TRUE) != EMPTY) {
                dropped++;
            }
            dropUnfinished(dropped);
        }
        sleepers.wakeAll();
    }

    boolean isShutDown() {
        return buffer.getLongVolatile(SHUTDOWN_OFFSET) != 0;
    }

    boolean isShutDownImmediately() {
        return buffer.getLongVolatile(SHUTDOWN_OFFSET) == SHUT_DOWN_IMMEDIATELY;
    }

    long addUnfinished(long delta) {
        return buffer.getAndAddLong(UNFINISHED_OFFSET, delta) + delta;
    }

    /** Takes dropped items off the unfinished count, which stays at zero or above (a plain queue keeps none). */
    void dropUnfinished(long dropped) {
        while (dropped > 0) {
            long unfinished = buffer.getLongVolatile(UNFINISHED_OFFSET);
            if (unfinished == 0
                    || buffer.compareAndSetLong(UNFINISHED_OFFSET, unfinished, Math.max(0, unfinished - dropped))) {
                return;
            }
        }
    }

    long unfinished() {
        return buffer.getLongVolatile(UNFINISHED_OFFSET);
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
        boolean holds = length > maxMessage;
        if (holds && !lockStreamer(STREAM_WRITER_OFFSET, TAIL_OFFSET)) {
            return EMPTY;
        }
        long position = buffer.getLongVolatile(TAIL_OFFSET);
        // the compare-and-set gives this producer the slot, and for a long message the tail until its last piece
        if ((position & HELD) == 0 && isFree(position)
                && buffer.compareAndSetLong(TAIL_OFFSET, position, holds ? position + 1 | HELD : position + 1)) {
            return position;
        }
        if (holds) {
            buffer.putLongVolatile(STREAM_WRITER_OFFSET, NO_STREAMER);
        }
        return EMPTY;
    }

    /**
     * Takes the streamer slot at {@code pid} for this process, before it takes the hold on {@code end}; it lets go of
     * the slot after the hold, so while {@code end} is held the slot names the process holding it. A slot left by a
     * process that died before taking its hold, or after letting go of it, is taken over.
     *
     * @return false if another process, or another thread of this one, has the slot
     */
    private boolean lockStreamer(int pid, int end) {
        long owner = buffer.getLongVolatile(pid);
        if (owner != NO_STREAMER && ((buffer.getLongVolatile(end) & HELD) != 0 || Processes.isAlive(owner))) {
            return false;
        }
        return buffer.compareAndSetLong(pid, owner, Processes.SELF);
    }

    /** Reads the rest of a streamed message whose first piece is at the position, which this consumer holds. */
    private MemoryBuffer readStream(long first, int total) {
        MemoryBuffer message = MemoryBuffer.wrap(new byte[total]);
        int done = take(first, message, 0);
        Runnable check = () -> requireStreamPeerAlive(TAIL_OFFSET, STREAM_WRITER_OFFSET, "writing");
        long position = first + 1;
        while (done < total) {
            long next = position;
            awaitUninterruptibly(() -> buffer.getLongVolatile(slot(next) + SEQUENCE_OFFSET) == next + 1 ? Boolean.TRUE
                    : EMPTY, check);
            done += take(next, message, done);
            buffer.getAndAddLong(EXTRA_PIECES_OFFSET, -1);
            position++;
            if (done < total) {
                // volatile: only this consumer moves a held head; the others see it held until the last piece
                buffer.putLongVolatile(HEAD_OFFSET, position | HELD);
            }
        }
        // volatile: the head is free again, after the last piece's slot was released in take()
        buffer.putLongVolatile(HEAD_OFFSET, position);
        buffer.putLongVolatile(STREAM_READER_OFFSET, NO_STREAMER);
        sleepers.wakeAll();
        return message;
    }

    /** Copies a published piece out and frees its slot; returns its length. */
    private int take(long position, MemoryBuffer into, int at) {
        int slot = slot(position);
        int length = buffer.getInt(slot + LENGTH_OFFSET);
        into.putBytes(at, buffer, slot + PAYLOAD_OFFSET, length);
        // release: the slot is free for the producer one lap later, once this copy is done
        buffer.putLongRelease(slot + SEQUENCE_OFFSET, position + slots);
        return length;
    }

    private void write(int slot, MemoryBuffer source, int offset, int length, int total) {
        buffer.putInt(slot + LENGTH_OFFSET, length);
        buffer.putInt(slot + TOTAL_OFFSET, total);
        buffer.putBytes(slot + PAYLOAD_OFFSET, source, offset, length);
    }

    /** Whether a producer may write at the position now: its slot is free, and a bounded ring has room. */
    private boolean isFree(long position) {
        return buffer.getLongVolatile(slot(position) + SEQUENCE_OFFSET) == position && !overCapacity(position);
    }

    private boolean overCapacity(long position) {
        return slots > capacity && position - taken() >= capacity;
    }

    /**
     * Fails if a stream holds the tail or head (at {@code end}) and the process doing so (at {@code pid}) is dead:
     * {@link #lockStreamer} makes the pid that of the hold's owner.
     */
    private void requireStreamPeerAlive(int end, int pid, String doing) {
        long streamer = buffer.getLongVolatile(pid);
        if (streamer != NO_STREAMER && (buffer.getLongVolatile(end) & HELD) != 0 && !Processes.isAlive(streamer)) {
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
        return SLOTS_OFFSET + (int) (position & mask) * stride;
    }
}
