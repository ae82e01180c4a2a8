/**
 * The built-in {@link io.mproc.Job}s that {@code mproc run}, {@code mproc bench} and the benchmarks execute:
 * {@link PrimesJob}, {@link PiJob}, {@link MandelbrotJob}, {@link MatmulJob}, {@link NQueensJob}, {@link HashJob} and
 * {@link WordCountJob}. They are listed in {@code META-INF/services/io.mproc.Job} and found through
 * {@link java.util.ServiceLoader}, so no other module refers to the classes; each is stateless, as one instance may
 * serve several runs at once. Their tasks are safe to run again after a worker died: each writes only its own slot or
 * rows of shared state, lowers a shared best with compare-and-set, or just returns its result, and totals are derived
 * in {@code aggregate}. Internal: no compatibility promise for the classes; what users see are the job names and
 * parameters that {@code mproc jobs} lists.
 */
package io.mproc.jobs;
