package io.mproc.bench;

import io.mproc.DoubleArray;
import io.mproc.LockHold;
import io.mproc.LongValue;
import io.mproc.TaskFunction;
import io.mproc.runtime.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * Shared values and arrays: a counter that two workers increment, under its lock and atomically, and a shared
 * array that two workers write in halves. Each figure is taken once both workers are up and warmed up.
 */
final class SharedMemoryBenchmarks {

    private static final int WORKERS = 2;
    private static final int INCREMENTS_UNDER_LOCK = 5_000_000;
    private static final int PYTHON_INCREMENTS_UNDER_LOCK = 500_000;
    private static final int ATOMIC_INCREMENTS = 20_000_000;
    private static final int LENGTH = 1_000_000;
    private static final int COPIES = 200;
    private static final int ARRAY_RUNS = 3;

    private final PythonFigures python;

    SharedMemoryBenchmarks(PythonFigures python) {
        this.python = python;
    }

    /** One task's increments of a shared counter. */
    record Increments(LongValue counter, int times) {
    }

    /** One task's part of an array: copy {@code length} elements in at {@code offset}, {@code copies} times. */
    record Half(DoubleArray array, int offset, int length, int copies) {
    }

    static int incrementUnderLock(Increments increments) {
        LongValue counter = increments.counter();
        for (int i = 0; i < increments.times(); i++) {
            try (LockHold hold = counter.lock()) {
                counter.set(counter.get() + 1);
            }
        }
        return increments.times();
    }

    static int incrementAtomically(Increments increments) {
        for (int i = 0; i < increments.times(); i++) {
            increments.counter().addAndGet(1);
        }
        return increments.times();
    }

    /** @return the nanoseconds the copies took */
    static long writeHalf(Half half) {
        double[] source = new double[half.length()];
        Arrays.setAll(source, i -> half.offset() + i);
        half.array().copyFrom(source, half.offset());
        long start = System.nanoTime();
        for (int i = 0; i < half.copies(); i++) {
            half.array().copyFrom(source, half.offset());
        }
        return System.nanoTime() - start;
    }

    List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (Pool pool = Pool.builder().workers(WORKERS).build()) {
            check(pool.awaitReady(Duration.ofMinutes(1)), "the workers did not start");
            LongValue locked = pool.sharedMemory().newLongValue("locked", 0L);
            rows.add(new Row("shared counter, 2 workers, increment under the lock", "incr/s",
                    counterRate(pool, SharedMemoryBenchmarks::incrementUnderLock, locked, INCREMENTS_UNDER_LOCK),
                    python.run("shared_bench.py", "counter-lock", "" + PYTHON_INCREMENTS_UNDER_LOCK, "" + WORKERS)
                            .get("incrementsPerSecond"),
                    threadsUnderLock(), true, ">= 12M"));
            LongValue atomic = pool.sharedMemory().newLongValue("atomic", 0L);
            rows.add(new Row("shared counter, 2 workers, atomic add", "incr/s",
                    counterRate(pool, SharedMemoryBenchmarks::incrementAtomically, atomic, ATOMIC_INCREMENTS),
                    Double.NaN, threadsAtomic(), true, ">= 60M (Python: none)"));
            DoubleArray array = pool.sharedMemory().raw().newDoubleArray("doubles", new double[LENGTH]);
            rows.add(new Row("Array of 1M doubles written in halves by 2 workers, bulk", "GB/s",
                    arrayRate(pool, array),
                    python.run("shared_bench.py", "array-halves", "" + LENGTH, "" + WORKERS, "" + COPIES)
                            .get("bytesPerSecond") / 1e9,
                    threadsArrayRate(), true, ">= Python"));
        }
        return rows;
    }

    /** Increments per second of one map of two tasks, after a smaller warm-up map. */
    private static double counterRate(Pool pool, TaskFunction<Increments, Integer> task, LongValue counter,
                                      int times) {
        pool.map(task, Collections.nCopies(WORKERS, new Increments(counter, times / 10)), 1);
        counter.set(0);
        List<Increments> inputs = Collections.nCopies(WORKERS, new Increments(counter, times));
        long start = System.nanoTime();
        pool.map(task, inputs, 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        check(counter.get() == (long) WORKERS * times, "lost increments: " + counter.get());
        return (double) WORKERS * times / seconds;
    }

    /**
     * Bytes written by both tasks over the slower task's copy time, in GB/s: the median of {@code ARRAY_RUNS} runs, as
     * the Python side does, since one run on two busy cores can catch a worker's compiler at work.
     */
    private static double arrayRate(Pool pool, DoubleArray array) {
        int part = LENGTH / WORKERS;
        pool.map(SharedMemoryBenchmarks::writeHalf, halves(array, part, COPIES / 10), 1);
        double[] rates = new double[ARRAY_RUNS];
        for (int run = 0; run < ARRAY_RUNS; run++) {
            long slowest = pool.map(SharedMemoryBenchmarks::writeHalf, halves(array, part, COPIES), 1).stream()
                    .mapToLong(Long::longValue).max().orElseThrow();
            rates[run] = (double) LENGTH * Double.BYTES * COPIES / slowest;
        }
        check(array.get(LENGTH - 1) == LENGTH - 1, "array not written");
        return PoolBenchmarks.percentile(rates, 0.5);
    }

    private static List<Half> halves(DoubleArray array, int part, int copies) {
        return IntStream.range(0, WORKERS).mapToObj(w -> new Half(array, w * part, part, copies)).toList();
    }

    private static double threadsUnderLock() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        long[] counter = {0};
        Runnable task = () -> {
            for (int i = 0; i < INCREMENTS_UNDER_LOCK; i++) {
                lock.lock();
                try {
                    counter[0]++;
                } finally {
                    lock.unlock();
                }
            }
        };
        double seconds = warmedUp(Collections.nCopies(WORKERS, task));
        check(counter[0] == 2L * WORKERS * INCREMENTS_UNDER_LOCK, "lost increments: " + counter[0]); // 2 runs
        return (double) WORKERS * INCREMENTS_UNDER_LOCK / seconds;
    }

    private static double threadsAtomic() throws Exception {
        AtomicLong counter = new AtomicLong();
        Runnable task = () -> {
            for (int i = 0; i < ATOMIC_INCREMENTS; i++) {
                counter.incrementAndGet();
            }
        };
        double seconds = warmedUp(Collections.nCopies(WORKERS, task));
        return (double) WORKERS * ATOMIC_INCREMENTS / seconds;
    }

    /** As {@link #arrayRate}: bytes written by both threads over the slower thread's copy time, in GB/s. */
    private static double threadsArrayRate() throws Exception {
        double[] target = new double[LENGTH];
        int part = LENGTH / WORKERS;
        long[] nanos = new long[WORKERS];
        warmedUp(IntStream.range(0, WORKERS).<Runnable>mapToObj(worker -> () -> {
            double[] source = new double[part];
            Arrays.setAll(source, i -> worker * part + i);
            System.arraycopy(source, 0, target, worker * part, part);
            long start = System.nanoTime();
            for (int i = 0; i < COPIES; i++) {
                System.arraycopy(source, 0, target, worker * part, part);
            }
            nanos[worker] = System.nanoTime() - start;
        }).toList());
        return (double) LENGTH * Double.BYTES * COPIES / Arrays.stream(nanos).max().orElseThrow();
    }

    /** Runs the tasks on a thread each, once to warm up and once timed; returns the timed run's seconds. */
    private static double warmedUp(List<Runnable> tasks) throws Exception {
        onThreads(tasks);
        return onThreads(tasks);
    }

    private static double onThreads(List<Runnable> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(threads.submit(task));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
