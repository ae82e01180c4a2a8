package io.mproc.runtime.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a registry's meters over HTTP: {@code /metrics} in the Prometheus text format, and at {@code /} the live
 * dashboard, which polls {@code /api/state}. Binds to the loopback address unless told otherwise explicitly.
 * One thread serves every request; {@link #close()} stops it.
 */
public final class MetricsServer implements AutoCloseable {


    private final HttpServer server;
    private final ExecutorService executor;
    private final DashboardState state;

    private MetricsServer(HttpServer server, ExecutorService executor, DashboardState state) {
        this.server = server;
        this.executor = executor;
        this.state = state;
    }

    /**
     * Starts serving.
     *
     * @param bind        the address to listen on; anything but a loopback address needs {@code allowRemote}
     * @param port        the port, or 0 for any free one
     * @param allowRemote whether a non-loopback address is accepted
     * @throws IllegalArgumentException if the port is in use, or the address is not loopback and remote access
     *                                  was not allowed
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, String bind, int port, boolean allowRemote) {
        InetSocketAddress address = new InetSocketAddress(bind, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("metrics address '" + bind + "' cannot be resolved");
        }
        InetAddress host = address.getAddress();
        if (!host.isLoopbackAddress() && !allowRemote) {
            throw new IllegalArgumentException("the metrics server would be reachable from other machines at " + bind
                    + "; bind it to 127.0.0.1, or allow that explicitly (--metrics-allow-remote)");
        }
        HttpServer server;
        try {
            server = HttpServer.create(address, 0);
        } catch (BindException e) {
            throw new IllegalArgumentException("port " + port + " on " + bind + " is in use; choose another with "
                    + "--metrics-port, or 0 for any free port");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve metrics on " + bind + ":" + port, e);
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "mproc-metrics-http");
            thread.setDaemon(true);
            return thread;
        });
        DashboardState state = new DashboardState(registry);
        MetricsServer metrics = new MetricsServer(server, executor, state);
        server.createContext("/metrics", exchange -> metrics.send(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry.scrape().getBytes(StandardCharsets.UTF_8)));
        server.createContext("/api/state", exchange -> metrics.send(exchange, 200, "application/json",
                state.json().getBytes(StandardCharsets.UTF_8)));
        server.createContext("/assets/", metrics::asset);
        server.createContext("/", metrics::page);
        server.setExecutor(executor);
        server.start();
        return metrics;
    }

    /** Where the dashboard is, for people: {@code http://127.0.0.1:PORT/}. */
    public URI url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getAddress().getHostAddress();
        return URI.create("http://" + host + ":" + address.getPort() + "/");
    }

    /** The dashboard's view of the registry, also used for static reports. */
    public DashboardState state() {
        return state;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        state.close();
    }

    private void page(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals("/")) {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, "text/html; charset=utf-8", Dashboard.page().getBytes(StandardCharsets.UTF_8));
    }

    private void asset(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/assets/".length());
        if (!name.equals("uPlot.iife.min.js") && !name.equals("uPlot.min.css")) {
            send(exchange, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(exchange, 200, name.endsWith(".js") ? "text/javascript" : "text/css", resource(Dashboard.UPLOT + name));
    }

    static byte[] resource(String name) {
        try (InputStream in = MetricsServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
