package io.mproc.cluster;

import io.mproc.PoolSettings;
import java.util.List;

/**
 * How a {@link NodeAgent} runs.
 *
 * @param pool        the node's pool of worker JVMs
 * @param bind        the address its member binds to and announces; loopback unless told otherwise
 * @param port        its member's port; the next free one up is taken if this one is in use
 * @param join        addresses (host:port) of nodes to join; empty to start a cluster
 * @param clusterName the cluster's name
 * @param token       the cluster's token
 */
public record NodeOptions(PoolSettings pool, String bind, int port, List<String> join, String clusterName,
                          ClusterToken token) {

    /** The port a node takes unless told otherwise, Hazelcast's own. */
    public static final int DEFAULT_PORT = 5701;

    public NodeOptions {
        join = List.copyOf(join);
        join.forEach(Addresses::requireHostAndPort);
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not a port: give one from 1 to 65535");
        }
    }
}
