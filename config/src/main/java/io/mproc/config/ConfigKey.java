package io.mproc.config;

import io.mproc.Transport;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The keys of {@link MprocConfig}: each one's names, what it accepts and how its value prints. */
enum ConfigKey {

    WORKERS("workers", "an integer >= 1", MprocConfig::workers) {
        @Override
        Optional<?> parse(String text) {
            return ValueSyntax.integer(text).filter(n -> n >= 1);
        }
    },
    WORKER_HEAP("worker.heap", "a heap size in -Xmx syntax, such as 512m, 2g or 1024k", MprocConfig::workerHeap) {
        @Override
        Optional<?> parse(String text) {
            String heap = text.strip();
            return ValueSyntax.bytes(heap).filter(bytes -> bytes > 0).map(bytes -> Optional.of(heap));
        }

        @Override
        String format(Object value) {
            return ((Optional<?>) value).map(Object::toString).orElse(NONE);
        }
    },
    WORKER_JVM_OPTIONS("worker.jvmOptions", "JVM options that each start with '-' (separated by spaces in one string)",
            MprocConfig::workerJvmOptions) {
        @Override
        Optional<?> parse(String text) {
            String options = text.strip();
            return parseList(options.isEmpty() ? List.of() : List.of(BLANKS.split(options)));
        }

        @Override
        Optional<?> parseList(List<String> items) {
            return items.stream().allMatch(item -> item.length() > 1 && item.startsWith("-"))
                    ? Optional.of(List.copyOf(items))
                    : Optional.empty();
        }

        @Override
        String format(Object value) {
            List<?> options = (List<?>) value;
            return options.isEmpty() ? NONE : String.join(" ", options.stream().map(Object::toString).toList());
        }
    },
    TASK_TIMEOUT("taskTimeout", "a duration such as 500ms, 30s, 5m, 1h or PT30S, or 0 for none",
            MprocConfig::taskTimeout) {
        @Override
        Optional<?> parse(String text) {
            return ValueSyntax.duration(text);
        }

        @Override
        String format(Object value) {
            return ValueSyntax.formatDuration((Duration) value);
        }
    },
    MAX_RETRIES("maxRetries", "an integer >= 0", MprocConfig::maxRetries) {
        @Override
        Optional<?> parse(String text) {
            return ValueSyntax.integer(text).filter(n -> n >= 0);
        }
    },
    MAX_TASKS_PER_WORKER("maxTasksPerWorker", "an integer >= 0 (0 for no limit)", MprocConfig::maxTasksPerWorker) {
        @Override
        Optional<?> parse(String text) {
            return ValueSyntax.integer(text).filter(n -> n >= 0);
        }
    },
    CHUNK_SIZE("chunkSize", "an integer >= 0 (0 for automatic)", MprocConfig::chunkSize) {
        @Override
        Optional<?> parse(String text) {
            return ValueSyntax.integer(text).filter(n -> n >= 0);
        }
    },
    TRANSPORT("transport", "one of auto, unix, tcp", MprocConfig::transport) {
        @Override
        Optional<?> parse(String text) {
            String name = text.strip().toUpperCase(Locale.ROOT);
            return Arrays.stream(Transport.values()).filter(t -> t.name().equals(name)).findFirst();
        }

        @Override
        String format(Object value) {
            return ((Transport) value).name().toLowerCase(Locale.ROOT);
        }
    },
    METRICS_PORT("metrics.port", "an integer from 0 to 65535 (0 for off)", MprocConfig::metricsPort) {
        @Override
        Optional<?> parse(String text) {
            return ValueSyntax.integer(text).filter(n -> n >= 0 && n <= 65_535);
        }
    },
    METRICS_BIND("metrics.bind", "a host name or IP address", MprocConfig::metricsBind) {
        @Override
        Optional<?> parse(String text) {
            return Optional.of(text.strip()).filter(host -> HOST.matcher(host).matches());
        }
    },
    REPORT_DIRECTORY("reportDirectory", "a directory path", MprocConfig::reportDirectory) {
        @Override
        Optional<?> parse(String text) {
            if (text.isBlank()) {
                return Optional.empty();
            }
            try {
                return Optional.of(Path.of(text.strip()));
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
    },
    SHARED_MEMORY_SIZE("sharedMemory.size",
            "a size of at least 64k, such as 64k, 16m or 1g (a plain number is bytes)", MprocConfig::sharedMemorySize) {
        @Override
        Optional<?> parse(String text) {
            return ValueSyntax.bytes(text).filter(bytes -> bytes >= MprocConfig.MIN_SHARED_MEMORY_SIZE);
        }

        @Override
        String format(Object value) {
            return ValueSyntax.formatBytes((Long) value);
        }
    },
    CLUSTER_MEMBERS("cluster.members", "node addresses host:port, separated by commas (none for a local pool)",
            MprocConfig::clusterMembers, "MPROC_CLUSTER") {
        @Override
        Optional<?> parse(String text) {
            return parseList(text.isBlank() ? List.of() : List.of(LIST_SEPARATOR.split(text.strip())));
        }

        @Override
        Optional<?> parseList(List<String> items) {
            List<String> members = items.stream().map(String::strip).toList();
            return members.stream().allMatch(member -> HOST_AND_PORT.matcher(member).matches())
                    ? Optional.of(members)
                    : Optional.empty();
        }

        @Override
        String format(Object value) {
            List<?> members = (List<?>) value;
            return members.isEmpty() ? NONE : String.join(",", members.stream().map(Object::toString).toList());
        }
    },
    CLUSTER_NAME("cluster.name", "a name of letters, digits, '.', '_' and '-'", MprocConfig::clusterName) {
        @Override
        Optional<?> parse(String text) {
            return Optional.of(text.strip()).filter(name -> NAME.matcher(name).matches());
        }
    },
    CLUSTER_TOKEN("cluster.token", "a secret of at least 16 characters", MprocConfig::clusterToken) {
        @Override
        Optional<?> parse(String text) {
            String token = text.strip();
            return token.length() >= MprocConfig.MIN_CLUSTER_TOKEN_LENGTH ? Optional.of(Optional.of(token))
                    : Optional.empty();
        }

        @Override
        String format(Object value) {
            return ((Optional<?>) value).isPresent() ? "(hidden)" : NONE;
        }
    };

    /** How a key without a value prints. */
    static final String NONE = "-";

    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._:%\\[\\]-]+");
    private static final Pattern HOST_AND_PORT = Pattern.compile("[A-Za-z0-9._%\\[\\]:-]+:[0-9]{1,5}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[,\\s]+");

    private final String key;
    private final String allowed;
    private final String environmentVariable;
    private final Function<MprocConfig, Object> accessor;

    ConfigKey(String key, String allowed, Function<MprocConfig, Object> accessor) {
        this(key, allowed, accessor, environmentVariable(key));
    }

    ConfigKey(String key, String allowed, Function<MprocConfig, Object> accessor, String environmentVariable) {
        this.key = key;
        this.allowed = allowed;
        this.environmentVariable = environmentVariable;
        this.accessor = accessor;
    }

    /** The key with the dotted name {@code key}, as used in files and flags. */
    static Optional<ConfigKey> named(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }

    /** The key read from the environment variable {@code variable}. */
    static Optional<ConfigKey> ofEnvironmentVariable(String variable) {
        return Arrays.stream(values()).filter(k -> k.environmentVariable.equals(variable)).findFirst();
    }

    /** The dotted name, such as {@code worker.heap}. */
    String key() {
        return key;
    }

    /** What the key accepts, phrased to follow "expected". */
    String allowed() {
        return allowed;
    }

    /** {@code MPROC_} and the dotted name in upper snake case, such as {@code MPROC_WORKER_HEAP}. */
    String environmentVariable() {
        return environmentVariable;
    }

    /** The value of {@code text} as this key's component of {@link MprocConfig}, or empty where it is not valid. */
    abstract Optional<?> parse(String text);

    /** The value of a list given in a file, or empty where this key takes no list or the list is not valid. */
    Optional<?> parseList(List<String> items) {
        return Optional.empty();
    }

    /** This key's component of {@code config}. */
    Object valueIn(MprocConfig config) {
        return accessor.apply(config);
    }

    /** This key's component of {@code config} as {@code mproc config} prints it. */
    String display(MprocConfig config) {
        return format(valueIn(config));
    }

    String format(Object value) {
        return String.valueOf(value);
    }

    private static String environmentVariable(String key) {
        StringBuilder name = new StringBuilder("MPROC_");
        for (char c : key.toCharArray()) {
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString();
    }
}
