package io.mproc.runtime;

import java.net.InetAddress;

/**
 * Machines that start a pool's worker JVMs in place of this one, such as the nodes of a cluster: give one to
 * {@link Pool.Builder#cluster}. Each worker connects back to the pool over TCP and then works as a local one does.
 * Implementations are thread-safe, and {@link #launch} returns at once.
 */
public interface WorkerHosts {

    /** The address of this machine that the hosts reach it at; the pool listens there. */
    InetAddress coordinatorAddress();

    /** How many workers the hosts offer now; a pool built without a worker count starts that many. */
    int workers();

    /**
     * Starts one worker somewhere among the hosts, in the background. A worker that cannot be started ends with
     * {@code exited() == -1} and the reason in {@code lastLines()}.
     */
    LaunchedWorker launch(WorkerLaunch launch);
}
