package io.mproc.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.mproc.BiTaskFunction;
import io.mproc.MprocException;
import io.mproc.PoolSettings;
import io.mproc.SharedMemory;
import io.mproc.TaskFunction;
import io.mproc.Transport;
import io.mproc.WorkerInitializer;
import io.mproc.internal.launch.ClassDataSharing;
import io.mproc.internal.launch.JvmCommand;
import io.mproc.internal.launch.LaunchCapacity;
import io.mproc.internal.shm.SegmentMemory;
import io.mproc.internal.shm.SharedSegment;
import io.mproc.internal.wire.Frame;
import io.mproc.internal.wire.Hello;
import io.mproc.runtime.metrics.MetricsServer;
import io.mproc.worker.WorkerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of worker JVMs that runs functions on inputs, like Python's {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * try (Pool pool = Pool.builder().workers(4).build()) {
 *     List<Integer> squares = pool.map(Squares::square, List.of(1, 2, 3, 4));
 * }
 * }</pre>
 *
 * <p>Workers start in the background when the pool is built; work submitted before they are ready waits for them.
 * A function that throws fails its own task only. A worker that dies is replaced, and the task it was running is
 * tried again up to {@code maxRetries} times. All methods are thread-safe. {@link #close()} finishes queued work
 * and releases every worker, socket and thread; {@link #terminate()} stops at once.
 */
public final class Pool implements AutoCloseable {

    /** How many items {@code imap} keeps between its input and its consumer. */
    public static final int IMAP_WINDOW = 65_536;

    private static final AtomicInteger POOL_IDS = new AtomicInteger();
    private static final System.Logger LOG = System.getLogger(Pool.class.getName());

    private final PoolSettings settings;
    private final Functions functions;
    private final Coordinator coordinator;
    private final PoolMetrics metrics;
    private final Thread thread;
    private final Thread shutdownHook;
    private final long sharedMemorySize;
    private final boolean workersLocal;
    private final MetricsServer metricsServer;
    private final SharedMemory sharedMemory = new SegmentMemory(this::segment, true);
    private final ExecutorService executor = new PoolExecutorService(this);
    private volatile SharedSegment segment;
    private boolean released;

    private Pool(PoolSettings settings, Functions functions, Coordinator coordinator, PoolMetrics metrics,
                 String name, long sharedMemorySize, boolean workersLocal, MetricsServer metricsServer) {
        this.settings = settings;
        this.sharedMemorySize = sharedMemorySize;
        this.workersLocal = workersLocal;
        this.metricsServer = metricsServer;
        this.functions = functions;
        this.coordinator = coordinator;
        this.metrics = metrics;
        this.thread = new Thread(() -> {
            coordinator.run();
            release();
        }, name);
        this.thread.setDaemon(true);
        this.shutdownHook = new Thread(this::terminate, name + "-shutdown");
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The settings this pool was built with. */
    public PoolSettings settings() {
        return settings;
    }

    /** Where workers connect: {@code unix:PATH} or {@code tcp:HOST:PORT}. */
    String address() {
        return coordinator.address();
    }

    /**
     * Blocks until every worker has started and connected, for measuring start-up apart from the work.
     *
     * @return false if that took longer than the timeout
     */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return coordinator.awaitReady(timeout);
    }

    /** Where the pool serves its metrics and dashboard, if it was built with {@link Builder#serveMetrics}. */
    public Optional<URI> metricsUrl() {
        return Optional.ofNullable(metricsServer).map(MetricsServer::url);
    }

    /** The pool's meters, for the job runner's warm-up, which is not the user's work. */
    PoolMetrics metrics() {
        return metrics;
    }

    /** Counts since the pool was built. */
    public PoolStats stats() {
        return coordinator.stats();
    }

    /**
     * The pool's shared memory: values and arrays that tasks read and update in place (Python's {@code Value} and
     * {@code Array}). Pass one to tasks as an input: it travels as a handle to the same memory. The memory is made
     * on first use and removed when the pool closes.
     */
    public SharedMemory sharedMemory() {
        return sharedMemory;
    }

    /** Bytes of the pool's shared memory in use; 0 before the first value or array. */
    public long sharedMemoryInUse() {
        SharedSegment current = segment;
        return current == null ? 0 : current.bytesInUse();
    }

    /** A snapshot of the workers that are ready now. */
    public List<WorkerInfo> workers() {
        return coordinator.workers();
    }

    /**
     * Applies the function to every input, in parallel, and returns the results in input order. Blocks until all
     * are done.
     *
     * @throws io.mproc.TaskException the failure of the lowest-index input that failed, once all are done
     * @throws io.mproc.NotTransferableException if the function or an input cannot be sent; nothing is sent then
     */
    public <T, R> List<R> map(TaskFunction<T, R> function, Iterable<? extends T> inputs) {
        return await(mapAsync(function, inputs));
    }

    /**
     * {@link #map(TaskFunction, Iterable)} with this call's own chunk size (inputs per message to a worker).
     *
     * @throws IllegalArgumentException if the chunk size is below 1
     */
    public <T, R> List<R> map(TaskFunction<T, R> function, Iterable<? extends T> inputs, int chunkSize) {
        return await(mapAsync(function, inputs, chunkSize));
    }

    /** {@link #map(TaskFunction, Iterable)} without blocking (Python's {@code map_async}). */
    public <T, R> CompletableFuture<List<R>> mapAsync(TaskFunction<T, R> function, Iterable<? extends T> inputs) {
        return submitAll(functions.of(function), inputs, settings.chunkSize());
    }

    /**
     * {@link #mapAsync(TaskFunction, Iterable)} with this call's own chunk size.
     *
     * @throws IllegalArgumentException if the chunk size is below 1
     */
    public <T, R> CompletableFuture<List<R>> mapAsync(TaskFunction<T, R> function, Iterable<? extends T> inputs,
                                                      int chunkSize) {
        return submitAll(functions.of(function), inputs, requireChunkSize(chunkSize));
    }

    /**
     * Applies a two-argument function to each pair, like Python's {@code starmap}: pass
     * {@code Map.entry(a, b)} for each call, or a map's {@code entrySet()}.
     */
    public <A, B, R> List<R> starmap(BiTaskFunction<A, B, R> function,
                                     Iterable<? extends Map.Entry<? extends A, ? extends B>> inputs) {
        return await(starmapAsync(function, inputs));
    }

    /** {@link #starmap} without blocking (Python's {@code starmap_async}). */
    public <A, B, R> CompletableFuture<List<R>> starmapAsync(BiTaskFunction<A, B, R> function,
                                        Iterable<? extends Map.Entry<? extends A, ? extends B>> inputs) {
        return submitAll(functions.of(function), inputs, settings.chunkSize());
    }

    /**
     * A lazy iterator over the results in input order. Inputs are read on the consumer's thread as the iterator is
     * consumed, and sent as they are read, keeping at most {@link #IMAP_WINDOW} items in flight, so the input may
     * be endless. A failed input throws its exception from {@code next()} at its position; the iteration can go
     * on. If the input's own iterator throws, the results before it come first, then {@code next()} throws that
     * exception, and the iteration ends. Interrupting a thread that waits in {@code next()} makes it throw an
     * {@link MprocException} with the interrupt status set; calling it again waits again. If the pool closes while
     * inputs are still unread, the results already due come, then an {@link MprocException}.
     *
     * @throws IllegalStateException if the pool was closed or terminated
     */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> inputs) {
        return stream(true, function, inputs, settings.chunkSize(), IMAP_WINDOW);
    }

    /**
     * {@link #imap(TaskFunction, Iterable)} with this call's own chunk size and read-ahead (Python 3.14's
     * {@code buffersize}): at most {@code workers + bufferSize} inputs are taken from the iterator beyond the
     * results the consumer has read, so an input that is costly to produce is not read far ahead.
     *
     * @throws IllegalArgumentException if the chunk size or the buffer size is below 1
     * @throws IllegalStateException    if the pool was closed or terminated
     */
    public <T, R> Iterator<R> imap(TaskFunction<T, R> function, Iterable<? extends T> inputs, int chunkSize,
                                   int bufferSize) {
        return stream(true, function, inputs, requireChunkSize(chunkSize), readAhead(bufferSize));
    }

    /**
     * Like {@link #imap}, but yields each result as soon as it is ready.
     *
     * @throws IllegalStateException if the pool was closed or terminated
     */
    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> inputs) {
        return stream(false, function, inputs, settings.chunkSize(), IMAP_WINDOW);
    }

    /**
     * Like {@link #imap(TaskFunction, Iterable, int, int)}, but yields each result as soon as it is ready.
     *
     * @throws IllegalArgumentException if the chunk size or the buffer size is below 1
     * @throws IllegalStateException    if the pool was closed or terminated
     */
    public <T, R> Iterator<R> imapUnordered(TaskFunction<T, R> function, Iterable<? extends T> inputs,
                                            int chunkSize, int bufferSize) {
        return stream(false, function, inputs, requireChunkSize(chunkSize), readAhead(bufferSize));
    }

    /**
     * Runs the function on one input (Python's {@code apply_async}). {@code cancel(true)} on the future drops the
     * task if it is queued and kills and replaces its worker if it is running.
     */
    public <T, R> CompletableFuture<R> submit(TaskFunction<T, R> function, T input) {
        return submitOne(functions.of(function), input);
    }

    /** Runs a two-argument function on one pair of arguments. */
    public <A, B, R> CompletableFuture<R> submit(BiTaskFunction<A, B, R> function, A first, B second) {
        return submitOne(functions.of(function), Map.entry(first, second));
    }

    /**
     * This pool as a {@link ExecutorService}, for code written against {@code java.util.concurrent}: each
     * {@link Callable} or {@link Runnable} runs in a worker JVM, so it must be {@link java.io.Serializable}, with
     * what it captures (cast a lambda to {@code Callable<T> & Serializable}); its result comes back decoded as the
     * type the callable declares. {@code invokeAll}, {@code invokeAny} and timeouts work as for any executor;
     * {@code shutdown()} closes the pool without waiting, {@code awaitTermination} waits for it,
     * {@code shutdownNow()} terminates it. A submission after shutdown throws
     * {@link java.util.concurrent.RejectedExecutionException}; a callable that cannot travel throws
     * {@link io.mproc.NotTransferableException}. The same executor each call.
     */
    public ExecutorService asExecutorService() {
        return executor;
    }

    /**
     * Stops taking work (later submissions throw {@link IllegalStateException}), finishes what is queued, replacing
     * workers that retire or die meanwhile, stops the workers and releases everything; blocks until done. Work that
     * cannot run fails, so every future is complete when this returns. If the calling thread is interrupted while
     * it waits, the pool is terminated instead, as by {@link #terminate()}, and this returns with the thread's
     * interrupt status set. Idempotent.
     */
    @Override
    public void close() {
        coordinator.stop(coordinator::close);
        if (!awaitStopped()) {
            terminate();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops at once: queued and running tasks fail, workers are killed. Blocks until everything is released, which
     * takes at most a few seconds; an interrupt does not cut that short, and is kept as the thread's status.
     */
    public void terminate() {
        coordinator.stop(coordinator::terminate);
        boolean interrupted = false;
        while (!awaitStopped()) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until the pool has stopped after {@link #close()} or {@link #terminate()}, called from another thread.
     *
     * @throws IllegalStateException if neither was called, since the pool would never stop
     */
    public void join() throws InterruptedException {
        if (coordinator.isAccepting()) {
            throw new IllegalStateException("join() waits for the pool to stop, and it is still running: call close() "
                    + "or terminate() first");
        }
        coordinator.awaitStopped();
        awaitThread(Long.MAX_VALUE);
    }

    <R> CompletableFuture<R> submitCallable(Callable<R> callable) {
        return submitOne(functions.ofCallable(callable), 0);
    }

    CompletableFuture<Void> submitRunnable(Runnable runnable) {
        return submitOne(functions.ofRunnable(runnable), 0);
    }

    /** Stops taking work and closes the pool, without waiting: {@link #awaitTermination} waits. */
    void shutdown() {
        coordinator.stop(coordinator::close);
    }

    boolean isShutdown() {
        return !coordinator.isAccepting();
    }

    boolean isTerminated() {
        return coordinator.isStopped();
    }

    /** Waits up to the timeout for the pool to stop, releasing what it holds once it has; whether it has. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!coordinator.awaitStopped(timeout) || !awaitThread(deadline - System.nanoTime())) {
            return false;
        }
        release();
        return true;
    }

    /**
     * Waits up to {@code nanos} for the coordinator's thread to end once the coordinator has stopped (it only releases
     * the pool then); whether it has.
     */
    private boolean awaitThread(long nanos) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return true;
        }
        TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
        return !thread.isAlive();
    }

    private <R> CompletableFuture<R> submitOne(FunctionHandle function, Object input) {
        FutureSink<R> sink = new FutureSink<>();
        Batch batch = new Batch(function, sink, 1);
        batch.append(InputBlock.encode(Collections.singletonList(input).iterator(), 1, 0, function)
                .requireAllSendable());
        sink.future.onInterrupt(() -> coordinator.post(() -> coordinator.cancel(batch)));
        dispatch(batch, 1);
        return sink.future;
    }

    private <R> CompletableFuture<List<R>> submitAll(FunctionHandle function, Iterable<?> inputs, int chunkSize) {
        InputBlock block = InputBlock.encodeAll(inputs, function).requireAllSendable();
        ListSink<R> sink = new ListSink<>(block.count);
        Batch batch = new Batch(function, sink, chunkSize);
        batch.append(block);
        sink.future.onInterrupt(() -> coordinator.post(() -> coordinator.cancel(batch)));
        dispatch(batch, block.count);
        return sink.future;
    }

    private static int requireChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is not allowed: use 1 or more inputs "
                    + "per chunk, or the call without a chunk size for automatic chunking");
        }
        return chunkSize;
    }

    private int readAhead(int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size " + bufferSize + " is not allowed: use 1 or more inputs"
                    + " to read ahead of the consumer, or the call without a buffer size for the default window");
        }
        // one less: the iterator behind the window reads one input ahead of it (to catch what the input throws)
        return (int) Math.min(IMAP_WINDOW, (long) settings.workers() + bufferSize - 1);
    }

    private <R> Iterator<R> stream(boolean ordered, TaskFunction<?, R> function, Iterable<?> inputs, int chunkSize,
                                   int window) {
        FunctionHandle handle = functions.of(function);
        Batch[] batch = new Batch[1];
        StreamSink<R> sink = new StreamSink<>(ordered, window, inputs.iterator(), handle, chunkSize,
                block -> {
                    metrics.submitted(block.count);
                    if (!coordinator.post(() -> coordinator.append(batch[0], block))) {
                        batch[0].sink.failAll(new MprocException("the pool stopped before input #" + block.firstIndex
                                + " could be sent; iterate over imap's results before closing the pool"));
                    }
                });
        batch[0] = sink.batch();
        dispatch(batch[0], 0);
        return sink;
    }

    private void dispatch(Batch batch, int tasks) {
        if (!coordinator.offer(batch)) {
            throw new IllegalStateException("the pool was closed or terminated; build a new pool to submit more "
                    + "work");
        }
        metrics.submitted(tasks);
    }

    private static <R> R await(CompletableFuture<R> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new MprocException("the task failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new MprocException("interrupted while waiting for results; the remaining tasks were cancelled", e);
        }
    }

    private synchronized SharedSegment segment() {
        if (coordinator.isStopped()) {
            throw new IllegalStateException("the pool is closed; its shared memory is gone");
        }
        if (!workersLocal) {
            throw new UnsupportedOperationException("this pool's workers run on cluster nodes, and shared memory is "
                    + "local to one machine: give the values to tasks as inputs and combine their results, or run a "
                    + "Job on the cluster, whose shared state its runs carry to the nodes");
        }
        if (segment == null) {
            segment = SharedSegment.create(SharedSegment.defaultDirectory(sharedMemorySize), sharedMemorySize);
        }
        return segment;
    }

    /**
     * Waits for the coordinator to stop, then releases what the pool holds besides it.
     *
     * @return false if the calling thread was interrupted first, with nothing released
     */
    private boolean awaitStopped() {
        if (Thread.currentThread() == thread) {
            return true;
        }
        try {
            coordinator.awaitStopped();
            awaitThread(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            return false;
        }
        release();
        return true;
    }

    /** Releases what the pool holds besides its coordinator, once that has stopped. Idempotent. */
    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        if (segment != null) {
            segment.close();
        }
        if (metricsServer != null) {
            metricsServer.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: nothing to remove
        }
    }

    private void start() {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        thread.start();
    }

    /** Builds a {@link Pool}. Not thread-safe; {@link #build()} may be called more than once. */
    public static final class Builder {

        private PoolSettings settings = PoolSettings.defaults();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> classpath = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();
        private WorkerInitializer initializer;
        private MeterRegistry registry;
        private WorkerOutput output = WorkerOutput.toLogger();
        private int maxPayload = Frame.DEFAULT_MAX_PAYLOAD;
        private Path socketDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private Path classDataSharingCache = ClassDataSharing.defaultCacheDirectory();
        private long sharedMemorySize = SharedSegment.DEFAULT_CAPACITY;
        private int metricsPort = -1;
        private WorkerHosts hosts;
        private boolean workersGiven;

        private Builder() {
        }

        /** Starts from these settings (for example read by the config module); later calls override them. */
        public Builder settings(PoolSettings base) {
            this.settings = base;
            this.workersGiven = true;
            jvmOptions.clear();
            jvmOptions.addAll(base.jvmOptions());
            classpath.clear();
            classpath.addAll(base.extraClasspath());
            environment.clear();
            environment.putAll(base.environment());
            return this;
        }

        /**
         * Number of worker JVMs; default: the number of available processors. {@link #build()} refuses a count
         * whose JVMs cannot fit in the memory available, and warns when it exceeds the processors.
         */
        public Builder workers(int workers) {
            workersGiven = true;
            settings = with(workers, settings.maxTasksPerWorker(), settings.taskTimeout(), settings.maxRetries(),
                    settings.chunkSize());
            return this;
        }

        /** Options for each worker JVM, such as {@code -Xmx512m} or {@code -XX:+UseParallelGC}. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** The maximum heap of each worker, as for {@code -Xmx} ({@code "512m"}, {@code "2g"}). */
        public Builder maxHeap(String size) {
            return jvmOptions("-Xmx" + size);
        }

        /** A system property set in each worker JVM. */
        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        /** Classpath entries the workers have besides the coordinator's own classpath. */
        public Builder classpath(Path... entries) {
            for (Path entry : entries) {
                classpath.add(entry.toAbsolutePath().toString());
            }
            return this;
        }

        /** An environment variable set for each worker, on top of the coordinator's environment. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /**
         * Runs once in each worker the pool starts, before its first task, even if the pool is closed before any
         * task (as in Python); {@link Pool#close()} waits up to ten seconds for it. A worker that replaces one that
         * crashed or reached {@link #maxTasksPerWorker} runs it too.
         */
        public Builder initializer(WorkerInitializer workerInitializer) {
            this.initializer = workerInitializer;
            return this;
        }

        /** Replaces a worker with a fresh JVM after it ran this many tasks (0, the default: never). */
        public Builder maxTasksPerWorker(int tasks) {
            settings = with(settings.workers(), tasks, settings.taskTimeout(), settings.maxRetries(),
                    settings.chunkSize());
            return this;
        }

        /** Fails a task, and replaces its worker, when it runs longer than this (default: no limit). */
        public Builder taskTimeout(Duration timeout) {
            settings = with(settings.workers(), settings.maxTasksPerWorker(), timeout, settings.maxRetries(),
                    settings.chunkSize());
            return this;
        }

        /** How often a task whose worker died is tried again (default 0). */
        public Builder maxRetries(int retries) {
            settings = with(settings.workers(), settings.maxTasksPerWorker(), settings.taskTimeout(), retries,
                    settings.chunkSize());
            return this;
        }

        /** Inputs per message to a worker; 0 (the default) sizes chunks to about 10 ms of work each. */
        public Builder chunkSize(int size) {
            settings = with(settings.workers(), settings.maxTasksPerWorker(), settings.taskTimeout(),
                    settings.maxRetries(), size);
            return this;
        }

        /**
         * How workers connect: {@code UNIX} (a Unix domain socket in a private directory), {@code TCP} (the
         * loopback address), or {@code AUTO} (the default: a Unix socket where it works, else TCP).
         */
        public Builder transport(Transport transport) {
            settings = settings.withTransport(transport);
            return this;
        }

        /** Where the pool's meters go; none by default. */
        public Builder meterRegistry(MeterRegistry meterRegistry) {
            this.registry = meterRegistry;
            return this;
        }

        /** Where the workers' output lines go; by default the {@code io.mproc.worker} logger. */
        public Builder workerOutput(WorkerOutput workerOutput) {
            this.output = workerOutput;
            return this;
        }

        /** The largest message either side accepts, in bytes (default 64 MiB). */
        public Builder maxFrameBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxFrameBytes = " + bytes + " is not allowed: use 1024 or more");
            }
            this.maxPayload = bytes;
            return this;
        }

        /** The directory for the pool's private socket directory (default: {@code java.io.tmpdir}). */
        public Builder socketDirectory(Path directory) {
            this.socketDirectory = directory;
            return this;
        }

        /**
         * Serves the pool's meters on 127.0.0.1 at this port (0: any free port): Prometheus text at
         * {@code /metrics} and the live dashboard at {@code /}, until the pool closes. The meters go to the
         * {@link #meterRegistry} if it is a {@code PrometheusMeterRegistry}, else to a new one.
         */
        public Builder serveMetrics(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("metrics port " + port + " is not allowed: use 0 to 65535");
            }
            this.metricsPort = port;
            return this;
        }

        /** The size of the pool's shared memory for values and arrays, in bytes (default 16 MiB). */
        public Builder sharedMemorySize(long bytes) {
            if (bytes < SharedSegment.MIN_CAPACITY || bytes > SharedSegment.MAX_CAPACITY) {
                throw new IllegalArgumentException("sharedMemorySize = " + bytes + " is not allowed: use "
                        + SharedSegment.MIN_CAPACITY + " to " + SharedSegment.MAX_CAPACITY + " bytes");
            }
            this.sharedMemorySize = bytes;
            return this;
        }

        /**
         * Where worker JVMs keep their class-data sharing archive, which makes them start about twice as fast; null
         * turns it off. Default: {@code $XDG_CACHE_HOME/mproc}, else {@code ~/.cache/mproc}.
         */
        public Builder classDataSharingCache(Path directory) {
            this.classDataSharingCache = directory;
            return this;
        }

        /**
         * Starts the pool's workers on {@code hosts}, such as a cluster's nodes, instead of on this machine: as many
         * as the hosts offer unless {@link #workers} says otherwise. Every call on the pool works as on a local one,
         * except {@link Pool#sharedMemory()}: shared memory cannot span machines. The workers connect back over TCP
         * to {@link WorkerHosts#coordinatorAddress()}; the pool's classpath reaches the hosts through them.
         */
        public Builder cluster(WorkerHosts workerHosts) {
            this.hosts = workerHosts;
            return this;
        }

        /**
         * Starts the pool: workers launch in the background, at most two per CPU at a time. More workers than CPUs
         * are logged as a warning.
         *
         * @throws IllegalArgumentException if the workers cannot fit in the memory available (see
         *                                  {@link LaunchCapacity}); nothing is launched then
         * @throws io.mproc.NotTransferableException if the initializer cannot be sent to a worker
         * @throws UncheckedIOException if the pool's socket cannot be opened
         */
        public Pool build() {
            WorkerStarter starter = starter();
            if (hosts == null) {
                LaunchCapacity.requireMemoryFor(Math.max(0, settings.workers() - starter.waiting()), 0, jvmOptions,
                        "worker");
                LaunchCapacity.oversubscription(settings.workers(), "worker")
                        .ifPresent(warning -> LOG.log(System.Logger.Level.WARNING, warning));
            }
            int workers = hosts == null || workersGiven ? settings.workers() : Math.max(1, hosts.workers());
            PoolSettings resolved = new PoolSettings(workers, jvmOptions, classpath, environment,
                    settings.maxTasksPerWorker(), settings.taskTimeout(), settings.maxRetries(), settings.chunkSize(),
                    hosts == null ? settings.transport() : Transport.TCP);
            Functions functions = new Functions();
            FunctionHandle initializerHandle = initializer == null ? null : functions.initializer(initializer);
            String name = "mproc-pool-" + POOL_IDS.incrementAndGet();
            MeterRegistry meters = registry;
            MetricsServer metricsServer = null;
            if (metricsPort >= 0) {
                PrometheusMeterRegistry prometheus = registry instanceof PrometheusMeterRegistry served ? served
                        : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                meters = prometheus;
                metricsServer = MetricsServer.start(prometheus, "127.0.0.1", metricsPort, false);
            }
            Coordinator.Gauges gauges = new Coordinator.Gauges();
            Pool[] pool = new Pool[1];
            PoolMetrics metrics = PoolMetrics.register(meters, name, gauges,
                    () -> pool[0] == null ? 0 : pool[0].sharedMemoryInUse());
            PoolConfiguration configuration = new PoolConfiguration(resolved, initializerHandle, starter,
                    maxPayload, metrics, gauges);
            Coordinator coordinator;
            try {
                coordinator = new Coordinator(configuration, hosts == null
                        ? Endpoint.open(socketDirectory, Hello.TOKEN_LENGTH, resolved.transport())
                        : Endpoint.openTcp(hosts.coordinatorAddress(), Hello.TOKEN_LENGTH));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the pool's socket" + (hosts == null ? " in "
                        + socketDirectory : " on " + hosts.coordinatorAddress()), e);
            }
            SharedSegment.removeStale(SharedSegment.defaultDirectory(sharedMemorySize));
            pool[0] = new Pool(resolved, functions, coordinator, metrics, name, sharedMemorySize, hosts == null,
                    metricsServer);
            pool[0].start();
            return pool[0];
        }

        /**
         * Starts {@code count} worker JVMs now, with this builder's JVM settings (options, system properties,
         * classpath, environment), that start and then wait for a pool: a pool built later in this JVM with the same
         * settings takes them instead of starting workers, and its start-up costs a handshake (Python's forkserver
         * idea). Start them while the application prepares its work. A spare that no pool takes ends when the
         * returned {@link SpareWorkers} is closed, after a minute, or when this JVM ends. A spare warms up its codec
         * while it waits, which makes its first task quicker and costs it about 12 MB.
         *
         * @throws IllegalStateException if this builder makes a cluster pool, whose workers the nodes start
         */
        public SpareWorkers startSpareWorkers(int count) {
            if (hosts != null) {
                throw new IllegalStateException("a cluster pool's workers are started by the nodes; spares are for "
                        + "local pools");
            }
            LaunchCapacity.requireMemoryFor(count, 0, jvmOptions, "spare worker");
            return WorkerSpares.start(localCommand(), workerEnvironment(), count);
        }

        private WorkerStarter starter() {
            if (hosts == null) {
                return WorkerStarter.local(localCommand(), workerEnvironment(), output);
            }
            return WorkerStarter.hosted(hosts, new WorkerLaunch(0, "", jvmOptions, systemProperties, environment,
                    workerClasspath().stream().map(Path::of).toList(), output));
        }

        private JvmCommand localCommand() {
            return JvmCommand.of("workers", jvmOptions, systemProperties, workerClasspath(), WorkerMain.class.getName(),
                    classDataSharingCache);
        }

        private List<String> workerClasspath() {
            List<String> path = new ArrayList<>(JvmCommand.ownClasspath());
            path.addAll(classpath);
            return path;
        }

        private Map<String, String> workerEnvironment() {
            Map<String, String> merged = new HashMap<>(System.getenv());
            merged.putAll(environment);
            return merged;
        }

        private PoolSettings with(int workers, int maxTasksPerWorker, Duration timeout, int retries, int chunk) {
            return new PoolSettings(workers, settings.jvmOptions(), settings.extraClasspath(), settings.environment(),
                    maxTasksPerWorker, timeout, retries, chunk, settings.transport());
        }
    }
}
