package io.mproc.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketAddress;
import java.nio.channels.SocketChannel;

/** Python's {@code multiprocessing.connection.Client}: connects to a {@link Listener} and authenticates. */
public final class Client {

    private Client() {
    }

    /**
     * Connects to the listener at the address ({@code unix:/path} or {@code tcp:host:port}) with the listener's key.
     *
     * @throws AuthenticationException  if the keys differ (the connection is closed)
     * @throws IllegalArgumentException if the address is of neither form, or the key is empty
     * @throws UncheckedIOException     if nothing listens there
     */
    public static SocketConnection connect(String address, byte[] authKey) {
        byte[] key = Authentication.requireKey(authKey);
        SocketAddress target = SocketAddresses.parse(address);
        SocketChannel channel;
        try {
            channel = SocketChannel.open(SocketAddresses.family(target));
            channel.connect(target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to " + address + ": " + e.getMessage()
                    + " (is a Listener bound there?)", e);
        }
        SocketConnection connection = new SocketConnection(channel);
        try {
            Authentication.asClient(connection, key);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
