package io.mproc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one pool of worker JVMs, validated on construction.
 *
 * @param workers           number of worker JVMs, at least 1
 * @param jvmOptions        options for each worker JVM ({@code -Xmx256m}, {@code -Dkey=value}, ...), before the
 *                          pool's own defaults are overridden by them
 * @param extraClasspath    entries appended to the coordinator's classpath for the workers
 * @param environment       extra environment variables for the workers
 * @param maxTasksPerWorker replace a worker after it ran this many tasks; 0 for never
 * @param taskTimeout       longest a single task may run; {@link Duration#ZERO} for no limit
 * @param maxRetries        how often a task whose worker died is tried again before it fails
 * @param chunkSize         tasks sent to a worker in one message; 0 for automatic (aimed at a batch duration)
 * @param transport         how workers connect to the pool: a Unix domain socket, loopback TCP, or the first of
 *                          these that works ({@link Transport#AUTO})
 */
public record PoolSettings(
        int workers,
        List<String> jvmOptions,
        List<String> extraClasspath,
        Map<String, String> environment,
        int maxTasksPerWorker,
        Duration taskTimeout,
        int maxRetries,
        int chunkSize,
        Transport transport) {

    /** The value of {@code chunkSize} that asks for automatic chunking. */
    public static final int AUTO_CHUNK = 0;

    public PoolSettings {
        require(workers >= 1, "workers", workers, "at least 1");
        require(maxTasksPerWorker >= 0, "maxTasksPerWorker", maxTasksPerWorker, "0 (never) or more");
        require(!taskTimeout.isNegative(), "taskTimeout", taskTimeout, "0 (no limit) or a positive duration");
        require(maxRetries >= 0, "maxRetries", maxRetries, "0 or more");
        require(chunkSize >= 0, "chunkSize", chunkSize, "0 (automatic) or more");
        Objects.requireNonNull(transport, "transport");
        jvmOptions = List.copyOf(jvmOptions);
        extraClasspath = List.copyOf(extraClasspath);
        environment = Map.copyOf(environment);
    }

    /** Settings with the automatic transport. */
    public PoolSettings(int workers, List<String> jvmOptions, List<String> extraClasspath,
                        Map<String, String> environment, int maxTasksPerWorker, Duration taskTimeout, int maxRetries,
                        int chunkSize) {
        this(workers, jvmOptions, extraClasspath, environment, maxTasksPerWorker, taskTimeout, maxRetries, chunkSize,
                Transport.AUTO);
    }

    /** These settings with another worker count. */
    public PoolSettings withWorkers(int newWorkers) {
        return new PoolSettings(newWorkers, jvmOptions, extraClasspath, environment, maxTasksPerWorker, taskTimeout,
                maxRetries, chunkSize, transport);
    }

    /** These settings with {@code entry} added to the end of the workers' extra classpath. */
    public PoolSettings withClasspathEntry(String entry) {
        List<String> classpath = new ArrayList<>(extraClasspath);
        classpath.add(entry);
        return new PoolSettings(workers, jvmOptions, classpath, environment, maxTasksPerWorker, taskTimeout,
                maxRetries, chunkSize, transport);
    }

    /** These settings with another transport. */
    public PoolSettings withTransport(Transport newTransport) {
        return new PoolSettings(workers, jvmOptions, extraClasspath, environment, maxTasksPerWorker, taskTimeout,
                maxRetries, chunkSize, newTransport);
    }

    /** The defaults: one worker per available processor, automatic chunking and transport, no timeout, no retries. */
    public static PoolSettings defaults() {
        return new PoolSettings(Runtime.getRuntime().availableProcessors(), List.of(), List.of(), Map.of(), 0,
                Duration.ZERO, 0, AUTO_CHUNK);
    }

    private static void require(boolean valid, String key, Object value, String allowed) {
        if (!valid) {
            throw new IllegalArgumentException(key + " = " + value + " is not allowed: use " + allowed);
        }
    }
}
