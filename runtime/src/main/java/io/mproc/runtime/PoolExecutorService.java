package io.mproc.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Pool} as a {@link java.util.concurrent.ExecutorService}: each {@link Callable} or {@link Runnable} runs in
 * a worker JVM, so it must be {@link java.io.Serializable} (a lambda cast to {@code Callable<T> & Serializable}, or
 * a serializable class), and so must what it captures. A callable's result travels back as a Jackson value, decoded
 * as the type its lambda or class declares. {@code shutdown} closes the pool without waiting, {@code shutdownNow}
 * terminates it; the futures of {@code submit} and {@code invokeAll} cancel as the pool's do. Thread-safe.
 */
final class PoolExecutorService extends AbstractExecutorService {

    private final Pool pool;
    private final Set<PoolTask<?>> unfinished = ConcurrentHashMap.newKeySet();

    PoolExecutorService(Pool pool) {
        this.pool = pool;
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new PoolTask<>(target -> target.submitCallable(callable));
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new PoolTask<>(target -> target.submitRunnable(runnable).thenApply(ignored -> value));
    }

    /**
     * Runs the command in a worker JVM.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the executor is shut down
     * @throws io.mproc.NotTransferableException               if the command cannot be sent to a worker
     */
    @Override
    public void execute(Runnable command) {
        PoolTask<?> task = command instanceof PoolTask<?> made ? made : (PoolTask<?>) newTaskFor(command, null);
        unfinished.add(task);
        try {
            task.submitTo(pool);
        } catch (RuntimeException e) {
            unfinished.remove(task);
            throw e;
        }
        task.whenComplete((value, failure) -> unfinished.remove(task));
    }

    /**
     * Runs every task and returns the result of the first to succeed, cancelling the others (which kills the workers
     * running them, as {@code cancel(true)} does).
     */
    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        List<PoolTask<T>> started = new ArrayList<>();
        try {
            return race(tasks, started).get();
        } finally {
            started.forEach(task -> task.cancel(true));
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<PoolTask<T>> started = new ArrayList<>();
        try {
            return race(tasks, started).get(timeout, unit);
        } finally {
            started.forEach(task -> task.cancel(true));
        }
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    /**
     * Terminates the pool: queued and running tasks fail and its workers are killed. Returns the tasks that had not
     * finished, those that were running among them, as the pool cannot tell them apart from those queued.
     */
    @Override
    public List<Runnable> shutdownNow() {
        List<Runnable> notFinished = new ArrayList<>(unfinished);
        pool.terminate();
        return notFinished;
    }

    @Override
    public boolean isShutdown() {
        return pool.isShutdown();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return pool.awaitTermination(Duration.ofNanos(unit.toNanos(timeout)));
    }

    /** Sends every task; completes with the first result, or the last failure if none succeeds. */
    private <T> CompletableFuture<T> race(Collection<? extends Callable<T>> tasks, List<PoolTask<T>> started) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        CompletableFuture<T> first = new CompletableFuture<>();
        AtomicInteger failed = new AtomicInteger();
        for (Callable<T> callable : tasks) {
            PoolTask<T> task = (PoolTask<T>) newTaskFor(callable);
            execute(task);
            started.add(task);
            task.whenComplete((value, failure) -> {
                if (failure == null) {
                    first.complete(value);
                } else if (failed.incrementAndGet() == tasks.size()) {
                    first.completeExceptionally(failure);
                }
            });
        }
        return first;
    }
}
