package io.mproc.process;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Python's {@code multiprocessing.Manager()}: shared objects held by the context's manager (a server in the
 * coordinator's JVM) and used from any of its processes through proxies, each operation atomic at the manager.
 * The proxies may be passed to processes as arguments, in queue and pipe messages, or inside a managed list or
 * dict, and arrive as working proxies. {@link #close()} drops this manager's objects; later calls on their proxies
 * fail. Thread-safe.
 */
public final class Manager implements AutoCloseable {

    private final MprocContext context;
    private final ManagerServer server;
    private final List<Long> ids = new ArrayList<>();

    Manager(MprocContext context, ManagerServer server) {
        this.context = context;
        this.server = server;
    }

    public <E> SharedList<E> list() {
        return list(List.of());
    }

    /** Python's {@code manager.list(iterable)}: a list holding copies of these elements. */
    public <E> SharedList<E> list(Collection<? extends E> initial) {
        return new SharedList<>(register(ManagedObjects.list(Messages.copy(new ArrayList<>(initial)))));
    }

    public <K, V> SharedDict<K, V> dict() {
        return new SharedDict<>(register(ManagedObjects.dict()));
    }

    public SharedNamespace namespace() {
        return new SharedNamespace(register(ManagedObjects.dict()));
    }

    /** Python's {@code Lock}: not reentrant, released by any thread. */
    public SharedLock lock() {
        return new SharedLock(register(ManagedObjects.semaphore(1, 1)));
    }

    /** Python's {@code RLock}: reentrant, released by its owner thread. */
    public SharedLock reentrantLock() {
        return new SharedLock(register(ManagedObjects.condition()));
    }

    public SharedSemaphore semaphore(int permits) {
        return new SharedSemaphore(register(ManagedObjects.semaphore(permits, 0)));
    }

    /** Python's {@code BoundedSemaphore}: releasing above the initial permits fails. */
    public SharedSemaphore boundedSemaphore(int permits) {
        return new SharedSemaphore(register(ManagedObjects.semaphore(permits, permits)));
    }

    public SharedEvent event() {
        return new SharedEvent(register(ManagedObjects.event()));
    }

    public SharedCondition condition() {
        return new SharedCondition(register(ManagedObjects.condition()));
    }

    public SharedBarrier barrier(int parties) {
        return barrier(parties, null, null);
    }

    /**
     * Python's {@code manager.Barrier(parties, action, timeout)}: the action (null for none) runs in the manager,
     * here, when the parties have all arrived; the timeout (null for none) is what {@link SharedBarrier#await()}
     * waits at most.
     */
    public SharedBarrier barrier(int parties, ProcessTarget action, Duration timeout) {
        return new SharedBarrier(register(ManagedObjects.barrier(MprocContext.requireParties(parties), action,
                timeout == null ? -1 : Blocking.nanos(timeout))));
    }

    /**
     * Python's {@code manager.Value(typecode, value)}: one value held here, read and replaced atomically from any of
     * the context's processes (copied, as list elements are). For a number that many processes update in place,
     * {@link MprocContext#sharedMemory()} is faster.
     */
    public <T> SharedValue<T> value(T initial) {
        return new SharedValue<>(register(ManagedObjects.value(initial)));
    }

    /**
     * Python's {@code manager.Array(typecode, sequence)}: a list of fixed length held here; {@code add},
     * {@code remove} and the like throw {@link UnsupportedOperationException}, as for {@code Arrays.asList}.
     */
    public <E> SharedList<E> array(Collection<? extends E> initial) {
        return new SharedList<>(register(ManagedObjects.array(new ArrayList<>(initial))));
    }

    /** Python's {@code manager.Queue()}: the same shared-memory queue as {@link MprocContext#queue()}. */
    public <E> SharedQueue<E> queue() {
        return context.queue();
    }

    /** Python's {@code manager.Queue(maxsize)}: as {@link MprocContext#queue(int)}. */
    public <E> SharedQueue<E> queue(int maxSize) {
        return context.queue(maxSize);
    }

    /** Python's {@code manager.JoinableQueue()}: as {@link MprocContext#joinableQueue()}. */
    public <E> SharedJoinableQueue<E> joinableQueue() {
        return context.joinableQueue();
    }

    /** Drops the objects this manager made. */
    @Override
    public synchronized void close() {
        ids.forEach(server::remove);
        ids.clear();
    }

    private synchronized ManagedRef register(ManagedObject object) {
        long id = server.register(object);
        ids.add(id);
        return new ManagedRef(server.address, id);
    }
}
