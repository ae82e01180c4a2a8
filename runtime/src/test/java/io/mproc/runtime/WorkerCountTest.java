package io.mproc.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mproc.internal.launch.LaunchCapacity;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Worker counts that cannot work: refused before any JVM starts, warned about, or started in bounded waves. */
class WorkerCountTest {

    @Test
    @Timeout(10)
    void aWorkerCountThatCannotFitInMemoryIsRefusedBeforeAnyJvmStarts() {
        long childrenBefore = ProcessHandle.current().children().count();
        long start = System.nanoTime();

        assertThatThrownBy(() -> Pool.builder().workers(100_000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("100000 workers do not fit in this machine's memory: each takes about "
                        + "48.0 MiB (the footprint of an idle JVM; more as its heap grows), 100000 take 4.6 TiB")
                .hasMessageContaining("are available; use at most ")
                .hasMessageContaining(LaunchCapacity.cpus() + " CPUs");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
    }

    @Test
    @Timeout(10)
    void heapsThatCannotFitInMemoryAreRefusedNamingTheHeap() {
        long childrenBefore = ProcessHandle.current().children().count();

        assertThatThrownBy(() -> Pool.builder().workers(2).maxHeap("100t").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("2 workers do not fit in this machine's memory: each takes about "
                        + "100.0 TiB (a heap of 100.0 TiB plus 32.0 MiB besides)")
                .hasMessageContaining("or a smaller heap");
        assertThat(ProcessHandle.current().children().count()).isEqualTo(childrenBefore);
    }

    @Test
    void moreWorkersThanCpusIsLoggedAsAWarning() {
        int workers = LaunchCapacity.cpus() + 1;
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(Pool.class.getName());
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try (Pool pool = Pool.builder().workers(workers).build()) {
            assertThat(warnings).singleElement().satisfies(record -> {
                assertThat(record.getLevel()).isEqualTo(java.util.logging.Level.WARNING);
                assertThat(record.getMessage()).startsWith(workers + " workers on " + LaunchCapacity.cpus()
                        + " CPUs: the CPUs are oversubscribed");
            });
        } finally {
            logger.removeHandler(handler);
        }
    }

    @Test
    @Timeout(60)
    void closeDuringStartUpEndsPromptlyHavingStartedOneWaveAtMost() {
        int wave = LaunchCapacity.maxStartingAtOnce();
        Pool pool = Pool.builder().workers(wave + 2).build();
        long start = System.nanoTime();
        pool.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        assertThat(pool.stats().workersStarted()).isLessThanOrEqualTo(wave);
    }

    @Test
    void workersBeyondOneWaveStillAllStartAndWork() throws InterruptedException {
        int workers = LaunchCapacity.maxStartingAtOnce() + 1;
        try (Pool pool = Pool.builder().workers(workers).build()) {
            assertThat(pool.awaitReady(Duration.ofSeconds(60))).isTrue();
            assertThat(pool.workers()).hasSize(workers);
            assertThat(pool.map(Tasks::square, IntStream.range(0, 10).boxed().toList()))
                    .isEqualTo(IntStream.range(0, 10).map(i -> i * i).boxed().toList());
        }
    }
}
