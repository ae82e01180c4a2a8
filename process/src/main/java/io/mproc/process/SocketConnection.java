package io.mproc.process;

import io.mproc.internal.shm.MemoryBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;
import java.time.Duration;

/**
 * A {@link Connection}'s counterpart over a socket, for processes that were not started by the same parent: what
 * {@link Listener#accept()} and {@link Client#connect} give (Python's {@code multiprocessing.connection}
 * {@code Connection} from a {@code Listener} or {@code Client}). Values travel as on a pipe, each message a 4-byte
 * length and the bytes. Each direction is for one thread at a time, as in Python; {@link #close()} is idempotent.
 * A thread interrupted in {@code send} or {@code recv} gets {@link IllegalStateException} with its interrupt flag
 * set, and the connection is closed, as socket channels do.
 */
public final class SocketConnection implements AutoCloseable {

    private static final int MAX_MESSAGE = Ring.LARGEST_MESSAGE;

    private final SocketChannel channel;
    private final ByteBuffer ahead = ByteBuffer.allocate(64 * 1024).flip();

    SocketConnection(SocketChannel channel) {
        this.channel = channel;
    }

    /** Sends a value. */
    public void send(Object value) {
        int length = Messages.encode(value);
        try {
            writeFrame(Messages.scratch(), length);
        } finally {
            Messages.releaseLargeScratch();
        }
    }

    /** Sends bytes, for {@link #recvBytes()} at the other end. */
    public void sendBytes(byte[] bytes) {
        write(Messages.toBytes(bytes));
    }

    /**
     * Receives the next value, waiting as long as it takes.
     *
     * @throws EndOfStreamException if the other side closed the connection and nothing is left to read
     */
    @SuppressWarnings("unchecked")
    public <T> T recv() {
        byte[] message = readMessage();
        return (T) Messages.decode(MemoryBuffer.wrap(message), 0, message.length);
    }

    /** Receives the next message sent with {@link #sendBytes}. */
    public byte[] recvBytes() {
        byte[] message = readMessage();
        return (byte[]) Messages.BYTES_ONLY.decode(MemoryBuffer.wrap(message), 0, message.length);
    }

    /**
     * Whether a message (or the end of the stream) waits to be read, waiting up to the timeout: null waits as long
     * as it takes, zero or negative not at all.
     */
    public boolean poll(Duration timeout) {
        return Blocking.until(() -> readAhead() ? Boolean.TRUE : Ring.EMPTY, Blocking.nanos(timeout),
                Blocking.NO_CHECK) != Ring.EMPTY;
    }

    public boolean poll() {
        return poll(Duration.ZERO);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + this, e);
        }
    }

    @Override
    public String toString() {
        return "SocketConnection[" + (channel.isOpen() ? "open" : "closed") + "]";
    }

    /** Writes one length-prefixed frame; for the handshake too. */
    void write(byte[] payload) {
        writeFrame(MemoryBuffer.wrap(payload), payload.length);
    }

    /**
     * Writes the first {@code length} bytes of the buffer as one frame. A thread interrupted meanwhile closes the
     * connection (a socket channel's rule) and gets an interrupt, not an end of stream.
     */
    private void writeFrame(MemoryBuffer payload, int length) {
        requireOpen();
        byte[] frameBytes = new byte[Integer.BYTES + length];
        ByteBuffer frame = ByteBuffer.wrap(frameBytes).putInt(length);
        payload.getBytes(0, frameBytes, Integer.BYTES, length);
        frame.clear();
        try {
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(true);
                while (frame.hasRemaining()) {
                    channel.write(frame);
                }
            }
        } catch (ClosedByInterruptException e) {
            throw Blocking.interrupted("a socket connection to send");
        } catch (IOException e) {
            throw new EndOfStreamException("cannot send: the other side closed the connection (" + e.getMessage()
                    + ")");
        }
    }

    /** Reads one length-prefixed frame; for the handshake too. */
    byte[] readMessage() {
        requireOpen();
        int length = ByteBuffer.wrap(readFully(Integer.BYTES)).getInt();
        if (length < 0 || length > MAX_MESSAGE) {
            throw new EndOfStreamException("the other side sent a message of " + length + " bytes, which is not a"
                    + " message of this protocol");
        }
        return readFully(length);
    }

    private byte[] readFully(int length) {
        byte[] bytes = new byte[length];
        ByteBuffer into = ByteBuffer.wrap(bytes);
        int fromAhead = Math.min(ahead.remaining(), length);
        ahead.get(bytes, 0, fromAhead);
        into.position(fromAhead);
        try {
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(true);
                while (into.hasRemaining()) {
                    if (channel.read(into) < 0) {
                        throw new EndOfStreamException("the other side closed the connection");
                    }
                }
            }
        } catch (ClosedByInterruptException e) {
            throw Blocking.interrupted("a socket connection's next message");
        } catch (IOException e) {
            throw new EndOfStreamException("the connection broke: " + e.getMessage());
        }
        return bytes;
    }

    /** Reads what has arrived without waiting; whether anything (or the end of the stream) is there. */
    private boolean readAhead() {
        if (ahead.hasRemaining()) {
            return true;
        }
        try {
            synchronized (channel.blockingLock()) {
                channel.configureBlocking(false);
                ahead.clear();
                int read = channel.read(ahead);
                ahead.flip();
                return read != 0;
            }
        } catch (IOException e) {
            return true;
        }
    }

    private void requireOpen() {
        if (!channel.isOpen()) {
            throw new IllegalStateException(this + " is closed");
        }
    }
}
