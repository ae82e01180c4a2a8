package io.mproc.process;

import io.mproc.MprocException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/**
 * Python's {@code multiprocessing.connection.Listener}: accepts connections from processes that were not started
 * by the same parent, over a Unix socket ({@code unix:/path}) or TCP ({@code tcp:host:port}), each authenticated
 * with a shared key (HMAC challenges both ways; the key never travels). Bind TCP to {@code 127.0.0.1} unless other
 * machines must reach it: the key authenticates, it does not encrypt. Thread-safe; {@link #close()} ends a waiting
 * {@link #accept()} and removes a Unix socket's file.
 */
public final class Listener implements AutoCloseable {

    private final ServerSocketChannel server;
    private final SocketAddress bound;
    private final byte[] authKey;

    private Listener(ServerSocketChannel server, SocketAddress bound, byte[] authKey) {
        this.server = server;
        this.bound = bound;
        this.authKey = authKey;
    }

    /**
     * Listens at the address.
     *
     * @throws IllegalArgumentException if the address is of neither form, or the key is empty
     * @throws UncheckedIOException     if the address cannot be bound (in use, or no such directory)
     */
    public static Listener bind(String address, byte[] authKey) {
        byte[] key = Authentication.requireKey(authKey);
        SocketAddress wanted = SocketAddresses.parse(address);
        try {
            ServerSocketChannel server = ServerSocketChannel.open(SocketAddresses.family(wanted));
            server.bind(wanted);
            return new Listener(server, server.getLocalAddress(), key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen at " + address + ": " + e.getMessage(), e);
        }
    }

    /** Where clients connect, with the port the system chose for {@code tcp:host:0}. */
    public String address() {
        return SocketAddresses.format(bound);
    }

    /**
     * Waits for the next client and authenticates it.
     *
     * @throws AuthenticationException if the client does not hold the key (its connection is closed)
     * @throws IllegalStateException   if the listener is closed, also while this waits; or if this thread is
     *                                 interrupted while it waits (which closes the listener, a socket channel's
     *                                 rule; the interrupt flag stays set)
     */
    public SocketConnection accept() {
        SocketChannel channel;
        try {
            channel = server.accept();
        } catch (ClosedByInterruptException e) {
            throw Blocking.interrupted("a client of " + this);
        } catch (ClosedChannelException e) {
            throw new IllegalStateException(this + " is closed", e);
        } catch (IOException e) {
            throw new MprocException("cannot accept a connection at " + address() + ": " + e.getMessage(), e);
        }
        SocketConnection connection = new SocketConnection(channel);
        try {
            Authentication.asServer(connection, authKey);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    @Override
    public void close() {
        try {
            server.close();
            if (bound instanceof UnixDomainSocketAddress unix) {
                Files.deleteIfExists(unix.getPath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + this, e);
        }
    }

    @Override
    public String toString() {
        return "Listener[" + address() + "]";
    }
}
