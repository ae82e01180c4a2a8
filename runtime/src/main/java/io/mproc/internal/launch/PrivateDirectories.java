package io.mproc.internal.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The private directories (0700) that a coordinator keeps its sockets and memory-mapped files in, named
 * {@code mproc-<pid>-<random>} after the process that owns them, so that one left behind by a killed coordinator
 * is recognized and removed by the next to start. Internal to mproc.
 */
public final class PrivateDirectories {

    /** The prefix of every such directory's name. */
    public static final String PREFIX = "mproc-";

    private PrivateDirectories() {
    }

    /** Removes what dead owners left in the parent, then makes a directory for this process. */
    public static Path create(Path parent) throws IOException {
        removeStale(parent);
        return Files.createTempDirectory(parent, PREFIX + ProcessHandle.current().pid() + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /** Removes the {@code mproc-<pid>-*} directories in the parent whose owner process no longer runs. */
    public static void removeStale(Path parent) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                long owner = ownerPid(entry.getFileName().toString());
                if (owner > 0 && Files.isDirectory(entry)
                        && !ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
                    delete(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning up after others is best effort; a directory we cannot read is not ours to remove
        }
    }

    /** Deletes the directory and everything in it; nothing if it is gone already. */
    public static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long ownerPid(String name) {
        int end = name.indexOf('-', PREFIX.length());
        try {
            return end < 0 ? -1 : Long.parseLong(name.substring(PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
