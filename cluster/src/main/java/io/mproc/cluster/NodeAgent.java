package io.mproc.cluster;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.mproc.Job;
import io.mproc.TaskFailedException;
import io.mproc.internal.shm.SharedSegment;
import io.mproc.internal.wire.WireCodec;
import io.mproc.runtime.ClusterOutcome;
import io.mproc.runtime.IsolatedTasks;
import io.mproc.runtime.Jobs;
import io.mproc.runtime.Pool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cluster node: a Hazelcast member that carries tasks in, and a pool of worker JVMs that runs them. User code
 * runs only in the workers, never in the member's threads, so a task that exits, runs out of memory or hangs
 * costs a worker, not the node. For each run the node restores the coordinator's segment snapshot once, into a
 * directory of its own; each task runs on its worker's private copy and hands its changes back. When the run's
 * lease is gone (the run ended, or its coordinator died and stopped renewing it) the node deletes that directory
 * within a second. A job that is not on the node's classpath runs on a second pool whose workers also have the
 * job's jar, which the coordinator put in the cluster; such pools last as long as the node. Thread-safe;
 * {@link #close()} stops the member and the workers.
 */
public final class NodeAgent implements AutoCloseable {

    static final String CONTEXT_KEY = "mproc.node";
    private static final String RUNS_PREFIX = "mproc-node-";

    private static final Logger LOG = Logger.getLogger(NodeAgent.class.getName());
    private static final long LEASE_WATCH_STOP_SECONDS = 5;
    private static final Duration STARTUP_LIMIT = Duration.ofMinutes(2);

    private final NodeOptions options;
    private final Pool pool;
    private final Path runsDirectory;
    private final Map<String, SharedSegment> bases = new ConcurrentHashMap<>();
    /** The tasks each run has on this node now, cancelled when the run is dropped. */
    private final Map<String, Set<CompletableFuture<ClusterOutcome>>> tasksByRun = new ConcurrentHashMap<>();
    private final Set<String> localJobs = Jobs.all().stream().map(Job::name).collect(Collectors.toSet());
    private final Map<String, Pool> codePools = new ConcurrentHashMap<>();
    private final CodeStore code;
    private final HostedWorkers hosted;
    private final ScheduledExecutorService leaseWatch = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("mproc-node-leases"));
    private final AtomicInteger running = new AtomicInteger();
    private final LongAdder done = new LongAdder();
    private volatile ClusterNode published;
    private volatile HazelcastInstance member;
    private volatile String address;

    private NodeAgent(NodeOptions options, Pool pool) throws IOException {
        this.options = options;
        this.pool = pool;
        Path shm = SharedSegment.defaultDirectory(1 << 20);
        removeStaleRuns(shm);
        this.runsDirectory = Files.createDirectories(shm.resolve(RUNS_PREFIX + ProcessHandle.current().pid()));
        this.code = new CodeStore(runsDirectory.resolve("code"), () -> member.getMap(HazelcastConfigs.CODE));
        this.hosted = new HostedWorkers(options.token(), code,
                () -> member.getTopic(HazelcastConfigs.WORKER_EVENTS));
    }

    /** Deletes what nodes killed outright left: the run directories of node processes that are gone. */
    private static void removeStaleRuns(Path shm) throws IOException {
        try (Stream<Path> entries = Files.list(shm)) {
            for (Path entry : entries.filter(NodeAgent::isOfDeadNode).toList()) {
                deleteTree(entry);
            }
        }
    }

    private static boolean isOfDeadNode(Path entry) {
        String name = entry.getFileName().toString();
        String pid = name.startsWith(RUNS_PREFIX) ? name.substring(RUNS_PREFIX.length()) : "";
        return !pid.isEmpty() && pid.chars().allMatch(Character::isDigit)
                && ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive).isEmpty();
    }

    /**
     * Starts the node's workers and its member, joins the cluster, and publishes the node to it.
     *
     * @throws IllegalStateException if the workers do not start within two minutes
     */
    public static NodeAgent start(NodeOptions options) throws IOException, InterruptedException {
        HazelcastConfigs.logAt(Level.WARNING);
        Pool pool = Pool.builder().settings(options.pool()).build();
        NodeAgent agent = null;
        try {
            if (!pool.awaitReady(STARTUP_LIMIT)) {
                throw new IllegalStateException("the node's " + options.pool().workers()
                        + " workers did not start within " + STARTUP_LIMIT.toSeconds() + " s");
            }
            agent = new NodeAgent(options, pool);
            agent.warmUp();
            agent.join();
            return agent;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (agent != null) {
                agent.close();
            } else {
                pool.close();
            }
            throw e;
        }
    }

    /**
     * Readies the paths of a first run: the message codec, the token's MAC and, with one of the node's own jobs, the
     * workers' side of a task.
     */
    private void warmUp() throws IOException, InterruptedException {
        Messages.warmUp(options.token());
        Optional<String> job = localJobs.stream().min(Comparator.naturalOrder());
        if (job.isEmpty()) {
            return;
        }
        Path directory = Files.createDirectories(runsDirectory.resolve("warm-up"));
        try {
            IsolatedTasks.warmUp(pool, job.get(), options.pool().workers(), directory, STARTUP_LIMIT);
        } finally {
            deleteTree(directory);
        }
    }

    private void join() {
        var config = HazelcastConfigs.member(options);
        config.getUserContext().put(CONTEXT_KEY, this);
        member = Hazelcast.newHazelcastInstance(config);
        Address local = member.getCluster().getLocalMember().getAddress();
        address = local.getHost() + ":" + local.getPort();
        member.getCluster().addMembershipListener(new Forgetter());
        publish();
        leaseWatch.scheduleWithFixedDelay(this::everySecond, 1, 1, TimeUnit.SECONDS);
    }

    /** This node's address, host:port, as other nodes and coordinators reach it. */
    public String address() {
        return address;
    }

    /** Where this node keeps the files of its runs, one directory each. */
    Path runsDirectory() {
        return runsDirectory;
    }

    /** The pool workers this node runs for coordinators now. */
    int hostedWorkers() {
        return hosted.count();
    }

    /** This node's workers. */
    public int workers() {
        return options.pool().workers();
    }

    /** Answers a coordinator's call and returns the sealed reply; called on a member's executor thread. */
    byte[] handle(NodeCall.Kind kind, String version, byte[] message) {
        if (!HazelcastConfigs.VERSION.equals(version)) {
            return Sealed.refusal("node " + address + " runs mproc " + HazelcastConfigs.VERSION
                    + " and refuses work from mproc " + version + ": run the same mproc version on every machine");
        }
        byte[] payload = Sealed.open(options.token(), kind.request, message);
        if (payload == null) {
            LOG.warning("refused a request whose message is not signed with this cluster's token ("
                    + options.token().fingerprint() + ")");
            return Sealed.refusal("node " + address + " refused the request: the cluster token differs; give every "
                    + "machine the same token (" + ClusterToken.ENVIRONMENT + " or the token file)");
        }
        Object reply = switch (kind) {
            case TASKS -> run(WireCodec.MAPPER.readValue(payload, Messages.TaskRequest.class));
            case LAUNCH -> hosted.launch(WireCodec.MAPPER.readValue(payload, Messages.LaunchRequest.class));
            case KILL -> hosted.kill(WireCodec.MAPPER.readValue(payload, Messages.KillRequest.class));
        };
        return Sealed.seal(options.token(), kind.reply, WireCodec.MAPPER.writeValueAsBytes(reply));
    }

    private Messages.TaskReply run(Messages.TaskRequest request) {
        int count = request.tasks().size();
        running.addAndGet(count);
        try {
            SharedSegment base = bases.computeIfAbsent(request.runId(), runId -> restore(runId,
                    request.segmentCapacity()));
            Pool target = poolFor(request);
            List<CompletableFuture<ClusterOutcome>> futures = request.tasks().stream().map(task -> IsolatedTasks
                    .submit(target, task, base.path(), base.path().getParent(), address)).toList();
            track(request.runId(), futures);
            try {
                awaitAll(futures);
            } finally {
                untrack(request.runId(), futures);
            }
            List<ClusterOutcome> outcomes = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                try {
                    outcomes.add(futures.get(i).get());
                } catch (ExecutionException | CompletionException e) {
                    return new Messages.TaskReply(null, failure(request.tasks().get(i).taskIndex(), e.getCause()));
                }
            }
            return new Messages.TaskReply(outcomes, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Messages.TaskReply(null, failure(request.tasks().get(0).taskIndex(), e));
        } catch (RuntimeException e) {
            return new Messages.TaskReply(null, failure(request.tasks().get(0).taskIndex(), e));
        } finally {
            running.addAndGet(-count);
            done.add(count);
        }
    }

    /**
     * Registers a call's tasks under their run, so that dropping the run cancels them (ending their workers, which
     * the pool replaces): a task that never ends would otherwise hold a worker and this member's thread after its
     * coordinator gave up the run. Tasks of a run dropped while they were submitted are cancelled at once.
     */
    private void track(String runId, List<CompletableFuture<ClusterOutcome>> futures) {
        tasksByRun.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet()).addAll(futures);
        if (!bases.containsKey(runId)) {
            futures.forEach(future -> future.cancel(true));
        }
    }

    private void untrack(String runId, List<CompletableFuture<ClusterOutcome>> futures) {
        tasksByRun.computeIfPresent(runId, (id, tasks) -> {
            tasks.removeAll(futures);
            return tasks.isEmpty() ? null : tasks;
        });
    }

    /**
     * Waits until every task of a call has an outcome, failed or not: one wake-up of the member's thread per call
     * rather than one per task, which on a node whose workers fill its cores is time taken from them.
     */
    private static void awaitAll(List<CompletableFuture<ClusterOutcome>> futures) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get();
        } catch (ExecutionException e) {
            // each task's outcome, a failure included, is read in order afterwards
        }
    }

    /** The node's pool, or for a job only the coordinator's jar has, a pool whose workers have that jar too. */
    private Pool poolFor(Messages.TaskRequest request) {
        if (request.code() == null || localJobs.contains(request.tasks().get(0).job())) {
            return pool;
        }
        return codePools.computeIfAbsent(request.code(), this::startCodePool);
    }

    private Pool startCodePool(String hash) {
        Path file = code.jar(hash);
        if (file == null) {
            throw new IllegalStateException("the job's jar " + hash + " is not in the cluster");
        }
        try {
            Pool codePool = Pool.builder().settings(options.pool().withClasspathEntry(file.toString())).build();
            if (!codePool.awaitReady(STARTUP_LIMIT)) {
                codePool.close();
                throw new IllegalStateException("the workers for the job's jar did not start within "
                        + STARTUP_LIMIT.toSeconds() + " s");
            }
            return codePool;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting workers for the job's jar", e);
        }
    }

    private Messages.Failure failure(int taskIndex, Throwable cause) {
        if (cause instanceof TaskFailedException failed) {
            return new Messages.Failure(taskIndex, failed.remote().className(), failed.remote().getMessage(),
                    failed.workerPid(), address);
        }
        return new Messages.Failure(taskIndex, cause.getClass().getName(), cause.getMessage(), 0, address);
    }

    /**
     * The run's segment on this node, only as large as its snapshot: tasks cannot make shared objects, only use the
     * ones the coordinator made, so the rest of the coordinator's capacity would be zeroed for nothing, here and in
     * each worker's private copy (about 7 ms for each 16 MB on the critical path of a run's first task).
     */
    private SharedSegment restore(String runId, long capacity) {
        byte[] snapshot = segments().get(runId);
        if (snapshot == null) {
            throw new IllegalStateException("run " + runId + " is over: its coordinator ended it or is gone");
        }
        long needed = Math.max(SharedSegment.MIN_CAPACITY, snapshot.length);
        try {
            return SharedSegment.createFromSnapshot(Files.createDirectories(runsDirectory.resolve(runId)),
                    Math.min(capacity, needed), snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for run " + runId, e);
        }
    }

    /** Puts this node, with its load, in the cluster's list of nodes. */
    private void publish() {
        ClusterNode node = new ClusterNode(address, options.pool().workers(), ProcessHandle.current().pid(),
                HazelcastConfigs.VERSION, running.get(), done.sum(), hosted.count());
        if (!node.equals(published)) {
            nodes().set(member.getCluster().getLocalMember().getUuid().toString(),
                    WireCodec.MAPPER.writeValueAsBytes(node));
            published = node;
        }
    }

    private void everySecond() {
        try {
            publish();
            IMap<String, String> leases = member.getMap(HazelcastConfigs.LEASES);
            bases.keySet().stream().filter(runId -> !leases.containsKey(runId)).toList().forEach(this::drop);
            hosted.killOrphans(leases);
        } catch (RuntimeException e) {
            if (!leaseWatch.isShutdown()) {
                LOG.warning("cannot publish this node's load or check the leases of its runs: " + e);
            }
        }
    }

    private void drop(String runId) {
        SharedSegment base = bases.remove(runId);
        Set<CompletableFuture<ClusterOutcome>> tasks = tasksByRun.remove(runId);
        if (tasks != null) {
            tasks.forEach(task -> task.cancel(true));
        }
        if (base != null) {
            base.close();
        }
        segments().delete(runId);
        deleteTree(runsDirectory.resolve(runId));
    }

    private IMap<String, byte[]> nodes() {
        return member.getMap(HazelcastConfigs.NODES);
    }

    private IMap<String, byte[]> segments() {
        return member.getMap(HazelcastConfigs.SEGMENTS);
    }

    /**
     * Leaves the cluster, kills the workers at once (the tasks they run could no longer be answered) and deletes
     * every file of this node's runs.
     */
    @Override
    public void close() {
        stopLeaseWatch();
        hosted.close();
        try {
            if (member != null) {
                member.shutdown();
            }
        } finally {
            pool.terminate();
            codePools.values().forEach(Pool::terminate);
            bases.values().forEach(SharedSegment::close);
            bases.clear();
            deleteTree(runsDirectory);
        }
    }

    /** Lets a check that runs finish (it takes milliseconds), so that leaving the cluster does not cut it short. */
    private void stopLeaseWatch() {
        leaseWatch.shutdown();
        try {
            if (!leaseWatch.awaitTermination(LEASE_WATCH_STOP_SECONDS, TimeUnit.SECONDS)) {
                leaseWatch.shutdownNow();
            }
        } catch (InterruptedException e) {
            leaseWatch.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warning("cannot delete " + root + ": " + e);
        }
    }

    /** Removes a member that left from the cluster's list of nodes. */
    private final class Forgetter implements MembershipListener {

        @Override
        public void memberAdded(MembershipEvent event) {
        }

        @Override
        public void memberRemoved(MembershipEvent event) {
            try {
                nodes().delete(event.getMember().getUuid().toString());
            } catch (RuntimeException e) {
                LOG.fine("cannot forget node " + event.getMember() + ": " + e);
            }
        }
    }
}
