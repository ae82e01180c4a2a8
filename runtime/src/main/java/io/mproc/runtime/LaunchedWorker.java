package io.mproc.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A worker JVM that a {@link WorkerHosts} started for a pool, seen from the pool. Thread-safe.
 */
public interface LaunchedWorker {

    /**
     * Completes once the worker has ended, with its exit status (128 + n when signal n ended it), or with
     * {@code -1} when it could not be started, or {@code 77} when its host is gone. Completes exactly once, also
     * when the host cannot say how the worker ended: the pool waits on it before it stops.
     */
    CompletableFuture<Integer> exited();

    /** Ends the worker at once, also while it is starting; {@link #exited()} then completes as usual. */
    void kill();

    /** The last lines the worker wrote, or why it could not be started, for error messages. */
    String lastLines();

    /** Waits a little for the worker's last output lines to be delivered, once it has ended. */
    default void awaitOutput() throws InterruptedException {
    }
}
