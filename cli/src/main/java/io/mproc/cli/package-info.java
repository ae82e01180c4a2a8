/**
 * The {@code mproc} command line, on picocli: {@link Main} dispatches to the package-private commands {@code run},
 * {@code bench}, {@code jobs}, {@code config} and {@code example} ({@code RunCommand}, {@code BenchCommand}, ...). It
 * puts the other modules together: the layered configuration of {@code io.mproc.config}, jobs found on the classpath
 * and run by {@code io.mproc.runtime.JobRunner}, the metrics endpoint and live dashboard of
 * {@code io.mproc.runtime.metrics}, and the seed examples of {@code io.mproc.examples}. Exit codes are 0 for success, 1
 * when the job failed and 2 for a usage error. Internal: no compatibility promise for the classes; users meet only the
 * commands, flags and exit codes.
 */
package io.mproc.cli;
