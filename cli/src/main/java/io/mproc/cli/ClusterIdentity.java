package io.mproc.cli;

import io.mproc.cluster.ClusterToken;
import io.mproc.config.ConfigFlag;
import io.mproc.config.MprocConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which cluster a node or a coordinator belongs to: the cluster's name and its token. */
final class ClusterIdentity {

    @Option(names = "--cluster-name", paramLabel = "NAME",
            description = "the cluster's name (default: cluster.name, else mproc)")
    String name;

    @Option(names = "--token-file", paramLabel = "FILE", description = "read the cluster token from this file "
            + "(default: cluster.token / $MPROC_CLUSTER_TOKEN, else ~/.config/mproc/cluster-token, made on first use)")
    Path tokenFile;

    /** The configuration flags these options set. */
    List<ConfigFlag> flags() {
        List<ConfigFlag> flags = new ArrayList<>();
        ConfigOptions.put(flags, "cluster.name", "--cluster-name", name);
        return flags;
    }

    /** The token from {@code --token-file}, else {@code cluster.token}, else the default token file. */
    ClusterToken token(MprocConfig settings) {
        if (tokenFile != null) {
            return ClusterToken.fromFile(tokenFile);
        }
        return settings.clusterToken().map(ClusterToken::of).orElseGet(() -> ClusterToken.standard(System.getenv()));
    }
}
