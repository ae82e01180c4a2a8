package io.mproc.process;

import io.mproc.MprocException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    /**
     * Holds the object here and returns a proxy for it (Python's {@code BaseManager.register(typeid, callable)} and
     * its call): each call of one of the interface's methods, from any of the context's processes or a JVM that
     * {@link #connect connected}, runs on this object at the manager, with arguments and results copied as queue
     * items are, and its exception raised in the caller. The proxy travels to other processes, as an argument, in a
     * message or in a managed container, and works there. The object's class guards its own state: calls from
     * different processes run on different manager threads, as in Python.
     *
     * @throws IllegalArgumentException if {@code api} is not an interface, or the object does not implement it
     */
    public <T> T register(Class<T> api, T object) {
        if (!api.isInterface() || !api.isInstance(object)) {
            throw new IllegalArgumentException("register takes an interface and an object that implements it, not "
                    + api.getName() + " and " + (object == null ? "null" : object.getClass().getName())
                    + "; the proxy offers the interface's methods");
        }
        return ManagedInterface.proxy(api, register(ManagedObjects.userObject(object)));
    }

    /**
     * Publishes a proxy (a queue, a list, a lock...) or a value under a name, for JVMs that {@link #connect} to this
     * manager without having been started by this context (Python's {@code BaseManager.register} with a callable
     * that returns a shared object). Replaces what was published under that name.
     */
    public void publish(String name, Object object) {
        registry().call(Op.PUT, requireName(name), object);
    }

    /**
     * Where other JVMs reach this manager: with {@link #authKey()}, what {@link #connect} takes. Shared-memory
     * objects (queues, pipes, the context's locks) work from JVMs of the same user on this machine.
     */
    public String address() {
        return server.address;
    }

    /** The secret a JVM must present to {@link #connect}; keep it as private as a password. */
    public byte[] authKey() {
        return server.token.clone();
    }

    /**
     * Connects to a running manager from a JVM that its context did not start (Python's {@code BaseManager(address,
     * authkey).connect()}), to {@link Published#lookup look up} what it {@link #publish published}.
     *
     * @throws AuthenticationException if the manager is gone, or refuses the key
     */
    public static Published connect(String address, byte[] authKey) {
        boolean linked = ManagerLinks.registerIfAbsent(address, new RemoteLink(address, authKey.clone()));
        Published published = new Published(new ManagedRef(address, ManagerServer.REGISTRY_ID));
        try {
            published.names();
        } catch (MprocException e) {
            if (linked) {
                ManagerLinks.remove(address);
            }
            throw new AuthenticationException("cannot connect to the manager at " + address + ": it is gone, or it"
                    + " refused this key (" + e.getMessage() + ")");
        }
        return published;
    }

    /** What a manager has published, as a JVM that {@link #connect connected} to it sees it. Thread-safe. */
    public static final class Published {

        private final ManagedRef registry;

        private Published(ManagedRef registry) {
            this.registry = registry;
        }

        /**
         * The object published under the name, as a working proxy in this JVM.
         *
         * @throws IllegalArgumentException if nothing is published under that name
         */
        @SuppressWarnings("unchecked")
        public <T> T lookup(String name) {
            Object published = registry.call(Op.GET, requireName(name));
            if (published == null && !(Boolean) registry.call(Op.CONTAINS_KEY, name)) {
                throw new IllegalArgumentException("nothing is published under '" + name + "'; published: "
                        + names());
            }
            return (T) published;
        }

        /** The names published now. */
        @SuppressWarnings("unchecked")
        public Set<String> names() {
            return new TreeSet<>(((Map<String, Object>) registry.call(Op.COPY)).keySet());
        }
    }

    /** Drops the objects this manager made. */
    @Override
    public synchronized void close() {
        ids.forEach(server::remove);
        ids.clear();
    }

    private ManagedRef registry() {
        return new ManagedRef(server.address, ManagerServer.REGISTRY_ID);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a published object needs a name that is not blank");
        }
        return name;
    }

    private synchronized ManagedRef register(ManagedObject object) {
        long id = server.register(object);
        ids.add(id);
        return new ManagedRef(server.address, id);
    }
}
