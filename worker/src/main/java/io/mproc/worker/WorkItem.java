package io.mproc.worker;

/** What the reader thread hands to the main thread, in arrival order. */
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
