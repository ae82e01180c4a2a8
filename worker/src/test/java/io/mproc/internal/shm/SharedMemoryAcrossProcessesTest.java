package io.mproc.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mproc.BooleanValue;
import io.mproc.DoubleArray;
import io.mproc.IntValue;
import io.mproc.LockHold;
import io.mproc.LongValue;
import io.mproc.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** Child JVMs, each mapping the segment this test JVM creates, working on the same memory at the same time. */
class SharedMemoryAcrossProcessesTest {

    private static final Duration STEP = Duration.ofSeconds(60);
    private static final Duration TAKEOVER = Duration.ofSeconds(1);
    private static final int ITERATIONS = 1 << 20;

    @TempDir
    Path directory;

    private final List<ChildJvm> children = new ArrayList<>();
    private SharedSegment segment;
    private LongValue counter;
    private IntValue ready;
    private BooleanValue go;

    @BeforeEach
    void createSegment() {
        segment = SharedSegment.create(directory, 1024 * 1024);
        counter = segment.newLongValue("counter", 0, true);
        ready = segment.newIntValue("ready", 0, false);
        go = segment.newBooleanValue("go", false, false);
        segment.newLongArray("progress", 2, false);
    }

    @AfterEach
    void stopChildrenAndCloseSegment() {
        children.forEach(ChildJvm::close);
        segment.close();
    }

    @Test
    void atomicAddsFromTwoChildJvmsAreNeverLost() {
        List<ChildJvm> adders = List.of(start("add", path(), "1000000"), start("add", path(), "1000000"));
        startTogether(adders);
        adders.forEach(child -> child.awaitLine("done", STEP));
        assertThat(counter.get()).isEqualTo(2_000_000);
    }

    @Test
    void readModifyWriteUnderTheLockFromTwoChildJvmsLosesNoUpdate() {
        List<ChildJvm> incrementers = List.of(start("increment", path(), "locked", "0", "" + ITERATIONS),
                start("increment", path(), "locked", "1", "" + ITERATIONS));
        startTogether(incrementers);
        long total = incrementers.stream().mapToLong(this::awaitDoneCount).sum();
        assertThat(total).isGreaterThanOrEqualTo(2L * ITERATIONS);
        assertThat(counter.get()).isEqualTo(total);
    }

    @Test
    void readModifyWriteWithoutTheLockFromTwoChildJvmsLosesUpdates() {
        List<ChildJvm> incrementers = List.of(start("increment", path(), "unlocked", "0", "" + ITERATIONS),
                start("increment", path(), "unlocked", "1", "" + ITERATIONS));
        startTogether(incrementers);
        long total = incrementers.stream().mapToLong(this::awaitDoneCount).sum();
        assertThat(counter.get()).isPositive().isLessThan(total);
    }

    @Test
    void lockOfAKilledChildIsTakenOverByThisJvmWithinOneSecond() throws Exception {
        ChildJvm holder = start("hold", path());
        holder.awaitLine("locked", STEP);
        assertThat(counter.tryLock(Duration.ZERO)).as("the lock is held by a live child").isNull();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try (LockHold hold = counter.tryLock(STEP)) {
                return hold != null && hold.previousHolderDied();
            }
        });

        holder.kill();

        assertThat(waiter.get(TAKEOVER.toMillis(), TimeUnit.MILLISECONDS)).as("previous holder died").isTrue();
    }

    @Test
    void lockOfAKilledChildIsTakenOverByAWaitingChildWithinOneSecond() {
        ChildJvm holder = start("hold", path());
        holder.awaitLine("locked", STEP);
        ChildJvm waiter = start("lock", path());
        waiter.awaitLine("waiting", STEP);

        holder.kill();

        assertThat(waiter.awaitLine("acquired", TAKEOVER)).isEqualTo("acquired previousHolderDied=true");
        assertThat(waiter.awaitExit()).isZero();
        try (LockHold hold = counter.tryLock(Duration.ZERO)) {
            assertThat(hold).as("the waiter released the lock").isNotNull();
            assertThat(hold.previousHolderDied()).isFalse();
        }
    }

    @Test
    void handleSentToAChildJvmReachesTheSameMemory() {
        DoubleArray samples = segment.newDoubleArray("samples", 3, true);
        String json = JsonMapper.builder().addModule(new SharedMemoryModule()).build()
                .writeValueAsString(new Handles(counter, samples));

        ChildJvm child = start("handle", json);

        child.awaitLine("done", STEP);
        assertThat(counter.get()).isEqualTo(5);
        assertThat(samples.toArray()).containsExactly(0.0, 2.5, 0.0);
    }

    @Test
    void segmentOfAKilledOwnerIsRemovedAsStale() {
        ChildJvm owner = start("create", directory.toString());
        Path file = Path.of(owner.awaitLine("created ", STEP).substring("created ".length()));
        assertThat(file).exists();
        assertThat(SharedSegment.removeStale(directory)).as("its owner is alive").isZero();

        owner.kill();

        assertThat(file).exists();
        assertThat(SharedSegment.removeStale(directory)).isEqualTo(1);
        assertThat(file).doesNotExist();
        assertThat(segment.path()).as("this JVM's segment").exists();
    }

    @Test
    void ownerCloseLeavesNoFileWhileChildrenStillMapTheSegment() throws Exception {
        ChildJvm holder = start("hold", path());
        holder.awaitLine("locked", STEP);

        segment.close();

        try (var files = Files.list(directory)) {
            assertThat(files).isEmpty();
        }
        holder.assertAlive();
    }

    @Test
    void aJvmStartedWithNoExtraOptionAttachesAndUpdatesTheSegment() {
        ChildJvm plain = ChildJvm.start(List.of(), SegmentChild.class, "add", path(), "1000");
        children.add(plain);
        startTogether(List.of(plain));
        plain.awaitLine("done", STEP);
        assertThat(plain.awaitExit()).isZero();
        assertThat(plain.output()).doesNotContain("WARNING");
        assertThat(counter.get()).isEqualTo(1_000);
    }

    @Test
    void aJvmStartedWithNoExtraOptionCreatesASegment() {
        ChildJvm plain = ChildJvm.start(List.of(), SegmentChild.class, "create", directory.toString());
        children.add(plain);
        Path created = Path.of(plain.awaitLine("created ", STEP).substring("created ".length()));
        assertThat(created).startsWith(directory).isRegularFile();
        plain.assertAlive();
    }

    private ChildJvm start(String... arguments) {
        ChildJvm child = ChildJvm.start(SegmentChild.class, arguments);
        children.add(child);
        return child;
    }

    private String path() {
        return segment.path().toString();
    }

    /** Releases the children at once, when all of them have attached. */
    private void startTogether(List<ChildJvm> starting) {
        await().atMost(STEP).pollInterval(Duration.ofMillis(10)).until(() -> {
            starting.forEach(ChildJvm::assertAlive);
            return ready.get() == starting.size();
        });
        go.set(true);
    }

    private long awaitDoneCount(ChildJvm child) {
        return Long.parseLong(child.awaitLine("done ", STEP).substring("done ".length()));
    }
}
