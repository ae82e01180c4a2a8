package io.mproc.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a thread sleeps on until another process wakes it, as a futex would across processes: a Unix socket listening
 * at {@code wake-<pid>-<n>.sock} in a context's directory, and a selector over it and the connections that waking
 * processes keep to it ({@link WakeLines}), each wake-up one byte. A process keeps a pool of them per directory; a
 * thread borrows one for one wait, so a process has as many as it ever had threads asleep at once. A byte that comes
 * late wakes the next borrower once, which then polls again. Closed with the context.
 */
final class Waker {

    private static final int NUMBER_BITS = 20;
    private static final int DRAIN_BYTES = 64;
    private static final AtomicInteger NUMBERS = new AtomicInteger();
    private static final Map<Path, Deque<Waker>> FREE = new ConcurrentHashMap<>();

    /** The process id and this waker's number: what a ring's {@link Sleepers} hold. */
    final long id;
    private final Path directory;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final ByteBuffer drained = ByteBuffer.allocateDirect(DRAIN_BYTES);

    private Waker(Path directory, long id) throws IOException {
        this.directory = directory;
        this.id = id;
        Path socket = socketOf(directory, id);
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        selector = Selector.open();
        try {
            server.bind(UnixDomainSocketAddress.of(socket));
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A free waker of this process for the directory, made if none is free. */
    static Waker borrow(Path directory) throws IOException {
        Waker waker = FREE.computeIfAbsent(directory, d -> new ConcurrentLinkedDeque<>()).poll();
        if (waker != null) {
            return waker;
        }
        long number = NUMBERS.incrementAndGet() & ((1 << NUMBER_BITS) - 1);
        return new Waker(directory, ProcessHandle.current().pid() << NUMBER_BITS | number);
    }

    /** Returns the waker to the pool; closes it if its directory's wakers were closed meanwhile. */
    void giveBack() {
        Deque<Waker> free = FREE.get(directory);
        if (free == null) {
            close();
        } else {
            free.push(this);
        }
    }

    /** The socket of the waker with this id. */
    static Path socketOf(Path directory, long id) {
        return directory.resolve("wake-" + (id >>> NUMBER_BITS) + "-" + (id & ((1 << NUMBER_BITS) - 1)) + ".sock");
    }

    /**
     * Sleeps until a byte comes or the time passes; an interrupt ends the sleep too (its flag stays set). Takes every
     * byte that came, and every new connection.
     */
    void sleep(long nanos) throws IOException {
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + TimeUnit.MILLISECONDS.toNanos(1) - 1)));
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            if (key.isAcceptable()) {
                SocketChannel line = server.accept();
                if (line != null) {
                    line.configureBlocking(false);
                    line.register(selector, SelectionKey.OP_READ);
                }
            } else if (key.isReadable()) {
                drain(key);
            }
        }
    }

    /** Takes the bytes that came on a line; closes a line whose waking process ended. */
    private void drain(SelectionKey key) throws IOException {
        SocketChannel line = (SocketChannel) key.channel();
        int read;
        try {
            do {
                drained.clear();
                read = line.read(drained);
            } while (read == DRAIN_BYTES);
        } catch (IOException reset) {
            read = -1;
        }
        if (read < 0) {
            key.cancel();
            line.close();
        }
    }

    /** Closes this process's wakers for the directory (the context is closing) and the lines it keeps there. */
    static void closeAll(Path directory) {
        Deque<Waker> free = FREE.remove(directory);
        if (free != null) {
            free.forEach(Waker::close);
        }
        WakeLines.closeAll(directory);
    }

    private void close() {
        try {
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            selector.close();
            server.close();
            Files.deleteIfExists(socketOf(directory, id));
        } catch (IOException ignored) {
            // the socket file goes with its context's directory
        }
    }
}
