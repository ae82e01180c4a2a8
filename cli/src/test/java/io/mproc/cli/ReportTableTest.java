package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.runtime.JobReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTableTest {

    @Test
    void aJobWhoseTasksAreShorterThanTheirDispatchCostIsToldToUseFewerTasks() {
        String table = ReportTable.format(report(0.05, 800));

        assertThat(table).contains("hint", "the tasks are too short to gain", "under 0.05 ms", "0.80 ms",
                "fewer, larger tasks (--tasks)");
    }

    @Test
    void aJobWhoseTasksOutweighTheirDispatchCostGetsNoHint() {
        assertThat(ReportTable.format(report(40, 800))).doesNotContain("hint");
    }

    @Test
    void tasksOfSeveralMillisecondsGetNoHintEvenWhenARunsOneOffCostsWeighMore() {
        assertThat(ReportTable.format(report(76, 123_000))).doesNotContain("hint");
    }

    @Test
    void aClusterRunListsItsNodes() {
        JobReport local = report(40, 800);
        JobReport onCluster = new JobReport(local.job(), local.params(), 2, 8, local.result(), local.baseline(),
                local.parallel(), null, local.speedup(), local.efficiency(), local.karpFlatt(), true,
                List.of(new JobReport.WorkerShare(101, "10.0.0.5:5701", 5, 200, 0.5),
                        new JobReport.WorkerShare(101, "10.0.0.6:5701", 3, 120, 0.3)),
                List.of(new JobReport.NodeShare("10.0.0.5:5701", 1, 5, 200, 0.5),
                        new JobReport.NodeShare("10.0.0.6:5701", 1, 3, 120, 0.3)), local.taskMillis(),
                local.dispatchOverheadMicros(), 0, 1, local.environment());

        assertThat(ReportTable.format(onCluster)).contains("node", "10.0.0.5:5701", "10.0.0.6:5701", "50.0%")
                .containsPattern("101 +10\\.0\\.0\\.6:5701 +3 ");
        assertThat(ReportTable.format(local)).doesNotContain("10.0.0.5");
    }

    private static JobReport report(double p50Millis, double overheadMicros) {
        return new JobReport("primes", Map.of("limit", "1000"), 2, 8, 168L, new JobReport.Run(100),
                new JobReport.ParallelRun(60, 500), null, 1.67, 0.83, 0.2, true,
                List.of(new JobReport.WorkerShare(101, null, 4, 40, 0.66),
                        new JobReport.WorkerShare(102, null, 4, 40, 0.66)),
                null, new JobReport.Percentiles(p50Millis, p50Millis, p50Millis, p50Millis), overheadMicros, 0, 0,
                new JobReport.Environment(2, "17", "Linux"));
    }
}
