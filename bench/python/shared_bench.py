"""Python multiprocessing shared-memory figures for the mproc bench table (stdlib only).

Usage: python3 shared_bench.py FIGURE [ARGS...]; prints one JSON object on stdout.
Each figure runs its workers as Processes that meet at a barrier, time their own loop and report the start and
end times (perf_counter is the system-wide monotonic clock, so times of different processes compare).
"""
import array
import json
import multiprocessing as mp
import statistics
import sys
import time


def count_under_lock(value, iterations, barrier, times):
    barrier.wait()
    start = time.perf_counter()
    for _ in range(iterations):
        with value.get_lock():
            value.value += 1
    times.put((start, time.perf_counter()))


def write_half(shared, offset, length, repeats, barrier, times):
    view = memoryview(shared).cast("B").cast("d")
    half = array.array("d", range(offset, offset + length))
    view[offset:offset + length] = half  # warm up
    barrier.wait()
    start = time.perf_counter()
    for _ in range(repeats):
        view[offset:offset + length] = half
    times.put((start, time.perf_counter()))


def run(context, target, argument_lists):
    """Runs one process per argument list; returns the (start, end) time of each."""
    barrier = context.Barrier(len(argument_lists))
    times = context.Queue()
    processes = [context.Process(target=target, args=(*arguments, barrier, times)) for arguments in argument_lists]
    for process in processes:
        process.start()
    spans = [times.get() for _ in processes]
    for process in processes:
        process.join()
    return spans


def counter_under_lock(iterations, workers):
    context = mp.get_context("spawn")
    value = context.Value("q", 0)
    spans = run(context, count_under_lock, [(value, iterations)] * workers)
    assert value.value == iterations * workers
    wall = max(end for _, end in spans) - min(start for start, _ in spans)
    return {"incrementsPerSecond": iterations * workers / wall}


def array_halves(length, workers, repeats, runs=3):
    """Total bytes written over the longest process's copy time; the median of a few runs, as the Java side does."""
    context = mp.get_context("spawn")
    shared = context.Array("d", length, lock=False)
    part = length // workers
    rates = []
    for _ in range(runs):
        spans = run(context, write_half, [(shared, w * part, part, repeats) for w in range(workers)])
        assert shared[length - 1] == length - 1
        slowest = max(end - start for start, end in spans)
        rates.append(part * workers * 8 * repeats / slowest)
    return {"bytesPerSecond": statistics.median(rates)}


FIGURES = {
    "counter-lock": lambda args: counter_under_lock(int(args[0]), int(args[1])),
    "array-halves": lambda args: array_halves(int(args[0]), int(args[1]), int(args[2])),
}

if __name__ == "__main__":
    print(json.dumps(FIGURES[sys.argv[1]](sys.argv[2:])))
