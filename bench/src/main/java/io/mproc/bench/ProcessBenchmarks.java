package io.mproc.bench;

import io.mproc.process.ChildProcess;
import io.mproc.process.Connection;
import io.mproc.process.EndOfStreamException;
import io.mproc.process.MprocContext;
import io.mproc.process.StartMethod;
import io.mproc.process.Pipe;
import io.mproc.process.ProcessTarget3;
import io.mproc.process.SharedBarrier;
import io.mproc.process.SharedDict;
import io.mproc.process.SharedList;
import io.mproc.process.SharedLock;
import io.mproc.process.SharedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * Processes and what they share (issue: processes): queue rates between two JVMs, pipe round trip, manager
 * operations from two processes, start-up. Every figure but start-up is taken after a warm-up.
 */
final class ProcessBenchmarks {

    private static final int QUEUE_ITEMS = 5_000_000;
    private static final int PYTHON_QUEUE_ITEMS = 100_000;
    private static final int PAYLOAD_ITEMS = 1_000_000;
    private static final int PYTHON_PAYLOAD_ITEMS = 50_000;
    private static final int PAYLOAD_BYTES = 1024;
    private static final int QUEUE_WARM_UP = 200_000;
    private static final int ROUND_TRIPS = 20_000;
    private static final int MANAGER_OPS = 50_000;
    /** How long a child may take to report its times before the row fails instead of waiting forever. */
    private static final Duration CHILD_LIMIT = Duration.ofMinutes(2);
    private static final int PYTHON_MANAGER_OPS = 20_000;
    private static final int PAUSED_CALLS = 300;
    private static final int PAUSE_MILLIS = 3;
    private static final int STARTS = 10;
    private static final int SPARE_STARTS = 7;
    private static final long SPARE_START_PAUSE_MILLIS = 700;

    private final PythonFigures python;

    ProcessBenchmarks(PythonFigures python) {
        this.python = python;
    }

    List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (MprocContext context = MprocContext.builder().prefixOutput(false).build()) {
            rows.add(new Row("Queue, 1 producer JVM -> 1 consumer JVM, small values", "msgs/s",
                    queueRate(context, 0, QUEUE_ITEMS),
                    python.run("process_bench.py", "queue", "" + PYTHON_QUEUE_ITEMS, "0").get("msgsPerSecond"),
                    threadsQueueRate(0, QUEUE_ITEMS), true, ">= 3.5M"));
            rows.add(new Row("Queue with 1 KiB payloads", "msgs/s", queueRate(context, PAYLOAD_BYTES, PAYLOAD_ITEMS),
                    python.run("process_bench.py", "queue", "" + PYTHON_PAYLOAD_ITEMS, "" + PAYLOAD_BYTES)
                            .get("msgsPerSecond"),
                    threadsQueueRate(PAYLOAD_BYTES, PAYLOAD_ITEMS), true, ">= 1M"));
            double[] roundTrips = pipeRoundTrips(context);
            Map<String, Double> pythonRoundTrips = python.run("process_bench.py", "pipe", "" + ROUND_TRIPS);
            double[] threadRoundTrips = threadRoundTrips();
            rows.add(new Row("Pipe ping-pong round trip, median", "us", PoolBenchmarks.percentile(roundTrips, 0.5),
                    pythonRoundTrips.get("medianMicros"), PoolBenchmarks.percentile(threadRoundTrips, 0.5), false,
                    "<= 10"));
            rows.add(new Row("Pipe ping-pong round trip, p99", "us", PoolBenchmarks.percentile(roundTrips, 0.99),
                    pythonRoundTrips.get("p99Micros"), PoolBenchmarks.percentile(threadRoundTrips, 0.99), false, "-"));
            rows.add(new Row("Pipe round trip after a 3 ms pause, median", "us", pipeRoundTripAfterPauseMicros(context),
                    python.run("process_bench.py", "pipe-after-pause", "" + ROUND_TRIPS, "" + PAUSED_CALLS,
                            "" + PAUSE_MILLIS).get("medianMicros"),
                    threadRoundTripAfterPauseMicros(), false, "<= Python"));
            rows.add(new Row("Manager list append, ops/s from 2 processes", "ops/s",
                    managerRate(context, ProcessBenchmarks::append, context.manager().<Integer>list()),
                    python.run("process_bench.py", "list", "" + PYTHON_MANAGER_OPS).get("opsPerSecond"),
                    threadsRate(Collections.synchronizedList(new ArrayList<Integer>())::add), true, ">= 350k"));
            rows.add(new Row("Manager dict put, ops/s from 2 processes", "ops/s",
                    managerRate(context, ProcessBenchmarks::put, context.manager().<Integer, Integer>dict()),
                    python.run("process_bench.py", "dict", "" + PYTHON_MANAGER_OPS).get("opsPerSecond"),
                    threadsRate(threadsPut(Collections.synchronizedMap(new HashMap<>()))), true, ">= 350k"));
            rows.add(new Row("Manager list append after a 3 ms pause, median", "us",
                    callAfterPauseMicros(context),
                    python.run("process_bench.py", "call-after-pause", "" + MANAGER_OPS, "" + PAUSED_CALLS,
                            "" + PAUSE_MILLIS).get("medianMicros"),
                    threadsCallAfterPauseMicros(), false, "<= Python"));
            Map<String, Double> pythonLock = python.run("process_bench.py", "lock", "" + PYTHON_MANAGER_OPS);
            double threadsLockRate = threadsLockRate();
            rows.add(new Row("Lock acquire + release, ops/s from 2 processes (context)", "ops/s",
                    managerRate(context, ProcessBenchmarks::lockUnlock, context.lock()),
                    pythonLock.get("opsPerSecond"), threadsLockRate, true, "> manager's"));
            rows.add(new Row("Lock acquire + release, ops/s from 2 processes (manager)", "ops/s",
                    managerRate(context, ProcessBenchmarks::lockUnlock, context.manager().lock()),
                    pythonLock.get("opsPerSecond"), threadsLockRate, true, "-"));
            rows.add(new Row("Process start + join, trivial target", "ms", startJoinMillis(context),
                    python.run("process_bench.py", "start-join", "" + STARTS).get("millis"), threadStartJoinMillis(),
                    false, "<= 80"));
        }
        try (MprocContext spares = MprocContext.builder().prefixOutput(false).startMethod(StartMethod.SPARE)
                .build()) {
            rows.add(new Row("Process start + join, spare JVM ready (Python: forkserver)", "ms",
                    spareStartJoinMillis(spares),
                    python.run("process_bench.py", "start-join-forkserver", "" + STARTS).get("millis"), Double.NaN,
                    false, "<= Python"));
        }
        return rows;
    }

    /** Puts {@code QUEUE_WARM_UP + count} values: ints, or the same byte array when {@code payloadBytes > 0}. */
    private static void produce(SharedQueue<Object> queue, Integer payloadBytes, Integer count) {
        byte[] payload = new byte[payloadBytes];
        for (int i = 0; i < QUEUE_WARM_UP + count; i++) {
            queue.put(payloadBytes > 0 ? payload : i);
        }
    }

    private static double queueRate(MprocContext context, int payloadBytes, int count) {
        SharedQueue<Object> queue = context.queue();
        ChildProcess producer = context.process(ProcessBenchmarks::produce, queue, payloadBytes, count).start();
        for (int i = 0; i < QUEUE_WARM_UP; i++) {
            queue.get();
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            queue.get();
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        producer.join();
        queue.close();
        return rate;
    }

    private static double threadsQueueRate(int payloadBytes, int count) throws InterruptedException {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1024);
        byte[] payload = new byte[payloadBytes];
        Thread producer = new Thread(() -> {
            try {
                for (int i = 0; i < QUEUE_WARM_UP + count; i++) {
                    queue.put(payloadBytes > 0 ? payload.clone() : i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        for (int i = 0; i < QUEUE_WARM_UP; i++) {
            queue.take();
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            queue.take();
        }
        double rate = count / ((System.nanoTime() - start) / 1e9);
        producer.join();
        return rate;
    }

    private static void echo(Connection connection) {
        try {
            while (true) {
                connection.send(connection.recv());
            }
        } catch (EndOfStreamException e) {
            connection.close();
        }
    }

    /**
     * Round trips to an echoing child, each after a pause: the time for an end that went to sleep waiting to be
     * woken by a message from another process.
     */
    private static double pipeRoundTripAfterPauseMicros(MprocContext context) throws Exception {
        Pipe pipe = context.pipe();
        ChildProcess echo = context.process(ProcessBenchmarks::echo, pipe.second()).start();
        Connection connection = pipe.first();
        double micros = medianMicrosAfterPauses(ROUND_TRIPS, item -> {
            connection.send(item);
            connection.recv();
        });
        connection.close();
        echo.join();
        return micros;
    }

    /** As {@link #pipeRoundTripAfterPauseMicros}, between two threads through blocking queues. */
    private static double threadRoundTripAfterPauseMicros() throws Exception {
        BlockingQueue<Integer> pings = new ArrayBlockingQueue<>(1);
        BlockingQueue<Integer> pongs = new ArrayBlockingQueue<>(1);
        Thread echo = new Thread(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS + PAUSED_CALLS; i++) {
                    pongs.put(pings.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        echo.start();
        double micros = medianMicrosAfterPauses(ROUND_TRIPS, item -> {
            pings.put(item);
            pongs.take();
        });
        echo.join();
        return micros;
    }

    /** One exchange of a figure taken after pauses; the item tells the exchanges apart. */
    @FunctionalInterface
    private interface Exchange {
        void run(int item) throws Exception;
    }

    /**
     * Runs the exchange {@code warmUp} times back to back, then {@link #PAUSED_CALLS} times, each after a pause of
     * {@link #PAUSE_MILLIS} ms: the median of those, in microseconds.
     */
    private static double medianMicrosAfterPauses(int warmUp, Exchange exchange) throws Exception {
        for (int i = 0; i < warmUp; i++) {
            exchange.run(i);
        }
        double[] micros = new double[PAUSED_CALLS];
        for (int i = 0; i < PAUSED_CALLS; i++) {
            TimeUnit.MILLISECONDS.sleep(PAUSE_MILLIS);
            long start = System.nanoTime();
            exchange.run(i);
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        return PoolBenchmarks.percentile(micros, 0.5);
    }

    private static double[] pipeRoundTrips(MprocContext context) {
        Pipe pipe = context.pipe();
        ChildProcess echo = context.process(ProcessBenchmarks::echo, pipe.second()).start();
        Connection connection = pipe.first();
        double[] micros = new double[ROUND_TRIPS];
        for (int i = 0; i < ROUND_TRIPS * 3; i++) {
            long start = System.nanoTime();
            connection.send(i);
            connection.recv();
            if (i >= ROUND_TRIPS * 2) {
                micros[i - ROUND_TRIPS * 2] = (System.nanoTime() - start) / 1e3;
            }
        }
        connection.close();
        echo.join();
        return micros;
    }

    private static double[] threadRoundTrips() throws InterruptedException {
        BlockingQueue<Integer> pings = new ArrayBlockingQueue<>(1);
        BlockingQueue<Integer> pongs = new ArrayBlockingQueue<>(1);
        Thread echo = new Thread(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS * 3; i++) {
                    pongs.put(pings.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        echo.start();
        double[] micros = new double[ROUND_TRIPS];
        for (int i = 0; i < ROUND_TRIPS * 3; i++) {
            long start = System.nanoTime();
            pings.put(i);
            pongs.take();
            if (i >= ROUND_TRIPS * 2) {
                micros[i - ROUND_TRIPS * 2] = (System.nanoTime() - start) / 1e3;
            }
        }
        echo.join();
        return micros;
    }

    /**
     * Meets the parent and the other child (the barrier's arrival index keeps keys distinct), runs
     * {@code MANAGER_OPS} operations to warm up, meets them again, then runs as many more, timing them itself: a
     * parent timing from a barrier may wake after the children are done.
     */
    private static void operate(IntConsumer operation, SharedBarrier barrier, SharedQueue<Long> times) {
        int id = barrier.await();
        for (int i = 0; i < MANAGER_OPS; i++) {
            operation.accept(id * MANAGER_OPS + i);
        }
        barrier.await();
        long start = System.nanoTime();
        for (int i = 0; i < MANAGER_OPS; i++) {
            operation.accept((id + 3) * MANAGER_OPS + i);
        }
        times.put(start);
        times.put(System.nanoTime());
    }

    private static void append(SharedList<Integer> list, SharedBarrier barrier, SharedQueue<Long> times) {
        operate(list::add, barrier, times);
    }

    private static void lockUnlock(SharedLock lock, SharedBarrier barrier, SharedQueue<Long> times) {
        operate(key -> {
            lock.acquire();
            lock.release();
        }, barrier, times);
    }

    private static void put(SharedDict<Integer, Integer> dict, SharedBarrier barrier, SharedQueue<Long> times) {
        operate(key -> dict.put(key, key), barrier, times);
    }

    /**
     * Two children operate on the shared object at once: 2N operations over the time from the first child's start of
     * the measured round to the last one's end, as the children clock it (one monotonic clock for every process).
     */
    private static <T> double managerRate(MprocContext context,
                                          ProcessTarget3<T, SharedBarrier, SharedQueue<Long>> target, T shared) {
        SharedBarrier barrier = context.barrier(3);
        SharedQueue<Long> times = context.queue();
        List<ChildProcess> children = Stream.generate(() -> context.process(target, shared, barrier, times).start())
                .limit(2).toList();
        barrier.await();
        barrier.await();
        long firstStart = Long.MAX_VALUE;
        long lastEnd = Long.MIN_VALUE;
        for (int i = 0; i < children.size(); i++) {
            firstStart = Math.min(firstStart, times.get(CHILD_LIMIT));
            lastEnd = Math.max(lastEnd, times.get(CHILD_LIMIT));
        }
        children.forEach(ChildProcess::join);
        return 2.0 * MANAGER_OPS / ((lastEnd - firstStart) / 1e9);
    }

    /**
     * Two threads each run {@code MANAGER_OPS} operations after as many to warm up, meeting at a barrier before
     * each round: 2N over the time from the first thread's start of the measured round to the last one's end, as the
     * threads clock it themselves (a third thread timing from a barrier may wake after they are done).
     */
    private static double threadsRate(IntConsumer operation) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        long[] starts = new long[2];
        long[] ends = new long[2];
        List<Thread> threads = Stream.of(0, 1).map(id -> new Thread(() -> {
            for (int round = 0; round < 2; round++) {
                await(barrier);
                starts[id] = System.nanoTime();
                for (int i = 0; i < MANAGER_OPS; i++) {
                    operation.accept((round * 2 + id) * MANAGER_OPS + i);
                }
                ends[id] = System.nanoTime();
            }
        })).toList();
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        return 2.0 * MANAGER_OPS / ((Math.max(ends[0], ends[1]) - Math.min(starts[0], starts[1])) / 1e9);
    }

    /**
     * Two threads take and release a lock around a shared counter, whose final count is checked, so that the work
     * under the lock is observable and the JIT cannot drop it.
     */
    static double threadsLockRate() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = new long[1];
        double rate = threadsRate(key -> {
            lock.lock();
            try {
                counter[0]++;
            } finally {
                lock.unlock();
            }
        });
        long expected = 2L * 2 * MANAGER_OPS;
        if (counter[0] != expected) {
            throw new IllegalStateException("lost increments under the lock: " + counter[0] + " of " + expected);
        }
        return rate;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static IntConsumer threadsPut(Map<Integer, Integer> dict) {
        return key -> dict.put(key, key);
    }

    private static void noop() {
    }

    private static double startJoinMillis(MprocContext context) {
        double[] samples = new double[STARTS];
        context.process(ProcessBenchmarks::noop).start().join();
        for (int i = 0; i < STARTS; i++) {
            long start = System.nanoTime();
            context.process(ProcessBenchmarks::noop).start().join();
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        return PoolBenchmarks.percentile(samples, 0.5);
    }

    /**
     * As {@link #startJoinMillis}, with a pause before each start in which the spare that the previous start set
     * going finishes starting: back-to-back starts, faster than a JVM starts, gain nothing from a spare.
     */
    private static double spareStartJoinMillis(MprocContext context) throws InterruptedException {
        double[] samples = new double[SPARE_STARTS];
        for (int i = 0; i < SPARE_STARTS; i++) {
            TimeUnit.MILLISECONDS.sleep(SPARE_START_PAUSE_MILLIS);
            long start = System.nanoTime();
            context.process(ProcessBenchmarks::noop).start().join();
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        return PoolBenchmarks.percentile(samples, 0.5);
    }

    /**
     * A child warms its manager channel up, then appends one item after each pause, timing each call: the time for a
     * manager thread that has gone to sleep to take a call and answer it.
     */
    private static double callAfterPauseMicros(MprocContext context) {
        SharedQueue<Double> median = context.queue();
        ChildProcess child = context.process(ProcessBenchmarks::appendAfterPauses, context.manager().<Integer>list(),
                median).start();
        double micros = median.get(CHILD_LIMIT);
        child.join();
        return micros;
    }

    private static void appendAfterPauses(SharedList<Integer> list, SharedQueue<Double> median) throws Exception {
        median.put(medianMicrosAfterPauses(MANAGER_OPS, list::add));
    }

    /** As {@link #callAfterPauseMicros}, with a server thread of this JVM taking each call from a blocking queue. */
    private static double threadsCallAfterPauseMicros() throws Exception {
        List<Integer> list = new ArrayList<>();
        ExecutorService server = Executors.newSingleThreadExecutor();
        try {
            return medianMicrosAfterPauses(MANAGER_OPS, item -> server.submit(() -> list.add(item)).get());
        } finally {
            server.shutdown();
        }
    }

    private static double threadStartJoinMillis() throws InterruptedException {
        double[] samples = new double[STARTS];
        for (int i = 0; i < STARTS; i++) {
            long start = System.nanoTime();
            Thread thread = new Thread(ProcessBenchmarks::noop);
            thread.start();
            thread.join();
            samples[i] = (System.nanoTime() - start) / 1e6;
        }
        return PoolBenchmarks.percentile(samples, 0.5);
    }
}
