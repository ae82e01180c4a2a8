package io.mproc.internal.wire;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a worker needs to find and join its coordinator. Passed on the worker's standard input as
 * {@code key=value} lines, so that the token never shows in a process listing.
 *
 * @param address           {@code unix:/path/to/socket} or {@code tcp:host:port}
 * @param token             the pool's secret, proven in HELLO
 * @param workerId          the id the coordinator gave this worker
 * @param parentPid         the coordinator's pid (a cluster node's, for a worker the node started); the worker
 *                          exits when that process is gone
 * @param credits           how many frames the worker buffers before it runs them
 * @param taskTimeoutMillis longest one item may run, 0 for no limit
 * @param maxPayload        the largest frame payload either side accepts
 */
public record Bootstrap(String address, byte[] token, int workerId, long parentPid, int credits,
                        long taskTimeoutMillis, int maxPayload) {

    /** The same settings for a worker whose parent is the process {@code pid}. */
    public Bootstrap withParentPid(long pid) {
        return new Bootstrap(address, token, workerId, pid, credits, taskTimeoutMillis, maxPayload);
    }

    public String encode() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("address", address);
        fields.put("token", HexFormat.of().formatHex(token));
        fields.put("workerId", workerId);
        fields.put("parentPid", parentPid);
        fields.put("credits", credits);
        fields.put("taskTimeoutMillis", taskTimeoutMillis);
        fields.put("maxPayload", maxPayload);
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.toString();
    }

    public static Bootstrap parse(String text) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                fields.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return new Bootstrap(required(fields, "address"), HexFormat.of().parseHex(required(fields, "token")),
                Integer.parseInt(required(fields, "workerId")), Long.parseLong(required(fields, "parentPid")),
                Integer.parseInt(required(fields, "credits")), Long.parseLong(required(fields, "taskTimeoutMillis")),
                Integer.parseInt(required(fields, "maxPayload")));
    }

    private static String required(Map<String, String> fields, String key) {
        String value = fields.get(key);
        if (value == null) {
            throw new IllegalArgumentException("bootstrap setting '" + key + "' is missing");
        }
        return value;
    }
}
