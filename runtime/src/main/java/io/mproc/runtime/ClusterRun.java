package io.mproc.runtime;

import io.mproc.JobParameters;
import java.nio.file.Path;
import java.util.List;

/**
 * One job run as it goes to a {@link JobCluster}.
 *
 * @param job             the job's name, found on each node through {@code ServiceLoader}
 * @param parameters      its parameters
 * @param tasks           its tasks, in split order, each convertible to JSON
 * @param segment         a {@link io.mproc.internal.shm.SharedSegment#snapshot() snapshot} of the prepared segment
 * @param segmentCapacity the capacity of the segment it was taken from
 * @param code            the jar the job's class came from, for nodes that do not have the job; null when the
 *                        class came from a directory, which nodes must then have on their classpath
 */
public record ClusterRun(String job, JobParameters parameters, List<Object> tasks, byte[] segment,
                         long segmentCapacity, Path code) {
}
