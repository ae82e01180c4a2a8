package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.dataformat.cbor.CBORParser;

class WorkerArchiveTest {

    @TempDir
    Path directory;

    @Test
    void aWorkerThatRecordsTheArchiveLoadsWhatATaskNeedsEvenIfItRanNone() throws Exception {
        Path loaded = directory.resolve("loaded.txt");
        List<String> command = new ArrayList<>(List.of(ChildJvm.java(), "-Xmx64m", "-cp", jarredClasspath(),
                ArchiveRecordingMain.class.getName(), directory.resolve("cache").toString(), loaded.toString()));
        try (ChildJvm coordinator = ChildJvm.start(command)) {
            assertThat(coordinator.awaitLine("", Duration.ofSeconds(100))).isEqualTo("done");
        }
        List<String> lines = Files.readAllLines(loaded);
        for (String commonClass : List.of(CBORParser.class.getName(), "io.mproc.worker.ChunkRunner$Running")) {
            assertThat(lines).as(commonClass).filteredOn(line -> line.contains(" " + commonClass + " source:"))
                    .singleElement().asString().contains("shared objects file");
        }
    }

    /** This JVM's classpath with each directory packed into a jar, as class-data sharing takes only jars. */
    private String jarredClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            entries.add(Files.isDirectory(path) ? jar(path, directory.resolve(entries.size() + ".jar")) : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String jar(Path classes, Path jar) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar.toString();
    }
}
