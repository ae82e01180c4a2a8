"""Python multiprocessing scaling figures for the mproc bench table (stdlib only).

Usage: python3 scaling_bench.py FIGURE [ARGS...]; prints one JSON object on stdout.
The prime count is the same trial division as mproc's primes job, over the same ranges.
"""
import json
import multiprocessing as mp
import statistics
import sys
import time


def is_prime(n):
    if n < 2:
        return False
    if n % 2 == 0:
        return n == 2
    d = 3
    while d * d <= n:
        if n % d == 0:
            return False
        d += 2
    return True


def count_primes(bounds):
    low, high = bounds
    return sum(1 for n in range(low, high) if is_prime(n))


def ranges(limit, tasks):
    return [(limit * i // tasks, limit * (i + 1) // tasks) for i in range(tasks)]


def spin(micros):
    end = time.perf_counter_ns() + micros * 1000
    while time.perf_counter_ns() < end:
        pass
    return micros


def wait_at(barrier):
    barrier.wait()


def started_pool(workers):
    """A Pool whose workers have all started, for timing the work apart from start-up."""
    context = mp.get_context("spawn")
    barrier = context.Barrier(workers + 1)
    pool = context.Pool(workers, initializer=wait_at, initargs=(barrier,))
    barrier.wait(timeout=60)
    return pool


def primes_efficiency(limit, tasks, workers):
    """Single-process time over the Pool's map time (pool start-up excluded), per worker."""
    start = time.perf_counter()
    expected = sum(map(count_primes, ranges(limit, tasks)))
    single = time.perf_counter() - start
    with started_pool(workers) as pool:
        start = time.perf_counter()
        counted = sum(pool.map(count_primes, ranges(limit, tasks), chunksize=1))
        parallel = time.perf_counter() - start
    assert counted == expected
    return {"efficiency": single / parallel / workers, "singleSeconds": single}


def primes_sweep(limit, tasks, worker_counts):
    """primes_efficiency over several worker counts, timing the single process once."""
    start = time.perf_counter()
    expected = sum(map(count_primes, ranges(limit, tasks)))
    single = time.perf_counter() - start
    figures = {"singleSeconds": single}
    for workers in worker_counts:
        with started_pool(workers) as pool:
            start = time.perf_counter()
            counted = sum(pool.map(count_primes, ranges(limit, tasks), chunksize=1))
            parallel = time.perf_counter() - start
        assert counted == expected
        figures[f"efficiency{workers}"] = single / parallel / workers
    return figures


def primes_end_to_end(limit, tasks, workers):
    """Pool creation, the map, close and join."""
    start = time.perf_counter()
    pool = mp.get_context("spawn").Pool(workers)
    pool.map(count_primes, ranges(limit, tasks), chunksize=1)
    pool.close()
    pool.join()
    return {"seconds": time.perf_counter() - start}


def smallest_efficient_task(workers, seconds, sizes, runs=3):
    """The smallest task size (microseconds) whose map with the default chunksize reaches 0.9 efficiency, the median
    of a few maps per size, as the Java side does."""
    figures = {}
    with started_pool(workers) as pool:
        for micros in sizes:
            n = int(workers * seconds * 1e6 / micros)
            pool.map(spin, [micros] * (n // 10))  # warm up
            efficiencies = []
            for _ in range(runs):
                start = time.perf_counter()
                pool.map(spin, [micros] * n)
                efficiencies.append(n * micros / 1e6 / (time.perf_counter() - start) / workers)
            efficiency = statistics.median(efficiencies)
            figures[f"efficiency{micros}"] = efficiency
            if efficiency >= 0.9:
                figures["micros"] = micros
                break
    return figures


FIGURES = {
    "primes-efficiency": lambda args: primes_efficiency(int(args[0]), int(args[1]), int(args[2])),
    "primes-sweep": lambda args: primes_sweep(int(args[0]), int(args[1]), [int(n) for n in args[2].split(",")]),
    "primes-end-to-end": lambda args: primes_end_to_end(int(args[0]), int(args[1]), int(args[2])),
    "smallest-efficient-task": lambda args: smallest_efficient_task(int(args[0]), float(args[1]),
                                                                    [int(size) for size in args[2:]]),
}

if __name__ == "__main__":
    print(json.dumps(FIGURES[sys.argv[1]](sys.argv[2:])))
