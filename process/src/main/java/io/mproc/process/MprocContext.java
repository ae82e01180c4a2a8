package io.mproc.process;

import io.mproc.NotTransferableException;
import io.mproc.SharedMemory;
import io.mproc.internal.launch.ClassDataSharing;
import io.mproc.internal.launch.JvmCommand;
import io.mproc.internal.launch.LaunchCapacity;
import io.mproc.internal.launch.LaunchedJvm;
import io.mproc.internal.launch.PrivateDirectories;
import io.mproc.internal.shm.SegmentMemory;
import io.mproc.internal.shm.SharedSegment;
import io.mproc.internal.wire.MethodReference;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where Python's building blocks come from, across child JVMs: {@link ChildProcess}es, {@link SharedQueue}s,
 * {@link Pipe}s, a {@link Manager} and its shared objects, and shared-memory values and arrays. It owns their
 * resources: a private directory (0700, under {@code /dev/shm} where it exists) holding the queues' and pipes'
 * memory-mapped files, the manager's socket and the shared-memory segment, and every child it started.
 *
 * <p>{@link #close()} ends every child still running (SIGTERM, then SIGKILL after two seconds), stops the
 * manager and its threads, and deletes the directory; join the children you want to finish first. A JVM shutdown
 * hook closes a context that was not closed, after waiting for its non-daemon children as Python does. Thread-safe.
 */
public final class MprocContext implements AutoCloseable {

    /** The slots of a simple queue, and of the shared part of an unbounded one. */
    private static final int QUEUE_SLOTS = 1024;
    /** A queue's slot: an item encoded in more bytes than this is streamed through several. */
    private static final int QUEUE_SLOT_BYTES = 2048;
    private static final int PIPE_SIZE = 128;
    private static final int PIPE_SLOT_BYTES = 8192;
    private static final long SEGMENT_CAPACITY = 1024 * 1024;
    private static final Duration TERMINATE_GRACE = Duration.ofSeconds(2);

    private final Path directory;
    private final ManagerServer server;
    private final Manager manager;
    private final boolean prefixOutput;
    private final List<String> jvmOptions;
    private final JvmCommand command;
    private final boolean keepSpare;
    /** The JVM started ahead for the next child, with {@link StartMethod#SPARE}; guarded by this. */
    private LaunchedJvm spare;
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private final AtomicInteger counter = new AtomicInteger();
    private final Thread shutdownHook = new Thread(this::closeAtExit, "mproc-context-shutdown");
    private final SharedMemory sharedMemory = new SegmentMemory(this::segment, true);
    private SharedSegment segment;
    private boolean closed;

    private MprocContext(boolean prefixOutput, List<String> jvmOptions, Path classDataSharingCache,
                         StartMethod startMethod) throws IOException {
        this.prefixOutput = prefixOutput;
        Path parent = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm")
                : Path.of(System.getProperty("java.io.tmpdir"));
        directory = PrivateDirectories.create(parent);
        server = new ManagerServer(directory);
        ManagerLinks.register(server.address, new LocalLink(server));
        manager = new Manager(this, server);
        this.jvmOptions = jvmOptions;
        command = JvmCommand.of("processes", jvmOptions, Map.of(), JvmCommand.ownClasspath(),
                ChildMain.class.getName(), classDataSharingCache);
        keepSpare = startMethod == StartMethod.SPARE;
        spare = keepSpare ? startSpare() : null;
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A context whose children's output lines are prefixed with their names. */
    public static MprocContext create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Python's {@code Process(target=...)}, not yet started; named {@code Process-N} unless renamed. */
    public ChildProcess process(ProcessTarget target) {
        return newProcess(target);
    }

    public <A> ChildProcess process(ProcessTarget1<A> target, A a) {
        return newProcess(target, a);
    }

    public <A, B> ChildProcess process(ProcessTarget2<A, B> target, A a, B b) {
        return newProcess(target, a, b);
    }

    public <A, B, C> ChildProcess process(ProcessTarget3<A, B, C> target, A a, B b, C c) {
        return newProcess(target, a, b, c);
    }

    /** Python's {@code Queue()}: an unbounded queue of items of up to 1 GiB encoded each. */
    public <E> SharedQueue<E> queue() {
        return queue(0);
    }

    /**
     * Python's {@code Queue(maxsize)}: a queue of up to {@code maxSize} items of up to 1 GiB encoded each;
     * unbounded for 0 or less.
     */
    public <E> SharedQueue<E> queue(int maxSize) {
        return queue(maxSize, Ring.LARGEST_MESSAGE);
    }

    /**
     * A queue as {@link #queue(int)}, whose items may take at most {@code maxMessageBytes} encoded (1 GiB at most).
     * Items of up to 2 KiB take one slot of its shared memory; longer ones are streamed through as many slots as
     * they need, the reader putting them together (a {@code put} of a streamed item into a bounded queue returns once
     * consumers have taken all but its last pieces, its timeout bounding the wait for room for the first piece).
     *
     * @throws IllegalArgumentException if {@code maxMessageBytes} is not from 1 byte to 1 GiB
     */
    public <E> SharedQueue<E> queue(int maxSize, int maxMessageBytes) {
        return new SharedQueue<>(queueRing(maxSize, maxMessageBytes));
    }

    /** Python's {@code JoinableQueue()}: unbounded. */
    public <E> SharedJoinableQueue<E> joinableQueue() {
        return joinableQueue(0);
    }

    public <E> SharedJoinableQueue<E> joinableQueue(int maxSize) {
        return new SharedJoinableQueue<>(queueRing(maxSize, Ring.LARGEST_MESSAGE));
    }

    /**
     * Python's {@code SimpleQueue()}: {@code put} waits while 1024 items are queued, as Python's waits on a full
     * pipe.
     */
    public <E> SharedSimpleQueue<E> simpleQueue() {
        return new SharedSimpleQueue<>(newRing("queue", QUEUE_SLOTS, QUEUE_SLOT_BYTES, Ring.LARGEST_MESSAGE, false));
    }

    /** Python's {@code Pipe()}: a duplex pipe taking messages of up to 1 GiB encoded. */
    public Pipe pipe() {
        return pipe(true, Ring.LARGEST_MESSAGE);
    }

    /**
     * Python's {@code Pipe(duplex)}; a one-way pipe's {@code first} receives and {@code second} sends. Messages may
     * take at most {@code maxMessageBytes} encoded (1 GiB at most); those over 8 KiB are streamed in pieces, and
     * {@code send} returns once the receiver has taken all but the last pieces.
     *
     * @throws IllegalArgumentException if {@code maxMessageBytes} is not from 1 byte to 1 GiB
     */
    public Pipe pipe(boolean duplex, int maxMessageBytes) {
        Ring toFirst = newRing("pipe", PIPE_SIZE, PIPE_SLOT_BYTES, maxMessageBytes, false);
        Ring toSecond = duplex ? newRing("pipe", PIPE_SIZE, PIPE_SLOT_BYTES, maxMessageBytes, false) : null;
        return new Pipe(new Connection(toFirst, toSecond), new Connection(toSecond, toFirst));
    }

    /** The context's manager, for shared lists, dicts, namespaces and synchronization objects. */
    public Manager manager() {
        return manager;
    }

    /**
     * Python's {@code Lock()}: in shared memory, so acquiring a free lock is one atomic instruction; released by any
     * thread. The manager's {@link Manager#lock()} behaves the same at the cost of a round trip per operation.
     */
    public SharedLock lock() {
        return new SharedLock(SharedMemorySync.semaphore(syncFile(), 1, 1));
    }

    /** Python's {@code RLock()}, in shared memory: reentrant, released by its owner thread only. */
    public SharedLock reentrantLock() {
        return new SharedLock(SharedMemorySync.reentrantLock(syncFile()));
    }

    /** Python's {@code Condition()}, in shared memory, with its own {@code RLock}. */
    public SharedCondition condition() {
        return new SharedCondition(SharedMemorySync.condition(syncFile()));
    }

    /** Python's {@code Event()}, in shared memory. */
    public SharedEvent event() {
        return new SharedEvent(SharedMemorySync.event(syncFile()));
    }

    /** Python's {@code Semaphore(permits)}, in shared memory. */
    public SharedSemaphore semaphore(int permits) {
        return new SharedSemaphore(SharedMemorySync.semaphore(syncFile(), requireNotNegative(permits), 0));
    }

    /** Python's {@code BoundedSemaphore(permits)}, in shared memory: releasing above the initial permits fails. */
    public SharedSemaphore boundedSemaphore(int permits) {
        return new SharedSemaphore(SharedMemorySync.semaphore(syncFile(), requireNotNegative(permits), permits));
    }

    /** Python's {@code Barrier(parties)}, in shared memory. */
    public SharedBarrier barrier(int parties) {
        return barrier(parties, null, null);
    }

    /**
     * Python's {@code Barrier(parties, action, timeout)}, in shared memory: the action (null for none) runs in the
     * process of the last party to arrive, before any is released, so it must be serializable, as a process's target
     * is; the timeout (null for none) is what {@link SharedBarrier#await()} waits at most.
     */
    public SharedBarrier barrier(int parties, ProcessTarget action, Duration timeout) {
        return new SharedBarrier(SharedMemorySync.barrier(syncFile(), requireParties(parties), action,
                timeout == null ? -1 : Blocking.nanos(timeout)));
    }

    static int requireParties(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least one party, not " + parties);
        }
        return parties;
    }

    /**
     * The context's shared memory: Python's {@code Value}, {@code Array}, {@code RawValue} and {@code RawArray},
     * made here and passed to children, which read and update them in place. Made on first use, removed when the
     * context closes.
     */
    public SharedMemory sharedMemory() {
        return sharedMemory;
    }

    /** Ends the children still running, stops the manager, and deletes every file. Idempotent. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running this very close
        }
        release();
    }

    private synchronized void release() {
        if (closed) {
            return;
        }
        closed = true;
        endSpare();
        children.forEach(ChildProcess::terminate);
        for (ChildProcess child : children) {
            if (!child.awaitEnd(TERMINATE_GRACE)) {
                child.kill();
                child.awaitKilled();
            }
        }
        ManagerLinks.remove(server.address);
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // the socket is deleted with the directory
        }
        if (segment != null) {
            segment.close();
        }
        Ring.unmapAll(directory);
        Waker.closeAll(directory.toAbsolutePath());
        SharedMemorySync.detachAll(directory);
        deleteDirectory();
    }

    private void closeAtExit() {
        children.stream().filter(child -> !child.isDaemon()).forEach(ChildProcess::join);
        release();
    }

    /** Starts a child's JVM with these settings: the spare where the context keeps one, which is then replaced. */
    LaunchedJvm launch(byte[] bootstrap, String threadName, LaunchedJvm.OutputListener output) {
        LaunchedJvm taken = takeSpare();
        if (taken == null) {
            return LaunchedJvm.start(command, null, bootstrap, threadName, output);
        }
        taken.outputTo(output);
        taken.supply(bootstrap);
        return taken;
    }

    private synchronized LaunchedJvm takeSpare() {
        if (!keepSpare || closed) {
            return null;
        }
        LaunchedJvm taken = spare.exited().isDone() ? null : spare;
        spare = startSpare();
        return taken;
    }

    private LaunchedJvm startSpare() {
        return LaunchedJvm.startWaiting(command, null, "mproc-process-spare", (stderr, line) -> { },
                List.of(ChildMain.SPARE));
    }

    /** Ends the spare, if the context keeps one, and waits for its JVM and threads. */
    private void endSpare() {
        if (spare == null) {
            return;
        }
        spare.kill();
        spare.exited().join();
        try {
            spare.joinThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spare = null;
    }

    private ChildProcess newProcess(Object target, Object... arguments) {
        ensureOpen();
        return new ChildProcess(this, "Process-" + counter.incrementAndGet(), target,
                Arrays.asList(arguments));
    }

    private Ring queueRing(int maxSize, int maxMessage) {
        return maxSize > 0 ? newRing("queue", maxSize, QUEUE_SLOT_BYTES, maxMessage, false)
                : newRing("queue", QUEUE_SLOTS, QUEUE_SLOT_BYTES, maxMessage, true);
    }

    private synchronized Ring newRing(String kind, int capacity, int slotBytes, int maxMessage, boolean unbounded) {
        ensureOpen();
        if (maxMessage < 1 || maxMessage > Ring.LARGEST_MESSAGE) {
            throw new IllegalArgumentException("a " + kind + "'s maximum message size must be from 1 to "
                    + Ring.LARGEST_MESSAGE + " bytes, not " + maxMessage);
        }
        return Ring.create(directory.resolve(kind + "-" + counter.incrementAndGet() + ".ring"), capacity,
                Math.min(slotBytes, maxMessage), maxMessage, unbounded);
    }

    private synchronized Path syncFile() {
        ensureOpen();
        return directory.resolve("sync-" + counter.incrementAndGet() + ".shm");
    }

    private static int requireNotNegative(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("a semaphore's permits cannot be negative: " + permits);
        }
        return permits;
    }

    private synchronized SharedSegment segment() {
        ensureOpen();
        if (segment == null) {
            segment = SharedSegment.create(directory, SEGMENT_CAPACITY);
        }
        return segment;
    }

    Path directory() {
        return directory;
    }

    /**
     * Takes a child that is about to start.
     *
     * @throws IllegalArgumentException if one more child JVM cannot fit in memory besides those running
     */
    synchronized void adopt(ChildProcess child) {
        ensureOpen();
        int running = (int) children.stream().filter(other -> other.exitCode().isEmpty()).count();
        LaunchCapacity.requireMemoryFor(1, running, jvmOptions, "child process");
        children.add(child);
    }

    /**
     * The children started by this context that are still running (Python's {@code active_children()}); children
     * that have ended are let go of, as Python joins them.
     */
    public List<ChildProcess> activeChildren() {
        children.removeIf(child -> child.exitCode().isPresent());
        return children.stream().filter(ChildProcess::isAlive).toList();
    }

    /** A closed child handle: the context need not end or wait for it any more. */
    void forget(ChildProcess child) {
        children.remove(child);
    }

    void forward(String name, boolean stderr, String line) {
        (stderr ? System.err : System.out).println(prefixOutput ? "[" + name + "] " + line : line);
    }

    /** What the child needs, checked and encoded here so that what cannot travel fails at {@code start}. */
    byte[] bootstrap(ChildProcess child, Object target, List<Object> arguments) {
        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            Object argument = arguments.get(i);
            try {
                encoded.add(Messages.toBytes(argument));
            } catch (NotTransferableException e) {
                throw new NotTransferableException("cannot pass argument " + (i + 1) + " (" + argument.getClass()
                        .getName() + ") to " + child + ": " + e.getMessage() + ". Pass values Jackson can write"
                        + " (records, beans, strings, numbers, collections), shared values and arrays, queues, pipes"
                        + " or managed objects", e);
            }
        }
        MethodReference reference = MethodReference.ofLambda(target);
        ChildBootstrap bootstrap = new ChildBootstrap(child.name(), ProcessHandle.current().pid(), child.isDaemon(),
                server.address, server.token, reference == null ? new byte[0] : reference.encode(),
                reference == null ? serialize(target, child) : new byte[0], encoded);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            bootstrap.write(new DataOutputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] serialize(Object target, ChildProcess child) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(target);
        } catch (NotSerializableException e) {
            throw new NotTransferableException("cannot send the target of " + child + " to its JVM: it holds or"
                    + " captures an object of class " + e.getMessage() + ", which is not Serializable. Pass that"
                    + " object as an argument instead, or make it Serializable", e);
        } catch (IOException e) {
            throw new NotTransferableException("cannot send the target of " + child + " to its JVM: " + e, e);
        }
        return bytes.toByteArray();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the context is closed");
        }
    }

    private void deleteDirectory() {
        try {
            PrivateDirectories.delete(directory);
        } catch (IOException ignored) {
            // what is left, the next context to start removes
        }
    }

    /** Options for a context. */
    public static final class Builder {
        private boolean prefixOutput = true;
        private final List<String> jvmOptions = new ArrayList<>();
        private Path classDataSharingCache = ClassDataSharing.defaultCacheDirectory();
        private StartMethod startMethod = StartMethod.SPAWN;

        private Builder() {
        }

        /** How children's JVMs start; {@link StartMethod#SPAWN} by default. */
        public Builder startMethod(StartMethod method) {
            this.startMethod = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Whether the children's output lines start with {@code [name] } (the default) or are passed as they are. */
        public Builder prefixOutput(boolean prefix) {
            this.prefixOutput = prefix;
            return this;
        }

        /** Extra options for the children's JVMs, such as {@code -Xmx256m}. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * Where the children's JVMs keep a class-data sharing archive, which shortens their start-up by a third;
         * null turns it off. Default: {@code $XDG_CACHE_HOME/mproc}, else {@code ~/.cache/mproc}. Used only when
         * this JVM's classpath is made of jar files.
         */
        public Builder classDataSharingCache(Path directory) {
            this.classDataSharingCache = directory;
            return this;
        }

        public MprocContext build() {
            try {
                return new MprocContext(prefixOutput, List.copyOf(jvmOptions), classDataSharingCache, startMethod);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the context's directory or manager socket", e);
            }
        }
    }
}
