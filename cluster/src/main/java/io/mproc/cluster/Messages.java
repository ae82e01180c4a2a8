package io.mproc.cluster;

import io.mproc.JobParameters;
import io.mproc.internal.wire.WireCodec;
import io.mproc.runtime.ClusterOutcome;
import io.mproc.runtime.ClusterTask;
import java.util.List;
import java.util.Map;

/** The payloads inside {@link Sealed} messages, encoded by mproc's wire codec. */
final class Messages {

    private Messages() {
    }

    /**
     * Encodes, seals, opens and decodes a task request and its reply once, so that a JVM's first run does not wait
     * while the codec builds its serializers and the token's MAC is set up (about 100 ms on a coordinator).
     */
    static void warmUp(ClusterToken token) {
        ClusterTask task = new ClusterTask("warm-up", new JobParameters(Map.of("key", "value")), 0, 1, List.of(1L));
        roundTrip(token, Sealed.Purpose.TASK_REQUEST, new TaskRequest("warm-up", 1, null, List.of(task)),
                TaskRequest.class);
        roundTrip(token, Sealed.Purpose.TASK_REPLY, new TaskReply(List.of(new ClusterOutcome(0, new byte[1], 1, 1,
                "node", new byte[1])), null), TaskReply.class);
    }

    private static void roundTrip(ClusterToken token, Sealed.Purpose purpose, Object message, Class<?> type) {
        byte[] sealed = Sealed.seal(token, purpose, WireCodec.MAPPER.writeValueAsBytes(message));
        WireCodec.MAPPER.readValue(Sealed.open(token, purpose, sealed), type);
    }

    /**
     * Tasks of one run for a node, which runs them side by side on its workers.
     *
     * @param runId           the run, whose segment snapshot is in the cluster's {@code mproc.segments} map
     * @param segmentCapacity the capacity of the run's segment
     * @param code            the SHA-256 (hex) of the job's jar in the cluster's {@code mproc.code} map; null if
     *                        the coordinator sent none
     * @param tasks           the tasks, one or more
     */
    record TaskRequest(String runId, long segmentCapacity, String code, List<ClusterTask> tasks) {
    }

    /** A node's answer: every task's outcome, or why one of them failed. Exactly one is set. */
    record TaskReply(List<ClusterOutcome> outcomes, Failure failure) {
    }

    /**
     * A task that failed on a node.
     *
     * @param taskIndex the task's index in split order
     * @param className the class of what the task threw, or of why it could not run
     * @param message   its message
     * @param pid       the worker that ran it; 0 if none did
     * @param node      the node's address
     */
    record Failure(int taskIndex, String className, String message, long pid, String node) {
    }

    /**
     * A worker JVM for a coordinator's pool, which the node starts and which connects back to the pool.
     *
     * @param launchId         names the worker in kills and in its {@link WorkerEvent}s
     * @param lease            the key in {@code mproc.leases} that the coordinator renews while it lives; the node
     *                         kills the worker once the key is gone
     * @param bootstrap        the worker's bootstrap settings, encrypted with the cluster token since they hold the
     *                         pool's secret ({@link ClusterToken#encrypt}); the node makes itself the worker's parent
     * @param jvmOptions       the pool's JVM options
     * @param systemProperties the pool's system properties
     * @param environment      variables set on top of the node's environment
     * @param code             the SHA-256 of each entry of the pool's classpath, in order
     */
    record LaunchRequest(String launchId, String lease, byte[] bootstrap, List<String> jvmOptions,
                         Map<String, String> systemProperties, Map<String, String> environment, List<String> code) {
    }

    /**
     * A node's answer to a launch: the classpath entries it lacks (the coordinator puts them in {@code mproc.code} and
     * asks again), or why it cannot start the worker; neither once the worker runs.
     */
    record LaunchReply(List<String> missingCode, String error) {
    }

    /** Kill the worker of a launch, if it still runs. */
    record KillRequest(String launchId) {
    }

    /** Whether the worker still ran when the kill came. */
    record KillReply(boolean running) {
    }

    /**
     * What a started worker did, on the cluster's {@code mproc.worker-events} topic: a line it wrote, or its exit.
     *
     * @param exitCode  null for a line
     * @param lastLines for an exit, the last lines it wrote
     */
    record WorkerEvent(String launchId, boolean stderr, String line, Integer exitCode, String lastLines) {
    }
}
