package io.mproc.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
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
            try (SharedLock.Hold hold = lock.hold()) {
                counter.set("n", (Integer) counter.get("n") + 1);
            }
        }
    }
}
