package io.mproc.cluster;

import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import io.mproc.internal.launch.ClassDataSharing;
import io.mproc.internal.launch.JvmCommand;
import io.mproc.internal.launch.LaunchedJvm;
import io.mproc.internal.wire.Bootstrap;
import io.mproc.internal.wire.WireCodec;
import io.mproc.worker.WorkerMain;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The worker JVMs a node started for coordinators' pools. Each connects to its pool by itself; the node reports
 * its output lines and its exit on the {@code mproc.worker-events} topic, kills it when asked, and kills it too
 * when its coordinator's lease is gone. The node is each worker's parent, so a worker ends when its node does.
 * Thread-safe.
 */
final class HostedWorkers implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HostedWorkers.class.getName());
    private static final long START_LIMIT_SECONDS = 30;

    private final ClusterToken token;
    private final CodeStore code;
    private final Supplier<ITopic<byte[]>> events;
    private final Map<String, Hosted> workers = new ConcurrentHashMap<>();
    private final Set<String> launched = ConcurrentHashMap.newKeySet();

    private record Hosted(LaunchedJvm jvm, String lease) {
    }

    HostedWorkers(ClusterToken token, CodeStore code, Supplier<ITopic<byte[]>> events) {
        this.token = token;
        this.code = code;
        this.events = events;
    }

    /** How many pool workers run on this node now. */
    int count() {
        return workers.size();
    }

    Messages.LaunchReply launch(Messages.LaunchRequest request) {
        List<String> missing = code.missing(request.code());
        if (!missing.isEmpty()) {
            return new Messages.LaunchReply(missing, null);
        }
        if (!launched.add(request.launchId())) {
            LOG.warning("refused launch " + request.launchId() + " a second time: a replayed request");
            return new Messages.LaunchReply(null, "launch " + request.launchId() + " was made before");
        }
        Bootstrap bootstrap;
        try {
            bootstrap = Bootstrap.parse(new String(token.decrypt(request.bootstrap()), StandardCharsets.UTF_8))
                    .withParentPid(ProcessHandle.current().pid());
        } catch (IllegalArgumentException e) {
            return new Messages.LaunchReply(null, "cannot read the worker's settings: " + e.getMessage());
        }
        List<String> classpath = new ArrayList<>(JvmCommand.ownClasspath());
        request.code().stream().filter(hash -> !code.isOwn(hash)).map(hash -> code.jar(hash).toString())
                .forEach(classpath::add);
        JvmCommand command = JvmCommand.of("workers", request.jvmOptions(), request.systemProperties(), classpath,
                WorkerMain.class.getName(), ClassDataSharing.defaultCacheDirectory());
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(request.environment());
        String id = request.launchId();
        LaunchedJvm jvm = LaunchedJvm.start(command, environment, bootstrap.encode().getBytes(StandardCharsets.UTF_8),
                "mproc-hosted-worker-" + bootstrap.workerId() + "-io",
                (stderr, line) -> publish(new Messages.WorkerEvent(id, stderr, line, null, null)));
        workers.put(id, new Hosted(jvm, request.lease()));
        jvm.exited().thenAcceptAsync(exitCode -> exited(id, jvm, exitCode));
        return started(jvm);
    }

    private Messages.LaunchReply started(LaunchedJvm jvm) {
        try {
            jvm.started().get(START_LIMIT_SECONDS, TimeUnit.SECONDS);
            return new Messages.LaunchReply(null, null);
        } catch (ExecutionException e) {
            return new Messages.LaunchReply(null, "cannot start a worker JVM: " + e.getCause());
        } catch (TimeoutException e) {
            jvm.kill();
            return new Messages.LaunchReply(null, "a worker JVM did not start within " + START_LIMIT_SECONDS
                    + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            jvm.kill();
            return new Messages.LaunchReply(null, "the node was interrupted while starting a worker JVM");
        }
    }

    /** Reports the exit after the worker's last lines; a kill that comes meanwhile still finds the worker. */
    private void exited(String id, LaunchedJvm jvm, int exitCode) {
        try {
            jvm.joinThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!publish(new Messages.WorkerEvent(id, false, null, exitCode, jvm.lastLines()))) {
            LOG.warning("cannot report the exit (" + exitCode + ") of worker " + id + " to its coordinator");
        }
        workers.remove(id);
    }

    Messages.KillReply kill(Messages.KillRequest request) {
        Hosted worker = workers.get(request.launchId());
        if (worker != null) {
            worker.jvm().kill();
        }
        return new Messages.KillReply(worker != null);
    }

    /** Kills the workers whose coordinator's lease is gone: that coordinator died or left. */
    void killOrphans(IMap<String, String> leases) {
        Set<String> gone = new HashSet<>();
        workers.values().stream().map(Hosted::lease).distinct().filter(lease -> !leases.containsKey(lease))
                .forEach(gone::add);
        workers.values().stream().filter(worker -> gone.contains(worker.lease()))
                .forEach(worker -> worker.jvm().kill());
    }

    private boolean publish(Messages.WorkerEvent event) {
        try {
            events.get().publish(Sealed.seal(token, Sealed.Purpose.WORKER_EVENT,
                    WireCodec.MAPPER.writeValueAsBytes(event)));
            return true;
        } catch (RuntimeException e) {
            LOG.fine("cannot report what worker " + event.launchId() + " did: " + e);
            return false;
        }
    }

    /** Kills every worker at once. */
    @Override
    public void close() {
        workers.values().forEach(worker -> worker.jvm().kill());
    }
}
