package io.mproc.cli;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** The speedup curve of {@code mproc bench}, as meters the dashboard draws. */
final class BenchMeters {

    private BenchMeters() {
    }

    /** Records the median speedup measured at one worker count. */
    static void speedup(MeterRegistry registry, String job, int workers, double speedup) {
        Gauge.builder("mproc.bench.speedup", () -> speedup).tags("job", job, "workers", Integer.toString(workers))
                .description("median speedup over one thread, by worker count").register(registry);
    }
}
