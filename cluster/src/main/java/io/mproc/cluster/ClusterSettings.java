package io.mproc.cluster;

import java.time.Duration;
import java.util.List;

/**
 * How to reach a cluster and prove membership of it.
 *
 * @param members        addresses (host:port) of one or more of its nodes
 * @param name           the cluster's name; nodes and coordinators of one cluster share it
 * @param token          the shared secret that authenticates mproc's messages
 * @param connectTimeout how long a coordinator tries to reach a node before giving up
 */
public record ClusterSettings(List<String> members, String name, ClusterToken token, Duration connectTimeout) {

    /** The cluster name nodes and coordinators use unless told otherwise. */
    public static final String DEFAULT_NAME = "mproc";

    public ClusterSettings {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs the address (host:port) of at least one node");
        }
        for (String member : members) {
            Addresses.requireHostAndPort(member);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the cluster name must not be blank");
        }
    }

    /** Settings for the cluster at these addresses, with the default name, 15 s to connect, and this token. */
    public static ClusterSettings of(List<String> members, ClusterToken token) {
        return new ClusterSettings(members, DEFAULT_NAME, token, Duration.ofSeconds(15));
    }
}
