package io.mproc.cli;

import io.mproc.cluster.ClusterSettings;
import io.mproc.cluster.ClusterToken;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which cluster a node or a coordinator belongs to: the cluster's name and its token. */
final class ClusterIdentity {

    @Option(names = "--cluster-name", paramLabel = "NAME", defaultValue = ClusterSettings.DEFAULT_NAME,
            description = "the cluster's name (default: ${DEFAULT-VALUE})")
    String name;

    @Option(names = "--token-file", paramLabel = "FILE", description = "read the cluster token from this file "
            + "(default: $MPROC_CLUSTER_TOKEN, else ~/.config/mproc/cluster-token, made on first use)")
    Path tokenFile;

    /** The token from {@code --token-file}, else from {@code MPROC_CLUSTER_TOKEN} or the default token file. */
    ClusterToken token() {
        return tokenFile != null ? ClusterToken.fromFile(tokenFile) : ClusterToken.resolve(System.getenv());
    }
}
