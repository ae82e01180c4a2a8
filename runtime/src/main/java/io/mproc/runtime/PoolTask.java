package io.mproc.runtime;

import io.mproc.MprocException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One task of a {@link PoolExecutorService}: made by {@code newTaskFor}, sent to the pool by {@code execute}, and
 * completed by the worker's outcome. Cancelling it cancels the pool's task, which drops it if it is queued and kills
 * its worker if it is running. Thread-safe.
 */
final class PoolTask<T> implements RunnableFuture<T> {

    private final Submission<T> submission;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile CompletableFuture<T> submitted;

    /** How a task reaches the pool; throws {@link IllegalStateException} if the pool no longer takes work. */
    @FunctionalInterface
    interface Submission<T> {
        CompletableFuture<T> submitTo(Pool pool);
    }

    PoolTask(Submission<T> submission) {
        this.submission = submission;
    }

    /** Sends the task to the pool's workers. */
    void submitTo(Pool pool) {
        CompletableFuture<T> running;
        try {
            running = submission.submitTo(pool);
        } catch (IllegalStateException e) {
            throw new RejectedExecutionException("the pool's executor is shut down: " + e.getMessage(), e);
        }
        submitted = running;
        running.whenComplete((value, failure) -> {
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure instanceof CompletionException ? failure.getCause() : failure);
            }
        });
        if (result.isCancelled()) {
            running.cancel(true);
        }
    }

    /** Runs the action once the task is complete, with its result or its failure. */
    void whenComplete(BiConsumer<? super T, ? super Throwable> action) {
        result.whenComplete(action);
    }

    /** Not for direct use: the executor sends the task to the pool through {@link #submitTo}. */
    @Override
    public void run() {
        throw new MprocException("a pool task runs in a worker JVM; submit it to the pool's executor");
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = result.cancel(mayInterruptIfRunning);
        CompletableFuture<T> running = submitted;
        if (cancelled && running != null) {
            running.cancel(mayInterruptIfRunning);
        }
        return cancelled;
    }

    @Override
    public boolean isCancelled() {
        return result.isCancelled();
    }

    @Override
    public boolean isDone() {
        return result.isDone();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        return result.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout, unit);
    }
}
