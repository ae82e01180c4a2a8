package io.mproc.runtime;

import io.mproc.PoolSettings;
import io.mproc.internal.launch.ClassDataSharing;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything the coordinator needs, resolved by {@link Pool.Builder}. */
record PoolConfiguration(PoolSettings settings, FunctionHandle initializer, WorkerOutput output, List<String> jvm,
                         List<String> main, ClassDataSharing classDataSharing, Map<String, String> environment,
                         int maxPayload, PoolMetrics metrics, Coordinator.Gauges gauges) {

    /** The command that starts one worker; {@code record} lets it record the class-data sharing archive. */
    List<String> command(boolean record) {
        List<String> command = new ArrayList<>(jvm);
        if (classDataSharing != null) {
            command.addAll(classDataSharing.options(record));
        }
        command.addAll(main);
        return command;
    }
}
