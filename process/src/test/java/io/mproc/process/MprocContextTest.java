package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.testing.ChildJvm;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MprocContextTest {

    @Test
    void closeDeletesEveryFileOfTheContext() {
        MprocContext context = MprocContext.create();
        Path directory = context.directory();
        SharedQueue<Integer> queue = context.queue();
        context.pipe();
        context.sharedMemory().newLongValue("counter", 1);
        SharedList<Integer> list = context.manager().list();
        context.process(MprocContextTest::use, queue, list).start().join();
        assertThat(list).containsExactly(1);
        context.close();
        assertThat(directory).doesNotExist();
    }

    @Test
    void aNewContextRemovesTheDirectoryThatAKilledCoordinatorLeft() {
        Path left;
        try (ChildJvm coordinator = ChildJvm.start(Coordinator.class)) {
            left = Path.of(coordinator.awaitLine("/", Duration.ofSeconds(30)));
            coordinator.kill();
        }
        assertThat(left).isDirectory();
        try (MprocContext context = MprocContext.create()) {
            assertThat(left).doesNotExist();
            assertThat(context.directory()).isDirectory();
        }
    }

    @Test
    void aDirectoryWhoseOwnerStillHoldsItsLockIsLeftAloneThoughItsPidLooksDead() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Path parent = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir"));
        Path foreign = Files.createDirectory(parent.resolve("mproc-" + dead.pid() + "-elsewhere"));
        try (ChildJvm holder = ChildJvm.start(List.of(), LockHolder.class,
                foreign.resolve(".owner.lock").toString())) {
            holder.awaitLine("locked", Duration.ofSeconds(30));
            MprocContext.create().close();
            assertThat(foreign).isDirectory();
        }
        MprocContext.create().close();
        assertThat(foreign).doesNotExist();
    }

    private static void use(SharedQueue<Integer> queue, SharedList<Integer> list) {
        queue.put(1);
        list.add(queue.get());
    }

    /** Holds a lock on the file, as a coordinator in another pid namespace would on its directory's. */
    static final class LockHolder {
        public static void main(String[] args) throws Exception {
            try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE)) {
                channel.lock();
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(60_000);
            }
        }
    }

    /** A coordinator with a queue and a shared value, which prints its directory and waits to be killed. */
    static final class Coordinator {
        public static void main(String[] args) throws InterruptedException {
            MprocContext context = MprocContext.create();
            context.queue().put(List.of(1, 2));
            context.sharedMemory().newLongValue("left", 7);
            System.out.println(context.directory());
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
