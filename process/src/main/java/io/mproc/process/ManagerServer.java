package io.mproc.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The manager: holds the managed objects of a context and runs every operation on them, so each is atomic. It
 * listens on a Unix domain socket (0600, in the context's private directory); a connection proves the token and
 * gets the handle of a new {@link ManagerChannel}, whose calls a thread of its own then serves, one at a time, until
 * the client gives it up or its process ends. In the coordinator's JVM, proxies call {@link #dispatch} directly.
 */
final class ManagerServer implements AutoCloseable {

    private static final int TOKEN_LENGTH = 32;
    /** The id of the names under which objects are published for other JVMs: the first object of every manager. */
    static final long REGISTRY_ID = 1;

    final String address;
    final byte[] token = new byte[TOKEN_LENGTH];
    private final ServerSocketChannel server;
    private final Map<Long, ManagedObject> objects = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Path directory;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    ManagerServer(Path directory) throws IOException {
        this.directory = directory;
        new SecureRandom().nextBytes(token);
        Path socket = directory.resolve("manager.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        address = socket.toString();
        register(ManagedObjects.dict());
        acceptor = new Thread(this::accept, "mproc-manager-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    long register(ManagedObject object) {
        long id = ids.incrementAndGet();
        objects.put(id, object);
        return id;
    }

    void remove(long id) {
        objects.remove(id);
    }

    Reply dispatch(Call call) {
        ManagedObject object = objects.get(call.object());
        if (object == null) {
            return Reply.failed(new IllegalStateException("the managed object " + call.object() + " is gone: its"
                    + " manager is closed"));
        }
        try {
            return Reply.of(object.invoke(call.op(), call.arguments()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.failed(e);
        } catch (Exception e) {
            return Reply.failed(e);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        server.close();
        acceptor.join();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        for (Thread thread : threads) {
            thread.interrupt();
            thread.join();
        }
        objects.clear();
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel connection = server.accept();
                Thread thread = new Thread(() -> serve(connection), "mproc-manager-" + ids.get());
                thread.setDaemon(true);
                connections.add(connection);
                threads.add(thread);
                thread.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel connection) {
        ManagerChannel channel = null;
        try {
            try (connection) {
                if (!MessageDigest.isEqual(HandshakeFrames.read(connection), token)) {
                    return;
                }
                long clientPid = Long.parseLong(new String(HandshakeFrames.read(connection), StandardCharsets.UTF_8));
                channel = ManagerChannel.create(directory, ids.incrementAndGet(), clientPid);
                HandshakeFrames.write(connection, channel.handle().getBytes(StandardCharsets.UTF_8));
            }
            while (true) {
                channel.reply(dispatch(channel.nextCall()));
            }
        } catch (IOException | RuntimeException e) {
            // the client went away, or the manager is closing
        } finally {
            if (channel != null) {
                channel.delete();
            }
            connections.remove(connection);
            threads.remove(Thread.currentThread());
        }
    }
}
