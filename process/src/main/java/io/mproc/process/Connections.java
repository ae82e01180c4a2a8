package io.mproc.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Python's {@code multiprocessing.connection} functions that work on several objects at once. */
public final class Connections {

    /**
     * How long a wait sleeps at most between looks: a message wakes it at once, but the other end's going, which
     * also makes a connection ready, comes unannounced.
     */
    private static final long UNANNOUNCED_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private Connections() {
    }

    /**
     * Waits until at least one of the objects is ready, or the timeout passes, and returns those that are ready, in the
     * order given (Python's {@code multiprocessing.connection.wait}). A {@link Connection} or {@link SocketConnection}
     * is ready when a message waits to be read or the other end has gone (so that {@code recv} does not block); a
     * {@link SharedQueue} when it holds an item; a {@link ChildProcess} when it has ended. A null timeout waits as long
     * as it takes; zero or a negative one does not wait.
     *
     * @return the ready objects; empty if the timeout passed first
     * @throws IllegalArgumentException if an object is of none of those kinds
     * @throws IllegalStateException    if the waiting thread is interrupted (its interrupt flag stays set)
     */
    public static List<Object> wait(Collection<?> objects, Duration timeout) {
        objects.forEach(Connections::requireWaitable);
        Blocking.Attempt attempt = () -> {
            List<Object> now = readyNow(objects);
            return now.isEmpty() ? Ring.EMPTY : now;
        };
        List<Ring> rings = ringsOf(objects);
        Object ready = rings.isEmpty() ? Blocking.until(attempt, Blocking.nanos(timeout), Blocking.NO_CHECK)
                : Blocking.untilMessageInAny(rings, attempt, Blocking.nanos(timeout), UNANNOUNCED_NANOS);
        return ready == Ring.EMPTY ? List.of() : castToList(ready);
    }

    /**
     * The ring each object reads, when every object is a pipe end or queue of shared memory; empty otherwise (a
     * socket or a process announces nothing there).
     */
    private static List<Ring> ringsOf(Collection<?> objects) {
        List<Ring> rings = new ArrayList<>();
        for (Object object : objects) {
            if (object instanceof Connection connection && connection.readable()) {
                rings.add(connection.inRing());
            } else if (object instanceof SharedQueue<?> queue) {
                rings.add(queue.ring);
            } else {
                return List.of();
            }
        }
        return rings;
    }

    private static List<Object> readyNow(Collection<?> objects) {
        List<Object> ready = new ArrayList<>();
        for (Object object : objects) {
            if (isReady(object)) {
                ready.add(object);
            }
        }
        return ready;
    }

    private static boolean isReady(Object object) {
        if (object instanceof Connection connection) {
            return connection.readyToRead();
        }
        if (object instanceof SharedQueue<?> queue) {
            return !queue.isEmpty();
        }
        if (object instanceof SocketConnection socket) {
            return socket.poll();
        }
        return ((ChildProcess) object).exitCode().isPresent();
    }

    private static void requireWaitable(Object object) {
        if (!(object instanceof Connection || object instanceof SocketConnection || object instanceof SharedQueue<?>
                || object instanceof ChildProcess)) {
            throw new IllegalArgumentException("cannot wait for " + (object == null ? "null" : object.getClass()
                    .getName()) + ": wait takes Connections, SocketConnections, SharedQueues and ChildProcesses");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castToList(Object ready) {
        return (List<Object>) ready;
    }
}
