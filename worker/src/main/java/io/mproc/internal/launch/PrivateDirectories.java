package io.mproc.internal.launch;

import io.mproc.internal.os.Processes;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The private directories (0700) that a coordinator keeps its sockets and memory-mapped files in, named
 * {@code mproc-<pid>-<random>} after the process that owns them, so that one left behind by a killed coordinator
 * is recognized and removed by the next to start. The owner also holds a lock on a file inside for as long as it
 * lives, so that a directory whose pid only looks dead (an owner in another pid namespace sharing
 * {@code /dev/shm}) is left alone. Internal to mproc; thread-safe.
 */
public final class PrivateDirectories {

    /** The prefix of every such directory's name. */
    public static final String PREFIX = "mproc-";

    private static final String OWNER_LOCK = ".owner.lock";
    private static final Map<Path, FileChannel> HELD = new ConcurrentHashMap<>();

    private PrivateDirectories() {
    }

    /** Removes what dead owners left in the parent, then makes a directory for this process. */
    public static Path create(Path parent) throws IOException {
        removeStale(parent);
        Path directory = Files.createTempDirectory(parent, PREFIX + Processes.SELF + "-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        FileChannel owner = FileChannel.open(directory.resolve(OWNER_LOCK), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        owner.lock();
        HELD.put(directory, owner);
        return directory;
    }

    /** Removes the {@code mproc-<pid>-*} directories in the parent whose owner process no longer runs. */
    public static void removeStale(Path parent) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path entry : entries) {
                long owner = ownerPid(entry.getFileName().toString());
                if (owner > 0 && Files.isDirectory(entry)
                        && !Processes.isAlive(owner) && !isLocked(entry)) {
                    delete(entry);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // cleaning up after others is best effort; a directory we cannot read is not ours to remove
        }
    }

    /** Deletes the directory and everything in it; nothing if it is gone already. */
    public static void delete(Path root) throws IOException {
        FileChannel owner = HELD.remove(root);
        if (owner != null) {
            owner.close();
        }
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Whether a live process holds the directory's owner lock. */
    private static boolean isLocked(Path directory) {
        Path file = directory.resolve(OWNER_LOCK);
        if (!Files.exists(file)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            return lock == null;
        } catch (IOException | OverlappingFileLockException e) {
            return true;
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
