"""Python multiprocessing figures for the mproc bench table (stdlib only).

Usage: python3 pool_bench.py FIGURE [ARGS...]; prints one JSON object on stdout.
Run by io.mproc.bench.BenchMain in the same run as the mproc figures.
"""
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import time


def square(x):
    return x * x


def noop(x):
    return x


def memory_mb(pid, file, field):
    with open(f"/proc/{pid}/{file}") as lines:
        for line in lines:
            if line.startswith(field):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def map_rate(n, workers, chunksize, runs):
    """The median rate of `runs` maps of n inputs, after a warm-up map."""
    rates = []
    with mp.get_context("spawn").Pool(workers) as pool:
        pool.map(square, range(1000), chunksize=1)  # warm up
        for _ in range(runs):
            start = time.perf_counter()
            result = pool.map(square, range(n), chunksize=chunksize)
            rates.append(n / (time.perf_counter() - start))
            assert result[-1] == (n - 1) * (n - 1)
    return {"tasksPerSecond": statistics.median(rates)}


def submit_latency(n, workers):
    with mp.get_context("spawn").Pool(workers) as pool:
        for i in range(1000):
            pool.apply_async(noop, (i,)).get()
        samples = []
        for i in range(n):
            start = time.perf_counter_ns()
            pool.apply_async(noop, (i,)).get()
            samples.append((time.perf_counter_ns() - start) / 1000.0)
    samples.sort()
    return {"medianMicros": statistics.median(samples), "p99Micros": samples[int(len(samples) * 0.99)]}


def first_result(workers):
    start = time.perf_counter()
    pool = mp.get_context("spawn").Pool(workers)
    pool.apply(square, (3,))
    elapsed = time.perf_counter() - start
    pool.terminate()
    pool.join()
    return {"millis": elapsed * 1000}


def first_result_forkserver(workers):
    """A pool forked from a fork server that an earlier pool started: Python's start-ahead counterpart."""
    ctx = mp.get_context("forkserver")
    with ctx.Pool(1) as warm:
        warm.apply(square, (2,))
    start = time.perf_counter()
    pool = ctx.Pool(workers)
    pool.apply(square, (3,))
    elapsed = time.perf_counter() - start
    pool.terminate()
    pool.join()
    return {"millis": elapsed * 1000}


FRESH_FIRST_RESULT = """
import time
start = time.perf_counter()
import multiprocessing as mp
if __name__ == "__main__":
    pool = mp.get_context("spawn").Pool(%d)
    pool.apply(abs, (-3,))
    print((time.perf_counter() - start) * 1000)
    pool.terminate()
    pool.join()
"""


FRESH_FIRST_RECORDS = """
import sys
import time
start = time.perf_counter()
sys.path.insert(0, %r)
import multiprocessing as mp
from points import Point, moved
if __name__ == "__main__":
    pool = mp.get_context("spawn").Pool(%d)
    pool.map(moved, [Point(1, 2, "a"), Point(3, 4, "b")], chunksize=1)
    print((time.perf_counter() - start) * 1000)
    pool.terminate()
    pool.join()
"""


def first_result_fresh(workers, runs, script=None):
    """A fresh interpreter's first pool, from the script's start (importing multiprocessing included)."""
    samples = []
    for _ in range(runs):
        printed = subprocess.run([sys.executable, "-c", script or FRESH_FIRST_RESULT % workers], check=True,
                                 capture_output=True, text=True).stdout
        samples.append(float(printed.strip()))
    return {"millis": statistics.median(samples)}


def first_records_fresh(workers, runs):
    """As first_result_fresh, the first work a map of two dataclass records (their module imported too)."""
    here = os.path.dirname(os.path.abspath(__file__))
    return first_result_fresh(workers, runs, FRESH_FIRST_RECORDS % (here, workers))


def idle_rss(workers):
    with mp.get_context("spawn").Pool(workers) as pool:
        pool.map(square, range(100))
        time.sleep(0.5)
        rss = [memory_mb(p.pid, "status", "VmRSS:") for p in pool._pool]
        pss = [memory_mb(p.pid, "smaps_rollup", "Pss:") for p in pool._pool]
    return {"rss": statistics.mean(rss), "pss": statistics.mean(pss)}


FIGURES = {
    "map": lambda args: map_rate(int(args[0]), int(args[1]), None if args[2] == "auto" else int(args[2]),
                                 int(args[3])),
    "submit": lambda args: submit_latency(int(args[0]), int(args[1])),
    "first-result": lambda args: first_result(int(args[0])),
    "first-result-fresh": lambda args: first_result_fresh(int(args[0]), int(args[1])),
    "first-records-fresh": lambda args: first_records_fresh(int(args[0]), int(args[1])),
    "first-result-forkserver": lambda args: first_result_forkserver(int(args[0])),
    "idle-rss": lambda args: idle_rss(int(args[0])),
}

if __name__ == "__main__":
    print(json.dumps(FIGURES[sys.argv[1]](sys.argv[2:])))
