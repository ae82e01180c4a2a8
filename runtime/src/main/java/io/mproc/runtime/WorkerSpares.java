package io.mproc.runtime;

import io.mproc.internal.launch.JvmCommand;
import io.mproc.internal.launch.LaunchedJvm;
import io.mproc.worker.WorkerMain;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Worker JVMs started ahead of any pool (Python's forkserver idea): each starts and waits for its bootstrap
 * settings, so that a pool that takes it pays a handshake instead of a JVM start. Kept per launch command and
 * environment; a spare ends when no pool takes it within its wait (see {@code WorkerMain}) or when this JVM ends,
 * which closes its standard input. Thread-safe.
 */
final class WorkerSpares {

    /** A spare older than this is not handed out: it may end (after 60 s) just as its pool connects. */
    private static final long TAKE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(50);
    private static final Map<Key, Deque<Spare>> SPARES = new HashMap<>();

    private record Key(String command, Map<String, String> environment) {
    }

    private record Spare(LaunchedJvm jvm, long startedNanos) {
    }

    private WorkerSpares() {
    }

    /** Starts {@code count} spares for workers launched with this command and environment. */
    static SpareWorkers start(JvmCommand command, Map<String, String> environment, int count) {
        Key key = new Key(command.toString(), Map.copyOf(environment));
        List<LaunchedJvm> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LaunchedJvm spare = LaunchedJvm.startWaiting(command, environment, "mproc-spare-worker-io",
                    (stderr, line) -> System.getLogger("io.mproc.worker").log(System.Logger.Level.INFO,
                            "[spare] " + line), List.of(WorkerMain.SPARE));
            synchronized (SPARES) {
                SPARES.computeIfAbsent(key, k -> new ArrayDeque<>()).add(new Spare(spare, System.nanoTime()));
            }
            spare.exited().thenRun(() -> forget(key, spare));
            started.add(spare);
        }
        return new SpareWorkers(started, spare -> {
            if (forget(key, spare)) {
                spare.kill();
            }
        });
    }

    /**
     * A waiting spare for this command and environment, taken out of the spares; null if there is none young enough
     * to be sure to wait for its settings.
     */
    static LaunchedJvm take(JvmCommand command, Map<String, String> environment) {
        Key key = new Key(command.toString(), environment);
        synchronized (SPARES) {
            Deque<Spare> spares = SPARES.getOrDefault(key, new ArrayDeque<>());
            for (Spare spare = spares.poll(); spare != null; spare = spares.poll()) {
                boolean young = System.nanoTime() - spare.startedNanos() < TAKE_LIMIT_NANOS;
                if (young && !spare.jvm().exited().isDone()) {
                    return spare.jvm();
                }
                spare.jvm().kill();
            }
            SPARES.remove(key);
            return null;
        }
    }

    /** How many spares wait for this command and environment. */
    static int waiting(JvmCommand command, Map<String, String> environment) {
        synchronized (SPARES) {
            Deque<Spare> spares = SPARES.get(new Key(command.toString(), environment));
            return spares == null ? 0 : spares.size();
        }
    }

    /** Takes {@code spare} out of the spares; false if a pool took it, or it ended, before. */
    private static boolean forget(Key key, LaunchedJvm spare) {
        synchronized (SPARES) {
            Deque<Spare> spares = SPARES.get(key);
            boolean removed = spares != null && spares.removeIf(waiting -> waiting.jvm() == spare);
            if (removed && spares.isEmpty()) {
                SPARES.remove(key);
            }
            return removed;
        }
    }
}
