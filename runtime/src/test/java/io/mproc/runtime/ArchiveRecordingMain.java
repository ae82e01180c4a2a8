package io.mproc.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A coordinator on a classpath of jars, as class-data sharing needs: a pool of one worker that runs no task, then,
 * once that worker's archive is made, a pool whose worker logs where its classes came from (argument 2) and runs
 * one task. Prints "done" or what went wrong.
 */
public final class ArchiveRecordingMain {

    private static final Duration ARCHIVE_WAIT = Duration.ofSeconds(60);

    private ArchiveRecordingMain() {
    }

    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args[0]);
        try (Pool pool = Pool.builder().workers(1).classDataSharingCache(cache).build()) {
            if (!pool.awaitReady(Duration.ofSeconds(60))) {
                System.out.println("the recording worker did not start");
                return;
            }
        }
        long deadline = System.nanoTime() + ARCHIVE_WAIT.toNanos();
        while (!hasArchive(cache)) {
            if (System.nanoTime() > deadline) {
                System.out.println("no archive within " + ARCHIVE_WAIT);
                return;
            }
            Thread.sleep(50);
        }
        try (Pool pool = Pool.builder().workers(1).classDataSharingCache(cache)
                .jvmOptions("-Xlog:class+load=info:file=" + args[1]).build()) {
            System.out.println(pool.submit(Integer::bitCount, 7).get() == 3 ? "done" : "wrong result");
        }
    }

    private static boolean hasArchive(Path cache) throws Exception {
        try (Stream<Path> files = Files.list(cache)) {
            return files.anyMatch(file -> file.getFileName().toString().matches("workers-\\w+\\.jsa"));
        }
    }
}
