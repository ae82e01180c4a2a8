package io.mproc;

import java.io.Serializable;

/**
 * Runs once in each worker JVM, before its first task (Python's {@code Pool(initializer=...)}). It travels the
 * same way as {@link TaskFunction}. If it throws, the pool is broken: pending and later tasks fail with
 * {@link WorkerInitializationException} instead of the pool restarting workers forever.
 */
@FunctionalInterface
public interface WorkerInitializer extends Serializable {

    /** Prepares the worker; may set static state that later tasks in the same worker read. */
    void initialize() throws Exception;
}
