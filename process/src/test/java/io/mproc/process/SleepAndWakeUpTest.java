package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SleepAndWakeUpTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    /**
     * The waker sleeps for up to ten minutes and the test's own limit is one: only the producer's wake-up ends the
     * sleep in time. A lost wake-up costs a real wait at most 50 ms, when its checks run, so only this shows one.
     */
    @Test
    @Timeout(60)
    void aPutInAnotherProcessWakesAConsumerAsleepOnTheQueue() throws Exception {
        SharedQueue<Integer> queue = context.queue();
        sleepUntilWoken(queue.ring.sleepers, () -> context.process(SleepAndWakeUpTest::put, queue, 42).start());
        assertThat(queue.get(Duration.ofSeconds(30))).isEqualTo(42);
    }

    /** As above, for the synchronization objects in shared memory: an event set elsewhere ends the sleep. */
    @Test
    @Timeout(60)
    void anEventSetInAnotherProcessWakesAThreadAsleepOnIt() throws Exception {
        SharedMemorySync sync = SharedMemorySync.event(context.directory().resolve("woken.sync"));
        sleepUntilWoken(sync.sleepers, () -> context.process(SharedEvent::set, new SharedEvent(sync)).start());
        assertThat(new SharedEvent(sync).isSet()).isTrue();
    }

    @Test
    void aLockReleasedInAnotherProcessEndsAnAcquireAsleep() {
        SharedLock lock = context.lock();
        lock.acquire();
        SharedQueue<String> go = context.queue();
        context.process(SleepAndWakeUpTest::releaseWhenTold, lock, go).start();
        tellOnceAsleep(Thread.currentThread(), go);
        assertThat(lock.acquire(Duration.ofSeconds(30))).isTrue();
    }

    @Test
    void aSendInAnotherProcessEndsARecvAsleep() throws Exception {
        Pipe pipe = context.pipe();
        SharedQueue<String> go = context.queue();
        SharedQueue<Object> received = context.queue();
        Thread receiver = new Thread(() -> received.put(pipe.first().recv()));
        receiver.start();
        context.process(SleepAndWakeUpTest::sendWhenTold, pipe.second(), go).start();
        awaitAsleep(receiver);
        go.put("go");
        assertThat(received.get(Duration.ofSeconds(30))).isEqualTo("late");
        receiver.join();
    }

    @Test
    void aWaitOnSeveralQueuesAsleepReturnsTheOneAPutInAnotherProcessFilledAndLeavesNoneEnlisted() {
        SharedQueue<Integer> quiet = context.queue();
        SharedQueue<Integer> filled = context.queue();
        SharedQueue<String> go = context.queue();
        context.process(SleepAndWakeUpTest::putWhenTold, filled, go).start();
        tellOnceAsleep(Thread.currentThread(), go);
        assertThat(Connections.wait(List.of(quiet, filled), Duration.ofSeconds(30))).containsExactly(filled);
        assertEverySlotFree(quiet.ring.sleepers);
        assertEverySlotFree(filled.ring.sleepers);
    }

    @Test
    void aGetThatTimesOutLeavesNoConsumerEnlisted() {
        SharedQueue<Integer> queue = context.queue();
        assertThatThrownBy(() -> queue.get(Duration.ofMillis(200))).isInstanceOf(QueueEmptyException.class);
        assertEverySlotFree(queue.ring.sleepers);
    }

    @Test
    void aGetInterruptedWhileAsleepThrowsAndLeavesNoConsumerEnlisted() throws Exception {
        SharedQueue<Integer> queue = context.queue();
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            awaitAsleep(caller);
            caller.interrupt();
        });
        interrupter.start();
        assertThatThrownBy(queue::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isTrue();
        interrupter.join();
        assertEverySlotFree(queue.ring.sleepers);
    }

    /** Enlists a waker of this process with the sleepers, starts what should wake it, and sleeps until it does. */
    private static void sleepUntilWoken(Sleepers sleepers, Runnable start) throws IOException {
        Waker waker = Waker.borrow(sleepers.directory);
        try {
            assertThat(sleepers.enlist(waker.id)).isNotNegative();
            start.run();
            waker.sleep(TimeUnit.MINUTES.toNanos(10));
        } finally {
            waker.giveBack();
        }
    }

    /** Tells the child to go on, from another thread, once the thread sleeps on a waker. */
    private static void tellOnceAsleep(Thread thread, SharedQueue<String> go) {
        new Thread(() -> {
            awaitAsleep(thread);
            go.put("go");
        }).start();
    }

    /** Waits until the thread sleeps on a waker. */
    private static void awaitAsleep(Thread thread) {
        await().atMost(Duration.ofSeconds(30)).until(() -> Arrays.stream(thread.getStackTrace()).anyMatch(
                frame -> frame.getClassName().equals(Waker.class.getName()) && frame.getMethodName().equals("sleep")));
    }

    private static void assertEverySlotFree(Sleepers sleepers) {
        for (int slot = 0; slot < Sleepers.SLOTS; slot++) {
            assertThat(sleepers.enlist(slot + 1)).isEqualTo(slot);
        }
    }

    private static void put(SharedQueue<Integer> queue, Integer item) {
        queue.put(item);
    }

    private static void putWhenTold(SharedQueue<Integer> queue, SharedQueue<String> go) {
        go.get();
        queue.put(7);
    }

    private static void releaseWhenTold(SharedLock lock, SharedQueue<String> go) {
        go.get();
        lock.release();
    }

    private static void sendWhenTold(Connection connection, SharedQueue<String> go) {
        go.get();
        connection.send("late");
    }
}
