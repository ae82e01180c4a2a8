package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class CliTest {

    @TempDir
    Path dir;

    @Test
    void jobsListsEveryBuiltInJobWithItsParameters() {
        Cli cli = Cli.run("jobs");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).contains("primes", "pi", "mandelbrot", "matmul", "nqueens", "hash", "wordcount",
                "-p limit=LONG", "default 10000000");
    }

    @Test
    void exampleRunsTheTutorialsValueSumAndPrintsWhatPythonPrints() {
        Cli cli = Cli.run("example", "value-sum");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out().lines()).containsExactly("Array inside process: [1, 4, 9, 16], Sum: 30",
                "Array outside process: [1, 4, 9, 16], Sum: 30");
    }

    @Test
    void exampleWithoutANameListsTheExamplesAndAnUnknownNameIsAUsageError() {
        assertThat(Cli.run("example").out()).contains("value-sum", "pipe-messages", "queue-producer-consumer");
        Cli unknown = Cli.run("example", "value-som");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown example 'value-som'; did you mean 'value-sum'?");
    }

    @Test
    void runPrintsTheReportAndWritesJsonThatMatchesTheSchema() throws Exception {
        Path report = dir.resolve("report.json");
        Cli cli = Cli.run("run", "nqueens", "-p", "n=9", "--workers", "2", "--report", report.toString(),
                "--report-dir", dir.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(cli.out()).contains("result     352", "speedup", "all runs agree", "worker pid");
        JsonNode json = Reports.JSON.readTree(report.toFile());
        assertThat(json.get("result").asLong()).isEqualTo(352);
        assertThat(json.get("resultsMatch").asBoolean()).isTrue();
        assertThat(SchemaCheck.problems(json, Reports.JSON.readTree(Path.of("../docs/report-schema.json").toFile())))
                .isEmpty();
    }

    @Test
    void unknownJobIsOneLineNamingTheClosestJob() {
        Cli cli = Cli.run("run", "prims");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("mproc: unknown job 'prims'; did you mean 'primes'? "
                + "(jobs: hash, mandelbrot, matmul, nqueens, pi, primes, wordcount)");
    }

    @Test
    void unknownParameterNamesTheClosestOne() {
        Cli cli = Cli.run("run", "primes", "-p", "limt=10");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("job 'primes' has no parameter 'limt'; did you mean 'limit'?");
        assertThat(cli.err().strip().lines()).hasSize(1);
    }

    @Test
    void malformedValueSaysWhatIsExpected() {
        Cli cli = Cli.run("run", "primes", "-p", "limit=ten");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err().strip()).isEqualTo("mproc: parameter 'limit' of job 'primes' must be a whole number, "
                + "not 'ten' (default: 10000000)");
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli cli = Cli.run("run", "primes", "--wrokers", "2");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option", "'--wrokers'", "Try 'mproc run --help'")
                .doesNotContain("Exception");
    }

    @Test
    void badConfigurationValueNamesKeyValueAndSource() {
        Cli cli = Cli.run("run", "primes", "--workers", "0");
        assertThat(cli.exitCode()).isEqualTo(2);
        assertThat(cli.err()).contains("workers", "\"0\"", "flag").doesNotContain("Exception");
    }

    @Test
    void configPrintsEachValueWithItsSource() {
        Cli cli = Cli.run("config", "--workers", "3");
        assertThat(cli.exitCode()).isZero();
        assertThat(cli.out()).containsPattern("workers +3 +\\(flag").containsPattern("maxRetries +2 +\\(default\\)");
    }

    @Test
    void benchWritesThePlotAndTheCsv() throws Exception {
        Path plot = dir.resolve("x.png");
        Cli cli = Cli.run("bench", "primes", "--workers", "1,2", "--repeat", "1", "-p", "limit=300000",
                "--plot", plot.toString());
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(Files.readAllBytes(plot)).startsWith(0x89, 'P', 'N', 'G');
        List<String> csv = Files.readAllLines(dir.resolve("x.csv"));
        assertThat(csv).hasSize(3);
        assertThat(csv.get(0)).startsWith("workers,median_ms,speedup");
    }

    @Test
    void killNineOfAWorkerDuringRunStillGivesTheExactCountAndReportsTheReplacement() throws Exception {
        Path report = dir.resolve("killed.json");
        CompletableFuture<Cli> run = CompletableFuture.supplyAsync(() -> Cli.run("run", "primes", "-p",
                "limit=20000000", "--workers", "2", "--no-baseline", "--report", report.toString()));
        ProcessHandle victim = await().atMost(Duration.ofSeconds(60)).until(CliTest::busyWorker,
                worker -> worker != null);
        victim.destroyForcibly();
        Cli cli = run.get();
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        JsonNode json = Reports.JSON.readTree(report.toFile());
        assertThat(json.get("result").asLong()).isEqualTo(1_270_607);
        assertThat(json.get("workersReplaced").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(cli.out()).containsPattern("failures +[1-9]\\d* workers replaced");
    }

    /**
     * A worker JVM of this test that has been computing for a while: the only Java processes this JVM starts are
     * workers (their command lines are too long for the JDK to report whole, so the main class cannot be matched).
     */
    private static ProcessHandle busyWorker() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().orElse("").endsWith("/java"))
                .filter(child -> child.info().totalCpuDuration().orElse(Duration.ZERO).toMillis() > 500)
                .findFirst().orElse(null);
    }
}
