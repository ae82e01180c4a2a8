package io.mproc.runtime;

import io.mproc.Job;
import io.mproc.JobParameter;
import io.mproc.JobParameters;
import io.mproc.internal.text.Suggestions;
import io.mproc.internal.wire.ValueCodec;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JavaType;

/** Finds jobs on the classpath ({@link ServiceLoader}) and checks the parameters given to them. Thread-safe. */
public final class Jobs {

    private static final Map<String, Job<?, ?>> CACHE = new ConcurrentHashMap<>();
    /** Readers of a job class's task and result types, made once each: a task type's reader may be databind's. */
    private static final ClassValue<ValueCodec.Reader[]> READERS = new ClassValue<>() {
        @Override
        protected ValueCodec.Reader[] computeValue(Class<?> type) {
            JavaType[] parameters = Types.FACTORY.findTypeParameters(Types.FACTORY.constructType(type), Job.class);
            return Arrays.stream(parameters.length == 2 ? parameters : new JavaType[] {null, null})
                    .map(parameter -> ValueCodec.readerFor(parameter == null ? Object.class.getName()
                            : parameter.toCanonical()))
                    .toArray(ValueCodec.Reader[]::new);
        }
    };

    private Jobs() {
    }

    /** Every job on the classpath, by name. */
    public static List<Job<?, ?>> all() {
        return ServiceLoader.load(Job.class).stream()
                .<Job<?, ?>>map(provider -> provider.get())
                .sorted(Comparator.comparing(Job::name))
                .toList();
    }

    /** Whether a job of that name is on this JVM's classpath. */
    public static boolean has(String name) {
        return all().stream().anyMatch(job -> job.name().equals(name));
    }

    /** The jar the job's class was loaded from; empty when it came from a directory or cannot be told. */
    public static Optional<Path> jarOf(Job<?, ?> job) {
        CodeSource source = job.getClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException notAFile) {
            return Optional.empty();
        }
    }

    /**
     * The job of that name.
     *
     * @throws IllegalArgumentException naming the closest job when there is none of that name
     */
    public static Job<?, ?> find(String name) {
        List<Job<?, ?>> jobs = all();
        for (Job<?, ?> job : jobs) {
            if (job.name().equals(name)) {
                return job;
            }
        }
        List<String> names = jobs.stream().map(Job::name).toList();
        throw new IllegalArgumentException("unknown job '" + name + "'"
                + Suggestions.closest(name, names).map(close -> "; did you mean '" + close + "'?").orElse("")
                + " (jobs: " + String.join(", ", names) + ")");
    }

    /**
     * The job's parameters: the declared defaults overridden by {@code given}, each checked against its type.
     *
     * @throws IllegalArgumentException for an unknown name (naming the closest) or a malformed value
     */
    public static JobParameters parameters(Job<?, ?> job, Map<String, String> given) {
        Map<String, JobParameter> declared = new LinkedHashMap<>();
        job.parameters().forEach(parameter -> declared.put(parameter.name(), parameter));
        Map<String, String> values = new LinkedHashMap<>();
        declared.values().forEach(parameter -> values.put(parameter.name(), parameter.defaultValue()));
        given.forEach((name, value) -> {
            JobParameter parameter = declared.get(name);
            if (parameter == null) {
                throw new IllegalArgumentException("job '" + job.name() + "' has no parameter '" + name + "'"
                        + Suggestions.closest(name, declared.keySet()).map(c -> "; did you mean '" + c + "'?")
                                .orElse("")
                        + (declared.isEmpty() ? " (it takes none)" : " (parameters: " + String.join(", ",
                        declared.keySet()) + ")"));
            }
            values.put(name, checked(job, parameter, value.trim()));
        });
        return new JobParameters(values);
    }

    /** The job of that name, made once per JVM: from its class where given, else found by name. */
    @SuppressWarnings("unchecked")
    static Job<Object, Object> cached(String name, String className) {
        return (Job<Object, Object>) CACHE.computeIfAbsent(name, key -> load(key, className));
    }

    /**
     * The job from its class, as {@link ServiceLoader} would make it, without opening every jar on the classpath
     * for their service files; found by name where the class cannot be made or has another name.
     */
    private static Job<?, ?> load(String name, String className) {
        if (className != null) {
            try {
                Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
                if (type.getConstructor().newInstance() instanceof Job<?, ?> job && job.name().equals(name)) {
                    return job;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // found by name below, which says what is wrong if it is not found either
            }
        }
        return find(name);
    }

    /** Reads the job's tasks as {@link ValueCodec#toBytes} wrote them. */
    static ValueCodec.Reader taskReader(Job<?, ?> job) {
        return READERS.get(job.getClass())[0];
    }

    /** Reads the job's per-task results as {@link ValueCodec#toBytes} wrote them. */
    static ValueCodec.Reader resultReader(Job<?, ?> job) {
        return READERS.get(job.getClass())[1];
    }

    private static String checked(Job<?, ?> job, JobParameter parameter, String value) {
        try {
            switch (parameter.type()) {
                case INT -> Integer.parseInt(value);
                case LONG -> Long.parseLong(value);
                case DOUBLE -> Double.parseDouble(value);
                case BOOLEAN -> {
                    if (!value.equals("true") && !value.equals("false")) {
                        throw new NumberFormatException();
                    }
                }
                case STRING -> {
                }
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter '" + parameter.name() + "' of job '" + job.name()
                    + "' must be " + describe(parameter.type()) + ", not '" + value + "' (default: "
                    + parameter.defaultValue() + ")");
        }
    }

    private static String describe(JobParameter.Type type) {
        return switch (type) {
            case INT -> "an integer";
            case LONG -> "a whole number";
            case DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case STRING -> "text";
        };
    }
}
