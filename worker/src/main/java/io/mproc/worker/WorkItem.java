package io.mproc.worker;

/** What the worker has read from its coordinator and not yet run, kept in arrival order in its inbox. */
sealed interface WorkItem {

    /** A chunk of inputs for one function. */
    record Chunk(long requestId, LoadedFunction function, int count, byte[] values) implements WorkItem {
    }

    /** The initializer to run before any chunk. */
    record Init(LoadedFunction function) implements WorkItem {
    }

    /** Finish what came before, then exit. */
    enum Shutdown implements WorkItem {
        INSTANCE
    }
}
