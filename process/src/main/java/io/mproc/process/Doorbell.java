package io.mproc.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.SocketChannel;

/**
 * How one side of a {@link ManagerChannel} wakes the other: the socket the client opened to the manager, kept open
 * for the channel's life. A side that waits for a message and does not see it after spinning marks itself asleep in
 * the ring ({@link Ring#markConsumerAsleep}) and blocks reading the socket; the other side, after publishing, takes
 * the mark and writes a byte. A sleeping side so costs no CPU and wakes in a system call's time rather than a park's,
 * and the other process's end, however it ends, is an end of stream. One thread per side uses it.
 */
final class Doorbell implements AutoCloseable {

    private static final int DRAIN_BYTES = 64;

    private final SocketChannel socket;
    private final ByteBuffer chime = ByteBuffer.allocateDirect(1);
    private final ByteBuffer drained = ByteBuffer.allocateDirect(DRAIN_BYTES);

    Doorbell(SocketChannel socket) {
        this.socket = socket;
    }

    /** Wakes the other side. */
    void ring() {
        chime.clear();
        try {
            socket.write(chime);
        } catch (ClosedByInterruptException e) {
            throw Blocking.interrupted("the manager");
        } catch (IOException e) {
            throw new EndOfStreamException("the other side of the manager channel is gone: " + e.getMessage());
        }
    }

    /**
     * Sleeps until the other side rings, taking every ring that came meanwhile.
     *
     * @throws EndOfStreamException  if the other side closed the channel or its process ended
     * @throws IllegalStateException if the thread is interrupted (its interrupt flag stays set; the channel closes)
     */
    void await() {
        drained.clear();
        int read;
        try {
            read = socket.read(drained);
        } catch (ClosedByInterruptException e) {
            throw Blocking.interrupted("the manager");
        } catch (IOException e) {
            throw new EndOfStreamException("the other side of the manager channel is gone: " + e.getMessage());
        }
        if (read < 0) {
            throw new EndOfStreamException("the other side of the manager channel is gone");
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a socket that failed leaves nothing to undo
        }
    }
}
