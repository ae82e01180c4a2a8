package io.mproc.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where workers connect: a Unix domain socket in a private directory (0700, socket 0600) named after the
 * coordinator's pid, or TCP on the loopback address where Unix sockets are unavailable. Directories left by a
 * coordinator that was killed are removed by the next one to start.
 */
final class Endpoint implements AutoCloseable {

    static final String DIRECTORY_PREFIX = "mproc-";
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

    static Endpoint open(Path parent, int tokenLength) throws IOException {
        byte[] token = new byte[tokenLength];
        new SecureRandom().nextBytes(token);
        removeStaleDirectories(parent);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Path directory = Files.createTempDirectory(parent, DIRECTORY_PREFIX + ProcessHandle.current().pid() + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path socket = directory.resolve("pool.sock");
            if (socket.toString().length() <= MAX_UNIX_PATH) {
                try {
                    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                    server.bind(UnixDomainSocketAddress.of(socket));
                    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
                    return new Endpoint(server, "unix:" + socket, directory, token);
                } catch (UnsupportedOperationException | IOException e) {
                    deleteTree(directory);
                }
            } else {
                deleteTree(directory);
            }
        }
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return new Endpoint(server, "tcp:" + server.socket().getLocalPort(), null, token);
    }

    @Override
    public void close() throws IOException {
        server.close();
        if (directory != null) {
            deleteTree(directory);
        }
    }

    /** Removes {@code mproc-PID-*} directories whose coordinator process no longer runs. */
    static void removeStaleDirectories(Path parent) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, DIRECTORY_PREFIX + "*")) {
            for (Path entry : entries) {
                long owner = ownerPid(entry.getFileName().toString());
                if (owner > 0 && ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                    deleteTree(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning up after others is best effort; a directory we cannot read is not ours to remove
        }
    }

    private static long ownerPid(String name) {
        int end = name.indexOf('-', DIRECTORY_PREFIX.length());
        try {
            return end < 0 ? -1 : Long.parseLong(name.substring(DIRECTORY_PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
