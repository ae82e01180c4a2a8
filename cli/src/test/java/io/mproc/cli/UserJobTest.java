package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mproc.testing.ChildJvm;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
        jar = UserJobJar.build(dir);
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
}
