package io.mproc.cli;

import io.mproc.config.ConfigFlag;
import io.mproc.config.ConfigLoader;
import io.mproc.config.EffectiveConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        return load(workers, List.of());
    }

    /** As {@link #load(Integer)}, with a command's further flags last. */
    EffectiveConfig load(Integer workers, List<ConfigFlag> more) {
        List<ConfigFlag> flags = new ArrayList<>();
        put(flags, "workers", "--workers", workers);
        put(flags, "worker.heap", "--heap", heap);
        put(flags, "taskTimeout", "--task-timeout", taskTimeout);
        put(flags, "maxRetries", "--max-retries", maxRetries);
        put(flags, "reportDirectory", "--report-dir", reportDirectory);
        flags.addAll(more);
        return ConfigLoader.load(Optional.ofNullable(file), System.getenv(), flags);
    }

    static void put(List<ConfigFlag> flags, String key, String flag, Object value) {
        if (value != null) {
            flags.add(new ConfigFlag(key, flag, value.toString()));
        }
    }
}
