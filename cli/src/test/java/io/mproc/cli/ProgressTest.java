package io.mproc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress lines estimate the time left only once the rate is known, from the run's own start. */
class ProgressTest {

    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter text = new StringWriter();

    @Test
    void noEstimateBeforeTheRateIsKnownAndNoneSkewedByTimeBeforeTheRun() {
        Progress progress = Progress.lines("primes", new PrintWriter(text), nanos::get);
        at(3_300, progress, 0, 64);
        at(3_310, progress, 1, 64);
        at(3_400, progress, 7, 64);

        assertThat(lines()).hasSize(2).noneMatch(line -> line.contains("ETA"));
    }

    @Test
    void estimateOnceTheRateIsKnown() {
        Progress progress = Progress.lines("primes", new PrintWriter(text), nanos::get);
        at(3_300, progress, 0, 64);
        for (int done = 1; done <= 32; done++) {
            at(3_300 + done * 40L, progress, done, 64);
        }

        assertThat(lines()).last().asString().isEqualTo("primes: 32/64 tasks (50%), 25.0 tasks/s, ETA 1s");
    }

    private void at(long millis, Progress progress, int done, int total) {
        nanos.set(millis * 1_000_000);
        progress.update(done, total);
    }

    private List<String> lines() {
        return text.toString().lines().toList();
    }
}
