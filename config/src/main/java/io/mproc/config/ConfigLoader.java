package io.mproc.config;

import io.mproc.Transport;
import io.mproc.internal.text.Suggestions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Builds the effective {@link MprocConfig} from layered sources, each overriding the ones before it:
 * <ol>
 *   <li>the defaults of {@link MprocConfig#defaults()};</li>
 *   <li>an optional YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}) file, whose keys may be nested
 *       ({@code worker: {heap: 1g}}) or dotted ({@code worker.heap: 1g});</li>
 *   <li>environment variables: {@code MPROC_} and the key in upper snake case, such as {@code MPROC_WORKER_HEAP};
 *       every variable starting with {@code MPROC_} must be one of them;</li>
 *   <li>command-line flags, by dotted key, such as {@code worker.heap}.</li>
 * </ol>
 * Every value given is checked, also where a later layer overrides it. Where one string stands for the list
 * {@code worker.jvmOptions}, its items are separated by blanks.
 */
public final class ConfigLoader {

    private static final String ENV_PREFIX = "MPROC_";

    private ConfigLoader() {
    }

    /**
     * The configuration from the defaults, {@code environment} and {@code flags}.
     *
     * @param environment the process environment, normally {@link System#getenv()}; only {@code MPROC_*} is read
     * @param flags       values from the command line by dotted key
     * @throws ConfigException listing every unknown key and every value that is not valid
     */
    public static EffectiveConfig load(Map<String, String> environment, Map<String, String> flags) {
        return load(Optional.empty(), environment, flags);
    }

    /**
     * The configuration from the defaults, the file at {@code file}, {@code environment} and {@code flags}.
     *
     * @param file        a {@code .yaml}, {@code .yml} or {@code .json} file, which must exist
     * @param environment the process environment, normally {@link System#getenv()}; only {@code MPROC_*} is read
     * @param flags       values from the command line by dotted key
     * @throws ConfigException listing the file's problem if it cannot be read, and every unknown key and every
     *                         value that is not valid
     */
    public static EffectiveConfig load(Path file, Map<String, String> environment, Map<String, String> flags) {
        return load(Optional.of(file), environment, flags);
    }

    /**
     * The configuration from the defaults, the file at {@code file} if present, {@code environment} and
     * {@code flags}; a problem with a flag's value names the flag as the user typed it.
     *
     * @throws ConfigException listing the file's problem if it cannot be read, and every unknown key and every
     *                         value that is not valid
     */
    public static EffectiveConfig load(Optional<Path> file, Map<String, String> environment, List<ConfigFlag> flags) {
        Layers layers = new Layers();
        file.ifPresent(path -> layers.readFile(path.toAbsolutePath().normalize()));
        layers.readEnvironment(environment);
        layers.readFlags(flags);
        return layers.result();
    }

    /** The dotted names of all keys, in the order {@link EffectiveConfig#describe()} prints them. */
    public static List<String> keys() {
        return Arrays.stream(ConfigKey.values()).map(ConfigKey::key).toList();
    }

    private static EffectiveConfig load(Optional<Path> file, Map<String, String> environment,
                                        Map<String, String> flags) {
        return load(file, environment, flags.entrySet().stream()
                .map(flag -> ConfigFlag.ofKey(flag.getKey(), flag.getValue())).toList());
    }

    /** The values found so far, where each came from, and the problems met on the way. */
    private static final class Layers {

        private final Map<ConfigKey, Object> values = new EnumMap<>(ConfigKey.class);
        private final Map<ConfigKey, ConfigSource> sources = new EnumMap<>(ConfigKey.class);
        private final List<String> problems = new ArrayList<>();

        Layers() {
            MprocConfig defaults = MprocConfig.defaults();
            for (ConfigKey key : ConfigKey.values()) {
                values.put(key, key.valueIn(defaults));
                sources.put(key, ConfigSource.DEFAULT);
            }
        }

        void readFile(Path path) {
            Map<String, JsonNode> entries;
            try {
                entries = ConfigFile.read(path);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
                return;
            }
            ConfigSource source = ConfigSource.file(path);
            entries.forEach((name, node) -> ConfigKey.named(name).ifPresentOrElse(
                    key -> readNode(key, node, source),
                    () -> problems.add(unknownKey(name, source))));
        }

        void readEnvironment(Map<String, String> environment) {
            new TreeMap<>(environment).forEach((variable, text) -> {
                if (variable.startsWith(ENV_PREFIX)) {
                    ConfigKey.ofEnvironmentVariable(variable).ifPresentOrElse(
                            key -> set(key, key.parse(text), quote(text), ConfigSource.env(variable)),
                            () -> problems.add(unknownVariable(variable)));
                }
            });
        }

        void readFlags(List<ConfigFlag> flags) {
            for (ConfigFlag flag : flags) {
                ConfigSource source = new ConfigSource(ConfigSource.Kind.FLAG, flag.flag());
                ConfigKey.named(flag.key()).ifPresentOrElse(
                        key -> set(key, key.parse(flag.value()), quote(flag.value()), source),
                        () -> problems.add(unknownKey(flag.key(), source)));
            }
        }

        EffectiveConfig result() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            Map<String, ConfigSource> byName = new LinkedHashMap<>();
            sources.forEach((key, source) -> byName.put(key.key(), source));
            return new EffectiveConfig(build(), byName);
        }

        private void readNode(ConfigKey key, JsonNode node, ConfigSource source) {
            if (node.isNull()) {
                set(key, Optional.empty(), "null", source);
            } else if (node.isArray()) {
                boolean scalars = node.values().stream().allMatch(item -> item.isValueNode() && !item.isNull());
                Optional<?> value = scalars
                        ? key.parseList(node.values().stream().map(JsonNode::asString).toList())
                        : Optional.empty();
                set(key, value, node.toString(), source);
            } else {
                set(key, key.parse(node.asString()), quote(node.asString()), source);
            }
        }

        private void set(ConfigKey key, Optional<?> value, String given, ConfigSource source) {
            value.ifPresentOrElse(
                    parsed -> {
                        values.put(key, parsed);
                        sources.put(key, source);
                    },
                    () -> problems.add(key.key() + " = " + given + " (from " + source + ") is not valid: expected "
                            + key.allowed()));
        }

        @SuppressWarnings("unchecked")
        private MprocConfig build() {
            return new MprocConfig(
                    (Integer) values.get(ConfigKey.WORKERS),
                    (Optional<String>) values.get(ConfigKey.WORKER_HEAP),
                    (List<String>) values.get(ConfigKey.WORKER_JVM_OPTIONS),
                    (Duration) values.get(ConfigKey.TASK_TIMEOUT),
                    (Integer) values.get(ConfigKey.MAX_RETRIES),
                    (Integer) values.get(ConfigKey.MAX_TASKS_PER_WORKER),
                    (Integer) values.get(ConfigKey.CHUNK_SIZE),
                    (Transport) values.get(ConfigKey.TRANSPORT),
                    (Integer) values.get(ConfigKey.METRICS_PORT),
                    (String) values.get(ConfigKey.METRICS_BIND),
                    (Path) values.get(ConfigKey.REPORT_DIRECTORY),
                    (Long) values.get(ConfigKey.SHARED_MEMORY_SIZE),
                    (List<String>) values.get(ConfigKey.CLUSTER_MEMBERS),
                    (String) values.get(ConfigKey.CLUSTER_NAME),
                    (Optional<String>) values.get(ConfigKey.CLUSTER_TOKEN));
        }

        private static String unknownKey(String name, ConfigSource source) {
            return "unknown key '" + name + "' (from " + source + "): " + Suggestions.closest(name, keys())
                    .map(meant -> "did you mean '" + meant + "'?")
                    .orElse("valid keys are " + String.join(", ", keys()));
        }

        private static String unknownVariable(String variable) {
            List<String> variables = Arrays.stream(ConfigKey.values()).map(ConfigKey::environmentVariable).toList();
            return "unknown environment variable " + variable + ": " + Suggestions.closest(variable, variables)
                    .map(meant -> "did you mean " + meant + "?")
                    .orElse("valid variables are " + String.join(", ", variables));
        }

        private static String quote(String text) {
            return '"' + text + '"';
        }
    }
}
