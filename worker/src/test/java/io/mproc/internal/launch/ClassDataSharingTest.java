package io.mproc.internal.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataSharingTest {

    private static final String PROBE = ArchiveProbe.class.getName();

    @TempDir
    Path directory;

    @Test
    void theFirstChildRecordsTheArchiveThatLaterChildrenLoadTheirClassesFrom() throws Exception {
        Path jar = probeJar();
        Path cache = directory.resolve("cache");
        assertThat(run(JvmCommand.of("probe", List.of(), Map.of(), List.of(jar.toString()), PROBE, cache)))
                .containsExactly("ready");
        assertThat(cacheFiles(cache)).singleElement().asString().startsWith("probe-").endsWith(".jsa");

        List<String> loaded = run(JvmCommand.of("probe", List.of("-Xlog:class+load=info"), Map.of(),
                List.of(jar.toString()), PROBE, cache));
        assertThat(loaded).filteredOn(line -> line.contains(PROBE + " source:"))
                .singleElement().asString().contains("shared objects file");
    }

    @Test
    void aRecordingChildThatIsKilledLeavesNoArchiveAndNoRecord() throws Exception {
        Path cache = directory.resolve("cache");
        JvmCommand command = JvmCommand.of("probe", List.of(), Map.of(), List.of(probeJar().toString()), PROBE,
                cache);
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        LaunchedJvm jvm = LaunchedJvm.startWaiting(command, null, "probe", (stderr, line) -> lines.add(line));
        await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("ready"));
        jvm.kill();

        assertThat(jvm.exited().get(60, TimeUnit.SECONDS)).isEqualTo(137);
        assertThat(cacheFiles(cache)).isEmpty();
    }

    @Test
    void recordsLeftByJvmsThatEndedAreDeletedAndThoseOfLiveOnesKept() throws Exception {
        Path cache = Files.createDirectories(directory.resolve("cache"));
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Files.createFile(cache.resolve("probe-0123.jsa.recording-" + ended.pid() + "-42"));
        Files.createFile(cache.resolve("probe-0123.jsa.dump-" + ended.pid() + "-42"));
        Path live = Files.createFile(cache.resolve("probe-0123.jsa.recording-" + ProcessHandle.current().pid() + "-7"));

        JvmCommand.of("probe", List.of(), Map.of(), List.of(probeJar().toString()), PROBE, cache);

        assertThat(cacheFiles(cache)).containsExactly(live.getFileName());
    }

    private static List<String> run(JvmCommand command) throws Exception {
        Queue<String> lines = new ConcurrentLinkedQueue<>();
        LaunchedJvm jvm = LaunchedJvm.start(command, null, new byte[0], "probe", (stderr, line) -> lines.add(line));
        assertThat(jvm.exited().get(60, TimeUnit.SECONDS)).isZero();
        jvm.joinThreads();
        return List.copyOf(lines);
    }

    private Path probeJar() throws IOException {
        Path jar = directory.resolve("probe.jar");
        String entry = ArchiveProbe.class.getName().replace('.', '/') + ".class";
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             InputStream in = ArchiveProbe.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            in.transferTo(out);
        }
        return jar;
    }

    private static List<Path> cacheFiles(Path cache) throws IOException {
        try (Stream<Path> files = Files.list(cache)) {
            return files.map(Path::getFileName).toList();
        }
    }
}
