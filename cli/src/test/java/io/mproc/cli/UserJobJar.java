package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;

/** The README's example job ({@code squaresum}), compiled into a jar of its own, as a user would ship it. */
final class UserJobJar {

    private UserJobJar() {
    }

    /** Compiles the README's job under {@code dir} and returns its jar. */
    static Path build(Path dir) throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String block = readme.substring(readme.indexOf("<!-- user-job -->"), readme.indexOf("<!-- /user-job -->"));
        String source = block.substring(block.indexOf("```java") + "```java".length(), block.lastIndexOf("```"));
        assertThat(source.lines().filter(line -> !line.isBlank()).count()).isLessThanOrEqualTo(30);
        Path classes = compile(dir, "example/SquareSum.java", source);
        Path jar = dir.resolve("user-job.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "example/SquareSum.class", Files.readAllBytes(classes.resolve("example/SquareSum.class")));
            add(out, "META-INF/services/io.mproc.Job", "example.SquareSum\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    /**
     * Compiles {@code source}, the file {@code relativePath} of a package tree, under {@code dir} against this JVM's
     * classpath; returns the class directory.
     */
    static Path compile(Path dir, String relativePath, String source) throws IOException {
        Path sourceFile = dir.resolve("src").resolve(relativePath);
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), sourceFile.toString());
        assertThat(compiled).isZero();
        return classes;
    }

    private static void add(JarOutputStream jarStream, String name, byte[] bytes) throws IOException {
        jarStream.putNextEntry(new JarEntry(name));
        jarStream.write(bytes);
        jarStream.closeEntry();
    }
}
