package io.mproc.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Names code by its content, so that what a node runs is what the coordinator sent: a jar by the SHA-256 of its
 * bytes, a directory of classes by that of a jar made from it the same way on every machine.
 */
final class Code {

    private static final FileTime EPOCH = FileTime.fromMillis(0);

    private Code() {
    }

    /** The SHA-256 of {@code bytes}, in lower-case hex. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** Each existing entry of {@code classpath}, expanded as {@link #expand} does, by its content hash, in order. */
    static Map<String, Path> hashes(List<Path> classpath) {
        Map<String, Path> code = new LinkedHashMap<>();
        for (Path entry : expand(classpath)) {
            code.putIfAbsent(sha256(bytesOf(entry)), entry);
        }
        return code;
    }

    /** A classpath entry as a jar: the jar's bytes, or a directory packed with sorted names and no timestamps. */
    static byte[] bytesOf(Path entry) {
        try {
            return Files.isDirectory(entry) ? pack(entry) : Files.readAllBytes(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classpath entry " + entry, e);
        }
    }

    /**
     * The entries that exist, each followed by those its manifest's {@code Class-Path} names (as test runners'
     * manifest-only jars do), each once.
     */
    static List<Path> expand(List<Path> classpath) {
        Set<Path> entries = new LinkedHashSet<>();
        classpath.forEach(entry -> add(entry.toAbsolutePath().normalize(), entries));
        return new ArrayList<>(entries);
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!Files.exists(entry) || !entries.add(entry) || Files.isDirectory(entry)) {
            return;
        }
        for (Path referenced : manifestClasspath(entry)) {
            add(referenced, entries);
        }
    }

    private static List<Path> manifestClasspath(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null || classPath.isBlank()) {
                return List.of();
            }
            List<Path> paths = new ArrayList<>();
            for (String reference : classPath.trim().split("\\s+")) {
                URI uri = jar.toUri().resolve(reference);
                if ("file".equals(uri.getScheme())) {
                    paths.add(Path.of(uri).normalize());
                }
            }
            return paths;
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static byte[] pack(Path directory) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                ZipEntry entry = new ZipEntry(directory.relativize(file).toString().replace('\\', '/'));
                entry.setLastModifiedTime(EPOCH);
                zip.putNextEntry(entry);
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
