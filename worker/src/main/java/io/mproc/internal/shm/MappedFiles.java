package io.mproc.internal.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Makes and maps the files that shared memory lives in: the segment, and the rings and synchronization words of a
 * context. A new file is readable by its owner only and written with zeros, so that the file system reserves its
 * memory at once: a full {@code /dev/shm} fails here, not with a SIGBUS when a page is first touched. Stateless.
 */
public final class MappedFiles {

    private static final int ZEROS = 64 * 1024;

    private MappedFiles() {
    }

    /**
     * Creates the file with {@code length} zero bytes and maps it.
     *
     * @throws IOException if the file exists, or its file system has no room for it (the file is removed then)
     */
    public static MemoryBuffer createReserved(Path file, long length) throws IOException {
        FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                        "rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ, StandardOpenOption.WRITE), ownerOnly)) {
            try {
                fillWithZeros(channel, length);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return MemoryBuffer.wrap(channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        }
    }

    /** Maps the whole of an existing file. */
    public static MemoryBuffer mapExisting(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return MemoryBuffer.wrap(channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size()));
        }
    }

    private static void fillWithZeros(FileChannel channel, long length) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, ZEROS));
        for (long position = 0; position < length; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), length - position));
            position += channel.write(zeros, position);
        }
    }
}
