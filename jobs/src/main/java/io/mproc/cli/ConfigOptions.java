package io.mproc.cli;

import io.mproc.config.ConfigLoader;
import io.mproc.config.EffectiveConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: a configuration file and the flags that override configuration keys. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON configuration file")
    Path file;

    @Option(names = "--heap", paramLabel = "SIZE", description = "maximum heap of each worker (512m, 2g)")
    String heap;

    @Option(names = "--task-timeout", paramLabel = "DURATION", description = "fail a task after this long (30s)")
    String taskTimeout;

    @Option(names = "--max-retries", paramLabel = "N", description = "tries again for a task whose worker died")
    Integer maxRetries;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "where reports and job outputs go")
    Path reportDirectory;

    /** The effective configuration: defaults, then the file, then MPROC_* variables, then these flags. */
    EffectiveConfig load(Integer workers) {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "workers", workers);
        put(flags, "worker.heap", heap);
        put(flags, "taskTimeout", taskTimeout);
        put(flags, "maxRetries", maxRetries);
        put(flags, "reportDirectory", reportDirectory);
        return file == null ? ConfigLoader.load(System.getenv(), flags) : ConfigLoader.load(file, System.getenv(), flags);
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
