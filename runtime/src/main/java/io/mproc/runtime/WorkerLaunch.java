package io.mproc.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a host needs to start one worker of a pool.
 *
 * @param workerId         the id the pool gave the worker
 * @param bootstrap        the worker's bootstrap settings, for its standard input; they hold the pool's secret
 * @param jvmOptions       the pool's JVM options
 * @param systemProperties the pool's system properties for workers
 * @param environment      the variables the pool sets on top of the host's environment
 * @param classpath        the pool's classpath, jars and class directories, as this machine has it
 * @param output           where the worker's output lines go
 */
public record WorkerLaunch(int workerId, String bootstrap, List<String> jvmOptions,
                           Map<String, String> systemProperties, Map<String, String> environment,
                           List<Path> classpath, WorkerOutput output) {

    public WorkerLaunch {
        jvmOptions = List.copyOf(jvmOptions);
        systemProperties = Map.copyOf(systemProperties);
        environment = Map.copyOf(environment);
        classpath = List.copyOf(classpath);
    }

    /** The same launch for another worker: its id and its bootstrap settings. */
    public WorkerLaunch forWorker(int id, String settings) {
        return new WorkerLaunch(id, settings, jvmOptions, systemProperties, environment, classpath, output);
    }
}
