package io.mproc.cli;

import io.mproc.cluster.ClusterNode;
import io.mproc.cluster.ClusterToken;
import io.mproc.cluster.HazelcastJobCluster;
import io.mproc.cluster.NodeOptions;
import io.mproc.config.MprocConfig;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mproc cluster}: a cluster of loopback nodes for trying things out, and the state of a cluster. */
@Command(name = "cluster", mixinStandardHelpOptions = true, description = "Work with an mproc cluster.",
        subcommands = {ClusterCommand.Local.class, ClusterCommand.Status.class})
final class ClusterCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code mproc cluster local}: several nodes in this JVM on loopback, until stopped. */
    @Command(name = "local", mixinStandardHelpOptions = true,
            description = "Start a cluster of nodes on this machine's loopback address, until stopped (Ctrl-C).")
    static final class Local implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private ConfigOptions config;

        @Option(names = "--nodes", paramLabel = "N", defaultValue = "2", description = "nodes (default: 2)")
        private int nodes;

        @Option(names = {"-w", "--workers"}, paramLabel = "N", defaultValue = "1",
                description = "worker JVMs per node (default: 1)")
        private int workers;

        @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + NodeOptions.DEFAULT_PORT,
                description = "the first node's port; the others take the next free ones (default: ${DEFAULT-VALUE})")
        private int port;

        @Mixin
        private ClusterIdentity identity;

        @Override
        public Integer call() throws Exception {
            if (nodes < 1) {
                throw new IllegalArgumentException("--nodes " + nodes + " is not allowed: use 1 or more");
            }
            MprocConfig settings = config.load(workers, identity.flags()).config();
            ClusterToken token = identity.token(settings);
            String first = "127.0.0.1:" + port;
            List<NodeOptions> options = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                options.add(new NodeOptions(settings.toPoolSettings(), "127.0.0.1", port,
                        i == 0 ? List.of() : List.of(first), settings.clusterName(), token));
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println("starting " + nodes + " nodes of " + workers + " workers on loopback; run jobs on them with"
                    + " 'mproc run JOB --cluster " + first + "'");
            NodeCommand.serve(out, options);
            return 0;
        }
    }

    /** {@code mproc cluster status}: the nodes of a cluster, their workers and load. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "List a cluster's nodes: their workers, the tasks they run now and have run.")
    static final class Status implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Mixin
        private ConfigOptions config;

        @Mixin
        private ClusterOptions cluster;

        @Override
        public Integer call() {
            MprocConfig settings = config.load(null, cluster.flags()).config();
            PrintWriter out = spec.commandLine().getOut();
            try (HazelcastJobCluster connected = cluster.connectIfNamed(settings)) {
                if (connected == null) {
                    throw new IllegalArgumentException("give the address of a node: --cluster HOST:PORT (or set "
                            + "cluster.members / MPROC_CLUSTER)");
                }
                List<ClusterNode> nodes = new ArrayList<>(connected.nodes());
                nodes.sort(Comparator.comparing(ClusterNode::address));
                out.printf("%-21s %7s %7s %9s %12s %9s  %s%n", "node", "workers", "running", "tasks run",
                        "pool workers", "pid", "mproc");
                for (ClusterNode node : nodes) {
                    out.printf("%-21s %7d %7d %9d %12d %9d  %s%n", node.address(), node.workers(), node.running(),
                            node.done(), node.poolWorkers(), node.pid(), node.version());
                }
                out.printf("%d nodes, %d workers for job runs, %d for pools%n", nodes.size(),
                        nodes.stream().mapToInt(ClusterNode::workers).sum(),
                        nodes.stream().mapToInt(ClusterNode::poolWorkers).sum());
            }
            out.flush();
            return 0;
        }
    }
}
