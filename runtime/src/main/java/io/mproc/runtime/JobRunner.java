package io.mproc.runtime;

import io.mproc.Job;
import io.mproc.JobParameters;
import io.mproc.internal.launch.LaunchCapacity;
import io.mproc.internal.shm.SegmentChanges;
import io.mproc.internal.shm.SharedSegment;
import io.mproc.internal.wire.ValueCodec;
import io.mproc.internal.wire.WireCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs a {@link Job}: the single-threaded baseline in this process, the parallel run on a fresh pool of worker
 * JVMs or on a {@link JobCluster}, and on request the same tasks on an in-process thread pool; checks that all
 * results are equal and reports speedup, efficiency and where the time went. Each run has a shared-memory segment
 * of its own, removed at its end. Not thread-safe; one run at a time.
 */
public final class JobRunner {

    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);

    private final RunOptions options;
    private final JobCluster cluster;
    private int workers;
    private SpareWorkers spares;
    private double spareWaitMillis;

    /** A runner whose parallel runs are on a fresh local pool, as {@code options.pool()} says. */
    public JobRunner(RunOptions options) {
        this(options, null);
    }

    /** A runner whose parallel runs are on {@code cluster}; null for a local pool. */
    public JobRunner(RunOptions options, JobCluster cluster) {
        this.options = options;
        this.cluster = cluster;
    }

    /**
     * Runs the job: the baseline, the threads if asked, then the parallel run. With a baseline to run, the pool's
     * workers start first, as spares that the pool then takes. Where the machine has two cores more than the pool
     * has workers, they start while the baseline runs, on cores it leaves idle; on fewer cores the baseline waits
     * until they have started, so that they do not slow it, and that wait counts as pool start-up.
     */
    public JobReport run(Job<?, ?> job, JobParameters parameters) throws Exception {
        @SuppressWarnings("unchecked")
        Job<Object, Object> typed = (Job<Object, Object>) job;
        if (cluster == null) {
            LaunchCapacity.requireMemoryFor(options.pool().workers(), 0, options.pool().jvmOptions(), "worker");
        }
        workers = cluster == null ? options.pool().workers() : cluster.workers();
        spareWaitMillis = 0;
        try (SpareWorkers started = cluster == null && options.baseline()
                ? poolBuilder().startSpareWorkers(workers) : null) {
            spares = started;
            JobMeters meters = JobMeters.register(options.registry(), job.name());
            Result baseline = options.baseline() ? inProcess(typed, parameters, 1) : null;
            Result threads = options.threads() ? inProcess(typed, parameters, workers) : null;
            Parallel parallel = cluster == null ? onWorkers(typed, parameters, meters)
                    : onCluster(typed, parameters, meters);
            JobReport report = report(typed, parameters, baseline, threads, parallel);
            meters.finished(report);
            return report;
        }
    }

    private void awaitSparesUnlessCoresAreLeft() throws InterruptedException {
        if (spares == null || Runtime.getRuntime().availableProcessors() >= workers + 2) {
            return;
        }
        long begin = System.nanoTime();
        try {
            spares.started().get(STARTUP_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the pool starts workers of its own
        }
        spareWaitMillis += millisSince(begin);
    }

    private Pool.Builder poolBuilder() {
        return Pool.builder().settings(options.pool()).workerOutput(options.output())
                .meterRegistry(options.registry());
    }

    /** The same tasks on {@code threadCount} threads of this process. */
    private Result inProcess(Job<Object, Object> job, JobParameters parameters, int threadCount) throws Exception {
        try (Run run = new Run(job, parameters)) {
            awaitSparesUnlessCoresAreLeft();
            long start = System.nanoTime();
            Object[] results = new Object[run.tasks.size()];
            if (threadCount == 1) {
                for (int i = 0; i < results.length; i++) {
                    results[i] = job.execute(run.tasks.get(i), run.context.forTask(i));
                }
            } else {
                ExecutorService pool = Executors.newFixedThreadPool(threadCount);
                try {
                    List<Future<Object>> futures = new ArrayList<>();
                    for (int i = 0; i < results.length; i++) {
                        int index = i;
                        futures.add(pool.submit(() -> job.execute(run.tasks.get(index), run.context.forTask(index))));
                    }
                    for (int i = 0; i < results.length; i++) {
                        results[i] = futures.get(i).get();
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
            Object result = job.aggregate(Arrays.asList(results), run.context);
            return new Result(millisSince(start), result);
        }
    }

    private Parallel onWorkers(Job<Object, Object> job, JobParameters parameters, JobMeters meters)
            throws Exception {
        long startupBegin = System.nanoTime();
        try (Pool pool = poolBuilder().build();
             Run run = new Run(job, parameters)) {
            pool.awaitReady(STARTUP_LIMIT);
            pool.metrics().uncounted(() -> pool.map(new JobTaskFunction(),
                    Collections.nCopies(options.pool().workers(), run.task(job, parameters, -1)), 1));
            double startupMillis = spareWaitMillis + millisSince(startupBegin);
            List<JobTask> inputs = new ArrayList<>();
            for (int i = 0; i < run.tasks.size(); i++) {
                inputs.add(run.task(job, parameters, i));
            }
            long start = System.nanoTime();
            TaskOutcome[] outcomes = new TaskOutcome[inputs.size()];
            Iterator<TaskOutcome> finished = pool.imapUnordered(new JobTaskFunction(), inputs);
            int done = 0;
            options.progress().update(0, outcomes.length);
            meters.progress(0, outcomes.length);
            while (finished.hasNext()) {
                TaskOutcome outcome = finished.next();
                outcomes[outcome.taskIndex()] = outcome;
                options.progress().update(++done, outcomes.length);
                meters.progress(done, outcomes.length);
            }
            double wallMillis = millisSince(start);
            Object result = aggregate(job, run, outcomes);
            return new Parallel(options.pool().workers(), wallMillis, startupMillis, result,
                    Arrays.asList(outcomes), pool.stats(), null, Map.of());
        }
    }

    private Parallel onCluster(Job<Object, Object> job, JobParameters parameters, JobMeters meters)
            throws Exception {
        try (Run run = new Run(job, parameters)) {
            SharedSegment segment = run.context.segment();
            ClusterRun clusterRun = new ClusterRun(job.name(), parameters, run.tasks, segment.snapshot(),
                    segment.capacity(), Jobs.jarOf(job).orElse(null));
            TaskOutcome[] outcomes = new TaskOutcome[run.tasks.size()];
            Map<Integer, String> nodeOfTask = new HashMap<>();
            int[] done = {0};
            Map<String, Integer> workersByNode = cluster.workersByNode();
            options.progress().update(0, outcomes.length);
            meters.progress(0, outcomes.length);
            long start = System.nanoTime();
            ClusterStats stats = cluster.run(clusterRun, outcome -> {
                SegmentChanges.apply(outcome.changes(), segment);
                outcomes[outcome.taskIndex()] = new TaskOutcome(outcome.taskIndex(), outcome.result(),
                        outcome.nanos(), outcome.pid(), null);
                nodeOfTask.put(outcome.taskIndex(), outcome.node());
                meters.nodeTask(outcome.node(), workersByNode.getOrDefault(outcome.node(), 0), outcome.nanos());
                options.progress().update(++done[0], outcomes.length);
                meters.progress(done[0], outcomes.length);
            });
            double wallMillis = millisSince(start);
            Object result = aggregate(job, run, outcomes);
            int used = stats.workersByNode().values().stream().mapToInt(Integer::intValue).sum();
            return new Parallel(used, wallMillis, 0, result, Arrays.asList(outcomes),
                    new PoolStats(used, 0, stats.tasksRetried()),
                    nodes(stats, nodeOfTask, Arrays.asList(outcomes), wallMillis), nodeOfTask);
        }
    }

    private static Object aggregate(Job<Object, Object> job, Run run, TaskOutcome[] outcomes) {
        ValueCodec.Reader resultReader = Jobs.resultReader(job);
        List<Object> results = Arrays.stream(outcomes)
                .map(outcome -> ValueCodec.fromBytes(outcome.result(), resultReader)).toList();
        return job.aggregate(results, run.context);
    }

    private static List<JobReport.NodeShare> nodes(ClusterStats stats, Map<Integer, String> nodeOfTask,
                                                   List<TaskOutcome> outcomes, double wallMillis) {
        return stats.workersByNode().entrySet().stream().sorted(Map.Entry.comparingByKey()).map(node -> {
            List<TaskOutcome> ran = outcomes.stream()
                    .filter(outcome -> node.getKey().equals(nodeOfTask.get(outcome.taskIndex()))).toList();
            double busyMillis = ran.stream().mapToLong(TaskOutcome::nanos).sum() / 1e6;
            return new JobReport.NodeShare(node.getKey(), node.getValue(), ran.size(), busyMillis,
                    busyMillis / (wallMillis * Math.max(1, node.getValue())));
        }).toList();
    }

    private JobReport report(Job<Object, Object> job, JobParameters parameters, Result baseline, Result threads,
                             Parallel parallel) {
        int used = parallel.workers;
        Double speedup = baseline == null ? null : baseline.wallMillis / parallel.wallMillis;
        Double efficiency = speedup == null ? null : speedup / used;
        Double karpFlatt = speedup == null || used == 1 ? null
                : (1 / speedup - 1.0 / used) / (1 - 1.0 / used);
        List<Object> results = new ArrayList<>();
        results.add(parallel.result);
        if (baseline != null) {
            results.add(baseline.result);
        }
        if (threads != null) {
            results.add(threads.result);
        }
        Boolean match = results.size() < 2 ? null
                : results.stream().map(r -> WireCodec.MAPPER.valueToTree(r)).distinct().count() == 1;
        double busyNanos = parallel.outcomes.stream().mapToLong(TaskOutcome::nanos).sum();
        double overheadMicros = Math.max(0, parallel.wallMillis * 1e6 * used - busyNanos) / 1e3
                / parallel.outcomes.size();
        return new JobReport(job.name(), parameters.sorted(), used, parallel.outcomes.size(), parallel.result,
                baseline == null ? null : new JobReport.Run(baseline.wallMillis),
                new JobReport.ParallelRun(parallel.wallMillis, parallel.startupMillis),
                threads == null ? null : new JobReport.Run(threads.wallMillis),
                speedup, efficiency, karpFlatt, match, perWorker(parallel), parallel.nodes,
                percentiles(parallel.outcomes), overheadMicros, parallel.stats.workerCrashes(), parallel.stats.tasksRetried(),
                JobReport.Environment.current());
    }

    private static List<JobReport.WorkerShare> perWorker(Parallel parallel) {
        Map<WorkerKey, List<TaskOutcome>> byWorker = new LinkedHashMap<>();
        parallel.outcomes.stream().sorted(Comparator.comparingInt(TaskOutcome::taskIndex))
                .forEach(outcome -> byWorker.computeIfAbsent(new WorkerKey(parallel.nodeOfTask.get(
                        outcome.taskIndex()), outcome.pid()), key -> new ArrayList<>()).add(outcome));
        return byWorker.entrySet().stream().map(entry -> {
            double busyMillis = entry.getValue().stream().mapToLong(TaskOutcome::nanos).sum() / 1e6;
            return new JobReport.WorkerShare(entry.getKey().pid, entry.getKey().node, entry.getValue().size(),
                    busyMillis, busyMillis / parallel.wallMillis);
        }).toList();
    }

    /** A worker: its pid, and on a cluster its node, since pids of different machines may be equal. */
    private record WorkerKey(String node, long pid) {
    }

    private static JobReport.Percentiles percentiles(List<TaskOutcome> outcomes) {
        double[] millis = outcomes.stream().mapToDouble(outcome -> outcome.nanos() / 1e6).sorted().toArray();
        Function<Double, Double> at = q -> millis[Math.min(millis.length - 1, (int) Math.ceil(q * millis.length) - 1)];
        return new JobReport.Percentiles(at.apply(0.50), at.apply(0.95), at.apply(0.99), millis[millis.length - 1]);
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e6;
    }

    /**
     * One run's shared state and tasks; its segment is removed on close, and segments that runners killed
     * outright left are removed before it is made.
     */
    private final class Run implements AutoCloseable {
        final SegmentContext context;
        final List<Object> tasks;

        Run(Job<Object, Object> job, JobParameters parameters) {
            Path directory = SharedSegment.defaultDirectory(options.sharedMemoryBytes());
            SharedSegment.removeStale(directory);
            SharedSegment segment = SharedSegment.create(directory, options.sharedMemoryBytes());
            try {
                context = new SegmentContext(segment, parameters, options.taskCount(workers),
                        options.outputDirectory());
                job.prepare(context);
                tasks = List.copyOf(job.split(context));
                if (tasks.isEmpty()) {
                    throw new IllegalStateException("job '" + job.name() + "' split into no tasks");
                }
                context.newDoubleArray(SegmentContext.PROGRESS, tasks.size());
            } catch (RuntimeException e) {
                segment.close();
                throw e;
            }
        }

        /** Task {@code index} as it travels; a negative index makes a warm-up task that runs nothing. */
        JobTask task(Job<Object, Object> job, JobParameters parameters, int index) {
            return new JobTask(job.name(), job.getClass().getName(), parameters, index, tasks.size(),
                    ValueCodec.toBytes(tasks.get(Math.max(0, index))), context.segment().path().toString(),
                    options.outputDirectory().toString(), false);
        }

        @Override
        public void close() {
            context.segment().close();
        }
    }

    private record Result(double wallMillis, Object result) {
    }

    private record Parallel(int workers, double wallMillis, double startupMillis, Object result,
                            List<TaskOutcome> outcomes, PoolStats stats, List<JobReport.NodeShare> nodes,
                            Map<Integer, String> nodeOfTask) {
    }
}
