package io.mproc.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mproc.Job;
import io.mproc.PoolSettings;
import io.mproc.runtime.JobReport;
import io.mproc.runtime.JobRunner;
import io.mproc.runtime.Jobs;
import io.mproc.runtime.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each built-in job against a known answer, on one and on two worker JVMs, with its single-threaded baseline. */
class BuiltInJobsTest {

    @TempDir
    Path output;

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void primesBelowTenMillionAre664579(int workers) throws Exception {
        JobReport report = run("primes", workers, Map.of("limit", "10000000"));
        assertThat(report.result()).isEqualTo(664_579L);
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void nqueensOfTwelveHas14200Solutions(int workers) throws Exception {
        assertThat(run("nqueens", workers, Map.of("n", "12")).result()).isEqualTo(14_200L);
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void piIsTheSameEstimateForAnyWorkerCountAndCloseToPi(int workers) throws Exception {
        PiJob.Estimate estimate = (PiJob.Estimate) run("pi", workers, Map.of("samples", "4000000")).result();
        assertThat(estimate.samples()).isEqualTo(4_000_000);
        assertThat(estimate.pi()).isCloseTo(Math.PI, org.assertj.core.data.Offset.offset(0.01));
        assertThat(estimate).isEqualTo(run("pi", 2, Map.of("samples", "4000000"), 7).result());
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void mandelbrotChecksumMatchesADirectRenderingAndThePngIsWritten(int workers) throws Exception {
        int width = 160;
        int height = 90;
        MandelbrotJob.Picture picture = (MandelbrotJob.Picture) run("mandelbrot", workers,
                Map.of("width", "" + width, "height", "" + height, "iterations", "200")).result();
        long expected = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                expected += MandelbrotJob.escape(-2.2 + 3.2 * x / width, -1.2 + 2.4 * y / height, 200);
            }
        }
        assertThat(picture.checksum()).isEqualTo(expected);
        assertThat(Files.size(Path.of(picture.file()))).isPositive();
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void matmulEqualsTheSingleThreadedProduct(int workers) throws Exception {
        int n = 48;
        MatmulJob.Product product = (MatmulJob.Product) run("matmul", workers, Map.of("n", "" + n, "seed", "3"))
                .result();
        SplittableRandom random = new SplittableRandom(3);
        double[] a = random.doubles(n * n, -1, 1).toArray();
        double[] b = random.doubles(n * n, -1, 1).toArray();
        double checksum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += a[i * n + k] * b[k * n + j];
                }
                checksum += sum;
            }
        }
        assertThat(product.checksum()).isEqualTo(checksum);
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void hashFindsTheSmallestNonceWithTheLeadingZeroBits(int workers) throws Exception {
        HashJob.Proof proof = (HashJob.Proof) run("hash", workers, Map.of("bits", "12")).result();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long expected = 0;
        while (HashJob.leadingZeroBits(HashJob.hash(sha, "mproc".getBytes(), expected)) < 12) {
            expected++;
        }
        assertThat(proof.nonce()).isEqualTo(expected);
        assertThat(proof.hash()).startsWith("000");
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {1, 2})
    void wordcountCountsEveryWordOfTheCorpus(int workers) throws Exception {
        WordCountJob.Counts counts = (WordCountJob.Counts) run("wordcount", workers,
                Map.of("words", "300000", "vocabulary", "1000")).result();
        Map<String, Long> expected = new HashMap<>();
        for (long p = 0; p < 300_000; p++) {
            expected.merge("w" + WordCountJob.wordAt(1, p, 1000), 1L, Long::sum);
        }
        assertThat(counts.words()).isEqualTo(300_000);
        assertThat(counts.distinct()).isEqualTo(expected.size());
        assertThat(counts.top().get(0).count()).isEqualTo(expected.values().stream().mapToLong(c -> c).max()
                .orElseThrow());
    }

    @Test
    void aJobsGaugesFollowItsLatestRunWhenItRunsAgainOnTheSameRegistry() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Job<?, ?> job = Jobs.find("primes");
        PoolSettings pool = new PoolSettings(1, List.of(), List.of(), Map.of(), 0, Duration.ZERO, 0, 0);
        for (int tasks : new int[] {4, 8}) {
            RunOptions options = new RunOptions(pool, tasks, false, false, output, 1L << 20,
                    (worker, stderr, line) -> { }, (done, total) -> { }, registry);
            new JobRunner(options).run(job, Jobs.parameters(job, Map.of("limit", "100000")));
            assertThat(registry.get("mproc.job.tasks.planned").tag("job", "primes").gauge().value())
                    .isEqualTo(tasks);
            assertThat(registry.get("mproc.job.progress").tag("job", "primes").gauge().value()).isEqualTo(1.0);
        }
    }

    private JobReport run(String name, int workers, Map<String, String> parameters) throws Exception {
        return run(name, workers, parameters, 0);
    }

    private JobReport run(String name, int workers, Map<String, String> parameters, int tasks) throws Exception {
        Job<?, ?> job = Jobs.find(name);
        PoolSettings pool = new PoolSettings(workers, List.of(), List.of(), Map.of(), 0, Duration.ZERO, 2, 0);
        RunOptions options = new RunOptions(pool, tasks, true, false, output, 16L << 20,
                (worker, stderr, line) -> { }, (done, total) -> { });
        JobReport report = new JobRunner(options).run(job, Jobs.parameters(job, parameters));
        assertThat(report.resultsMatch()).isTrue();
        assertThat(report.workers()).isEqualTo(workers);
        return report;
    }
}
