package io.mproc.internal.launch;

import io.mproc.internal.os.Processes;
import java.io.File;
import java.lang.reflect.Modifier;
import java.nio.channels.spi.SelectorProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The command line that starts a child JVM of one kind (pool workers, context processes): this runtime's
 * {@code java}, mproc's default flags, the user's options and system properties, class-data sharing, the classpath
 * and the main class. The defaults are the serial collector (unless the options name another), no perf-data file
 * {@link #JIT_OPTIONS} (unless the options set a compile threshold) and the JDK's selector provider by name (unless
 * the options name one); shared memory needs no flag. Options that
 * choose class-data sharing themselves ({@code -Xshare:off}, {@code -XX:SharedArchiveFile}, {@code -XX:AOTCache},
 * ...) replace mproc's archive. Immutable
 * apart from the class-data sharing archive, which the first child records; thread-safe.
 */
public final class JvmCommand {

    /**
     * Tiered compilation's first profiled tier (C1) starts at ten times its usual counts. A child JVM runs some
     * thousand methods of start-up code (its bootstrap, the codec, class loading) a few hundred times each; with the
     * usual counts it compiles all of them, a second or more of compiler time per JVM on this project's 2-core
     * machine, taken from the workers running beside it. Code that runs hot is still compiled at once, and the
     * optimizing tier's own thresholds stay as they are. Measured with {@code mproc bench primes --workers 1,2
     * --repeat 5}, three alternating runs: 2 workers 1,033-1,065 ms against 1,093-1,163 ms without; 1 worker alike.
     */
    static final List<String> JIT_OPTIONS = List.of("-XX:Tier3InvocationThreshold=2000",
            "-XX:Tier3MinInvocationThreshold=1000", "-XX:Tier3CompileThreshold=20000");

    private static final String SELECTOR_PROVIDER = "java.nio.channels.spi.SelectorProvider";
    /**
     * The JDK's own selector provider class, where this JVM uses it and it can be named. A child told its name
     * makes it at once; left to look, it searches every jar of its classpath for a provider service first, which
     * cost a pool worker about 20 ms of its start (23 jars) on this project's machine. A child runs on this JVM's
     * Java, so the class is there.
     */
    private static final Optional<String> JDK_SELECTOR_PROVIDER = jdkSelectorProvider();

    /**
     * What runs before {@code java}: nothing, unless this JVM was started with SIGINT ignored (as a background job
     * of a non-interactive shell is), which a child would inherit and a JVM cannot undo; then {@code env} gives the
     * child the default disposition back, so that {@code interrupt()} works as in Python.
     */
    private static final List<String> PREFIX = Processes.ignoresInterrupt() && Processes.canResetInterrupt()
            ? List.of(Processes.ENV, Processes.DEFAULT_INTERRUPT) : List.of();

    private final List<String> options;
    private final List<String> classpath;
    private final String mainClass;
    private final ClassDataSharing classDataSharing;

    private JvmCommand(List<String> options, List<String> classpath, String mainClass,
                       ClassDataSharing classDataSharing) {
        this.options = options;
        this.classpath = classpath;
        this.mainClass = mainClass;
        this.classDataSharing = classDataSharing;
    }

    /**
     * A command for JVMs of the given kind that run {@code mainClass} on {@code classpath}.
     *
     * @param kind                  names the class-data sharing archive ({@code workers}, {@code processes})
     * @param classDataSharingCache where archives are kept; null to start without class-data sharing
     */
    public static JvmCommand of(String kind, List<String> jvmOptions, Map<String, String> systemProperties,
                                List<String> classpath, String mainClass, Path classDataSharingCache) {
        List<String> options = new ArrayList<>();
        options.add(javaExecutable());
        if (jvmOptions.stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            options.add("-XX:+UseSerialGC");
        }
        options.add("-XX:-UsePerfData");
        if (jvmOptions.stream().noneMatch(option -> option.contains("Threshold"))) {
            options.addAll(JIT_OPTIONS);
        }
        options.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> options.add("-D" + key + "=" + value));
        if (!systemProperties.containsKey(SELECTOR_PROVIDER)
                && jvmOptions.stream().noneMatch(option -> option.startsWith("-D" + SELECTOR_PROVIDER + "="))) {
            JDK_SELECTOR_PROVIDER.ifPresent(name -> options.add("-D" + SELECTOR_PROVIDER + "=" + name));
        }
        ClassDataSharing classDataSharing = classDataSharingCache == null || setsClassSharing(jvmOptions) ? null
                : ClassDataSharing.forClasspath(kind, classpath, classDataSharingCache);
        return new JvmCommand(List.copyOf(options), List.copyOf(classpath), mainClass, classDataSharing);
    }

    private static Optional<String> jdkSelectorProvider() {
        Class<?> provider = SelectorProvider.provider().getClass();
        try {
            provider.getConstructor();
            return provider.getClassLoader() == null && Modifier.isPublic(provider.getModifiers())
                    ? Optional.of(provider.getName()) : Optional.empty();
        } catch (NoSuchMethodException e) {
            return Optional.empty();
        }
    }

    /** Whether the user's options choose class-data sharing themselves; mproc's archive would clash with them. */
    private static boolean setsClassSharing(List<String> jvmOptions) {
        return jvmOptions.stream().anyMatch(option -> option.startsWith("-Xshare")
                || option.matches("-XX:[+-]?(AOT|Shared|ArchiveClassesAtExit|DumpLoadedClassList|AutoCreateShared).*"));
    }

    /** The {@code java} launcher of the running JVM, so children run on the same Java as their parent. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This JVM's own classpath entries. */
    public static List<String> ownClasspath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    /** The command line as a user would run it by hand, for error messages. */
    @Override
    public String toString() {
        return String.join(" ", arguments(List.of()));
    }

    /** The arguments for the next JVM; {@code recorder} is set if it is to record the class-data sharing archive. */
    List<String> next(AtomicBoolean recorder) {
        return arguments(classDataSharing == null ? List.of() : classDataSharing.options(recorder));
    }

    /** The JVM that recorded for the class-data sharing archive has ended with {@code exitStatus}. */
    void recorded(int exitStatus) {
        classDataSharing.recorded(exitStatus, this::withoutMainClass);
    }

    private List<String> arguments(List<String> sharing) {
        List<String> arguments = new ArrayList<>(PREFIX);
        arguments.addAll(withoutMainClass(sharing));
        arguments.add(mainClass);
        return arguments;
    }

    private List<String> withoutMainClass(List<String> sharing) {
        List<String> arguments = new ArrayList<>(options);
        arguments.addAll(sharing);
        arguments.add("-cp");
        arguments.add(String.join(File.pathSeparator, classpath));
        return arguments;
    }
}
