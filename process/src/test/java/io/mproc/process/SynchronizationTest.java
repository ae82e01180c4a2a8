package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.LockHold;
import io.mproc.LongValue;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The context's shared-memory synchronization objects and the manager's, held to the same behaviour. */
class SynchronizationTest {

    private final MprocContext context = MprocContext.create();

    enum Backend {
        SHARED_MEMORY(context -> context::lock, context -> context::event, context -> context::semaphore,
                context -> context::boundedSemaphore, context -> context::barrier),
        MANAGER(context -> context.manager()::lock, context -> context.manager()::event,
                context -> context.manager()::semaphore, context -> context.manager()::boundedSemaphore,
                context -> context.manager()::barrier);

        final Function<MprocContext, Supplier<SharedLock>> lock;
        final Function<MprocContext, Supplier<SharedEvent>> event;
        final Function<MprocContext, IntFunction<SharedSemaphore>> semaphore;
        final Function<MprocContext, IntFunction<SharedSemaphore>> boundedSemaphore;
        final Function<MprocContext, IntFunction<SharedBarrier>> barrier;

        Backend(Function<MprocContext, Supplier<SharedLock>> lock,
                Function<MprocContext, Supplier<SharedEvent>> event,
                Function<MprocContext, IntFunction<SharedSemaphore>> semaphore,
                Function<MprocContext, IntFunction<SharedSemaphore>> boundedSemaphore,
                Function<MprocContext, IntFunction<SharedBarrier>> barrier) {
            this.lock = lock;
            this.event = event;
            this.semaphore = semaphore;
            this.boundedSemaphore = boundedSemaphore;
            this.barrier = barrier;
        }
    }

    @AfterEach
    void close() {
        context.close();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLockMakesReadModifyWriteExactAcrossProcesses(Backend backend) {
        SharedLock lock = backend.lock.apply(context).get();
        LongValue counter = context.sharedMemory().newLongValue("counter", 0);
        List<ChildProcess> children = Stream.of(0, 1)
                .map(id -> context.process(SynchronizationTest::incrementUnderLock, lock, counter).start()).toList();
        children.forEach(ChildProcess::join);
        assertThat(children).allSatisfy(child -> assertThat(child.exitCode()).hasValue(0));
        assertThat(counter.get()).isEqualTo(2 * 20_000);
    }

    @Test
    void anUncontendedContextLockAllocatesNothing() {
        SharedLock lock = context.lock();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        for (int i = 0; i < 200_000; i++) {
            lock.acquire();
            lock.release();
        }
        long before = threads.getThreadAllocatedBytes(threadId);
        for (int i = 0; i < 100_000; i++) {
            lock.acquire();
            lock.release();
        }
        assertThat(threads.getThreadAllocatedBytes(threadId) - before).as("bytes allocated by 100,000 round trips")
                .isLessThan(1_024);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void releasingAnUnlockedLockFails(Backend backend) {
        SharedLock lock = backend.lock.apply(context).get();
        assertThatThrownBy(lock::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("release of an unlocked lock");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLockHeldElsewhereTimesOutAndIsFreeOnceReleased(Backend backend) {
        SharedLock lock = backend.lock.apply(context).get();
        ChildProcess holder = context.process(SynchronizationTest::acquireAndExit, lock).start();
        holder.join();
        long start = System.nanoTime();
        assertThat(lock.acquire(Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(200),
                Duration.ofSeconds(5));
        lock.release();
        assertThat(lock.acquire(Duration.ZERO)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSemaphoreHandsOutItsPermitsAndABoundedOneRefusesExtraReleases(Backend backend) {
        SharedSemaphore semaphore = backend.semaphore.apply(context).apply(2);
        assertThat(semaphore.acquire(Duration.ZERO)).isTrue();
        assertThat(semaphore.acquire(Duration.ZERO)).isTrue();
        assertThat(semaphore.acquire(Duration.ofMillis(50))).isFalse();
        semaphore.release();
        semaphore.release();
        semaphore.release();
        assertThat(semaphore.value()).isEqualTo(3);
        SharedSemaphore bounded = backend.boundedSemaphore.apply(context).apply(1);
        assertThatThrownBy(bounded::release).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEventSetInOneProcessWakesWaitersInOthers(Backend backend) {
        SharedEvent event = backend.event.apply(context).get();
        SharedList<Boolean> woken = context.manager().list();
        List<ChildProcess> waiters = Stream.of(0, 1)
                .map(id -> context.process(SynchronizationTest::waitForEvent, event, woken).start()).toList();
        assertThat(event.isSet()).isFalse();
        context.process(SharedEvent::set, event).start().join();
        waiters.forEach(waiter -> assertThat(waiter.join(Duration.ofSeconds(30))).isTrue());
        assertThat(woken).containsExactly(true, true);
        event.clear();
        assertThat(event.await(Duration.ofMillis(20))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBarrierReleasesItsPartiesTogetherGenerationAfterGeneration(Backend backend) {
        SharedBarrier barrier = backend.barrier.apply(context).apply(3);
        SharedList<Integer> indexes = context.manager().list();
        List<ChildProcess> children = Stream.of(0, 1)
                .map(id -> context.process(SynchronizationTest::passThreeTimes, barrier, indexes).start()).toList();
        for (int round = 0; round < 3; round++) {
            indexes.add(barrier.await(Duration.ofSeconds(30)));
        }
        children.forEach(ChildProcess::join);
        assertThat(children).allSatisfy(child -> assertThat(child.exitCode()).hasValue(0));
        assertThat(indexes).hasSize(9);
        assertThat(indexes.stream().filter(index -> index == 0)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aTimeoutBreaksTheBarrierUntilItIsReset(Backend backend) {
        SharedBarrier barrier = backend.barrier.apply(context).apply(2);
        assertThatThrownBy(() -> barrier.await(Duration.ofMillis(50))).isInstanceOf(BarrierBrokenException.class);
        assertThat(barrier.isBroken()).isTrue();
        assertThatThrownBy(() -> barrier.await(Duration.ofSeconds(5))).isInstanceOf(BarrierBrokenException.class);
        barrier.reset();
        assertThat(barrier.isBroken()).isFalse();
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> barrier.await(Duration.ofSeconds(30)));
        int mine = barrier.await(Duration.ofSeconds(30));
        assertThat(List.of(mine, other.join())).containsExactlyInAnyOrder(0, 1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void abortFailsTheWaitingPartyInAnotherProcessAndLeavesTheBarrierBrokenUntilReset(Backend backend) {
        SharedBarrier barrier = backend.barrier.apply(context).apply(3);
        assertThat(barrier.parties()).isEqualTo(3);
        SharedQueue<String> outcome = context.queue();
        ChildProcess waiter = context.process(SynchronizationTest::awaitAndTell, barrier, outcome).start();
        await().atMost(Duration.ofSeconds(30)).until(barrier::nWaiting, waiting -> waiting == 1);
        barrier.abort();
        assertThat(outcome.get(Duration.ofSeconds(30))).isEqualTo("broken");
        assertThat(waiter.join(Duration.ofSeconds(30))).isTrue();
        assertThat(barrier.isBroken()).isTrue();
        assertThat(barrier.nWaiting()).isZero();
        assertThatThrownBy(() -> barrier.await(Duration.ofSeconds(5))).isInstanceOf(BarrierBrokenException.class);
        barrier.reset();
        assertThat(barrier.isBroken()).isFalse();
        SharedBarrier pair = backend.barrier.apply(context).apply(2);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> pair.await(Duration.ofSeconds(30)));
        assertThat(List.of(pair.await(Duration.ofSeconds(30)), other.join())).containsExactlyInAnyOrder(0, 1);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void lockedTellsWhetherAnyProcessHoldsTheLock(Backend backend) {
        SharedLock lock = backend.lock.apply(context).get();
        assertThat(lock.locked()).isFalse();
        SharedEvent release = context.event();
        SharedEvent held = context.event();
        ChildProcess holder = context.process(SynchronizationTest::holdUntil, lock, held, release).start();
        assertThat(held.await(Duration.ofSeconds(30))).isTrue();
        assertThat(lock.locked()).isTrue();
        release.set();
        assertThat(holder.join(Duration.ofSeconds(30))).isTrue();
        assertThat(lock.locked()).isFalse();
        SharedLock reentrant = context.manager().reentrantLock();
        reentrant.acquire();
        assertThat(reentrant.locked()).isTrue();
        reentrant.release();
        assertThat(reentrant.locked()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReentrantLockIsHeldAgainByItsOwnerReleasedOnlyByItAndMakesUpdatesExactAcrossProcesses(Backend backend)
            throws Exception {
        SharedLock lock = backend == Backend.SHARED_MEMORY ? context.reentrantLock()
                : context.manager().reentrantLock();
        lock.acquire();
        lock.acquire();
        assertThat(lock.locked()).isTrue();
        CompletableFuture<Throwable> stranger = CompletableFuture.supplyAsync(() -> {
            try {
                lock.release();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(stranger.get()).isInstanceOf(IllegalMonitorStateException.class);
        lock.release();
        assertThat(lock.locked()).as("held once more").isTrue();
        lock.release();
        assertThat(lock.locked()).isFalse();
        LongValue counter = context.sharedMemory().newLongValue("reentrant-counter", 0);
        List<ChildProcess> children = Stream.of(0, 1)
                .map(id -> context.process(SynchronizationTest::incrementUnderLock, lock, counter).start()).toList();
        children.forEach(child -> assertThat(child.join(Duration.ofSeconds(60))).isTrue());
        assertThat(counter.get()).isEqualTo(2 * 20_000);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void waitForReturnsOnceAnotherProcessMakesThePredicateTrue(Backend backend) {
        SharedCondition condition = condition(backend);
        LongValue ready = context.sharedMemory().newLongValue("ready", 0);
        condition.acquire();
        try {
            assertThat(condition.waitFor(() -> ready.get() == 1, Duration.ofMillis(50))).isFalse();
            context.process(SynchronizationTest::setAndSignal, condition, ready).start();
            assertThat(condition.waitFor(() -> ready.get() == 1, Duration.ofSeconds(30))).isTrue();
        } finally {
            condition.release();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void signalOfNWakesNWaitersInOtherProcesses(Backend backend) {
        SharedCondition condition = condition(backend);
        SharedList<String> woken = context.manager().list();
        SharedQueue<String> ready = context.queue();
        List<ChildProcess> waiters = Stream.of(0, 1, 2)
                .map(id -> context.process(SynchronizationTest::awaitSignal, condition, ready, woken).start())
                .toList();
        for (int i = 0; i < 3; i++) {
            assertThat(ready.get(Duration.ofSeconds(30))).isEqualTo("ready");
        }
        condition.acquire();
        condition.signal(2);
        condition.release();
        await().atMost(Duration.ofSeconds(30)).until(woken::size, size -> size == 2);
        condition.acquire();
        assertThat(woken).as("the third waiter is still waiting").hasSize(2);
        condition.signalAll();
        condition.release();
        waiters.forEach(waiter -> assertThat(waiter.join(Duration.ofSeconds(30))).isTrue());
        assertThat(woken).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theLastPartyToArriveRunsTheActionOnceBeforeAnyPartyIsReleased(Backend backend) throws Exception {
        String marker = Files.createTempFile("barrier-action", ".txt").toString();
        SharedBarrier barrier = barrierWithAction(backend, () -> Files.writeString(Path.of(marker), "ran\n",
                StandardOpenOption.APPEND), null);
        SharedQueue<String> seen = context.queue();
        ChildProcess child = context.process(SynchronizationTest::awaitThenReadMarker, barrier, marker, seen).start();
        barrier.await(Duration.ofSeconds(30));
        assertThat(Files.readString(Path.of(marker))).isEqualTo("ran\n");
        assertThat(seen.get(Duration.ofSeconds(30))).isEqualTo("ran\n");
        assertThat(child.join(Duration.ofSeconds(30))).isTrue();
        Files.delete(Path.of(marker));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anActionThatThrowsFailsTheLastPartyAndBreaksTheBarrierForTheOthers(Backend backend) {
        SharedBarrier barrier = barrierWithAction(backend, () -> {
            throw new IllegalStateException("the action failed");
        }, null);
        CompletableFuture<String> other = CompletableFuture.supplyAsync(() -> outcomeOf(barrier));
        List<String> outcomes = List.of(outcomeOf(barrier), other.join());
        assertThat(outcomes).containsExactlyInAnyOrder("IllegalStateException", "BarrierBrokenException");
        assertThat(barrier.isBroken()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBarriersDefaultTimeoutBreaksItWhenTooFewPartiesArrive(Backend backend) {
        SharedBarrier barrier = barrierWithAction(backend, null, Duration.ofMillis(100));
        assertThatThrownBy(barrier::await).isInstanceOf(BarrierBrokenException.class);
        assertThat(barrier.isBroken()).isTrue();
    }

    @Test
    void theContextsObjectsLiveInSharedMemoryNotAtTheManager() {
        assertThat(context.lock().handle()).startsWith(SharedMemorySync.HANDLE_PREFIX);
        assertThat(context.barrier(2).handle()).startsWith(SharedMemorySync.HANDLE_PREFIX);
        assertThat(context.manager().lock().handle()).doesNotStartWith(SharedMemorySync.HANDLE_PREFIX);
    }

    private static void incrementUnderLock(SharedLock lock, LongValue counter) {
        for (int i = 0; i < 20_000; i++) {
            try (LockHold hold = lock.hold()) {
                counter.set(counter.get() + 1);
            }
        }
    }

    private SharedCondition condition(Backend backend) {
        return backend == Backend.SHARED_MEMORY ? context.condition() : context.manager().condition();
    }

    private SharedBarrier barrierWithAction(Backend backend, ProcessTarget action, Duration timeout) {
        return backend == Backend.SHARED_MEMORY ? context.barrier(2, action, timeout)
                : context.manager().barrier(2, action, timeout);
    }

    private static String outcomeOf(SharedBarrier barrier) {
        try {
            barrier.await(Duration.ofSeconds(30));
            return "passed";
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    private static void awaitThenReadMarker(SharedBarrier barrier, String marker, SharedQueue<String> seen)
            throws Exception {
        barrier.await(Duration.ofSeconds(30));
        seen.put(Files.readString(Path.of(marker)));
    }

    private static void awaitAndTell(SharedBarrier barrier, SharedQueue<String> outcome) {
        try {
            barrier.await(Duration.ofSeconds(60));
            outcome.put("passed");
        } catch (BarrierBrokenException e) {
            outcome.put("broken");
        }
    }

    private static void holdUntil(SharedLock lock, SharedEvent held, SharedEvent release) {
        try (LockHold hold = lock.hold()) {
            held.set();
            release.await();
        }
    }

    private static void setAndSignal(SharedCondition condition, LongValue ready) {
        condition.acquire();
        ready.set(1);
        condition.signalAll();
        condition.release();
    }

    /** Says it is ready while it holds the lock, which only its await then lets go of. */
    private static void awaitSignal(SharedCondition condition, SharedQueue<String> ready, SharedList<String> woken) {
        condition.acquire();
        try {
            ready.put("ready");
            if (condition.await(Duration.ofSeconds(60))) {
                woken.add("woken");
            }
        } finally {
            condition.release();
        }
    }

    private static void acquireAndExit(SharedLock lock) {
        lock.acquire();
    }

    private static void waitForEvent(SharedEvent event, SharedList<Boolean> woken) {
        woken.add(event.await(Duration.ofSeconds(20)));
    }

    private static void passThreeTimes(SharedBarrier barrier, SharedList<Integer> indexes) {
        for (int round = 0; round < 3; round++) {
            indexes.add(barrier.await(Duration.ofSeconds(30)));
        }
    }
}
