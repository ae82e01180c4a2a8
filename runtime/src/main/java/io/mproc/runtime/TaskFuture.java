package io.mproc.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A future whose {@code cancel(true)} also stops the work: a chunk still queued is dropped, and a worker already
 * running it is killed and replaced. {@code cancel(false)} only drops the outcome.
 */
final class TaskFuture<R> extends CompletableFuture<R> {

    private volatile Runnable onInterrupt = () -> { };

    void onInterrupt(Runnable action) {
        onInterrupt = action;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled && mayInterruptIfRunning) {
            onInterrupt.run();
        }
        return cancelled;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
