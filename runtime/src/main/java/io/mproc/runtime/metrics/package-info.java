/**
 * Serving and showing the Micrometer meters of a pool and its job runs (listed in {@code docs/metrics.md}).
 * {@link MetricsServer} serves a registry on the JDK's HTTP server, bound to the loopback address unless told
 * otherwise, with Prometheus text at {@code /metrics}, JSON at {@code /api/state} and the live dashboard at {@code /};
 * {@link DashboardState} reads what the dashboard shows from the registry, {@link Dashboard} is the page, served live
 * or written once as a self-contained HTML file, and {@link JvmMetrics} registers the coordinator JVM's own meters.
 * Used by {@code Pool.Builder#serveMetrics} and by the command line's {@code --dashboard}, {@code --metrics-port} and
 * {@code bench --html}. The server answers every request on one thread of its own, and {@code DashboardState} is safe
 * to read from any thread. Internal: used by mproc's own modules only; no compatibility promise.
 */
package io.mproc.runtime.metrics;
