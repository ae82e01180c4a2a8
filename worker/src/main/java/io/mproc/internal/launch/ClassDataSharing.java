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
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * An application class-data sharing archive for child JVMs of one kind (pool workers, context processes), kept
 * per Java runtime and classpath in a cache directory. Without one, the first child records the classes it loads
 * when it exits; later children map the archive instead of finding, loading and verifying those classes again,
 * which roughly halves their start-up. Only classpaths made of jar files qualify, as the JVM requires. Internal to
 * mproc; thread-safe.
 */
public final class ClassDataSharing {

    private static final int KEPT_ARCHIVES = 4;

    private final String kind;
    private final Path archive;
    private final Path recordingFile;
    private final AtomicBoolean recording = new AtomicBoolean();

    private ClassDataSharing(String kind, Path archive) {
        this.kind = kind;
        this.archive = archive;
        this.recordingFile = archive.resolveSibling(archive.getFileName() + ".recording-" + Processes.SELF
                + "-" + System.nanoTime());
    }

    /**
     * The archive for this classpath, or null where class-data sharing cannot be used: a classpath with other than
     * jar files, or a Java runtime without the base archive that a dynamic one builds on (as jlink makes them).
     */
    public static ClassDataSharing forClasspath(String kind, List<String> classpath, Path cacheDirectory) {
        if (cacheDirectory == null || classpath.isEmpty() || !hasBaseArchive()
                || !classpath.stream().allMatch(ClassDataSharing::isPlainJar)) {
            return null;
        }
        try {
            Files.createDirectories(cacheDirectory);
            return new ClassDataSharing(kind, cacheDirectory.resolve(kind + "-" + key(classpath) + ".jsa"));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** {@code $XDG_CACHE_HOME/mproc}, else {@code ~/.cache/mproc}. */
    public static Path defaultCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("mproc");
    }

    /**
     * JVM options for the next child: use the archive if there is one; else record it, unless another child is
     * recording it now. {@code recorder} is set when this child records; {@link #recorded()} must follow its exit.
     */
    List<String> options(AtomicBoolean recorder) {
        if (exists()) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off");
        }
        if (recording.compareAndSet(false, true)) {
            recorder.set(true);
            return List.of("-XX:ArchiveClassesAtExit=" + recordingFile, "-Xlog:cds=off");
        }
        return List.of();
    }

    /** Whether there is an archive to use. */
    public boolean exists() {
        return Files.isRegularFile(archive);
    }

    /** A recording child has exited: publishes its archive, if it wrote one, and trims old ones. */
    void recorded() {
        try {
            if (Files.isRegularFile(recordingFile) && Files.size(recordingFile) > 0) {
                Files.move(recordingFile, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                trim();
            } else {
                Files.deleteIfExists(recordingFile);
            }
        } catch (IOException e) {
            recordingFile.toFile().deleteOnExit();
        } finally {
            recording.set(false);
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
