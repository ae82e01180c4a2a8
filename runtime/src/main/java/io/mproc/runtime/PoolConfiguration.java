package io.mproc.runtime;

import io.mproc.PoolSettings;

/** Everything the coordinator needs, resolved by {@link Pool.Builder}. */
record PoolConfiguration(PoolSettings settings, FunctionHandle initializer, WorkerStarter starter,
                         int maxPayload, PoolMetrics metrics, Coordinator.Gauges gauges) {
}
