package io.mproc.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.map.IMap;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import io.mproc.MprocException;
import io.mproc.internal.launch.LaunchedJvm;
import io.mproc.internal.wire.WireCodec;
import io.mproc.internal.wire.WorkerExit;
import io.mproc.runtime.LaunchedWorker;
import io.mproc.runtime.WorkerLaunch;
import io.mproc.runtime.WorkerOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A coordinator's side of the pool workers that cluster nodes start: it picks the node with the most room for each,
 * sends it the pool's classpath entries it lacks, kills workers on request, and hears of their output lines and
 * exits on the {@code mproc.worker-events} topic. A worker whose node leaves the cluster has ended. Thread-safe.
 */
final class RemoteWorkers implements AutoCloseable {

    private static final long CALL_LIMIT_SECONDS = 60;
    private static final long EXIT_EVENT_WAIT_SECONDS = 5;

    private final HazelcastInstance client;
    private final ClusterToken token;
    private final IExecutorService executor;
    private final Supplier<Map<Member, ClusterNode>> nodes;
    private final String lease;
    private final long leaseSeconds;
    private final ExecutorService calls = Executors.newCachedThreadPool(DaemonThreads.named("mproc-cluster-launch"));
    private final Map<String, RemoteWorker> workers = new ConcurrentHashMap<>();
    private final Map<List<Path>, Map<String, Path>> classpaths = new ConcurrentHashMap<>();
    private final Set<String> pinned = ConcurrentHashMap.newKeySet();
    private final UUID eventListener;
    private final UUID membershipListener;

    RemoteWorkers(HazelcastInstance client, ClusterToken token, IExecutorService executor,
                  Supplier<Map<Member, ClusterNode>> nodes, long leaseSeconds) {
        this.client = client;
        this.token = token;
        this.executor = executor;
        this.nodes = nodes;
        this.leaseSeconds = leaseSeconds;
        this.lease = "pool-" + client.getLocalEndpoint().getUuid();
        renew();
        this.eventListener = client.<byte[]>getTopic(HazelcastConfigs.WORKER_EVENTS)
                .addMessageListener(message -> onEvent(message.getMessageObject()));
        this.membershipListener = client.getCluster().addMembershipListener(new Departures());
    }

    /** Starts a worker in the background; after {@link #close()}, one that has ended already. */
    LaunchedWorker launch(WorkerLaunch launch) {
        RemoteWorker worker = new RemoteWorker(UUID.randomUUID().toString(), launch.workerId(), launch.output());
        workers.put(worker.launchId, worker);
        try {
            calls.execute(() -> start(worker, launch));
        } catch (RejectedExecutionException e) {
            worker.finish(LaunchedJvm.NOT_STARTED, "the cluster connection was closed");
        }
        return worker;
    }

    /** Keeps this coordinator's lease, and the code its workers need, in the cluster. */
    void renew() {
        client.<String, String>getMap(HazelcastConfigs.LEASES).put(lease, "pid " + ProcessHandle.current().pid(),
                leaseSeconds, TimeUnit.SECONDS);
        IMap<String, byte[]> code = client.getMap(HazelcastConfigs.CODE);
        pinned.forEach(hash -> code.setTtl(hash, leaseSeconds, TimeUnit.SECONDS));
    }

    /**
     * Starts the worker on the node with the most room; where that node has left the cluster, on the next one. A node
     * that fails or does not answer in time ends the attempt: the pool then starts another worker.
     */
    private void start(RemoteWorker worker, WorkerLaunch launch) {
        Set<Member> gone = new HashSet<>();
        try {
            Map<String, Path> code = classpaths.computeIfAbsent(launch.classpath(), Code::hashes);
            Messages.LaunchRequest request = new Messages.LaunchRequest(worker.launchId, lease,
                    token.encrypt(launch.bootstrap().getBytes(StandardCharsets.UTF_8)),
                    launch.jvmOptions(), launch.systemProperties(), launch.environment(), List.copyOf(code.keySet()));
            while (!worker.exit.isDone()) {
                Member member = place(worker, gone);
                if (member == null) {
                    worker.finish(LaunchedJvm.NOT_STARTED, gone.isEmpty() ? "no mproc node is in the cluster"
                            : "every mproc node of the cluster has left it: " + gone);
                    return;
                }
                try {
                    launchOn(member, worker, request, code);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof MemberLeftException || e.getCause() instanceof TargetNotMemberException
                            || e.getCause() instanceof TargetDisconnectedException)) {
                        worker.finish(LaunchedJvm.NOT_STARTED, "node " + member.getAddress() + ": " + e.getCause());
                        return;
                    }
                    gone.add(member);
                } catch (TimeoutException e) {
                    worker.finish(LaunchedJvm.NOT_STARTED, "node " + member.getAddress() + " did not answer within "
                            + CALL_LIMIT_SECONDS + " s");
                    return;
                }
            }
        } catch (RuntimeException e) {
            worker.finish(LaunchedJvm.NOT_STARTED, "cannot start a worker on a cluster node: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            worker.finish(LaunchedJvm.NOT_STARTED, "interrupted while starting a worker on a cluster node");
        }
    }

    private void launchOn(Member member, RemoteWorker worker, Messages.LaunchRequest request, Map<String, Path> code)
            throws ExecutionException, TimeoutException, InterruptedException {
        Messages.LaunchReply reply = call(member, NodeCall.Kind.LAUNCH, request, Messages.LaunchReply.class);
        if (reply.missingCode() != null) {
            upload(code, reply.missingCode());
            reply = call(member, NodeCall.Kind.LAUNCH, request, Messages.LaunchReply.class);
        }
        if (reply.error() != null || reply.missingCode() != null) {
            worker.finish(LaunchedJvm.NOT_STARTED, "node " + member.getAddress() + ": " + (reply.error() != null
                    ? reply.error() : "the classpath entries " + reply.missingCode() + " did not reach it"));
            return;
        }
        worker.launched = true;
        if (worker.killRequested) {
            kill(worker);
        }
    }

    /** The node with the fewest of this coordinator's workers for its number of workers, but those excluded. */
    private synchronized Member place(RemoteWorker worker, Set<Member> excluded) {
        Map<Member, ClusterNode> live = nodes.get();
        Member chosen = live.keySet().stream().filter(member -> !excluded.contains(member)).min(Comparator.comparingDouble(member -> (placed(member) + 1.0)
                / Math.max(1, live.get(member).workers()))).orElse(null);
        worker.member = chosen;
        return chosen;
    }

    private long placed(Member member) {
        return workers.values().stream().filter(worker -> member.equals(worker.member)).count();
    }

    private void upload(Map<String, Path> code, List<String> missing) {
        IMap<String, byte[]> map = client.getMap(HazelcastConfigs.CODE);
        for (String hash : missing) {
            Path entry = code.get(hash);
            if (entry == null) {
                throw new MprocException("a node asked for code " + hash + ", which is not on the pool's classpath");
            }
            pinned.add(hash);
            if (!map.containsKey(hash)) {
                map.put(hash, Code.bytesOf(entry), leaseSeconds, TimeUnit.SECONDS);
            }
        }
    }

    private <T> T call(Member member, NodeCall.Kind kind, Object request, Class<T> replyType)
            throws ExecutionException, TimeoutException, InterruptedException {
        byte[] sealed = Sealed.seal(token, kind.request, WireCodec.MAPPER.writeValueAsBytes(request));
        byte[] reply = executor.submitToMember(new NodeCall(kind, HazelcastConfigs.VERSION, sealed), member)
                .get(CALL_LIMIT_SECONDS, TimeUnit.SECONDS);
        String refusal = Sealed.refusalOf(reply);
        if (refusal != null) {
            throw new MprocException(refusal);
        }
        byte[] payload = Sealed.open(token, kind.reply, reply);
        if (payload == null) {
            throw new MprocException("the reply of node " + member.getAddress() + " is not signed with this "
                    + "cluster's token");
        }
        return WireCodec.MAPPER.readValue(payload, replyType);
    }

    /**
     * Asks the worker's node to kill it, once. Where the node no longer runs it, its exit event is on the way; where
     * that does not come within a few seconds, or the node cannot be reached, the worker is taken as ended with its
     * node.
     */
    private void kill(RemoteWorker worker) {
        Member member = worker.member;
        if (!worker.launched || !worker.killSent.compareAndSet(false, true)) {
            return;
        }
        try {
            calls.execute(() -> {
                try {
                    if (!call(member, NodeCall.Kind.KILL, new Messages.KillRequest(worker.launchId),
                            Messages.KillReply.class).running()) {
                        CompletableFuture.delayedExecutor(EXIT_EVENT_WAIT_SECONDS, TimeUnit.SECONDS).execute(() ->
                                worker.finish(WorkerExit.NODE_GONE, "node " + member.getAddress()
                                        + " no longer ran the worker, and did not say how it ended"));
                    }
                } catch (ExecutionException | TimeoutException | RuntimeException e) {
                    worker.finish(WorkerExit.NODE_GONE, "node " + member.getAddress() + " cannot be reached: " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    worker.finish(WorkerExit.NODE_GONE, "interrupted while killing a worker on "
                            + member.getAddress());
                }
            });
        } catch (RejectedExecutionException e) {
            worker.finish(WorkerExit.NODE_GONE, "the cluster connection was closed");
        }
    }

    private void onEvent(byte[] message) {
        byte[] payload = Sealed.open(token, Sealed.Purpose.WORKER_EVENT, message);
        if (payload == null) {
            return;
        }
        Messages.WorkerEvent event = WireCodec.MAPPER.readValue(payload, Messages.WorkerEvent.class);
        RemoteWorker worker = workers.get(event.launchId());
        if (worker == null) {
            return;
        }
        if (event.exitCode() != null) {
            worker.finish(event.exitCode(), event.lastLines());
        } else {
            worker.output.line(worker.workerId, event.stderr(), event.line());
        }
    }

    /** Kills this coordinator's workers (best effort: their nodes kill them anyway once the lease is gone). */
    @Override
    public void close() {
        new ArrayList<>(workers.values()).forEach(worker -> {
            worker.killRequested = true;
            kill(worker);
        });
        calls.shutdown();
        try {
            calls.awaitTermination(CALL_LIMIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        new ArrayList<>(workers.values()).forEach(worker -> worker.finish(WorkerExit.NODE_GONE,
                "the pool's cluster connection was closed"));
        try {
            client.getTopic(HazelcastConfigs.WORKER_EVENTS).removeMessageListener(eventListener);
            client.getCluster().removeMembershipListener(membershipListener);
            client.getMap(HazelcastConfigs.LEASES).delete(lease);
        } catch (RuntimeException e) {
            // the cluster is gone: the lease runs out on its own
        }
    }

    /** A worker that a node started, or is starting, for a pool of this coordinator's. */
    private final class RemoteWorker implements LaunchedWorker {

        final String launchId;
        final int workerId;
        final WorkerOutput output;
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        volatile Member member;
        volatile boolean launched;
        volatile boolean killRequested;
        final AtomicBoolean killSent = new AtomicBoolean();
        private volatile String lastLines = "";

        RemoteWorker(String launchId, int workerId, WorkerOutput output) {
            this.launchId = launchId;
            this.workerId = workerId;
            this.output = output;
        }

        void finish(int exitCode, String lines) {
            if (!exit.isDone()) {
                lastLines = lines == null ? "" : lines;
                workers.remove(launchId);
                exit.complete(exitCode);
            }
        }

        @Override
        public CompletableFuture<Integer> exited() {
            return exit;
        }

        /** A worker not started yet ends at once; one that started is killed by its node. */
        @Override
        public void kill() {
            killRequested = true;
            if (launched) {
                RemoteWorkers.this.kill(this);
            } else {
                finish(LaunchedJvm.NOT_STARTED, "killed before it started");
            }
        }

        @Override
        public String lastLines() {
            return lastLines;
        }
    }

    /** Ends the workers of a node that left the cluster. */
    private final class Departures implements MembershipListener {

        @Override
        public void memberAdded(MembershipEvent event) {
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            new ArrayList<>(workers.values()).stream().filter(worker -> event.getMember().equals(worker.member))
                    .forEach(worker -> worker.finish(WorkerExit.NODE_GONE, "node "
                            + event.getMember().getAddress() + " left the cluster"));
        }
    }
}
