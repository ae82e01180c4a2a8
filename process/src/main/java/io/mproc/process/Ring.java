package io.mproc.process;

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
 * slot's sequence; a consumer does the same with the head. Each slot holds one message of up to
 * {@link #maxMessage} bytes. The header also records, for a pipe, which process produces and which consumes, and
 * whether either end closed. Every method is thread-safe and safe across processes; none blocks.
 */
final class Ring {

    static final Object EMPTY = new Object();

    private static final int TAIL = 0;
    private static final int HEAD = 64;
    private static final int CAPACITY = 128;
    private static final int MAX_MESSAGE = 132;
    private static final int SLOT_COUNT = 136;
    private static final int UNFINISHED = 192;
    private static final int PRODUCER_PID = 256;
    private static final int CONSUMER_PID = 264;
    private static final int PRODUCER_CLOSED = 272;
    private static final int CONSUMER_CLOSED = 276;
    private static final int UNBOUNDED = 280;
    private static final int SLOTS = 320;
    private static final int SEQUENCE = 0;
    private static final int LENGTH = 8;
    private static final int PAYLOAD = 16;
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
    final int maxMessage;
    private final UnsafeBuffer buffer;
    private final int stride;

    private Ring(Path path, UnsafeBuffer buffer) {
        this.path = path;
        this.buffer = buffer;
        this.capacity = buffer.getInt(CAPACITY);
        this.unbounded = buffer.getInt(UNBOUNDED) != 0;
        this.slots = buffer.getInt(SLOT_COUNT);
        this.maxMessage = buffer.getInt(MAX_MESSAGE);
        this.stride = stride(maxMessage);
    }

    static Ring create(Path file, int capacity, int maxMessage) {
        return create(file, capacity, maxMessage, false);
    }

    static Ring create(Path file, int capacity, int maxMessage, boolean unbounded) {
        int slots = Math.max(2, capacity);
        UnsafeBuffer buffer = MappedFile.create(file, SLOTS + (long) slots * stride(maxMessage));
        buffer.putInt(CAPACITY, capacity);
        buffer.putInt(SLOT_COUNT, slots);
        buffer.putInt(MAX_MESSAGE, maxMessage);
        buffer.putInt(UNBOUNDED, unbounded ? 1 : 0);
        long pid = ProcessHandle.current().pid();
        buffer.putLong(PRODUCER_PID, pid);
        buffer.putLong(CONSUMER_PID, pid);
        for (int i = 0; i < slots; i++) {
            buffer.putLong(SLOTS + i * stride(maxMessage) + SEQUENCE, i);
        }
        buffer.putLongVolatile(TAIL, 0);
        Ring ring = new Ring(file, buffer);
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

    /** Appends a copy of the bytes; false if the ring is full. */
    boolean offer(DirectBuffer source, int offset, int length) {
        requireFits(length);
        while (true) {
            long position = buffer.getLongVolatile(TAIL);
            int slot = slot(position);
            long difference = buffer.getLongVolatile(slot + SEQUENCE) - position;
            if (difference < 0 || slots > capacity && position - buffer.getLongVolatile(HEAD) >= capacity) {
                return false;
            }
            if (difference == 0 && buffer.compareAndSetLong(TAIL, position, position + 1)) {
                buffer.putInt(slot + LENGTH, length);
                buffer.putBytes(slot + PAYLOAD, source, offset, length);
                buffer.putLongRelease(slot + SEQUENCE, position + 1);
                return true;
            }
        }
    }

    void requireFits(int length) {
        if (length > maxMessage) {
            throw new IllegalArgumentException("a message of " + length + " bytes is larger than the " + maxMessage
                    + " bytes this queue or pipe takes; create it with a larger maximum message size");
        }
    }

    /** Takes the oldest message, decoded; {@link #EMPTY} if there is none. */
    Object poll(Decoder decoder) {
        while (true) {
            long position = buffer.getLongVolatile(HEAD);
            int slot = slot(position);
            long difference = buffer.getLongVolatile(slot + SEQUENCE) - (position + 1);
            if (difference == 0) {
                if (buffer.compareAndSetLong(HEAD, position, position + 1)) {
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
        return buffer.getLongVolatile(HEAD);
    }

    int size() {
        long head = buffer.getLongVolatile(HEAD);
        long size = buffer.getLongVolatile(TAIL) - head;
        return (int) Math.max(0, Math.min(capacity, size));
    }

    long addUnfinished(long delta) {
        return buffer.getAndAddLong(UNFINISHED, delta) + delta;
    }

    long unfinished() {
        return buffer.getLongVolatile(UNFINISHED);
    }

    void claimProducer(long pid) {
        buffer.putLongVolatile(PRODUCER_PID, pid);
    }

    void claimConsumer(long pid) {
        buffer.putLongVolatile(CONSUMER_PID, pid);
    }

    void closeProducer() {
        buffer.putIntVolatile(PRODUCER_CLOSED, 1);
    }

    void closeConsumer() {
        buffer.putIntVolatile(CONSUMER_CLOSED, 1);
    }

    /** Whether no more messages can come: the producing end closed, or its process is gone. */
    boolean producerGone() {
        return buffer.getIntVolatile(PRODUCER_CLOSED) != 0 || !isAlive(buffer.getLongVolatile(PRODUCER_PID));
    }

    /** Whether nobody will read: the consuming end closed, or its process is gone. */
    boolean consumerGone() {
        return buffer.getIntVolatile(CONSUMER_CLOSED) != 0 || !isAlive(buffer.getLongVolatile(CONSUMER_PID));
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

    private int slot(long position) {
        return SLOTS + (int) (position % slots) * stride;
    }

    private static int stride(int maxMessage) {
        return (PAYLOAD + maxMessage + 63) & ~63;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
