package io.mproc.internal.launch;

import io.mproc.internal.os.Processes;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An ahead-of-time class archive for child JVMs of one kind (pool workers, context processes), kept per Java
 * runtime and classpath in a cache directory. Without one, the first child records what it loads: on Java 25 and
 * later an AOT configuration (JEP 483, with the method profiles of JEP 515), before that a class list. Once that
 * child has ended normally, one short JVM turns the record into the archive ({@code -XX:AOTMode=create}, else
 * {@code -Xshare:dump}), and later children map it instead of finding, loading and verifying those classes again,
 * which roughly halves their start-up. The archive holds the JDK's classes a child uses beside the application's,
 * so a child maps this one file instead of the JDK's default archive and a dynamic one on top of it: 3 MB less
 * resident memory per idle worker and 20-40 ms less to a pool's first result on this project's machine. Only
 * classpaths made of jar files qualify, as the JVM requires. Internal to mproc; thread-safe.
 */
public final class ClassDataSharing {

    /**
     * Set to {@code true} in a child that records: it should also load, before it exits, what children of its kind
     * commonly need but it may not have used, as a worker that ran no task would not have loaded the codec.
     */
    public static final String RECORDING_PROPERTY = "mproc.recordsClassData";

    private static final int KEPT_ARCHIVES = 4;
    private static final long DUMP_TIMEOUT_SECONDS = 120;
    private static final int SIGKILL = 9;
    private static final boolean AOT_CACHE = Runtime.version().feature() >= 25;
    private static final List<String> QUIET = AOT_CACHE ? List.of("-Xlog:cds=off", "-Xlog:aot=off")
            : List.of("-Xlog:cds=off");
    /** What a JVM recording an AOT configuration prints on its standard output as it exits. */
    private static final String RECORDED_NOTICE = " AOTConfiguration recorded: ";

    private static final boolean HAS_BASE_ARCHIVE = hasBaseArchive();
    /** A record or dump in progress: the archive's name, then the pid of the JVM that started it, then a clock. */
    private static final Pattern UNFINISHED = Pattern.compile(".+\\.jsa\\.(?:recording|dump)-(\\d+)-\\d+");
    private static final Map<Path, Optional<ClassDataSharing>> INSTANCES = new ConcurrentHashMap<>();

    private final String kind;
    private final Path archive;
    private final Path recordingFile;
    private final Path dumpFile;
    private final AtomicBoolean recording = new AtomicBoolean();

    private ClassDataSharing(String kind, Path archive) {
        this.kind = kind;
        this.archive = archive;
        String unique = "-" + Processes.SELF + "-" + System.nanoTime();
        this.recordingFile = archive.resolveSibling(archive.getFileName() + ".recording" + unique);
        this.dumpFile = archive.resolveSibling(archive.getFileName() + ".dump" + unique);
    }

    /**
     * The archive for this classpath, or null where class-data sharing cannot be used: a classpath with other than
     * jar files, or a Java runtime without the base archive that a dynamic one builds on (as jlink makes them). The
     * same archive (its kind, Java runtime, and classpath with the files' sizes and times) gives the same instance,
     * so that a JVM records it once and checks its jars once.
     */
    public static ClassDataSharing forClasspath(String kind, List<String> classpath, Path cacheDirectory) {
        if (cacheDirectory == null || classpath.isEmpty() || !HAS_BASE_ARCHIVE) {
            return null;
        }
        Path archive;
        try {
            Files.createDirectories(cacheDirectory);
            archive = cacheDirectory.resolve(kind + "-" + key(classpath) + ".jsa");
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
        return INSTANCES.computeIfAbsent(archive, path -> {
            deleteAbandoned(cacheDirectory);
            return classpath.stream().allMatch(ClassDataSharing::isPlainJar)
                    ? Optional.of(new ClassDataSharing(kind, path)) : Optional.empty();
        }).orElse(null);
    }

    /**
     * Deletes the records and half-made archives of JVMs that ended before their recording child did (killed, or
     * ended while a spare recorded): their names hold the pid of the JVM that started the recording.
     */
    private static void deleteAbandoned(Path cacheDirectory) {
        try (Stream<Path> files = Files.list(cacheDirectory)) {
            for (Path file : files.toList()) {
                Matcher unfinished = UNFINISHED.matcher(file.getFileName().toString());
                if (unfinished.matches() && !Processes.isAlive(Long.parseLong(unfinished.group(1)))) {
                    deleteQuietly(file);
                }
            }
        } catch (IOException | RuntimeException e) {
            // another JVM cleans up, or the next one
        }
    }

    /** {@code $XDG_CACHE_HOME/mproc}, else {@code ~/.cache/mproc}. */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mproc");
    }

    /**
     * JVM options for the next child: use the archive if there is one; else record what it loads, unless another
     * child is recording now. {@code recorder} is set when this child records; {@link #recorded} must follow its
     * exit.
     */
    List<String> options(AtomicBoolean recorder) {
        if (exists()) {
            return withQuiet(AOT_CACHE ? List.of("-XX:AOTCache=" + archive)
                    : List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto"));
        }
        if (recording.compareAndSet(false, true)) {
            recorder.set(true);
            String recordsHere = "-D" + RECORDING_PROPERTY + "=true";
            return withQuiet(AOT_CACHE
                    ? List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + recordingFile, recordsHere)
                    : List.of("-XX:DumpLoadedClassList=" + recordingFile, recordsHere));
        }
        return List.of();
    }

    /** Whether a recording child's output line is the JVM's own notice of its record, not the child's output. */
    static boolean isRecordingNotice(String line) {
        return line.startsWith(RECORDED_NOTICE);
    }

    /** Whether there is an archive to use. */
    public boolean exists() {
        return Files.isRegularFile(archive);
    }

    /**
     * A recording child has exited with {@code exitStatus}. Unless it was killed (SIGKILL), runs the JVM that makes
     * the archive from its record and waits for it (a second or two; its output is discarded), then publishes the
     * archive and trims old ones. A killed child may have recorded only part of its start, so its record is dropped
     * and the next child records again. {@code dumpCommand} gives the command line of a JVM like the children, with the
     * given options beside theirs and no main class.
     */
    void recorded(int exitStatus, Function<List<String>, List<String>> dumpCommand) {
        try {
            if (LaunchedJvm.signal(exitStatus) != SIGKILL && Files.isRegularFile(recordingFile)
                    && Files.size(recordingFile) > 0
                    && dump(dumpCommand.apply(withQuiet(dumpOptions())))) {
                Files.move(dumpFile, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                trim();
            }
        } catch (IOException e) {
            dumpFile.toFile().deleteOnExit();
        } finally {
            deleteQuietly(recordingFile);
            deleteQuietly(dumpFile);
            recording.set(false);
        }
    }

    private List<String> dumpOptions() {
        return AOT_CACHE
                ? List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + recordingFile, "-XX:AOTCache=" + dumpFile)
                : List.of("-Xshare:dump", "-XX:SharedClassListFile=" + recordingFile,
                        "-XX:SharedArchiveFile=" + dumpFile);
    }

    private boolean dump(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!process.waitFor(DUMP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
        return process.exitValue() == 0 && Files.isRegularFile(dumpFile) && Files.size(dumpFile) > 0;
    }

    private static List<String> withQuiet(List<String> options) {
        List<String> all = new ArrayList<>(options);
        all.addAll(QUIET);
        return all;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }

    private void trim() throws IOException {
        try (Stream<Path> archives = Files.list(archive.getParent())) {
            List<Path> old = archives.filter(path -> path.getFileName().toString().startsWith(kind + "-")
                            && path.getFileName().toString().endsWith(".jsa"))
                    .sorted(Comparator.comparingLong(ClassDataSharing::modified).reversed())
                    .skip(KEPT_ARCHIVES)
                    .toList();
            for (Path path : old) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static boolean hasBaseArchive() {
        Path server = Path.of(System.getProperty("java.home"), "lib", "server");
        return Files.isRegularFile(server.resolve("classes.jsa")) || Files.isRegularFile(server.resolve(
                "classes_nocoops.jsa"));
    }

    /** A jar file that names no further classpath entries in its manifest (those may be directories). */
    private static boolean isPlainJar(String entry) {
        if (!entry.endsWith(".jar") || !Files.isRegularFile(Path.of(entry))) {
            return false;
        }
        try (JarFile jar = new JarFile(entry)) {
            Manifest manifest = jar.getManifest();
            return manifest == null || manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH) == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static long modified(Path path) {
        return path.toFile().lastModified();
    }

    private static String key(List<String> classpath) throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        StringBuilder identity = new StringBuilder(System.getProperty("java.home"))
                .append('|').append(Runtime.version());
        for (String entry : classpath) {
            File file = new File(entry);
            identity.append('|').append(file.getAbsolutePath()).append(':').append(file.length()).append(':')
                    .append(file.lastModified());
        }
        return HexFormat.of().formatHex(digest.digest(identity.toString().getBytes(StandardCharsets.UTF_8)), 0, 8);
    }
}
