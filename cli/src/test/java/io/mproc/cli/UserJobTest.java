package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's example job, compiled into a jar of its own, is found and run like a built-in one. */
class UserJobTest {

    @TempDir
    static Path dir;

    private static Path jar;

    @BeforeAll
    static void buildTheReadmeJobIntoAJar() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String block = readme.substring(readme.indexOf("<!-- user-job -->"), readme.indexOf("<!-- /user-job -->"));
        String source = block.substring(block.indexOf("```java") + "```java".length(), block.lastIndexOf("```"));
        assertThat(source.lines().filter(line -> !line.isBlank()).count()).isLessThanOrEqualTo(30);
        Path sourceFile = dir.resolve("src/example/SquareSum.java");
        Files.createDirectories(sourceFile.getParent());
        Files.writeString(sourceFile, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        int compiled = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(),
                "-cp", System.getProperty("java.class.path"), sourceFile.toString());
        assertThat(compiled).isZero();
        jar = dir.resolve("user-job.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            add(out, "example/SquareSum.class", Files.readAllBytes(classes.resolve("example/SquareSum.class")));
            add(out, "META-INF/services/io.mproc.Job", "example.SquareSum\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void userJobIsListed() {
        assertThat(mproc("jobs")).contains("squaresum", "sum of the squares below n", "default 1000000");
    }

    @Test
    void userJobRunsOnWorkersAndAgreesWithTheBaseline() {
        assertThat(mproc("run", "squaresum", "-p", "n=1000", "--workers", "2", "--report-dir", dir.toString()))
                .contains("result     332833500", "all runs agree");
    }

    private static String mproc(String... args) {
        List<String> command = new ArrayList<>(List.of(ChildJvm.java(),
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + jar, Main.class.getName()));
        command.addAll(List.of(args));
        try (ChildJvm mproc = ChildJvm.start(command)) {
            assertThat(mproc.awaitExit(Duration.ofSeconds(90))).as(mproc.output()).isZero();
            return mproc.output();
        }
    }

    private static void add(JarOutputStream jarStream, String name, byte[] bytes) throws IOException {
        jarStream.putNextEntry(new JarEntry(name));
        jarStream.write(bytes);
        jarStream.closeEntry();
    }
}
