package io.mproc.runtime;

import io.mproc.JobParameters;
import java.util.List;

/**
 * One job run as it goes to a {@link JobCluster}.
 *
 * @param job             the job's name, found on each node through {@code ServiceLoader}
 * @param parameters      its parameters
 * @param tasks           its tasks, in split order, each convertible to JSON
 * @param segment         a {@link io.mproc.internal.shm.SharedSegment#snapshot() snapshot} of the prepared segment
 * @param segmentCapacity the capacity of the segment it was taken from
 */
public record ClusterRun(String job, JobParameters parameters, List<Object> tasks, byte[] segment,
                         long segmentCapacity) {
}
