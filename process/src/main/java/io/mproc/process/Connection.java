package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mproc.internal.os.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One end of a {@link Pipe}, Python's {@code multiprocessing.connection.Connection}: {@code send} and {@code recv}
 * values, or {@code sendBytes} and {@code recvBytes} raw bytes, of up to the pipe's maximum message size (1 GiB unless
 * the pipe was made with less). Values are copied as by {@link SharedQueue}. A connection passed to a process (as an
 * argument, or inside a message) is a handle on the same end there.
 *
 * <p>As in Python, each process's handles are its own: {@link #close()} closes this handle only, and the other end's
 * {@code recv} gets what was sent before, then {@link EndOfStreamException} (within about 50 ms), once every handle
 * on this end, in every process, is closed or its process has ended. So close the handles a process does not use,
 * as in Python: typically the child's end in the parent, right after {@code start()}. Each direction is for one
 * sending and one receiving thread at a time, as in Python.
 */
public final class Connection implements AutoCloseable {

    private static final String SEPARATOR = "|";
    private static final String TRANSFER = "#";

    private final Ring in;
    private final Ring out;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A handle on the ends of rings that this process holds already. */
    Connection(Ring in, Ring out) {
        this.in = in;
        this.out = out;
    }

    /** The handle that {@link #handle()} wrote, in the process that receives it: it takes over the transfer. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Connection attach(String handle) {
        int separator = handle.indexOf(SEPARATOR);
        String inEnd = handle.substring(0, separator);
        String outEnd = handle.substring(separator + 1);
        Connection connection = new Connection(ring(inEnd), ring(outEnd));
        if (connection.in != null) {
            takeOver(connection.in.consumers, inEnd);
        }
        if (connection.out != null) {
            takeOver(connection.out.producers, outEnd);
        }
        return connection;
    }

    /** Sends a value, waiting while the pipe is full. */
    public void send(Object value) {
        write(Messages.encode(value));
    }

    /** Sends bytes, waiting while the pipe is full; the other end reads them with {@link #recvBytes()}. */
    public void sendBytes(byte[] bytes) {
        sendBytes(bytes, 0, bytes.length);
    }

    public void sendBytes(byte[] bytes, int offset, int length) {
        write(Messages.encodeBytes(bytes, offset, length));
    }

    /**
     * Receives the next value, waiting as long as it takes.
     *
     * @throws EndOfStreamException if every handle on the other end is closed or gone and nothing is left to read
     */
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        return (T) read(Messages.VALUE);
    }

    /**
     * Receives the next message sent with {@link #sendBytes}.
     *
     * @throws EndOfStreamException if every handle on the other end is closed or gone and nothing is left to read
     */
    public byte[] recvBytes() {
        return (byte[]) read(Messages.BYTES_ONLY);
    }

    /**
     * Receives the next message sent with {@link #sendBytes} into the buffer from the offset (Python's
     * {@code recv_bytes_into}); returns its length.
     *
     * @throws BufferTooShortException   if the message is longer than the room from the offset; the message is
     *                                   consumed, and the exception holds it
     * @throws IndexOutOfBoundsException if the offset is outside the buffer
     * @throws EndOfStreamException      if every handle on the other end is closed or gone and nothing is left
     */
    public int recvBytesInto(byte[] buffer, int offset) {
        if (offset < 0 || offset > buffer.length) {
            throw new IndexOutOfBoundsException("offset " + offset + " is outside a buffer of " + buffer.length
                    + " bytes");
        }
        Object outcome = read(Messages.bytesInto(buffer, offset));
        if (outcome instanceof byte[] tooLong) {
            throw new BufferTooShortException(tooLong, buffer.length - offset);
        }
        return (Integer) outcome;
    }

    /** {@link #recvBytesInto(byte[], int)} from the buffer's start. */
    public int recvBytesInto(byte[] buffer) {
        return recvBytesInto(buffer, 0);
    }

    /** Whether this end receives (Python's {@code readable}): false for the sending end of a one-way pipe. */
    public boolean readable() {
        return in != null;
    }

    /** Whether this end sends (Python's {@code writable}): false for the receiving end of a one-way pipe. */
    public boolean writable() {
        return out != null;
    }

    /**
     * Whether a message is waiting to be read, waiting up to the timeout for one: a null timeout waits as long as it
     * takes, a negative or zero one does not wait (as in Python).
     */
    public boolean poll(Duration timeout) {
        Ring ring = inRing();
        return Blocking.untilMessage(ring, () -> ring.size() > 0 ? Boolean.TRUE : Ring.EMPTY,
                Blocking.nanos(timeout), Blocking.NO_CHECK) != Ring.EMPTY;
    }

    /** Whether a message is waiting to be read now. */
    public boolean poll() {
        return poll(Duration.ZERO);
    }

    /** Whether {@code recv} would return at once: a message waits, or the other end has gone. */
    boolean readyToRead() {
        Ring ring = inRing();
        return ring.size() > 0 || ring.producerGone();
    }

    /**
     * Closes this handle; the other end's {@code recv} ends once it has read what was sent, if no other handle on
     * this end is open. Idempotent.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (in != null) {
                in.consumers.release(Processes.SELF);
            }
            if (out != null) {
                out.producers.release(Processes.SELF);
            }
        }
    }

    /**
     * The handle to send this end to another process as: the rings' paths and, for each end, a transfer that holds
     * it on this process's behalf until the receiver attaches it (or this process ends).
     */
    @JsonValue
    String handle() {
        ensureOpen();
        String inEnd = in == null ? "" : transfer(in, in.consumers);
        String outEnd = out == null ? "" : transfer(out, out.producers);
        return inEnd + SEPARATOR + outEnd;
    }

    @Override
    public String toString() {
        return "Connection[" + name(in) + SEPARATOR + name(out) + "]";
    }

    private void write(int length) {
        Ring ring = outRing();
        ring.requireFits(length);
        Runnable check = () -> {
            if (ring.consumerGone()) {
                throw new EndOfStreamException("cannot send: every handle on the other end of the pipe is closed or"
                        + " its process has ended");
            }
        };
        if (ring.fitsSlot(length)) {
            Blocking.until(() -> ring.offer(Messages.scratch(), 0, length) ? Boolean.TRUE : Ring.EMPTY,
                    Blocking.FOREVER, check);
        } else {
            try {
                ring.stream(Messages.scratch(), 0, length, Blocking.FOREVER, check, check);
            } finally {
                Messages.releaseLargeScratch();
            }
        }
    }

    private Object read(Ring.Decoder decoder) {
        Ring ring = inRing();
        return Blocking.untilMessage(ring, () -> ring.poll(decoder), Blocking.FOREVER, () -> {
            if (ring.producerGone() && ring.size() == 0) {
                throw new EndOfStreamException("every handle on the other end of the pipe is closed or its process"
                        + " has ended");
            }
        });
    }

    /** The ring this end reads; throws if the end is closed or only sends. */
    Ring inRing() {
        ensureOpen();
        if (in == null) {
            throw new IllegalStateException("this end of a one-way pipe only sends");
        }
        return in;
    }

    private Ring outRing() {
        ensureOpen();
        if (out == null) {
            throw new IllegalStateException("this end of a one-way pipe only receives");
        }
        return out;
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    private static String transfer(Ring ring, Holders holders) {
        Holders.Transfer transfer = holders.reserve();
        Transfers.record(holders, transfer);
        return ring.path + TRANSFER + transfer.index() + TRANSFER + transfer.word();
    }

    private static void takeOver(Holders holders, String end) {
        int word = end.lastIndexOf(TRANSFER);
        int index = end.lastIndexOf(TRANSFER, word - 1);
        holders.hold(Processes.SELF);
        holders.unreserve(new Holders.Transfer(Integer.parseInt(end.substring(index + 1, word)),
                Long.parseLong(end.substring(word + 1))));
    }

    private static Ring ring(String end) {
        if (end.isEmpty()) {
            return null;
        }
        return Ring.attach(Path.of(end.substring(0, end.lastIndexOf(TRANSFER, end.lastIndexOf(TRANSFER) - 1))));
    }

    private static String name(Ring ring) {
        return ring == null ? "" : ring.path.getFileName().toString();
    }

    /**
     * The transfers of connections written while a child process starts: if it does not start, they are given back
     * at once; if it does, once it has ended (a child that ends before it attaches them would otherwise leave them
     * held). Used by one thread, in a try-with-resources block.
     */
    static final class Transfers implements AutoCloseable {

        private static final ThreadLocal<Transfers> CURRENT = new ThreadLocal<>();

        private final Transfers outer;
        private final List<Runnable> undo = new ArrayList<>();
        private boolean committed;

        private Transfers(Transfers outer) {
            this.outer = outer;
        }

        static Transfers begin() {
            Transfers transfers = new Transfers(CURRENT.get());
            CURRENT.set(transfers);
            return transfers;
        }

        private static void record(Holders holders, Holders.Transfer transfer) {
            Transfers current = CURRENT.get();
            if (current != null) {
                current.undo.add(() -> holders.unreserve(transfer));
            }
        }

        /** The process started: returns what gives the transfers back, to run once it has ended. */
        Runnable commit() {
            committed = true;
            List<Runnable> steps = List.copyOf(undo);
            return () -> steps.forEach(Runnable::run);
        }

        @Override
        public void close() {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
            if (!committed) {
                undo.forEach(Runnable::run);
            }
        }
    }
}
