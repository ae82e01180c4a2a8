package io.mproc.process;

import io.mproc.internal.shm.MemoryBuffer;
import java.nio.file.Path;

/**
 * The way one client thread reaches the manager: a ring of {@link Call}s and a ring of {@link Reply}s in the
 * context's directory, with one call outstanding at a time. A message travels as its length (4 bytes) and its bytes,
 * cut into as many slots as it needs; each ring has one producer and one consumer, so the pieces of two messages
 * never mix. A side waiting for a message spins briefly, so a busy client gets its replies in microseconds, then
 * sleeps until the other side wakes it ({@link Blocking#untilWoken}).
 */
final class ManagerChannel {

    private static final int SLOTS = 4;
    /** With the slot header, a slot is 4 KiB. */
    private static final int SLOT_BYTES = 4096 - 16;
    private static final String SEPARATOR = "|";
    private static final ThreadLocal<MemoryBuffer> BUFFER =
            ThreadLocal.withInitial(() -> MemoryBuffer.expandable(SLOT_BYTES));

    private final Ring calls;
    private final Ring replies;

    private ManagerChannel(Ring calls, Ring replies) {
        this.calls = calls;
        this.replies = replies;
    }

    /** A new channel, on the manager's side, for a client in that process: it ends when that process does. */
    static ManagerChannel create(Path directory, long id, long clientPid) {
        ManagerChannel channel = new ManagerChannel(Ring.create(directory.resolve("manager-" + id + "-calls.ring"),
                SLOTS, SLOT_BYTES),
                Ring.create(directory.resolve("manager-" + id + "-replies.ring"), SLOTS, SLOT_BYTES));
        channel.calls.claimProducer(clientPid);
        channel.replies.claimConsumer(clientPid);
        return channel;
    }

    /** The client's end of the channel with this handle. */
    static ManagerChannel attach(String handle) {
        int separator = handle.indexOf(SEPARATOR);
        return new ManagerChannel(Ring.attach(Path.of(handle.substring(0, separator))),
                Ring.attach(Path.of(handle.substring(separator + 1))));
    }

    String handle() {
        return calls.path + SEPARATOR + replies.path;
    }

    /**
     * The client's side of a call: sends it and waits for the reply. A call that cannot be encoded fails before
     * anything is sent, leaving the channel usable.
     *
     * @throws EndOfStreamException if the manager closed or its process ended
     */
    Reply call(Call call) {
        MemoryBuffer buffer = BUFFER.get();
        send(calls, buffer, call.encode(buffer, Integer.BYTES), this::ensureManager);
        int length = receive(replies, buffer, this::ensureManager);
        return Reply.decode(buffer, Integer.BYTES, length);
    }

    /**
     * The manager's side: waits for the next call.
     *
     * @throws EndOfStreamException if the client closed the channel or its process ended
     */
    Call nextCall() {
        MemoryBuffer buffer = BUFFER.get();
        receive(calls, buffer, this::ensureClient);
        return Call.decode(buffer, Integer.BYTES);
    }

    /** The manager's side: answers the last call. */
    void reply(Reply reply) {
        MemoryBuffer buffer = BUFFER.get();
        send(replies, buffer, reply.encode(buffer, Integer.BYTES), this::ensureClient);
    }

    /** The client's side: gives the channel up, so that the manager stops serving it. */
    void abandon() {
        calls.closeProducer();
        replies.closeConsumer();
    }

    /** The manager's side: ends the channel for its client, then deletes its files. */
    void delete() {
        replies.closeProducer();
        calls.closeConsumer();
        calls.delete();
        replies.delete();
    }

    private void ensureManager() {
        if (replies.producerGone()) {
            throw new EndOfStreamException("the manager is closed or its process has ended");
        }
    }

    private void ensureClient() {
        if (calls.producerGone()) {
            throw new EndOfStreamException("the client is gone");
        }
    }

    /** Sends bytes 4 to {@code end} of the buffer, after writing their count into bytes 0 to 4. */
    private static void send(Ring ring, MemoryBuffer buffer, int end, Runnable check) {
        buffer.putInt(0, end - Integer.BYTES);
        for (int position = 0; position < end; position += ring.maxMessage) {
            int from = position;
            int length = Math.min(ring.maxMessage, end - position);
            Blocking.until(() -> ring.offer(buffer, from, length) ? Boolean.TRUE : Ring.EMPTY, Blocking.FOREVER,
                    check);
        }
    }

    /** Receives a message into the buffer, its length at 0 and its bytes from 4; returns the count of bytes. */
    private static int receive(Ring ring, MemoryBuffer buffer, Runnable check) {
        int received = 0;
        int total = Integer.BYTES;
        while (received < total) {
            int at = received;
            received += (Integer) Blocking.untilMessage(ring, () -> ring.poll((in, offset, length) -> {
                buffer.putBytes(at, in, offset, length);
                return length;
            }), Blocking.FOREVER, check);
            total = Integer.BYTES + buffer.getInt(0);
        }
        return total - Integer.BYTES;
    }
}
