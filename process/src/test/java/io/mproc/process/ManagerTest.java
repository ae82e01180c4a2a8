package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.LockHold;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManagerTest {

    private final MprocContext context = MprocContext.create();

    @AfterEach
    void close() {
        context.close();
    }

    @Test
    void twoChildrenAppendingTenThousandItemsEachLeaveTwentyThousand() {
        SharedList<Integer> list = context.manager().list();
        List<ChildProcess> children = Stream.of(0, 1)
                .map(id -> context.process(ManagerTest::appendTenThousand, list, id).start()).toList();
        children.forEach(ChildProcess::join);
        assertThat(children).allSatisfy(child -> assertThat(child.exitCode()).hasValue(0));
        assertThat(list).hasSize(20_000);
        assertThat(list.copy()).doesNotHaveDuplicates();
    }

    @Test
    void aBarrierOfThreeProcessesReleasesAllThree() {
        SharedBarrier barrier = context.barrier(3);
        SharedDict<String, Integer> arrivals = context.manager().dict();
        List<ChildProcess> children = Stream.of("a", "b", "c")
                .map(name -> context.process(ManagerTest::passBarrier, barrier, arrivals, name).start()).toList();
        children.forEach(child -> assertThat(child.join(Duration.ofSeconds(30))).isTrue());
        assertThat(children).allSatisfy(child -> assertThat(child.exitCode()).hasValue(0));
        assertThat(arrivals.values()).containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void anEventSetInOneProcessWakesAWaiterInAnother() {
        SharedEvent event = context.event();
        SharedNamespace namespace = context.manager().namespace();
        ChildProcess waiter = context.process(ManagerTest::waitForEvent, event, namespace).start();
        ChildProcess setter = context.process(SharedEvent::set, event).start();
        setter.join();
        assertThat(waiter.join(Duration.ofSeconds(30))).isTrue();
        assertThat(waiter.exitCode()).hasValue(0);
        assertThat((Boolean) namespace.get("woken")).isTrue();
    }

    @Test
    void aLockMakesReadModifyWriteAtomicAcrossProcesses() {
        SharedLock lock = context.lock();
        SharedNamespace counter = context.manager().namespace();
        counter.set("n", 0);
        List<ChildProcess> children = Stream.of(0, 1)
                .map(id -> context.process(ManagerTest::incrementUnderLock, lock, counter).start()).toList();
        children.forEach(ChildProcess::join);
        assertThat((Integer) counter.get("n")).isEqualTo(2_000);
    }

    @Test
    void aChildSendsAndReadsValuesLargerThanAChannelSlot() {
        SharedList<String> list = context.manager().list();
        ChildProcess child = context.process(ManagerTest::appendLargeAndCheckCopy, list).start();
        child.join();
        assertThat(child.exitCode()).hasValue(0);
        assertThat(list).hasSize(3).allSatisfy(item -> assertThat(item).hasSize(100_000));
    }

    @Test
    void aFailureAtTheManagerIsRaisedInTheChildAsTheSameException() {
        SharedList<Integer> list = context.manager().list();
        SharedNamespace outcome = context.manager().namespace();
        ChildProcess child = context.process(ManagerTest::readPastTheEnd, list, outcome).start();
        child.join();
        assertThat((String) outcome.get("failure")).isEqualTo(IndexOutOfBoundsException.class.getName());
    }

    @Test
    void aChildsChannelsAreDeletedWhenItEnds() {
        SharedList<Integer> list = context.manager().list();
        ChildProcess child = context.process(ManagerTest::appendTenThousand, list, 0).start();
        child.join();
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            try (Stream<Path> files = Files.list(context.directory())) {
                assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.endsWith(".ring"));
            }
        });
    }

    @Test
    void aChildThreadInterruptedInAManagerCallGetsIllegalStateExceptionAndItsNextCallWorks() {
        SharedLock lock = context.manager().lock();
        SharedNamespace outcome = context.manager().namespace();
        lock.acquire();
        try {
            ChildProcess child = context.process(ManagerTest::acquireWhileInterrupted, lock, outcome).start();
            assertThat(child.join(Duration.ofSeconds(30))).isTrue();
            assertThat(child.exitCode()).hasValue(0);
        } finally {
            lock.release();
        }
        assertThat((String) outcome.get("outcome"))
                .isEqualTo("IllegalStateException, interrupt flag set, interrupted while waiting for the manager");
    }

    /**
     * Another thread interrupts this one while it sends its call, spins for the reply or sleeps on the channel: each
     * ends the same way. The lock is held by the parent, so no reply comes.
     */
    private static void acquireWhileInterrupted(SharedLock lock, SharedNamespace outcome) throws InterruptedException {
        Thread caller = Thread.currentThread();
        Thread interrupter = new Thread(caller::interrupt);
        interrupter.start();
        try {
            lock.acquire();
            outcome.set("outcome", "acquired");
        } catch (RuntimeException e) {
            boolean flagSet = Thread.interrupted();
            String type = e instanceof IllegalStateException ? "IllegalStateException" : e.getClass().getName();
            outcome.set("outcome", type + ", interrupt flag " + (flagSet ? "set" : "clear") + ", " + e.getMessage());
        }
        interrupter.join();
    }

    private static void appendLargeAndCheckCopy(SharedList<String> list) {
        for (char letter : "abc".toCharArray()) {
            list.add(String.valueOf(letter).repeat(100_000));
        }
        if (!list.copy().get(2).equals("c".repeat(100_000))) {
            throw new IllegalStateException("the copy differs");
        }
    }

    private static void readPastTheEnd(SharedList<Integer> list, SharedNamespace outcome) {
        try {
            list.get(5);
        } catch (RuntimeException e) {
            outcome.set("failure", e.getClass().getName());
        }
    }

    private static void appendTenThousand(SharedList<Integer> list, Integer id) {
        for (int i = 0; i < 10_000; i++) {
            list.add(id * 10_000 + i);
        }
    }

    private static void passBarrier(SharedBarrier barrier, SharedDict<String, Integer> arrivals, String name) {
        arrivals.put(name, barrier.await(Duration.ofSeconds(20)));
    }

    private static void waitForEvent(SharedEvent event, SharedNamespace namespace) {
        namespace.set("woken", event.await(Duration.ofSeconds(20)));
    }

    private static void incrementUnderLock(SharedLock lock, SharedNamespace counter) {
        for (int i = 0; i < 1_000; i++) {
            try (LockHold hold = lock.hold()) {
                counter.set("n", (Integer) counter.get("n") + 1);
            }
        }
    }
}
