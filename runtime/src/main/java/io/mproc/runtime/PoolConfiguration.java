package io.mproc.runtime;

import io.mproc.config.PoolSettings;
import java.util.List;
import java.util.Map;

/** Everything the coordinator needs, resolved by {@link Pool.Builder}. */
record PoolConfiguration(PoolSettings settings, FunctionHandle initializer, WorkerOutput output, List<String> command,
                         Map<String, String> environment, int maxPayload, PoolMetrics metrics) {
}
