package io.mproc.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.agrona.concurrent.UnsafeBuffer;

/** Maps the files that queues, pipes and synchronization objects live in. */
final class MappedFile {

    private MappedFile() {
    }

    /** Creates the file with that many zero bytes and maps it. */
    static UnsafeBuffer create(Path file, long length) {
        return map(file, length);
    }

    /** Maps the whole of an existing file. */
    static UnsafeBuffer attach(Path file) {
        return map(file, 0);
    }

    private static UnsafeBuffer map(Path file, long length) {
        boolean create = length > 0;
        try (FileChannel channel = create
                ? FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                        StandardOpenOption.WRITE)
                : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, create ? length : channel.size());
            return new UnsafeBuffer(mapped);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }
}
