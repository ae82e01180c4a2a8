package io.mproc.process;

import io.mproc.MprocException;
import io.mproc.internal.shm.MappedFiles;
import io.mproc.internal.shm.MemoryBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Maps the files that queues, pipes and synchronization objects live in, with messages that say what to do. */
final class MappedFile {

    private MappedFile() {
    }

    /**
     * Creates the file with that many zero bytes, reserved by its file system now, and maps it.
     *
     * @throws MprocException if the file system has no room for it (the file is removed then)
     */
    static MemoryBuffer create(Path file, long length) {
        try {
            return MappedFiles.createReserved(file, length);
        } catch (IOException e) {
            if (String.valueOf(e.getMessage()).contains("space")) {
                throw new MprocException("cannot create " + file + ": its file system has no room for its " + length
                        + " bytes (" + e.getMessage() + "). Free space there (/dev/shm is memory: see df -h /dev/shm),"
                        + " give the container a larger /dev/shm, or make fewer or smaller queues and pipes", e);
            }
            throw new UncheckedIOException("cannot create and map " + file, e);
        }
    }

    /** Maps the whole of an existing file. */
    static MemoryBuffer attach(Path file) {
        try {
            return MappedFiles.mapExisting(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot map " + file, e);
        }
    }
}
