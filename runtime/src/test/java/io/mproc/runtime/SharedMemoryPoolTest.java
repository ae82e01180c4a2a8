package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.IntArray;
import io.mproc.LongArray;
import io.mproc.LongValue;
import io.mproc.internal.wire.WireCodec;
import io.mproc.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SharedMemoryPoolTest {

    @Test
    void plainListSquaredInAWorkerIsUnchangedInTheParent() throws Exception {
        List<Integer> list = new ArrayList<>(List.of(1, 2, 3, 4));
        try (Pool pool = Pool.builder().workers(1).build()) {
            assertThat(pool.submit(SharedTasks::squareCopy, list).get()).containsExactly(1, 4, 9, 16);
        }
        assertThat(list).containsExactly(1, 2, 3, 4);
    }

    @Test
    void arraySquaredInAWorkerIsSquaredInTheParent() throws Exception {
        try (Pool pool = Pool.builder().workers(1).build()) {
            IntArray array = pool.sharedMemory().newIntArray("numbers", new int[] {1, 2, 3, 4});
            assertThat(pool.submit(SharedTasks::squareInPlace, array).get()).containsExactly(1, 4, 9, 16);
            assertThat(array.toArray()).containsExactly(1, 4, 9, 16);
        }
    }

    @Test
    void twoWorkersAddingAMillionEachToOneValueCountExactly() {
        try (Pool pool = Pool.builder().workers(2).build()) {
            LongValue counter = pool.sharedMemory().newLongValue("counter", 0L);
            pool.map(SharedTasks::addOneMillion, List.of(counter, counter), 1);
            assertThat(counter.get()).isEqualTo(2_000_000);
        }
    }

    @Test
    void readModifyWriteUnderTheLockIsExactAndWithoutItLosesUpdates() {
        try (Pool pool = Pool.builder().workers(2).build()) {
            assertThat(race(pool, "locked", true)).satisfies(r -> assertThat(r[0]).isEqualTo(r[1]));
            assertThat(race(pool, "unlocked", false)).satisfies(r -> assertThat(r[0]).isLessThan(r[1]));
        }
    }

    /** @return the counter and the number of increments the tasks made */
    private static long[] race(Pool pool, String name, boolean locked) {
        LongValue counter = pool.sharedMemory().newLongValue(name, 0L);
        LongArray rounds = pool.sharedMemory().newLongArray(name + ".rounds", new long[2]);
        int minimum = 1 << 18;
        List<Long> done = pool.map(SharedTasks::race, List.of(new SharedTasks.Race(counter, rounds, 0, minimum, locked),
                new SharedTasks.Race(counter, rounds, 1, minimum, locked)), 1);
        return new long[] {counter.get(), done.get(0) + done.get(1)};
    }

    @Test
    void killNineOfAWorkerHoldingTheLockHandsItToAnotherWithinASecond() throws Exception {
        LinkedBlockingQueue<Long> locked = new LinkedBlockingQueue<>();
        try (Pool pool = Pool.builder().workers(2).workerOutput((worker, stderr, line) -> {
            if (line.startsWith("locked ")) {
                locked.add(Long.parseLong(line.substring("locked ".length())));
            }
        }).build()) {
            assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
            LongValue guarded = pool.sharedMemory().newLongValue("guarded", 0L);
            CompletableFuture<Integer> holder = pool.submit(SharedTasks::holdLockForever, guarded);
            long holderPid = locked.poll(30, TimeUnit.SECONDS);
            CompletableFuture<SharedTasks.Takeover> waiter = pool.submit(SharedTasks::takeLock, guarded);
            long killedAt = System.nanoTime();
            ProcessHandle.of(holderPid).orElseThrow().destroyForcibly();

            SharedTasks.Takeover takeover = waiter.get(30, TimeUnit.SECONDS);
            assertThat(takeover.previousHolderDied()).isTrue();
            long waitingSince = Math.max(killedAt, takeover.startedAtNanos());
            assertThat(Duration.ofNanos(takeover.acquiredAtNanos() - waitingSince))
                    .as("from the kill, or from when the waiter began if later, to the takeover")
                    .isLessThan(Duration.ofSeconds(1));
            assertThatThrownBy(holder::join).hasCauseInstanceOf(io.mproc.WorkerCrashedException.class);
        }
    }

    @Test
    void closeLeavesNoSegmentFile() {
        Path file;
        try (Pool pool = Pool.builder().workers(1).build()) {
            file = segmentFile(pool.sharedMemory().newLongValue("x", 1L));
            assertThat(file).exists();
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void segmentOfAKilledCoordinatorIsRemovedByTheNextPoolStart() {
        try (ChildJvm coordinator = ChildJvm.start(SegmentOwnerMain.class)) {
            Path file = Path.of(coordinator.awaitLine("/", Duration.ofSeconds(30)));
            assertThat(file).exists();
            coordinator.kill();
            assertThat(file).exists();
            try (Pool pool = Pool.builder().workers(1).build()) {
                assertThat(file).doesNotExist();
            }
        }
    }

    @Test
    void sharedMemoryIsGoneOnceThePoolIsClosed() {
        Pool pool = Pool.builder().workers(1).build();
        pool.close();
        assertThatThrownBy(() -> pool.sharedMemory().newLongValue("late", 1L)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    static Path segmentFile(Object sharedObject) {
        return Path.of(WireCodec.MAPPER.valueToTree(sharedObject).get("segment").asString());
    }

    /** Creates a pool value, prints its segment file, then waits to be killed. */
    public static final class SegmentOwnerMain {
        public static void main(String[] args) throws Exception {
            Pool pool = Pool.builder().workers(1).build();
            System.out.println(segmentFile(pool.sharedMemory().newLongValue("orphan", 7L)));
            System.out.flush();
            Files.readAllBytes(Path.of("/dev/stdin"));
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
