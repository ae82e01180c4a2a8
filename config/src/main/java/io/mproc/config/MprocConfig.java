package io.mproc.config;

import io.mproc.PoolSettings;
import io.mproc.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The configuration of mproc, as loaded by {@link ConfigLoader}. The constructor checks that no component is null
 * and that every number is in range; the loader additionally checks the syntax of heap sizes, JVM options and hosts.
 *
 * @param workers           {@code workers}: number of worker JVMs, at least 1
 * @param workerHeap        {@code worker.heap}: maximum heap of each worker in {@code -Xmx} syntax, if set
 * @param workerJvmOptions  {@code worker.jvmOptions}: further options for each worker JVM
 * @param taskTimeout       {@code taskTimeout}: longest a single task may run; {@link Duration#ZERO} for no limit
 * @param maxRetries        {@code maxRetries}: how often a task whose worker died is tried again, 0 or more
 * @param maxTasksPerWorker {@code maxTasksPerWorker}: replace a worker after this many tasks; 0 for never
 * @param chunkSize         {@code chunkSize}: tasks sent to a worker in one message; 0 for automatic
 * @param transport         {@code transport}: how the coordinator and its workers connect
 * @param metricsPort       {@code metrics.port}: port of the metrics endpoint, 0 to 65535; 0 for none
 * @param metricsBind       {@code metrics.bind}: host or address the metrics endpoint listens on
 * @param reportDirectory   {@code reportDirectory}: where reports are written
 * @param sharedMemorySize  {@code sharedMemory.size}: bytes of the shared-memory segment, at least
 *                          {@link #MIN_SHARED_MEMORY_SIZE}
 * @param clusterMembers    {@code cluster.members} ({@code MPROC_CLUSTER}): addresses (host:port) of cluster nodes
 *                          to run jobs on; empty for a local pool
 * @param clusterName       {@code cluster.name}: the cluster's name
 * @param clusterToken      {@code cluster.token}: the cluster's shared secret, if set here rather than in the token
 *                          file
 */
public record MprocConfig(
        int workers,
        Optional<String> workerHeap,
        List<String> workerJvmOptions,
        Duration taskTimeout,
        int maxRetries,
        int maxTasksPerWorker,
        int chunkSize,
        Transport transport,
        int metricsPort,
        String metricsBind,
        Path reportDirectory,
        long sharedMemorySize,
        List<String> clusterMembers,
        String clusterName,
        Optional<String> clusterToken) {

    /** The smallest shared-memory segment: 64 KiB. */
    public static final long MIN_SHARED_MEMORY_SIZE = 64 * 1024;

    /** The shortest cluster token accepted. */
    public static final int MIN_CLUSTER_TOKEN_LENGTH = 16;

    public MprocConfig {
        Objects.requireNonNull(workerHeap, "workerHeap");
        workerJvmOptions = List.copyOf(workerJvmOptions);
        Objects.requireNonNull(taskTimeout, "taskTimeout");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(metricsBind, "metricsBind");
        Objects.requireNonNull(reportDirectory, "reportDirectory");
        clusterMembers = List.copyOf(clusterMembers);
        Objects.requireNonNull(clusterName, "clusterName");
        Objects.requireNonNull(clusterToken, "clusterToken");
        require(workers >= 1, "workers", workers);
        require(!taskTimeout.isNegative(), "taskTimeout", taskTimeout);
        require(maxRetries >= 0, "maxRetries", maxRetries);
        require(maxTasksPerWorker >= 0, "maxTasksPerWorker", maxTasksPerWorker);
        require(chunkSize >= 0, "chunkSize", chunkSize);
        require(metricsPort >= 0 && metricsPort <= 65_535, "metrics.port", metricsPort);
        require(sharedMemorySize >= MIN_SHARED_MEMORY_SIZE, "sharedMemory.size", sharedMemorySize);
    }

    /**
     * The configuration nobody changed: one worker per available processor, no heap limit or extra JVM options, no
     * task timeout, 2 retries, workers never replaced, automatic chunking and transport, metrics off (bound to
     * {@code 127.0.0.1} when on), reports in {@code mproc-reports}, a 16 MiB shared-memory segment, no cluster (a
     * cluster's name {@code mproc}, its token from the token file).
     */
    public static MprocConfig defaults() {
        return new MprocConfig(Runtime.getRuntime().availableProcessors(), Optional.empty(), List.of(), Duration.ZERO,
                2, 0, 0, Transport.AUTO, 0, "127.0.0.1", Path.of("mproc-reports"), 16L * 1024 * 1024, List.of(),
                "mproc", Optional.empty());
    }

    /**
     * The pool settings this configuration describes: its workers, retries, timeout, chunk size and worker
     * replacement, and as JVM options {@link #workerJvmOptions()} followed by {@code -Xmx<heap>} when
     * {@link #workerHeap()} is set, so that it takes precedence over an {@code -Xmx} among the options, and its
     * transport. The extra classpath and the environment are empty.
     */
    public PoolSettings toPoolSettings() {
        List<String> jvmOptions = new ArrayList<>(workerJvmOptions);
        workerHeap.ifPresent(heap -> jvmOptions.add("-Xmx" + heap));
        return new PoolSettings(workers, jvmOptions, List.of(), Map.of(), maxTasksPerWorker, taskTimeout, maxRetries,
                chunkSize, transport);
    }

    /** The configuration as {@code key=value} pairs, the token masked. */
    @Override
    public String toString() {
        return Arrays.stream(ConfigKey.values()).map(key -> key.key() + "=" + key.display(this))
                .collect(Collectors.joining(", ", "MprocConfig[", "]"));
    }

    private static void require(boolean valid, String key, Object value) {
        if (!valid) {
            throw new IllegalArgumentException(key + " = " + value + " is out of range");
        }
    }
}
