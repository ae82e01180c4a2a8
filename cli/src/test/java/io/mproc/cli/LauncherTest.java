package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./mproc} launcher, run from a copy of the project's root whose CLI "build" is this test's classpath, so
 * that it starts the CLI without building anything.
 */
class LauncherTest {

    private static final Path LAUNCHER = Path.of("..", "mproc");

    @TempDir
    Path root;
    @TempDir
    Path cache;

    @Test
    @Timeout(120)
    void eachCommandRecordsAClassArchiveOfItsOwn() throws Exception {
        Path launcher = installLauncher();

        run(launcher, 0, "jobs");
        run(launcher, 0, "config");
        run(launcher, 0, "jobs");
        run(launcher, 0, "--version");

        assertThat(archives()).anyMatch(name -> name.matches("cli-\\d+-jobs\\.jsa"))
                .anyMatch(name -> name.matches("cli-\\d+-config\\.jsa"));
    }

    @Test
    @Timeout(120)
    void aRunThatPrintsHelpOrStopsOnAUsageErrorLeavesNoArchive() throws Exception {
        Path launcher = installLauncher();

        run(launcher, 0, "jobs", "--help");
        run(launcher, 2, "config", "--no-such-option");
        run(launcher, 0, "--version");

        assertThat(archives()).as("only the last run's own recording, not yet swept")
                .allMatch(name -> name.matches("cli-\\d+-other\\.jsa\\.\\d+"));

        run(launcher, 0, "jobs");
        run(launcher, 0, "--version");

        assertThat(archives()).anyMatch(name -> name.matches("cli-\\d+-jobs\\.jsa"));
    }

    private Path installLauncher() throws IOException {
        Path javaHome = Path.of(System.getProperty("java.home"));
        assumeThat(javaHome.resolve("lib/server/classes.jsa")).as("a JDK with class-data sharing").exists();
        Path launcher = Files.copy(LAUNCHER, root.resolve("mproc"));
        launcher.toFile().setExecutable(true);
        Path target = Files.createDirectories(root.resolve("cli/target"));
        Files.createFile(target.resolve("mproc-cli-0.1.0-SNAPSHOT.jar"));
        Files.writeString(target.resolve("classpath.txt"), jarsOnly(System.getProperty("java.class.path"), target));
        Files.writeString(target.resolve("built.stamp"), "" + System.nanoTime());
        return launcher;
    }

    /** The class path with each directory packed into a jar, as class-data sharing takes jars only. */
    private static String jarsOnly(String classPath, Path target) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (Files.isDirectory(Path.of(entry))) {
                String jar = target.resolve("packed-" + entries.size() + ".jar").toString();
                int exit = ToolProvider.findFirst("jar").orElseThrow()
                        .run(System.out, System.err, "--create", "--file", jar, "-C", entry, ".");
                assertThat(exit).as("jar of %s", entry).isZero();
                entry = jar;
            }
            entries.add(entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private void run(Path launcher, int exitCode, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("XDG_CACHE_HOME", cache.toString());
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(50, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
        assertThat(process.exitValue()).as("%s: %s", command, output).isEqualTo(exitCode);
    }

    private List<String> archives() throws IOException {
        try (Stream<Path> files = Files.list(cache.resolve("mproc"))) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }
}
