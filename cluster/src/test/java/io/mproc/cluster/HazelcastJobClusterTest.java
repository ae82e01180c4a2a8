package io.mproc.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mproc.Job;
import io.mproc.PoolSettings;
import io.mproc.TaskFailedException;
import io.mproc.runtime.JobReport;
import io.mproc.runtime.JobRunner;
import io.mproc.runtime.Jobs;
import io.mproc.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Two nodes in this JVM (each a member with its own worker JVMs) and a coordinator that runs jobs on them. */
class HazelcastJobClusterTest extends TwoNodeTest {

    private static final ClusterToken TOKEN = ClusterToken.of("a token for the tests of the cluster");

    @TempDir
    Path output;

    @Override
    ClusterToken token() {
        return TOKEN;
    }

    static Stream<Arguments> builtInJobs() {
        return Stream.of(
                Arguments.of("primes", Map.of("limit", "2000000")),
                Arguments.of("nqueens", Map.of("n", "10")),
                Arguments.of("pi", Map.of("samples", "1000000")),
                Arguments.of("mandelbrot", Map.of("width", "160", "height", "90", "iterations", "200")),
                Arguments.of("matmul", Map.of("n", "48", "seed", "3")),
                Arguments.of("hash", Map.of("bits", "12")),
                Arguments.of("wordcount", Map.of("words", "100000", "vocabulary", "1000")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("builtInJobs")
    void everyBuiltInJobGivesTheSameResultOnTheClusterAsInOneThread(String name, Map<String, String> parameters)
            throws Exception {
        JobReport report = run(name, parameters, 24);

        assertThat(report.resultsMatch()).as("cluster result %s", report.result()).isTrue();
        assertThat(report.workers()).isEqualTo(2);
        assertThat(report.nodes()).extracting(JobReport.NodeShare::address)
                .containsExactlyInAnyOrder(first.address(), second.address());
        assertThat(report.nodes()).allSatisfy(node -> assertThat(node.workers()).isEqualTo(1));
        assertThat(report.nodes().stream().mapToInt(JobReport.NodeShare::tasks).sum()).isEqualTo(report.tasks());
        assertThat(report.perWorker()).hasSize(2).allSatisfy(worker ->
                assertThat(worker.node()).isIn(first.address(), second.address()));
    }

    @Test
    void theClusterListsItsNodesAndTheirWorkers() {
        assertThat(cluster.nodes()).extracting(ClusterNode::address)
                .containsExactlyInAnyOrder(first.address(), second.address());
        assertThat(cluster.workers()).isEqualTo(2);
        assertThat(cluster.nodes()).allSatisfy(node -> assertThat(node.version()).isEqualTo(
                HazelcastConfigs.VERSION));
    }

    @Test
    void countersAddUpAndEveryTaskWritesItsOwnElementAcrossNodes() throws Exception {
        JobReport report = run("cluster-counting", Map.of(), 40);

        long squares = 0;
        for (long i = 0; i < 40; i++) {
            squares += i * i;
        }
        assertThat(report.result()).isEqualTo(new CountingJob.Totals(40, squares));
        assertThat(report.resultsMatch()).isTrue();
    }

    @Test
    void aTaskThatThrowsFailsTheRunWithItsExceptionAndItsNode() {
        Job<?, ?> job = Jobs.find("cluster-counting");
        assertThatThrownBy(() -> new JobRunner(options(8, false), cluster).run(job,
                Jobs.parameters(job, Map.of("fail", "5"))))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("task 5 was told to fail")
                .hasMessageContaining("on node 127.0.0.1:");
    }

    @Test
    void aRunGivenUpWhileATaskHangsLeavesNoWorkerBusyWithIt() throws Exception {
        Job<?, ?> job = Jobs.find("cluster-counting");
        Path hanging = output.resolve("hanging");
        Thread coordinator = new Thread(() -> {
            try {
                new JobRunner(options(4, false), cluster).run(job, Jobs.parameters(job,
                        Map.of("hang", "0", "hanging", hanging.toString())));
            } catch (Exception e) {
                // given up by the interrupt below
            }
        }, "coordinator-of-a-hanging-run");
        coordinator.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(hanging));
        } finally {
            coordinator.interrupt();
            coordinator.join(Duration.ofSeconds(30).toMillis());
        }

        assertThat(coordinator.isAlive()).as("the coordinator gave the run up").isFalse();
        CompletableFuture<JobReport> next = CompletableFuture.supplyAsync(() -> {
            try {
                return run("cluster-counting", Map.of(), 4);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        assertThat(next.get(60, TimeUnit.SECONDS).result())
                .as("the next run finds every node's worker free: the hanging task was cancelled with its run")
                .isEqualTo(new CountingJob.Totals(4, 14));
    }

    @Test
    void aCoordinatorWithAnotherTokenIsRefusedAndTheNodeLogsIt() throws Exception {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord entry) {
                logged.add(entry);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger nodeLog = Logger.getLogger(NodeAgent.class.getName());
        nodeLog.addHandler(handler);
        ClusterToken wrong = ClusterToken.of("not the token the nodes were given");
        try (HazelcastJobCluster intruder = HazelcastJobCluster.connect(
                LocalNodes.settings(first.address(), wrong))) {
            assertThatThrownBy(() -> new JobRunner(options(4, false), intruder).run(Jobs.find("pi"),
                    Jobs.parameters(Jobs.find("pi"), Map.of("samples", "1000"))))
                    .hasMessageContaining("refused the request: the cluster token differs");
        } finally {
            nodeLog.removeHandler(handler);
        }
        assertThat(logged).anySatisfy(entry -> assertThat(entry.getMessage())
                .contains("refused a request whose message is not signed with this cluster's token"));
    }

    @Test
    void aRunLeavesNoFileOnTheNodes() throws Exception {
        run("pi", Map.of("samples", "100000"), 8);

        Path runs = first.runsDirectory();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (Stream<Path> files = Files.list(runs)) {
                assertThat(files).isEmpty();
            }
        });
    }

    @Test
    void eachNodePublishesTheTasksItRanWithinSeconds() throws Exception {
        long before = cluster.nodes().stream().mapToLong(ClusterNode::done).sum();

        run("pi", Map.of("samples", "10000"), 8);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<ClusterNode> nodes = cluster.nodes();
            assertThat(nodes.stream().mapToLong(ClusterNode::done).sum()).isGreaterThanOrEqualTo(before + 8);
            assertThat(nodes).allSatisfy(node -> assertThat(node.running()).isZero());
        });
    }

    @Test
    void aNodeRefusesWorkFromAnotherMprocVersionSayingWhichVersions() {
        String refusal = Sealed.refusalOf(first.handle(NodeCall.Kind.TASKS, "0.0.1-other", new byte[0]));

        assertThat(refusal).contains("runs mproc " + HazelcastConfigs.VERSION,
                "refuses work from mproc 0.0.1-other", "run the same mproc version on every machine");
    }

    @Test
    void aStartingNodeDeletesTheRunFilesOfNodesThatWereKilled() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = first.runsDirectory().resolveSibling("mproc-node-" + gone.pid());
        Files.createDirectories(stale.resolve("run"));
        Files.writeString(stale.resolve("run").resolve("mproc-1-0.shm"), "left by a killed node");

        try (NodeAgent third = NodeAgent.start(LocalNodes.options(1, List.of(first.address()), TOKEN))) {
            assertThat(stale).doesNotExist();
            assertThat(first.runsDirectory()).exists();
        }
    }

    private JobReport run(String name, Map<String, String> parameters, int tasks) throws Exception {
        Job<?, ?> job = Jobs.find(name);
        return new JobRunner(options(tasks, true), cluster).run(job, Jobs.parameters(job, parameters));
    }

    private RunOptions options(int tasks, boolean baseline) {
        PoolSettings pool = new PoolSettings(1, List.of(), List.of(), Map.of(), 0, Duration.ZERO, 2, 0);
        return new RunOptions(pool, tasks, baseline, false, output, 16L << 20, (worker, stderr, line) -> { },
                (done, total) -> { });
    }
}
