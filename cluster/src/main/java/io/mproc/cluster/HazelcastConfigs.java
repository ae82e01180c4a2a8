package io.mproc.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.SerializationConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configuration of nodes (members) and coordinators (clients), and the names they share. Members
 * join only the addresses they are given (no multicast, no cloud discovery), bind to one address, send no usage
 * data home, and notice a dead member within seconds. Nothing of mproc's travels by Java serialization, and
 * Hazelcast's Java serialization filter refuses every class but the JDK's basics and mproc's own.
 */
final class HazelcastConfigs {

    /** The executor service that carries {@link NodeCall}s. */
    static final String EXECUTOR = "mproc.tasks";
    /** Node uuid to {@link ClusterNode}, encoded by mproc's wire codec. */
    static final String NODES = "mproc.nodes";
    /**
     * Run id, or {@code pool-<client uuid>} for the pool workers a coordinator started, to the coordinator that holds
     * it; each entry lives for a lease that the coordinator renews.
     */
    static final String LEASES = "mproc.leases";
    /** Run id to the snapshot of its segment. */
    static final String SEGMENTS = "mproc.segments";
    /**
     * SHA-256 (hex) of a job's jar, or of a pool's classpath entry, to its bytes, for nodes that lack it; it lives as
     * long as the coordinator renews it.
     */
    static final String CODE = "mproc.code";
    /** Sealed {@link Messages.WorkerEvent}s: what the pool workers that nodes started write, and their exits. */
    static final String WORKER_EVENTS = "mproc.worker-events";
    /** This mproc's version; a node runs tasks only from a coordinator of the same version. */
    static final String VERSION = version();

    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    /** Heartbeats each second, a member silent for 10 s is dead; few threads; no health monitor. */
    private static final Map<String, String> MEMBER_PROPERTIES = Map.ofEntries(
            Map.entry("hazelcast.logging.type", "jdk"),
            Map.entry("hazelcast.phone.home.enabled", "false"),
            Map.entry("hazelcast.heartbeat.interval.seconds", "1"),
            Map.entry("hazelcast.max.no.heartbeat.seconds", "10"),
            Map.entry("hazelcast.wait.seconds.before.join", "1"),
            Map.entry("hazelcast.partition.count", "31"),
            Map.entry("hazelcast.socket.bind.any", "false"),
            Map.entry("hazelcast.health.monitoring.level", "OFF"),
            Map.entry("hazelcast.io.thread.count", "1"),
            Map.entry("hazelcast.operation.thread.count", "2"),
            Map.entry("hazelcast.operation.generic.thread.count", "1"));
    /** A heartbeat each second, a member silent for 10 s is gone; one I/O thread each way. */
    private static final Map<String, String> CLIENT_PROPERTIES = Map.of(
            "hazelcast.logging.type", "jdk",
            "hazelcast.phone.home.enabled", "false",
            "hazelcast.client.heartbeat.interval", "1000",
            "hazelcast.client.heartbeat.timeout", "10000",
            "hazelcast.client.io.input.thread.count", "1",
            "hazelcast.client.io.output.thread.count", "1");

    private HazelcastConfigs() {
    }

    /**
     * Hazelcast logs through the JDK's logging, at {@code level} and above: warnings on a node, only errors on a
     * coordinator, which says itself what a node's departure means for its run.
     */
    static void logAt(Level level) {
        HAZELCAST_LOG.setLevel(level);
    }

    static Config member(NodeOptions options) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        MEMBER_PROPERTIES.forEach(config::setProperty);
        config.setProperty("hazelcast.local.localAddress", options.bind());
        config.getMetricsConfig().setEnabled(false);
        config.getJetConfig().setEnabled(false);
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.port()).setPortAutoIncrement(true).setPortCount(100);
        network.getInterfaces().setEnabled(true).addInterface(options.bind());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        List<String> members = new ArrayList<>(options.join());
        if (members.isEmpty()) {
            members.add(options.bind());
        }
        join.getTcpIpConfig().setEnabled(true).setMembers(members);
        config.getExecutorConfig(EXECUTOR).setPoolSize(Math.max(16, 4 * options.pool().workers()));
        restrict(config.getSerializationConfig());
        return config;
    }

    static ClientConfig client(ClusterSettings settings) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(settings.name());
        CLIENT_PROPERTIES.forEach(config::setProperty);
        config.getMetricsConfig().setEnabled(false);
        config.getNetworkConfig().setAddresses(new ArrayList<>(settings.members()));
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(settings.connectTimeout().toMillis());
        restrict(config.getSerializationConfig());
        return config;
    }

    private static void restrict(SerializationConfig serialization) {
        serialization.addDataSerializableFactory(ClusterSerializables.FACTORY_ID, new ClusterSerializables());
        JavaSerializationFilterConfig filter = new JavaSerializationFilterConfig();
        filter.getWhitelist().addPrefixes("io.mproc.cluster.");
        serialization.setJavaSerializationFilterConfig(filter);
    }

    private static String version() {
        try (InputStream in = HazelcastConfigs.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mproc's version", e);
        }
    }
}
