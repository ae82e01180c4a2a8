package io.mproc.runtime;

import io.mproc.internal.launch.LaunchedJvm;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Worker JVMs started ahead by {@link Pool.Builder#startSpareWorkers}, until pools take them. Closing this ends
 * those that no pool took; the ones taken belong to their pools. Thread-safe.
 */
public final class SpareWorkers implements AutoCloseable {

    private final List<LaunchedJvm> spares;
    private final Consumer<LaunchedJvm> discard;

    SpareWorkers(List<LaunchedJvm> spares, Consumer<LaunchedJvm> discard) {
        this.spares = List.copyOf(spares);
        this.discard = discard;
    }

    /** Completes when every spare has started and waits for a pool, or has failed to start. */
    public CompletableFuture<Void> started() {
        return CompletableFuture.allOf(spares.stream().map(spare -> CompletableFuture.anyOf(spare.waiting(),
                spare.exited())).toArray(CompletableFuture[]::new));
    }

    /** Ends the spares that no pool has taken. */
    @Override
    public void close() {
        spares.forEach(discard);
    }
}
