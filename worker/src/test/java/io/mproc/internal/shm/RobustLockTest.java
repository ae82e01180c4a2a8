package io.mproc.internal.shm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.LockHold;
import io.mproc.LongValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustLockTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long PID = ProcessHandle.current().pid();

    @TempDir
    Path directory;

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private SharedSegment segment;
    private LongValue counter;
    private int lockWord;

    @BeforeEach
    void createSegment() {
        segment = SharedSegment.create(directory, 1024 * 1024);
        counter = segment.newLongValue("counter", 0, true);
        lockWord = SegmentLayout.DATA_OFFSET + SegmentLayout.LOCK_OFFSET;
    }

    @AfterEach
    void closeSegment() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        segment.close();
    }

    @Test
    void closingTheHoldFreesTheLock() {
        try (LockHold hold = counter.lock()) {
            assertThat(hold.previousHolderDied()).isFalse();
            assertThat(segment.buffer().getLongVolatile(lockWord)).isNotZero();
        }
        assertThat(segment.buffer().getLongVolatile(lockWord)).isZero();
    }

    @Test
    void lockWordNamesTheHoldingProcessAndThread() {
        try (LockHold hold = counter.lock()) {
            long word = segment.buffer().getLongVolatile(lockWord);
            assertThat(word >>> 32).isEqualTo(PID);
            assertThat(word & 0xFFFF_FFFFL).isEqualTo(Thread.currentThread().getId());
        }
    }

    @Test
    void tryLockGivesUpAfterTheTimeoutWhileAnotherThreadHolds() throws Exception {
        CountDownLatch release = holdInAnotherThread();
        long start = System.nanoTime();
        assertThat(counter.tryLock(Duration.ofMillis(50))).isNull();
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(counter.tryLock(Duration.ZERO)).isNull();
        release.countDown();
    }

    @Test
    void waiterGetsTheLockOnceTheHolderReleasesIt() throws Exception {
        CountDownLatch release = holdInAnotherThread();
        Future<Boolean> waiter = threads.submit(() -> {
            try (LockHold hold = counter.lock()) {
                return hold.previousHolderDied();
            }
        });
        release.countDown();
        assertThat(waiter.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();
    }

    @Test
    void threadsIncrementingUnderTheLockLoseNoUpdate() throws Exception {
        int threadCount = 4;
        int iterations = 100_000;
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            workers.add(threads.submit(() -> {
                for (int i = 0; i < iterations; i++) {
                    try (LockHold hold = counter.lock()) {
                        counter.set(counter.get() + 1);
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(counter.get()).isEqualTo((long) threadCount * iterations);
    }

    @Test
    void lockIsNotReentrant() {
        try (LockHold hold = counter.lock()) {
            assertThatThrownBy(counter::lock)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("this thread already holds the lock of 'counter': the lock is not reentrant, release"
                            + " it before acquiring it again");
            assertThatThrownBy(() -> counter.tryLock(Duration.ZERO)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> counter.tryLock(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void closingAHoldTwiceFails() {
        LockHold hold = counter.lock();
        hold.close();
        assertThatThrownBy(hold::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("this thread does not hold the lock of 'counter': close each LockHold once, in the"
                        + " thread that acquired it");
    }

    @Test
    void closingAHoldInAnotherThreadFails() throws Exception {
        try (LockHold hold = counter.lock()) {
            Future<?> stranger = threads.submit(hold::close);
            assertThatThrownBy(() -> stranger.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(segment.buffer().getLongVolatile(lockWord)).isEqualTo(RobustLock.ownerId());
        }
    }

    @Test
    void lockHeldByADeadProcessIsTakenOverWithinOneSecond() {
        segment.buffer().putLongVolatile(lockWord, ProcessIds.deadPid() << 32 | 1);
        long start = System.nanoTime();
        try (LockHold hold = counter.lock()) {
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(hold.previousHolderDied()).isTrue();
        }
        try (LockHold hold = counter.lock()) {
            assertThat(hold.previousHolderDied()).isFalse();
        }
    }

    @Test
    void tryLockWithZeroTimeoutTakesOverFromADeadProcessAtOnce() {
        segment.buffer().putLongVolatile(lockWord, ProcessIds.deadPid() << 32 | 1);
        try (LockHold hold = counter.tryLock(Duration.ZERO)) {
            assertThat(hold).isNotNull();
            assertThat(hold.previousHolderDied()).isTrue();
        }
    }

    @Test
    void lockHeldByAThreadOfALiveProcessIsNotTakenOver() {
        segment.buffer().putLongVolatile(lockWord, PID << 32 | 0xFFFF_FFFFL);
        assertThat(counter.tryLock(Duration.ofMillis(2 * RobustLock.LIVENESS_CHECK_INTERVAL_NANOS / 1_000_000)))
                .isNull();
    }

    @Test
    void interruptDoesNotEndTheWaitAndIsRestoredOnceTheLockIsHeld() throws Exception {
        CountDownLatch release = holdInAnotherThread();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            try (LockHold hold = counter.lock()) {
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        await().atMost(WAIT).until(() -> waiter.getState() == Thread.State.TIMED_WAITING);
        waiter.interrupt();
        await().atMost(WAIT).until(() -> !waiter.isInterrupted() && waiter.getState() == Thread.State.TIMED_WAITING);
        assertThat(waiter.isAlive()).isTrue();
        release.countDown();
        waiter.join(WAIT.toMillis());
        assertThat(waiter.isAlive()).isFalse();
        assertThat(interruptedAfter).isTrue();
    }

    /** Takes the lock in a pool thread and keeps it until the returned latch is counted down. */
    private CountDownLatch holdInAnotherThread() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = new CompletableFuture<>();
        threads.submit(() -> {
            try (LockHold hold = counter.lock()) {
                held.complete(null);
                release.await();
            }
            return null;
        });
        held.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return release;
    }
}
