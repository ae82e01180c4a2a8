package io.mproc.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/** A job run's meters: tasks done and total, progress, and the last run's speedup and efficiency. */
class JobMeters {

    private static final JobMeters NONE = new JobMeters();
    /** One set of gauges per registry and job, reused by its later runs (a gauge registers once per name and tags). */
    private static final Map<MeterRegistry, Map<String, JobMeters>> REGISTERED =
            Collections.synchronizedMap(new WeakHashMap<>());

    JobMeters() {
    }

    static JobMeters register(MeterRegistry registry, String job) {
        if (registry == null) {
            return NONE;
        }
        return REGISTERED.computeIfAbsent(registry, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(job, name -> new Registered(registry, Tags.of("job", name)));
    }

    void progress(int done, int total) {
    }

    void finished(JobReport report) {
    }

    private static final class Registered extends JobMeters {
        private volatile double done;
        private volatile double total;
        private volatile double speedup = Double.NaN;
        private volatile double efficiency = Double.NaN;

        Registered(MeterRegistry registry, Tags tags) {
            Gauge.builder("mproc.job.tasks.done", this, m -> m.done).tags(tags)
                    .description("tasks of the job's parallel run finished").register(registry);
            Gauge.builder("mproc.job.tasks.planned", this, m -> m.total).tags(tags)
                    .description("tasks of the job's parallel run").register(registry);
            Gauge.builder("mproc.job.progress", this, m -> m.total == 0 ? 0 : m.done / m.total).tags(tags)
                    .description("share of the job's parallel run finished, 0 to 1").register(registry);
            Gauge.builder("mproc.job.speedup", this, m -> m.speedup).tags(tags)
                    .description("the last run's speedup over one thread").register(registry);
            Gauge.builder("mproc.job.efficiency", this, m -> m.efficiency).tags(tags)
                    .description("the last run's speedup per worker").register(registry);
        }

        @Override
        void progress(int tasksDone, int tasksTotal) {
            done = tasksDone;
            total = tasksTotal;
        }

        @Override
        void finished(JobReport report) {
            speedup = report.speedup() == null ? Double.NaN : report.speedup();
            efficiency = report.efficiency() == null ? Double.NaN : report.efficiency();
        }
    }
}
