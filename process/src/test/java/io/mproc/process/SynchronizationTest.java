package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.LockHold;
import io.mproc.LongValue;
import java.lang.management.ManagementFactory;
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
    void aTimeoutBreaksTheBarrierUntilItIsAborted(Backend backend) {
        SharedBarrier barrier = backend.barrier.apply(context).apply(2);
        assertThatThrownBy(() -> barrier.await(Duration.ofMillis(50))).isInstanceOf(BarrierBrokenException.class);
        assertThatThrownBy(() -> barrier.await(Duration.ofSeconds(5))).isInstanceOf(BarrierBrokenException.class);
        barrier.abort();
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> barrier.await(Duration.ofSeconds(30)));
        int mine = barrier.await(Duration.ofSeconds(30));
        assertThat(List.of(mine, other.join())).containsExactlyInAnyOrder(0, 1);
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
