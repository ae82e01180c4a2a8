package io.mproc.runtime.metrics;

import java.nio.charset.StandardCharsets;

/** The dashboard page: served live by {@link MetricsServer}, or written once as a self-contained HTML file. */
public final class Dashboard {

    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist/";

    private Dashboard() {
    }

    static String page() {
        return new String(MetricsServer.resource("io/mproc/runtime/metrics/dashboard.html"), StandardCharsets.UTF_8);
    }

    /** The page with its scripts, styles and the given state inlined: it needs no server and no network. */
    public static String selfContained(String stateJson) {
        String script = new String(MetricsServer.resource(UPLOT + "uPlot.iife.min.js"), StandardCharsets.UTF_8);
        String style = new String(MetricsServer.resource(UPLOT + "uPlot.min.css"), StandardCharsets.UTF_8);
        return page()
                .replace("<link rel=\"stylesheet\" href=\"/assets/uPlot.min.css\">", "<style>" + style + "</style>")
                .replace("<script src=\"/assets/uPlot.iife.min.js\"></script>", "<script>" + script + "</script>"
                        + "<script>window.MPROC_STATE = " + stateJson.replace("</", "<\\/") + ";</script>");
    }
}
