package io.mproc.process;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One end of a {@link Pipe}, Python's {@code multiprocessing.connection.Connection}: {@code send} and
 * {@code recv} values, or {@code sendBytes} and {@code recvBytes} raw bytes. Values are copied as by
 * {@link Queue}. A connection passed to a process (as an argument, or inside a message) is the same end there;
 * the process that last received it is the one whose exit ends the stream for the other end.
 *
 * <p>{@code recv} on a pipe whose other end was closed, or whose process ended, gets what was sent before, then
 * {@link EndOfStreamException} (within about 50 ms of the end). Each direction is for one sending and one
 * receiving thread at a time, as in Python.
 */
public final class Connection implements AutoCloseable {

    private static final String SEPARATOR = "|";

    private final Ring in;
    private final Ring out;
    private volatile boolean closed;

    Connection(Ring in, Ring out) {
        this.in = in;
        this.out = out;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Connection attach(String handle) {
        int separator = handle.indexOf(SEPARATOR);
        Connection connection = new Connection(ring(handle.substring(0, separator)),
                ring(handle.substring(separator + 1)));
        connection.claim(ProcessHandle.current().pid());
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
     * @throws EndOfStreamException if the other end is closed or gone and nothing is left to read
     */
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        return (T) read(Messages.VALUE);
    }

    /**
     * Receives the next message sent with {@link #sendBytes}.
     *
     * @throws EndOfStreamException if the other end is closed or gone and nothing is left to read
     */
    public byte[] recvBytes() {
        return (byte[]) read(Messages.BYTES_ONLY);
    }

    /** Whether a message is waiting to be read, waiting up to the timeout for one. */
    public boolean poll(Duration timeout) {
        Ring ring = readable();
        return Blocking.until(() -> ring.size() > 0 ? Boolean.TRUE : Ring.EMPTY, timeout.toNanos(),
                Blocking.NO_CHECK) != Ring.EMPTY;
    }

    /** Whether a message is waiting to be read now. */
    public boolean poll() {
        return poll(Duration.ZERO);
    }

    /** Closes this end: the other end's {@code recv} ends once it has read what was sent. Idempotent. */
    @Override
    public void close() {
        closed = true;
        if (in != null) {
            in.closeConsumer();
        }
        if (out != null) {
            out.closeProducer();
        }
    }

    @JsonValue
    String handle() {
        return name(in) + SEPARATOR + name(out);
    }

    @Override
    public String toString() {
        return "Connection[" + handle() + "]";
    }

    /** Records the process that now holds this end, so that its exit ends the stream for the other end. */
    void claim(long pid) {
        if (in != null) {
            in.claimConsumer(pid);
        }
        if (out != null) {
            out.claimProducer(pid);
        }
    }

    private void write(int length) {
        Ring ring = writable();
        Blocking.until(() -> ring.offer(Messages.scratch(), 0, length) ? Boolean.TRUE : Ring.EMPTY,
                Blocking.FOREVER, () -> {
                    if (ring.consumerGone()) {
                        throw new EndOfStreamException("cannot send: the other end of the pipe is closed or gone");
                    }
                });
    }

    private Object read(Ring.Decoder decoder) {
        Ring ring = readable();
        return Blocking.until(() -> ring.poll(decoder), Blocking.FOREVER, () -> {
            if (ring.producerGone() && ring.size() == 0) {
                throw new EndOfStreamException("the other end of the pipe is closed or its process has ended");
            }
        });
    }

    private Ring readable() {
        ensureOpen();
        if (in == null) {
            throw new IllegalStateException("this end of a one-way pipe only sends");
        }
        return in;
    }

    private Ring writable() {
        ensureOpen();
        if (out == null) {
            throw new IllegalStateException("this end of a one-way pipe only receives");
        }
        return out;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the connection is closed");
        }
    }

    private static Ring ring(String path) {
        return path.isEmpty() ? null : Ring.attach(Path.of(path));
    }

    private static String name(Ring ring) {
        return ring == null ? "" : ring.path.toString();
    }
}
