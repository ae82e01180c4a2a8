/**
 * The project's benchmarks of mproc's pool, shared memory, processes and metrics cost, each figure measured beside its
 * counterparts, where it has them, in Python's {@code multiprocessing} (the scripts in {@code bench/python}, run in the
 * same session) and in an in-process Java thread pool. {@link BenchMain} runs them, prints one table of figures and
 * ratios and writes it as JSON under {@code bench/results}; the package-private {@code ScalingSweep} measures the
 * primes job's parallel efficiency over a range of worker counts. Both are started with {@code bench/run} from the
 * repository root. Internal: a program, not a library, used by no other module; no compatibility promise.
 */
package io.mproc.bench;
