package io.mproc.process;

import io.mproc.MprocException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;

/** Maps the files that queues, pipes and synchronization objects live in. */
final class MappedFile {

    private static final int ZEROS = 64 * 1024;

    private MappedFile() {
    }

    /**
     * Creates the file with that many zero bytes, written out so that the file system reserves its memory now, and
     * maps it. A file system without room for it fails here, rather than with a SIGBUS when a page is first touched.
     *
     * @throws MprocException if the file system has no room for it (the file is removed then)
     */
    static UnsafeBuffer create(Path file, long length) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            try {
                fillWithZeros(channel, length);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw new MprocException("cannot create " + file + ": its file system has no room for its " + length
                        + " bytes (" + e.getMessage() + "). Free space there (/dev/shm is memory: see df -h /dev/shm),"
                        + " give the container a larger /dev/shm, or make fewer or smaller queues and pipes", e);
            }
            return new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_WRITE, 0, length));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create and map " + file, e);
        }
    }

    private static void fillWithZeros(FileChannel channel, long length) throws IOException {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(length, ZEROS));
        for (long position = 0; position < length; ) {
            zeros.clear().limit((int) Math.min(zeros.capacity(), length - position));
            position += channel.write(zeros, position);
        }
    }

    /** Maps the whole of an existing file. */
    static UnsafeBuffer attach(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            return new UnsafeBuffer(channel.map(FileChannel.MapMode.READ_WRITE, 0, channel.size()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }
}
