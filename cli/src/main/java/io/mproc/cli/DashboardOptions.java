package io.mproc.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mproc.config.MprocConfig;
import io.mproc.runtime.metrics.JvmMetrics;
import io.mproc.runtime.metrics.MetricsServer;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The options that turn on the metrics endpoint and the live dashboard. */
final class DashboardOptions {

    @Option(names = "--dashboard", description = "serve the live dashboard (and /metrics) while the job runs")
    boolean dashboard;

    @Option(names = "--keep-open", description = "with --dashboard: keep serving after the job ends, until Ctrl-C")
    boolean keepOpen;

    @Option(names = "--metrics-port", paramLabel = "PORT", description = "serve Prometheus metrics on this port "
            + "(0: any free port with --dashboard, else off)")
    Integer port;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS", description = "address to serve on (default "
            + "127.0.0.1)")
    String bind;

    @Option(names = "--metrics-allow-remote", description = "allow a --metrics-bind address other machines reach")
    boolean allowRemote;

    /** The running endpoint, or null when neither the dashboard nor a metrics port was asked for. */
    Session start(MprocConfig config, PrintWriter out) {
        int chosenPort = port != null ? port : config.metricsPort();
        if (!dashboard && chosenPort == 0) {
            return null;
        }
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmMetrics jvm = JvmMetrics.bindTo(registry);
        MetricsServer server;
        try {
            server = MetricsServer.start(registry, bind != null ? bind : config.metricsBind(), chosenPort, allowRemote);
        } catch (RuntimeException e) {
            jvm.close();
            throw e;
        }
        out.println((dashboard ? "dashboard: " + server.url() + "   " : "") + "metrics: " + server.url() + "metrics");
        out.flush();
        return new Session(registry, jvm, server, keepOpen);
    }

    /** A metrics registry served over HTTP for the length of a command. */
    record Session(PrometheusMeterRegistry registry, JvmMetrics jvm, MetricsServer server, boolean keepOpen)
            implements AutoCloseable {

        /** Waits for Ctrl-C when asked to keep serving, then stops serving. */
        @Override
        public void close() throws InterruptedException {
            if (keepOpen) {
                System.out.println("still serving " + server.url() + " (Ctrl-C to stop)");
                Thread.currentThread().join();
            }
            server.close();
            jvm.close();
        }
    }
}
