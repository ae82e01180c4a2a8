package io.mproc.cli;

import io.mproc.cluster.ClusterSettings;
import io.mproc.cluster.HazelcastJobCluster;
import io.mproc.config.ConfigFlag;
import io.mproc.config.MprocConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a coordinator reaches a cluster: a node's address, and the cluster's {@link ClusterIdentity}. */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "HOST:PORT", split = ",",
            description = "run on the mproc cluster that has a node at this address (default: cluster.members / "
                    + "$MPROC_CLUSTER, else a local pool; see 'mproc node')")
    List<String> members;

    @Mixin
    ClusterIdentity identity;

    /** The configuration flags these options set. */
    List<ConfigFlag> flags() {
        List<ConfigFlag> flags = new ArrayList<>(identity.flags());
        if (members != null) {
            ConfigOptions.put(flags, "cluster.members", "--cluster", String.join(",", members));
        }
        return flags;
    }

    /** The cluster {@code settings} name, connected to; null if they name none. */
    HazelcastJobCluster connectIfNamed(MprocConfig settings) {
        if (settings.clusterMembers().isEmpty()) {
            return null;
        }
        return HazelcastJobCluster.connect(new ClusterSettings(settings.clusterMembers(), settings.clusterName(),
                identity.token(settings), Duration.ofSeconds(15)));
    }
}
