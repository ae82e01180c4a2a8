package io.mproc.runtime;

import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.FrameReader;
import io.mproc.internal.wire.FrameWriter;
import io.mproc.internal.wire.Hello;
import io.mproc.internal.wire.ProtocolException;
import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Admits workers: accepts connections on the pool's socket and holds each until it sends a HELLO with the pool's
 * token and the id of a worker that is starting, refusing it if it does not, or not in time. At most
 * {@code maxPending} connections wait at once: beyond that the one that has waited longest is refused, so that
 * connections that never present themselves cannot take all of this process's file descriptors. Owned by the
 * coordinator thread.
 */
final class Handshake {

    /** Logs as the coordinator, whose logger is the one users configure. */
    private static final System.Logger LOG = System.getLogger(Coordinator.class.getName());
    private static final long HELLO_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final Endpoint endpoint;
    private final Selector selector;
    private final int maxPayload;
    private final int maxCredits;
    private final int maxPending;
    private final List<PendingConnection> pending = new ArrayList<>();
    private long evicted;

    Handshake(Endpoint endpoint, Selector selector, int maxPayload, int maxCredits, int maxPending) {
        this.endpoint = endpoint;
        this.selector = selector;
        this.maxPayload = maxPayload;
        this.maxCredits = maxCredits;
        this.maxPending = maxPending;
    }

    void accept() throws IOException {
        SocketChannel channel;
        while ((channel = endpoint.server.accept()) != null) {
            if (pending.size() >= maxPending) {
                evictLongestWaiting();
            }
            channel.configureBlocking(false);
            PendingConnection hello = new PendingConnection(channel, System.nanoTime() + HELLO_TIMEOUT_NANOS);
            channel.register(selector, SelectionKey.OP_READ, hello);
            pending.add(hello);
        }
    }

    /**
     * Reads what a candidate sent. Once its HELLO checks out, takes its worker out of {@code starting} and returns
     * its connection, attached to its selection key; returns null while the HELLO is incomplete.
     */
    WorkerConnection readHello(PendingConnection hello, Map<Integer, WorkerProcess> starting)
            throws IOException, ProtocolException {
        hello.reader.read(hello.channel, (type, flags, id, payload) -> {
            if (type != Frame.HELLO) {
                throw new ProtocolException("expected HELLO, got " + Frame.typeName(type));
            }
            hello.hello = Hello.read(payload);
        });
        return hello.hello == null ? null : admit(hello, starting);
    }

    private WorkerConnection admit(PendingConnection candidate, Map<Integer, WorkerProcess> starting)
            throws ProtocolException {
        Hello hello = candidate.hello;
        if (!MessageDigest.isEqual(hello.token(), endpoint.token)) {
            throw new ProtocolException("it did not present the pool's token");
        }
        WorkerProcess process = starting.remove(hello.workerId());
        if (process == null) {
            throw new ProtocolException("it claims to be worker " + hello.workerId() + ", which is not starting");
        }
        pending.remove(candidate);
        SelectionKey key = candidate.channel.keyFor(selector);
        FrameWriter writer = new FrameWriter(64 * 1024, maxPayload);
        WorkerConnection connection = new WorkerConnection(process, hello.pid(), candidate.channel, key,
                new FrameReader(maxPayload), writer, Math.min(hello.credits(), maxCredits));
        key.attach(connection);
        return connection;
    }

    /** Closes a connection that sent no valid HELLO: a warning for a protocol violation, else (it hung up) quietly. */
    void reject(PendingConnection candidate, System.Logger.Level level, String reason) {
        LOG.log(level, "refused a connection to the pool's socket: " + reason);
        pending.remove(candidate);
        closeQuietly(candidate.channel);
    }

    /** Logs the first refusal, then at each power of two, so that a flood of connections does not flood the log. */
    private void evictLongestWaiting() {
        closeQuietly(pending.remove(0).channel);
        if (Long.bitCount(++evicted) == 1) {
            LOG.log(System.Logger.Level.WARNING, "refused " + evicted + " connection(s) to the pool's socket so "
                    + "far: " + maxPending + " connections were waiting to present themselves, the oldest was closed");
        }
    }

    /** Refuses the connections whose HELLO deadline has passed. */
    void expire(long now) {
        pending.removeIf(candidate -> {
            if (now - candidate.deadlineNanos > 0) {
                LOG.log(System.Logger.Level.WARNING, "refused a connection to the pool's socket: no HELLO in time");
                closeQuietly(candidate.channel);
                return true;
            }
            return false;
        });
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    void closePending() {
        pending.forEach(candidate -> closeQuietly(candidate.channel));
    }

    static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing an already broken socket
        }
    }

    /** An accepted connection that has not yet proven it is one of our workers. */
    static final class PendingConnection {
        private final SocketChannel channel;
        private final long deadlineNanos;
        private final FrameReader reader = new FrameReader(Hello.TOKEN_LENGTH + 16);
        private Hello hello;

        private PendingConnection(SocketChannel channel, long deadlineNanos) {
            this.channel = channel;
            this.deadlineNanos = deadlineNanos;
        }
    }
}
