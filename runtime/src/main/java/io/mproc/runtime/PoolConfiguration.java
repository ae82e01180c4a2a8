package io.mproc.runtime;

import io.mproc.PoolSettings;
import io.mproc.internal.launch.JvmCommand;
import java.util.Map;

/** Everything the coordinator needs, resolved by {@link Pool.Builder}. */
record PoolConfiguration(PoolSettings settings, FunctionHandle initializer, WorkerOutput output, JvmCommand command,
                         Map<String, String> environment, int maxPayload, PoolMetrics metrics,
                         Coordinator.Gauges gauges) {
}
