package io.mproc.cli;

import io.mproc.cluster.ClusterSettings;
import io.mproc.cluster.HazelcastJobCluster;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How a coordinator reaches a cluster: a node's address, and the cluster's {@link ClusterIdentity}. */
final class ClusterOptions {

    @Option(names = "--cluster", paramLabel = "HOST:PORT", split = ",",
            description = "run on the mproc cluster that has a node at this address (see 'mproc node')")
    List<String> members;

    @Mixin
    ClusterIdentity identity;

    boolean given() {
        return members != null && !members.isEmpty();
    }

    HazelcastJobCluster connect() {
        return HazelcastJobCluster.connect(new ClusterSettings(members, identity.name, identity.token(),
                Duration.ofSeconds(15)));
    }
}
