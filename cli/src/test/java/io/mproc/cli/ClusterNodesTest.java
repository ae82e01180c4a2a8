package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mproc.Job;
import io.mproc.PoolSettings;
import io.mproc.TaskFunction;
import io.mproc.cluster.ClusterSettings;
import io.mproc.cluster.ClusterToken;
import io.mproc.cluster.HazelcastJobCluster;
import io.mproc.internal.shm.SharedSegment;
import io.mproc.runtime.JobReport;
import io.mproc.runtime.JobRunner;
import io.mproc.runtime.Jobs;
import io.mproc.runtime.Pool;
import io.mproc.runtime.RunOptions;
import io.mproc.runtime.WorkerInfo;
import io.mproc.runtime.metrics.Dashboard;
import io.mproc.runtime.metrics.DashboardState;
import io.mproc.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Three real {@code mproc node} JVMs on loopback, and what a node's or a coordinator's sudden death does. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterNodesTest {

    private static final String NAME = "mproc-it-" + ProcessHandle.current().pid();
    private static final Duration NODE_START = Duration.ofSeconds(120);
    private static final List<Integer> INPUTS = IntStream.range(0, 3000).boxed().toList();
    private static final List<Long> CUBES = INPUTS.stream().map(x -> (long) x * x * x).toList();

    @TempDir
    static Path dir;

    private Path tokenFile;
    private final List<ChildJvm> nodes = new ArrayList<>();
    private String first;
    private int port;

    @BeforeAll
    void startNodes() throws Exception {
        tokenFile = Files.writeString(dir.resolve("token"), "the token of the cluster tests\n");
        port = 30_000 + ThreadLocalRandom.current().nextInt(300) * 100;
        nodes.add(node(port, List.of()));
        first = nodes.get(0).awaitLine("ready ", NODE_START).split(" ")[1];
        nodes.add(node(port + 1, List.of("--join", first)));
        nodes.add(node(port + 2, List.of("--join", first)));
        for (ChildJvm node : nodes.subList(1, 3)) {
            node.awaitLine("ready ", NODE_START);
        }
    }

    /**
     * Stops the nodes as Ctrl-C does, so that each deletes its files; those of the node killed outright are left for
     * the next node started on this machine to delete (HazelcastJobClusterTest checks that), so they go here.
     */
    @AfterAll
    void stopNodes() throws IOException {
        for (ChildJvm node : nodes) {
            if (node.process().isAlive()) {
                node.process().destroy();
                node.awaitExit();
            }
        }
        for (ChildJvm node : nodes) {
            Path killed = SharedSegment.defaultDirectory(1 << 20).resolve("mproc-node-" + node.pid());
            if (Files.exists(killed)) {
                try (Stream<Path> files = Files.walk(killed)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    private ChildJvm node(int port, List<String> join) {
        List<String> arguments = new ArrayList<>(List.of("node", "--workers", "1", "--port", "" + port,
                "--cluster-name", NAME, "--token-file", tokenFile.toString()));
        arguments.addAll(join);
        return ChildJvm.start(List.of("-Xmx192m"), Main.class, arguments.toArray(String[]::new));
    }

    @Test
    @Order(0)
    void aJobInTheCoordinatorsJarRunsOnNodesThatNeverHadIt() throws Exception {
        Path jar = UserJobJar.build(dir.resolve("user-job"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
             HazelcastJobCluster cluster = connect()) {
            Job<?, ?> job = ServiceLoader.load(Job.class, loader).stream().map(ServiceLoader.Provider::get)
                    .filter(found -> found.name().equals("squaresum")).findFirst().orElseThrow();
            RunOptions options = options(12, false, (done, total) -> { }, null);

            JobReport report = new JobRunner(options, cluster).run(job, Jobs.parameters(job, Map.of("n", "1000")));

            assertThat(report.result()).isEqualTo(332_833_500L);
            assertThat(report.nodes()).hasSize(3);
        }
    }

    @Test
    @Order(0)
    void aPoolOnTheNodesRunsAFunctionFromAClassDirectoryOnlyTheCoordinatorHas() throws Exception {
        Path classes = CubeClasses.compile(dir.resolve("cube"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
             HazelcastJobCluster cluster = connect();
             Pool pool = Pool.builder().cluster(cluster).classpath(classes).build()) {
            TaskFunction<Integer, Long> cube = CubeClasses.cube(loader);

            assertThat(pool.map(cube, INPUTS)).isEqualTo(CUBES);
            assertThat(pool.settings().workers()).isEqualTo(3);
            assertThat(nodeChildren()).containsAll(pool.workers().stream().map(WorkerInfo::pid).toList());
        }
    }

    @Test
    @Order(0)
    void eachNodesMetersAreTheDocumentedOnesAndTheDashboardListsTheNodes() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Job<?, ?> job = Jobs.find("pi");
        RunOptions options = options(12, false, (done, total) -> { }, registry);
        try (HazelcastJobCluster cluster = connect()) {
            new JobRunner(options, cluster).run(job, Jobs.parameters(job, Map.of("samples", "100000")));
        }
        Path page = dir.resolve("dashboard.html");
        try (DashboardState state = new DashboardState(registry)) {
            Files.writeString(page, Dashboard.selfContained(state.json()));
        }

        assertThat(MetricsTest.describe(registry.getMeters()).stream()
                .filter(row -> row.startsWith(MetricsTest.CLUSTER_METERS)).toList())
                .containsExactlyInAnyOrderElementsOf(MetricsTest.documented().stream()
                        .filter(row -> row.startsWith(MetricsTest.CLUSTER_METERS)).toList());
        assumeTrue(MetricsTest.installed("chromium"), "chromium is not installed (apt-get install chromium)");
        Chromium dashboard = Chromium.dump(page.toUri(), dir.resolve("profile"));
        assertThat(dashboard.consoleErrors()).isEmpty();
        assertThat(dashboard.dom().split("class=\"node\"", -1)).hasSize(4);
    }

    @Test
    @Order(1)
    void aCoordinatorKilledMidRunLeavesNoFileOnTheNodesOnceItsLeaseRunsOut() {
        try (ChildJvm coordinator = ChildJvm.start(List.of("-Xmx128m"), Main.class, "run", "primes", "-p",
                "limit=200000000", "--tasks", "400", "--no-baseline", "--cluster", first, "--cluster-name", NAME,
                "--token-file", tokenFile.toString())) {
            coordinator.awaitLinesUntil("primes: ", Duration.ofSeconds(60));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(nodes).allSatisfy(node -> assertThat(runFiles(node)).isPositive()));
            coordinator.kill();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(nodes).allSatisfy(node -> assertThat(runFiles(node)).isZero()));
        nodes.forEach(ChildJvm::assertAlive);
    }

    @Test
    @Order(2)
    void aNodeKilledMidRunLosesNothingAndCountsNothingTwice() throws Exception {
        ChildJvm victim = nodes.get(2);
        List<ProcessHandle> victimWorkers = ProcessHandle.of(victim.pid()).orElseThrow().descendants().toList();
        CompletableFuture<?>[] kill = new CompletableFuture<?>[1];
        Job<?, ?> job = Jobs.find("primes");
        RunOptions options = options(3000, true, (done, total) -> {
            if (done == 300) {
                kill[0] = CompletableFuture.runAsync(victim::kill);
            }
        }, null);
        JobReport report;
        try (HazelcastJobCluster cluster = connect()) {
            report = new JobRunner(options, cluster).run(job, Jobs.parameters(job, Map.of("limit", "3000000")));
        }
        kill[0].get();

        assertThat(report.result()).isEqualTo(216_816L);
        assertThat(report.resultsMatch()).isTrue();
        assertThat(report.tasksRetried()).isPositive();
        assertThat(report.nodes().stream().mapToInt(JobReport.NodeShare::tasks).sum()).isEqualTo(3000);
        await().atMost(Duration.ofSeconds(30)).until(() -> victimWorkers.stream().noneMatch(ProcessHandle::isAlive));
    }

    @Test
    @Order(3)
    void aNodeThatStopsAnsweringMidRunIsDroppedAndItsTasksRunElsewhere() throws Exception {
        ChildJvm frozen = nodes.get(1);
        CompletableFuture<?>[] freeze = new CompletableFuture<?>[1];
        Job<?, ?> job = Jobs.find("primes");
        RunOptions options = options(2000, false, (done, total) -> {
            if (done == 200) {
                freeze[0] = CompletableFuture.runAsync(() -> signal("STOP", frozen.pid()));
            }
        }, null);
        JobReport report;
        try (HazelcastJobCluster cluster = connect()) {
            report = new JobRunner(options, cluster).run(job, Jobs.parameters(job, Map.of("limit", "3000000")));
        } finally {
            signal("CONT", frozen.pid());
        }
        freeze[0].get();

        assertThat(report.result()).isEqualTo(216_816L);
        assertThat(report.tasksRetried()).isPositive();
        assertThat(report.nodes().stream().mapToInt(JobReport.NodeShare::tasks).sum()).isEqualTo(2000);
    }

    @Test
    @Order(4)
    void aPoolWhoseNodeIsKilledMidMapRunsTheLostTasksOnTheOtherNodesWorkers() throws Exception {
        ChildJvm victim = node(port + 3, List.of("--join", first));
        nodes.add(victim);
        victim.awaitLine("ready ", NODE_START);
        Path classes = CubeClasses.compile(dir.resolve("cube"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
             HazelcastJobCluster cluster = connect();
             Pool pool = Pool.builder().cluster(cluster).maxRetries(3).chunkSize(1).classpath(classes).build()) {
            assertThat(pool.awaitReady(Duration.ofSeconds(60))).isTrue();
            assertThat(victim.process().children().map(ProcessHandle::pid).toList())
                    .containsAnyElementsOf(pool.workers().stream().map(WorkerInfo::pid).toList());
            TaskFunction<Integer, Long> cube = CubeClasses.cube(loader);
            List<Long> results = new ArrayList<>();
            Iterator<Long> streamed = pool.imap(cube, INPUTS);
            while (streamed.hasNext()) {
                results.add(streamed.next());
                if (results.size() == 100) {
                    victim.kill();
                }
            }

            assertThat(results).isEqualTo(CUBES);
            assertThat(pool.stats().workerCrashes()).isPositive();
        }
    }

    /** The pids of the processes the nodes started: their own workers and pools' workers. */
    private List<Long> nodeChildren() {
        return nodes.stream().filter(node -> node.process().isAlive())
                .flatMap(node -> node.process().children()).map(ProcessHandle::pid).toList();
    }

    private static void signal(String name, long pid) {
        try {
            assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Options for a run on the cluster: the pool settings are unused there. */
    private static RunOptions options(int tasks, boolean baseline, RunOptions.ProgressListener progress,
                                      MeterRegistry registry) {
        return new RunOptions(PoolSettings.defaults(), tasks, baseline, false, dir, 16L << 20, (w, e, l) -> { },
                progress, registry);
    }

    private HazelcastJobCluster connect() {
        return HazelcastJobCluster.connect(new ClusterSettings(List.of(first), NAME, ClusterToken.fromFile(tokenFile),
                Duration.ofSeconds(15)));
    }

    /** The node's shared-memory files of runs: bases and workers' copies. */
    private static long runFiles(ChildJvm node) throws IOException {
        Path runs = SharedSegment.defaultDirectory(1 << 20).resolve("mproc-node-" + node.pid());
        if (!Files.exists(runs)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(runs)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".shm")).count();
        }
    }
}
