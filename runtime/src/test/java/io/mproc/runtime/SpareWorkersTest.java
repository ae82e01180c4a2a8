package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mproc.testing.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SpareWorkersTest {

    private static final List<Integer> INPUTS = IntStream.range(0, 200).boxed().toList();
    private static final List<Integer> SQUARES = INPUTS.stream().map(x -> x * x).toList();

    @Test
    void aPoolBuiltAfterSparesTakesThemInsteadOfStartingWorkers() throws Exception {
        Set<Long> before = children();
        Pool.builder().workers(2).startSpareWorkers(2).started().get(60, TimeUnit.SECONDS);
        Set<Long> spares = children();
        spares.removeAll(before);

        try (Pool pool = Pool.builder().workers(2).build()) {
            assertThat(pool.map(Tasks::square, INPUTS)).isEqualTo(SQUARES);
            assertThat(pool.awaitReady(Duration.ofSeconds(30))).isTrue();
            assertThat(pool.workers()).extracting(WorkerInfo::pid).containsExactlyInAnyOrderElementsOf(spares);
        }
        assertThat(spares).hasSize(2).allSatisfy(pid -> assertThat(alive(pid)).isFalse());
    }

    @Test
    void sparesStartedWithOtherSettingsAreNotTakenAndEndWhenTheirWaitRunsOut() throws Exception {
        Set<Long> before = children();
        Pool.builder().workers(1).systemProperty("mproc.worker.spareSeconds", "2").startSpareWorkers(1)
                .started().get(60, TimeUnit.SECONDS);
        Set<Long> spares = children();
        spares.removeAll(before);

        try (Pool pool = Pool.builder().workers(1).build()) {
            assertThat(pool.map(Tasks::pid, List.of(1))).doesNotContainAnyElementsOf(spares);
        }
        assertThat(spares).hasSize(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> spares.stream().noneMatch(SpareWorkersTest::alive));
    }

    @Test
    void closingTheSparesEndsThoseThatNoPoolTook() throws Exception {
        Set<Long> before = children();
        Set<Long> spares;
        try (SpareWorkers started = Pool.builder().workers(1).startSpareWorkers(2)) {
            started.started().get(60, TimeUnit.SECONDS);
            spares = children();
            spares.removeAll(before);
            try (Pool pool = Pool.builder().workers(1).build()) {
                assertThat(pool.map(Tasks::pid, List.of(1)).get(0)).isIn(spares);
            }
        }

        assertThat(spares).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> spares.stream().noneMatch(SpareWorkersTest::alive));
    }

    @Test
    void sparesEndWithTheJvmThatStartedThem() {
        List<Long> spares = new ArrayList<>();
        try (ChildJvm coordinator = ChildJvm.start(List.of(), SpareWorkersMain.class)) {
            for (String line : coordinator.awaitLinesUntil("returning", Duration.ofSeconds(60))) {
                if (line.startsWith("spare ")) {
                    spares.add(Long.parseLong(line.substring("spare ".length())));
                }
            }
            coordinator.awaitExit(Duration.ofSeconds(30));
        }
        assertThat(spares).hasSize(2);
        await().atMost(Duration.ofSeconds(20)).until(() -> spares.stream().noneMatch(SpareWorkersTest::alive));
    }

    private static Set<Long> children() {
        return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
