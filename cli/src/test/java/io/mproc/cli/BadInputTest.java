package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A user's mistake on the command line is one clear line and exit code 2, found before anything runs. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(20)
    void aWorkerCountThatCannotFitInMemoryIsRefusedAtOnceWithOneLine() {
        long childrenBefore = ProcessHandle.current().children().count();
        Cli cli = Cli.run("run", "primes", "--workers", "100000", "--report-dir", dir.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip().lines()).singleElement().asString()
                .startsWith("mproc: 100000 workers do not fit in this machine's memory")
                .contains("use at most");
        assertThat(cli.out()).doesNotContain("baseline");
        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
    }

    @Test
    @Timeout(60)
    void moreWorkersThanCpusIsAOneLineWarning() throws Exception {
        int workers = Runtime.getRuntime().availableProcessors() + 1;
        Process mproc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "nqueens", "-p", "n=6", "--no-baseline", "--workers", "" + workers,
                "--report-dir", dir.toString())
                .redirectOutput(new File("/dev/null")).start();
        String err = new String(mproc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mproc.waitFor(50, TimeUnit.SECONDS)).isTrue();

        assertThat(mproc.exitValue()).as(err).isZero();
        assertThat(err.lines().filter(line -> line.contains("oversubscribed")).toList()).singleElement().asString()
                .startsWith("mproc: WARNING: " + workers + " workers on " + (workers - 1) + " CPUs");
    }

    @Test
    void anInvalidHeapNamesTheFlagAsTyped() {
        Cli cli = Cli.run("run", "primes", "--heap", "abc");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("mproc: worker.heap = \"abc\" (from flag --heap) is not valid: "
                + "expected a heap size in -Xmx syntax, such as 512m, 2g or 1024k");
    }

    @Test
    void anInvalidTaskTimeoutNamesTheFlagAsTyped() {
        Cli cli = Cli.run("run", "primes", "--task-timeout", "xyz");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).startsWith("mproc: taskTimeout = \"xyz\" (from flag --task-timeout) is not "
                + "valid: expected a duration").doesNotContain("--taskTimeout");
    }

    @Test
    void aNodeAddressWithoutAPortIsRefusedNamingTheFlag() {
        Cli cli = Cli.run("run", "primes", "--cluster", "10.0.0.5");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("mproc: cluster.members = \"10.0.0.5\" (from flag --cluster) is not "
                + "valid: expected node addresses host:port, separated by commas (none for a local pool)");
    }

    @Test
    void aWorkerCountWithAClusterIsRefusedSayingNodesHaveTheirOwn() {
        Cli cli = Cli.run("run", "primes", "--cluster", "127.0.0.1:5701", "--workers", "4");

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("mproc: --workers does not apply to a run on a cluster: each node has "
                + "its own workers (mproc node --workers N)");
    }

    @Test
    void aClusterThatCannotBeReachedIsOneLineNamingTheAddress() {
        Cli cli = Cli.run("cluster", "status", "--cluster", "127.0.0.1:1", "--token-file",
                dir.resolve("token").toString());

        assertThat(cli.exitCode()).isEqualTo(1);
        assertThat(cli.err().strip()).startsWith("mproc: cannot reach an mproc cluster named 'mproc' at 127.0.0.1:1")
                .doesNotContain("Exception");
    }

    @Test
    void configFileValuesStillNameTheirKey() throws Exception {
        Path file = dir.resolve("mproc.yaml");
        java.nio.file.Files.writeString(file, "worker:\n  heap: abc\n");
        Cli cli = Cli.run("config", "--config", file.toString());

        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).startsWith("mproc: worker.heap = \"abc\" (from file ");
        assertThat(List.of(cli.err().strip().split("\n"))).hasSize(1);
    }
}
