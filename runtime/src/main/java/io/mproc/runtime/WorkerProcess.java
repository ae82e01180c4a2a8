package io.mproc.runtime;

/** One worker of a pool: its id, and the JVM as its host started it. */
record WorkerProcess(int id, LaunchedWorker worker) {

    /** Ends the JVM at once; its exit is then reported as usual. */
    void kill() {
        worker.kill();
    }
}
