/**
 * The worker JVM that a pool launches. {@link WorkerMain} is its entry point, not meant to be started by hand: it reads
 * its {@code Bootstrap} settings from standard input, connects to the coordinator, proves the pool's token, and runs
 * work until it is told to stop, its connection ends or its coordinator's process is gone. The package-private
 * {@code Worker} does all of this on one thread: it reads frames into an inbox, rebuilds functions
 * ({@code LoadedFunction}), runs chunks in arrival order ({@code ChunkRunner}) and sends their outcomes, batching them
 * while more work waits but holding none back for more than 1 ms. With a task timeout a watchdog thread watches each
 * item and, past its deadline, reports the items before it and ends the JVM, as a thread running user code cannot be
 * stopped safely. Internal: used by mproc's own modules only; no compatibility promise.
 */
package io.mproc.worker;
