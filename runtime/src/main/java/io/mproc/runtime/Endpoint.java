package io.mproc.runtime;

import io.mproc.Transport;
import io.mproc.internal.launch.PrivateDirectories;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

/**
 * Where workers connect: a Unix domain socket in a private directory (0700, socket 0600) named after the
 * coordinator's pid, or TCP on the loopback address, as the pool's transport says; or, for workers on other
 * machines, TCP on an address they reach. Directories left by a coordinator that was killed are removed by the next
 * one to start.
 */
final class Endpoint implements AutoCloseable {

    private static final int MAX_UNIX_PATH = 100;

    final ServerSocketChannel server;
    final String address;
    final byte[] token;
    private final Path directory;

    private Endpoint(ServerSocketChannel server, String address, Path directory, byte[] token) {
        this.server = server;
        this.address = address;
        this.directory = directory;
        this.token = token;
    }

    /**
     * Listens as {@code transport} says: {@code UNIX} fails where a Unix socket cannot be made, {@code TCP} takes
     * the loopback address, {@code AUTO} tries a Unix socket and falls back to TCP.
     */
    static Endpoint open(Path parent, int tokenLength, Transport transport) throws IOException {
        byte[] token = newToken(tokenLength);
        if (transport != Transport.TCP) {
            try {
                return openUnix(parent, token);
            } catch (UnsupportedOperationException | IOException e) {
                if (transport == Transport.UNIX) {
                    throw new IOException("cannot listen on a Unix domain socket in " + parent + " (" + e.getMessage()
                            + "); use transport auto or tcp", e);
                }
            }
        }
        return openTcp(InetAddress.getLoopbackAddress(), token);
    }

    /** Listens on TCP at {@code address}, which workers on other machines reach: {@code tcp:host:port}. */
    static Endpoint openTcp(InetAddress address, int tokenLength) throws IOException {
        return openTcp(address, newToken(tokenLength));
    }

    private static Endpoint openTcp(InetAddress address, byte[] token) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(address, 0));
        return new Endpoint(server, "tcp:" + address.getHostAddress() + ":" + server.socket().getLocalPort(), null,
                token);
    }

    private static byte[] newToken(int length) {
        byte[] token = new byte[length];
        new SecureRandom().nextBytes(token);
        return token;
    }

    private static Endpoint openUnix(Path parent, byte[] token) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            throw new UnsupportedOperationException("the file system has no POSIX permissions");
        }
        Path directory = PrivateDirectories.create(parent);
        Path socket = directory.resolve("pool.sock");
        try {
            if (socket.toString().length() > MAX_UNIX_PATH) {
                throw new IOException("the socket path " + socket + " is longer than " + MAX_UNIX_PATH + " characters");
            }
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
            return new Endpoint(server, "unix:" + socket, directory, token);
        } catch (UnsupportedOperationException | IOException e) {
            PrivateDirectories.delete(directory);
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (directory != null) {
            PrivateDirectories.delete(directory);
        }
    }
}
