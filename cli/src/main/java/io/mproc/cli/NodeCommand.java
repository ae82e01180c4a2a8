package io.mproc.cli;

import io.mproc.cluster.NodeAgent;
import io.mproc.cluster.NodeOptions;
import io.mproc.config.MprocConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mproc node}: one node of a cluster, running tasks on its own worker JVMs until stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Be a node of an mproc cluster: run coordinators' tasks on worker JVMs of this machine until "
                + "stopped (Ctrl-C). Prints 'ready' and the node's address once it takes tasks.")
final class NodeCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfigOptions config;

    @Option(names = {"-w", "--workers"}, paramLabel = "N", description = "worker JVMs (default: the CPU count)")
    private Integer workers;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + NodeOptions.DEFAULT_PORT,
            description = "port to listen on; the next free one up if taken (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on and announce; give this machine's network address to let other "
                    + "machines in (default: ${DEFAULT-VALUE})")
    private String bind;

    @Option(names = "--join", paramLabel = "HOST:PORT", split = ",",
            description = "address of a node of the cluster to join; none to start a cluster")
    private List<String> join = List.of();

    @Mixin
    private ClusterIdentity identity;

    @Override
    public Integer call() throws Exception {
        MprocConfig settings = config.load(workers, identity.flags()).config();
        NodeOptions options = new NodeOptions(settings.toPoolSettings(), bind, port, join, settings.clusterName(),
                identity.token(settings));
        serve(spec.commandLine().getOut(), List.of(options));
        return 0;
    }

    /** Starts the nodes one after another, prints each one's address, and serves until this JVM is stopped. */
    static void serve(PrintWriter out, List<NodeOptions> nodes) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        List<NodeAgent> started = new CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.forEach(NodeAgent::close);
            stopped.countDown();
        }, "mproc-node-stop"));
        for (NodeOptions options : nodes) {
            NodeAgent node = NodeAgent.start(options);
            started.add(node);
            out.printf("ready %s  (%d workers, cluster '%s', token %s)%n", node.address(), node.workers(),
                    options.clusterName(), options.token().fingerprint());
            out.flush();
        }
        ClassArchive.keepRecording();
        stopped.await();
    }
}
