package io.mproc.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The connections this process keeps to other processes' {@link Waker}s, made on the first wake-up of each: a
 * wake-up is then one byte written without waiting. A waker whose process ended can be neither reached nor
 * needed, so a failed wake-up is dropped with its line. Thread-safe.
 */
final class WakeLines {

    private static final Map<Path, SocketChannel> LINES = new ConcurrentHashMap<>();

    private WakeLines() {
    }

    /** Wakes the thread asleep on the waker with this id, if its process is still there. */
    static void wake(Path directory, long wakerId) {
        Path socket = Waker.socketOf(directory, wakerId);
        SocketChannel line = LINES.get(socket);
        try {
            if (line == null) {
                line = connect(socket);
            }
            line.write(ByteBuffer.allocate(1));
        } catch (IOException e) {
            if (line != null) {
                LINES.remove(socket, line);
                closeQuietly(line);
            }
        }
    }

    /**
     * Connects without waiting: a waker whose backlog is full (its process not sleeping, and many others waking it)
     * is refused rather than waited for, and its sleeper wakes for its next check instead.
     */
    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel line = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            line.configureBlocking(false);
            if (!line.connect(UnixDomainSocketAddress.of(socket))) {
                throw new IOException("the waker at " + socket + " takes no connection now");
            }
        } catch (IOException e) {
            closeQuietly(line);
            throw e;
        }
        SocketChannel raced = LINES.putIfAbsent(socket, line);
        if (raced != null) {
            closeQuietly(line);
            return raced;
        }
        return line;
    }

    /** Closes the lines to the wakers in the directory. */
    static void closeAll(Path directory) {
        LINES.entrySet().removeIf(line -> {
            if (line.getKey().startsWith(directory)) {
                closeQuietly(line.getValue());
                return true;
            }
            return false;
        });
    }

    private static void closeQuietly(SocketChannel line) {
        try {
            if (line != null) {
                line.close();
            }
        } catch (IOException ignored) {
            // nothing was left to send on it
        }
    }
}
