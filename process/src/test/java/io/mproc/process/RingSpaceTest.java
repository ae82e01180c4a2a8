package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mproc.MprocException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue's or pipe's file has all its memory reserved when it is made, so a file system without room fails then,
 * clearly, and not with a SIGBUS when the ring first touches a page. Runs on a real 1 MiB tmpfs, which takes root.
 */
class RingSpaceTest {

    @TempDir
    Path scratch;
    private Path tiny;

    @BeforeEach
    void mountTinyTmpfs() throws Exception {
        tiny = scratch.resolve("tiny");
        Files.createDirectories(tiny);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", tiny.toString()),
                "mounting a tmpfs takes root");
    }

    @AfterEach
    void unmount() throws Exception {
        if (tiny != null) {
            run("umount", "-l", tiny.toString());
        }
    }

    @Test
    void aRingLargerThanTheRoomLeftFailsAtCreationWithAClearMessageAndLeavesNoFile() throws IOException {
        Path file = tiny.resolve("queue.ring");
        assertThatThrownBy(() -> Ring.create(file, 1024, 2048, Ring.LARGEST_MESSAGE, true))
                .isInstanceOf(MprocException.class).hasMessageContaining("has no room");
        assertThat(file).doesNotExist();
        try (var files = Files.list(tiny)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aRingThatFitsWorksOnTheSameFileSystem() {
        Ring ring = Ring.create(tiny.resolve("small.ring"), 16, 1024, Ring.LARGEST_MESSAGE, false);
        SharedQueue<String> queue = new SharedQueue<>(ring);
        queue.put("fits");
        assertThat(queue.get()).isEqualTo("fits");
        ring.delete();
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
    }
}
