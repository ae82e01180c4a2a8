package io.mproc.runtime;

import java.util.List;
import java.util.Map;

/**
 * What one run measured; its JSON form is documented in {@code docs/report-schema.json}.
 *
 * @param job                     the job's name
 * @param params                  the parameters it ran with
 * @param workers                 worker JVMs in the parallel run
 * @param tasks                   tasks the job was split into
 * @param result                  the parallel run's result
 * @param baseline                the single-threaded in-process run, or null when skipped
 * @param parallel                the run on worker JVMs
 * @param threads                 the run on an in-process thread pool, or null when not asked for
 * @param speedup                 baseline wall time / parallel wall time; null without a baseline
 * @param efficiency              speedup / workers
 * @param karpFlatt               the experimentally determined serial fraction; null for one worker
 * @param resultsMatch            whether every run produced the same result; null with only one run
 * @param perWorker               each worker's share of the parallel run
 * @param nodes                   on a cluster, each node's share of the parallel run; null for a local pool
 * @param taskMillis              task durations in the parallel run
 * @param dispatchOverheadMicros  per task, the workers' time not spent in tasks
 * @param workersReplaced         workers that died during the parallel run and were replaced
 * @param tasksRetried            tasks run again because their worker died
 * @param environment             where it ran
 */
public record JobReport(String job, Map<String, String> params, int workers, int tasks, Object result, Run baseline,
                        ParallelRun parallel, Run threads, Double speedup, Double efficiency, Double karpFlatt,
                        Boolean resultsMatch, List<WorkerShare> perWorker, List<NodeShare> nodes, Percentiles taskMillis,
                        double dispatchOverheadMicros, long workersReplaced, long tasksRetried,
                        Environment environment) {

    /** An in-process run. */
    public record Run(double wallMillis) {
    }

    /** The run on worker JVMs; start-up (building the pool until every worker is ready) is measured apart. */
    public record ParallelRun(double wallMillis, double startupMillis) {
    }

    /**
     * One worker's part: tasks run, time busy, and busy time over the parallel wall time. On a cluster a worker is
     * its node and its pid there; {@code node} is null for a local pool.
     */
    public record WorkerShare(long pid, String node, int tasks, double busyMillis, double utilization) {
    }

    /** One cluster node's part: its address, its workers, the tasks it ran and its workers' busy share. */
    public record NodeShare(String address, int workers, int tasks, double busyMillis, double utilization) {
    }

    /** Duration percentiles. */
    public record Percentiles(double p50, double p95, double p99, double max) {
    }

    /** The machine and runtime. */
    public record Environment(int cpus, String java, String os) {

        static Environment current() {
            return new Environment(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                            + System.getProperty("os.arch"));
        }
    }
}
