package io.mproc.cluster;

/**
 * A node of an mproc cluster, as it publishes itself to the cluster.
 *
 * @param address its member's address, host:port
 * @param workers its worker JVMs for job runs
 * @param pid     its process id on its machine
 * @param version its mproc version
 * @param running tasks it is running now, as of its last update (once a second)
 * @param done    tasks it has run since it started, as of its last update
 * @param poolWorkers worker JVMs it runs for coordinators' pools ({@code Pool.builder().cluster(...)}), as of its
 *                    last update
 */
public record ClusterNode(String address, int workers, long pid, String version, int running, long done,
                          int poolWorkers) {
}
