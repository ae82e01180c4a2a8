/**
 * The coordinator of a pool of worker JVMs. A {@link Pool}, made by its {@link Pool.Builder}, launches the workers,
 * admits them over its socket, cuts submitted inputs into chunks, sends them within each worker's credits, and replaces
 * workers that die, retrying their tasks; it reports through {@link PoolStats} and {@link WorkerInfo}, and hands the
 * workers' printed lines to a {@link WorkerOutput}. All dispatch state (the package-private {@code Coordinator},
 * {@code Dispatcher}, {@code WorkerConnection}, ...) belongs to the pool's one coordinator thread, an NIO selector
 * loop, so none of it is locked: the pool's public methods may be called from any thread and post their work to it
 * through a concurrent command queue, and {@code WorkerOutput} is called on the thread that pumps a worker's output. On
 * the pool sits the job runner: {@link Jobs} finds {@link io.mproc.Job}s through {@code ServiceLoader}, and
 * {@link JobRunner} runs one as {@link RunOptions} say, one run at a time, and returns a {@link JobReport}. Public API:
 * {@code Pool}, its builder and the types it takes and reports; the job-runner types are public for mproc's command
 * line and benchmarks, with no compatibility promise.
 */
package io.mproc.runtime;
