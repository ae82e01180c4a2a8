package io.mproc.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.ExecutionCallback;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.IMap;
import io.mproc.MprocException;
import io.mproc.RemoteThrowable;
import io.mproc.TaskFailedException;
import io.mproc.internal.wire.WireCodec;
import io.mproc.runtime.ClusterOutcome;
import io.mproc.runtime.ClusterRun;
import io.mproc.runtime.ClusterStats;
import io.mproc.runtime.ClusterTask;
import io.mproc.runtime.JobCluster;
import io.mproc.runtime.LaunchedWorker;
import io.mproc.runtime.WorkerHosts;
import io.mproc.runtime.WorkerLaunch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A coordinator's view of an mproc cluster, through a Hazelcast client: the nodes and their workers, and runs of
 * jobs on them. Dispatch is mproc's, not Hazelcast's: each node holds at most two calls per worker at a time, a
 * call carries about 100 ms of tasks once their times are known, and the node with the most free room gets the
 * next call, so faster nodes take more. A run holds a lease in the cluster, renewed every two seconds; when it
 * ends, or this process dies and the lease runs out, the nodes drop the run's files. Thread-safe; runs may
 * overlap.
 *
 * <p>It is also {@link WorkerHosts} for pools: {@code Pool.builder().cluster(cluster)} has the nodes start the
 * pool's workers, which connect back to this machine. Close the pools before the cluster.
 */
public final class HazelcastJobCluster implements JobCluster, WorkerHosts, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HazelcastJobCluster.class.getName());
    /** Three times the time a silent node takes to be declared dead, so that renewals outlast a stalled node. */
    private static final long LEASE_SECONDS = 30;
    private static final long RENEW_SECONDS = 2;
    private static final Duration NO_NODE_LIMIT = Duration.ofSeconds(30);
    private static final int ATTEMPTS_PER_TASK = 5;
    private static final long CALL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int MAX_TASKS_PER_CALL = 64;

    private final ClusterSettings settings;
    private final HazelcastInstance client;
    private final IExecutorService executor;
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mproc-cluster-leases"));

    private final RemoteWorkers remoteWorkers;

    private HazelcastJobCluster(ClusterSettings settings, HazelcastInstance client) {
        this.settings = settings;
        this.client = client;
        this.executor = client.getExecutorService(HazelcastConfigs.EXECUTOR);
        this.remoteWorkers = new RemoteWorkers(client, settings.token(), executor, this::liveNodes, LEASE_SECONDS);
        renewals.scheduleAtFixedRate(this::renewWorkers, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Connects to the cluster at {@code settings.members()}.
     *
     * @throws MprocException if no node answers within the connect timeout
     */
    public static HazelcastJobCluster connect(ClusterSettings settings) {
        HazelcastConfigs.logAt(Level.SEVERE);
        Thread warmUp = DaemonThreads.named("mproc-cluster-warm-up").newThread(() -> warmUp(settings.token()));
        warmUp.start();
        try {
            return new HazelcastJobCluster(settings, HazelcastClient.newHazelcastClient(
                    HazelcastConfigs.client(settings)));
        } catch (IllegalStateException e) {
            throw new MprocException("cannot reach an mproc cluster named '" + settings.name() + "' at "
                    + String.join(", ", settings.members()) + " within " + settings.connectTimeout().toSeconds()
                    + " s: start one there with 'mproc node', or give the address of a running node", e);
        } finally {
            awaitWarmUp(warmUp);
        }
    }

    /** Best effort: what fails here fails again, and is reported, in the run. */
    private static void warmUp(ClusterToken token) {
        try {
            Messages.warmUp(token);
        } catch (RuntimeException e) {
            LOG.fine("the warm-up of the message codec failed: " + e);
        }
    }

    /** Waits for the warm-up begun beside the connection, which takes about a tenth of a second. */
    private static void awaitWarmUp(Thread warmUp) {
        try {
            warmUp.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cluster's nodes now, as each last published itself (its load at most a second old). */
    public List<ClusterNode> nodes() {
        return new ArrayList<>(liveNodes().values());
    }

    @Override
    public Map<String, Integer> workersByNode() {
        Map<String, Integer> workers = new TreeMap<>();
        liveNodes().values().forEach(node -> workers.put(node.address(), node.workers()));
        return workers;
    }

    @Override
    public int workers() {
        return JobCluster.super.workers();
    }

    /**
     * The address of this machine that the cluster's nodes reach it at: the one its connection to them uses.
     *
     * @throws MprocException if the connection to the cluster is lost
     */
    @Override
    public InetAddress coordinatorAddress() {
        if (client.getLocalEndpoint().getSocketAddress() instanceof InetSocketAddress local) {
            return local.getAddress();
        }
        throw new MprocException("the connection to the mproc cluster is lost: cannot say where its nodes reach "
                + "this machine");
    }

    /**
     * Has the node with the most room start a pool worker. The first worker of a classpath sends the nodes the
     * entries that they lack (compared by content); the entries of a node's own classpath come first for its workers.
     */
    @Override
    public LaunchedWorker launch(WorkerLaunch launch) {
        return remoteWorkers.launch(launch);
    }

    private void renewWorkers() {
        try {
            remoteWorkers.renew();
        } catch (RuntimeException e) {
            if (!renewals.isShutdown()) {
                LOG.warning("cannot renew the lease of this coordinator's pool workers: " + e);
            }
        }
    }

    private Map<Member, ClusterNode> liveNodes() {
        IMap<String, byte[]> published = client.getMap(HazelcastConfigs.NODES);
        Set<Member> members = client.getCluster().getMembers();
        Map<String, byte[]> found = published.getAll(members.stream().map(member -> member.getUuid().toString())
                .collect(Collectors.toSet()));
        Map<Member, ClusterNode> nodes = new HashMap<>();
        for (Member member : members) {
            byte[] node = found.get(member.getUuid().toString());
            if (node != null) {
                nodes.put(member, WireCodec.MAPPER.readValue(node, ClusterNode.class));
            }
        }
        return nodes;
    }

    @Override
    public ClusterStats run(ClusterRun run, Consumer<ClusterOutcome> accepted) throws Exception {
        String runId = UUID.randomUUID().toString();
        IMap<String, String> leases = client.getMap(HazelcastConfigs.LEASES);
        IMap<String, byte[]> segments = client.getMap(HazelcastConfigs.SEGMENTS);
        String holder = "pid " + ProcessHandle.current().pid();
        leases.put(runId, holder, LEASE_SECONDS, TimeUnit.SECONDS);
        segments.put(runId, run.segment(), LEASE_SECONDS, TimeUnit.SECONDS);
        String code = run.code() == null ? null : upload(run.code());
        ScheduledFuture<?> renewal = renewals.scheduleAtFixedRate(() -> renew(runId, holder, code), RENEW_SECONDS,
                RENEW_SECONDS, TimeUnit.SECONDS);
        try {
            return new Dispatch(run, runId, code, accepted).run();
        } finally {
            renewal.cancel(false);
            release(runId, leases, segments);
        }
    }

    /**
     * Ends the run's lease and drops its snapshot, so that nodes delete its files at once. Best effort: where a
     * map's partition is on a node that has just died, the lease still runs out on its own.
     */
    private static void release(String runId, IMap<String, String> leases, IMap<String, byte[]> segments) {
        try {
            leases.delete(runId);
            segments.delete(runId);
        } catch (RuntimeException e) {
            LOG.fine("cannot end the lease of run " + runId + " now; it runs out within " + LEASE_SECONDS + " s: "
                    + e);
        }
    }

    /** Puts the jar in the cluster, unless it is there already; returns its SHA-256. */
    private String upload(Path jar) throws IOException {
        byte[] bytes = Files.readAllBytes(jar);
        String hash = Code.sha256(bytes);
        IMap<String, byte[]> code = client.getMap(HazelcastConfigs.CODE);
        if (!code.containsKey(hash)) {
            code.put(hash, bytes, LEASE_SECONDS, TimeUnit.SECONDS);
        }
        return hash;
    }

    private void renew(String runId, String holder, String code) {
        try {
            client.getMap(HazelcastConfigs.LEASES).put(runId, holder, LEASE_SECONDS, TimeUnit.SECONDS);
            client.getMap(HazelcastConfigs.SEGMENTS).setTtl(runId, LEASE_SECONDS, TimeUnit.SECONDS);
            if (code != null) {
                client.getMap(HazelcastConfigs.CODE).setTtl(code, LEASE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (RuntimeException e) {
            if (!renewals.isShutdown()) {
                LOG.warning("cannot renew the lease of run " + runId + ": " + e);
            }
        }
    }

    /** Kills the pool workers the nodes started for this coordinator and leaves the cluster; the nodes keep running. */
    @Override
    public void close() {
        renewals.shutdownNow();
        remoteWorkers.close();
        client.shutdown();
    }

    @Override
    public String toString() {
        return "HazelcastJobCluster[" + settings.name() + " at " + String.join(", ", settings.members()) + "]";
    }

    /** One run's dispatch; all its state belongs to the thread that called {@link #run}. */
    private final class Dispatch {

        private final ClusterRun run;
        private final String runId;
        private final String code;
        private final Consumer<ClusterOutcome> accepted;
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final Deque<Integer> pending = new ArrayDeque<>();
        private final boolean[] done;
        private final int[] attempts;
        private final Map<Member, Node> live = new HashMap<>();
        private final Map<String, Integer> used = new TreeMap<>();
        private int remaining;
        private long retried;
        private long lost;
        private int acceptedTasks;
        private long acceptedNanos;

        Dispatch(ClusterRun run, String runId, String code, Consumer<ClusterOutcome> accepted) {
            this.run = run;
            this.runId = runId;
            this.code = code;
            this.accepted = accepted;
            this.done = new boolean[run.tasks().size()];
            this.attempts = new int[run.tasks().size()];
            this.remaining = run.tasks().size();
            for (int i = 0; i < remaining; i++) {
                pending.add(i);
            }
        }

        ClusterStats run() throws InterruptedException {
            long lastNode = System.nanoTime();
            while (remaining > 0) {
                refreshNodes();
                if (!live.isEmpty()) {
                    lastNode = System.nanoTime();
                } else if (System.nanoTime() - lastNode > NO_NODE_LIMIT.toNanos()) {
                    throw new MprocException("no mproc node has been in the cluster for "
                            + NO_NODE_LIMIT.toSeconds() + " s; " + remaining + " tasks did not run");
                }
                dispatch();
                Event event = events.poll(250, TimeUnit.MILLISECONDS);
                while (event != null) {
                    handle(event);
                    event = events.poll();
                }
            }
            return new ClusterStats(used, retried, lost);
        }

        private void refreshNodes() {
            Set<Member> members = new HashSet<>(client.getCluster().getMembers());
            for (Node node : new ArrayList<>(live.values())) {
                if (!members.contains(node.member)) {
                    live.remove(node.member);
                    lost++;
                    LOG.warning("node " + node.info.address() + " left the cluster; its " + node.running.size()
                            + " tasks in flight run again on other nodes");
                    node.running.forEach(this::retry);
                    node.running.clear();
                }
            }
            if (members.size() > live.size()) {
                liveNodes().forEach((member, info) -> live.computeIfAbsent(member, m -> new Node(m, info)));
            }
        }

        private void dispatch() {
            while (!pending.isEmpty()) {
                Node target = live.values().stream().max((a, b) -> Integer.compare(a.room(), b.room())).orElse(null);
                if (target == null || target.room() <= 0) {
                    return;
                }
                List<Integer> indices = new ArrayList<>();
                for (int i = tasksPerCall(); i > 0 && !pending.isEmpty(); i--) {
                    indices.add(pending.poll());
                }
                send(target, indices);
            }
        }

        /**
         * Tasks for the next call: about {@link #CALL_NANOS} of work by the task times seen so far (one until
         * then), and never so many that some nodes would wait while others hold the rest.
         */
        private int tasksPerCall() {
            int byTime = acceptedTasks == 0 ? 1
                    : (int) Math.min(MAX_TASKS_PER_CALL, Math.max(1, CALL_NANOS * acceptedTasks / Math.max(1,
                    acceptedNanos)));
            int workers = live.values().stream().mapToInt(node -> node.info.workers()).sum();
            return Math.max(1, Math.min(byTime, pending.size() / Math.max(1, 2 * workers)));
        }

        private void send(Node node, List<Integer> indices) {
            List<ClusterTask> tasks = indices.stream().map(index -> new ClusterTask(run.job(), run.parameters(),
                    index, run.tasks().size(), run.tasks().get(index))).toList();
            byte[] request = Sealed.seal(settings.token(), Sealed.Purpose.TASK_REQUEST,
                    WireCodec.MAPPER.writeValueAsBytes(new Messages.TaskRequest(runId, run.segmentCapacity(), code,
                            tasks)));
            node.running.addAll(indices);
            node.calls++;
            indices.forEach(index -> attempts[index]++);
            executor.submitToMember(new NodeCall(NodeCall.Kind.TASKS, HazelcastConfigs.VERSION, request), node.member,
                    new ExecutionCallback<byte[]>() {
                        @Override
                        public void onResponse(byte[] reply) {
                            events.add(new Event(node, indices, reply, null));
                        }

                        @Override
                        public void onFailure(Throwable failure) {
                            events.add(new Event(node, indices, null, failure));
                        }
                    });
        }

        private void handle(Event event) {
            event.node.calls--;
            List<Integer> current = event.indices.stream().filter(event.node.running::remove).toList();
            if (event.reply == null) {
                LOG.fine("a call to " + event.node.info.address() + " failed: " + event.failure);
                current.forEach(this::retry);
                return;
            }
            String refusal = Sealed.refusalOf(event.reply);
            if (refusal != null) {
                throw new MprocException(refusal);
            }
            byte[] payload = Sealed.open(settings.token(), Sealed.Purpose.TASK_REPLY, event.reply);
            if (payload == null) {
                throw new MprocException("a reply from node " + event.node.info.address()
                        + " is not signed with this cluster's token");
            }
            Messages.TaskReply reply = WireCodec.MAPPER.readValue(payload, Messages.TaskReply.class);
            if (reply.failure() != null) {
                throw failed(reply.failure());
            }
            for (ClusterOutcome outcome : reply.outcomes()) {
                if (!done[outcome.taskIndex()]) {
                    done[outcome.taskIndex()] = true;
                    remaining--;
                    acceptedTasks++;
                    acceptedNanos += outcome.nanos();
                    used.put(event.node.info.address(), event.node.info.workers());
                    accepted.accept(outcome);
                }
            }
        }

        /** What threw in a worker, as locally; what kept a node from running a task at all, as such. */
        private MprocException failed(Messages.Failure failure) {
            if (failure.pid() == 0) {
                return new MprocException("node " + failure.node() + " could not run task " + failure.taskIndex()
                        + ": " + failure.message());
            }
            return new TaskFailedException(new RemoteThrowable(failure.className(), failure.message() + " (task "
                    + failure.taskIndex() + " on node " + failure.node() + ")", new StackTraceElement[0], null),
                    failure.pid());
        }

        private void retry(int index) {
            if (done[index]) {
                return;
            }
            if (attempts[index] >= ATTEMPTS_PER_TASK) {
                throw new MprocException("task " + index + " was sent " + attempts[index]
                        + " times and its node left or failed each time");
            }
            retried++;
            pending.addFirst(index);
        }
    }

    /** A node as one run sees it. */
    private static final class Node {
        final Member member;
        final ClusterNode info;
        final Set<Integer> running = new HashSet<>();
        int calls;

        Node(Member member, ClusterNode info) {
            this.member = member;
            this.info = info;
        }

        /** Calls it may take now: two per worker, so that each worker has the next call while it runs one. */
        int room() {
            return 2 * info.workers() - calls;
        }
    }

    /** A reply or a failure of one call. */
    private record Event(Node node, List<Integer> indices, byte[] reply, Throwable failure) {
    }
}
