package io.mproc.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mproc.Job;
import io.mproc.JobParameters;
import io.mproc.PoolSettings;
import io.mproc.cluster.ClusterSettings;
import io.mproc.cluster.ClusterToken;
import io.mproc.cluster.HazelcastJobCluster;
import io.mproc.cluster.NodeAgent;
import io.mproc.cluster.NodeOptions;
import io.mproc.config.MprocConfig;
import io.mproc.runtime.RunOptions;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code mproc bench JOB --cluster local:1,2}: for each node count, a loopback cluster of that many nodes in this
 * JVM (each with its own worker JVMs), the job's median time on it, and the same on a local pool with as many
 * workers. On one host every node shares its cores and the network is loopback, so the figures bound the cluster's
 * own overhead, not what several machines give.
 */
final class ClusterBench {

    private static final String LOCAL = "local:";

    private final JobSelection selection;
    private final MprocConfig settings;
    private final int repeat;
    private final int tasks;
    private final int workersPerNode;

    ClusterBench(JobSelection selection, MprocConfig settings, int repeat, int tasks, int workersPerNode) {
        if (repeat < 1 || workersPerNode < 1) {
            throw new IllegalArgumentException("--repeat and --workers-per-node must be 1 or more");
        }
        this.selection = selection;
        this.settings = settings;
        this.repeat = repeat;
        this.tasks = tasks;
        this.workersPerNode = workersPerNode;
    }

    /** The node counts of {@code local:1,2}. */
    static List<Integer> nodeCounts(String spec) {
        try {
            if (!spec.startsWith(LOCAL)) {
                throw new NumberFormatException();
            }
            List<Integer> counts = Arrays.stream(spec.substring(LOCAL.length()).split(",")).map(String::strip)
                    .map(Integer::valueOf).toList();
            if (counts.isEmpty() || counts.stream().anyMatch(n -> n < 1)) {
                throw new NumberFormatException();
            }
            return counts;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--cluster " + spec + " is not understood: give local: and node "
                    + "counts of 1 or more, such as local:1,2");
        }
    }

    int run(List<Integer> nodeCounts, PrintWriter out) throws Exception {
        Job<?, ?> job = selection.job();
        JobParameters parameters = selection.parameters(job);
        int most = nodeCounts.stream().max(Integer::compare).orElseThrow() * workersPerNode;
        int taskCount = tasks > 0 ? tasks : RunOptions.defaultTasks(most);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        out.println("baseline: one thread in this JVM ...");
        out.flush();
        double baseline = BenchCommand.median(repeat, () -> BenchCommand.run(job, parameters, settings, 1, taskCount,
                true, registry).baseline().wallMillis());
        out.printf(Locale.ROOT, "%6s %8s %11s %9s %11s %15s%n", "nodes", "workers", "cluster ms", "speedup",
                "local ms", "local/cluster");
        for (int nodes : nodeCounts) {
            int workers = nodes * workersPerNode;
            double local = BenchCommand.median(repeat, () -> BenchCommand.run(job, parameters, settings, workers,
                    taskCount, false, registry).parallel().wallMillis());
            double onCluster;
            try (LoopbackCluster cluster = LoopbackCluster.start(nodes, workersPerNode, settings)) {
                onCluster = BenchCommand.median(repeat, () -> BenchCommand.run(job, parameters, settings, workers,
                        taskCount, false, registry, cluster.coordinator).parallel().wallMillis());
            }
            out.printf(Locale.ROOT, "%6d %8d %11.1f %8.2fx %11.1f %15.2f%n", nodes, workers, onCluster,
                    baseline / onCluster, local, local / onCluster);
            out.flush();
        }
        out.println("(one host: the nodes share its cores and talk over loopback; this measures the cluster's own "
                + "overhead, not what more machines give)");
        out.flush();
        return 0;
    }

    /** Nodes in this JVM on loopback, with a name and token of their own, and a coordinator connected to them. */
    private static final class LoopbackCluster implements AutoCloseable {
        private final List<NodeAgent> nodes = new ArrayList<>();
        private HazelcastJobCluster coordinator;

        static LoopbackCluster start(int count, int workersPerNode, MprocConfig settings) throws Exception {
            byte[] secret = new byte[16];
            new SecureRandom().nextBytes(secret);
            ClusterToken token = ClusterToken.of(HexFormat.of().formatHex(secret));
            String name = "mproc-bench-" + ProcessHandle.current().pid();
            PoolSettings pool = settings.toPoolSettings().withWorkers(workersPerNode);
            LoopbackCluster cluster = new LoopbackCluster();
            try {
                for (int i = 0; i < count; i++) {
                    List<String> join = i == 0 ? List.of() : List.of(cluster.nodes.get(0).address());
                    cluster.nodes.add(NodeAgent.start(new NodeOptions(pool, "127.0.0.1", NodeOptions.DEFAULT_PORT + 100,
                            join, name, token)));
                }
                cluster.coordinator = HazelcastJobCluster.connect(new ClusterSettings(
                        List.of(cluster.nodes.get(0).address()), name, token, Duration.ofSeconds(15)));
                return cluster;
            } catch (Exception | Error e) {
                cluster.close();
                throw e;
            }
        }

        @Override
        public void close() {
            if (coordinator != null) {
                coordinator.close();
            }
            nodes.forEach(NodeAgent::close);
        }
    }
}
