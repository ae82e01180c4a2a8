"""Python multiprocessing figures for the processes rows of the mproc bench table (stdlib only).

Usage: python3 process_bench.py FIGURE [ARGS...]; prints one JSON object on stdout.
Run by io.mproc.bench.BenchMain in the same run as the mproc figures. Every figure uses the spawn context.
"""
import json
import multiprocessing as mp
import statistics
import sys
import time

WARM_UP = 10_000


def produce(queue, payload_bytes, n):
    payload = bytes(payload_bytes)
    for i in range(WARM_UP + n):
        queue.put(payload if payload_bytes > 0 else i)


def queue_rate(n, payload_bytes):
    ctx = mp.get_context("spawn")
    queue = ctx.Queue(1024)
    producer = ctx.Process(target=produce, args=(queue, payload_bytes, n))
    producer.start()
    for _ in range(WARM_UP):
        queue.get()
    start = time.perf_counter()
    for _ in range(n):
        queue.get()
    elapsed = time.perf_counter() - start
    producer.join()
    return {"msgsPerSecond": n / elapsed}


def echo(connection):
    try:
        while True:
            connection.send(connection.recv())
    except EOFError:
        connection.close()


def pipe_round_trips(n):
    ctx = mp.get_context("spawn")
    mine, theirs = ctx.Pipe()
    child = ctx.Process(target=echo, args=(theirs,))
    child.start()
    theirs.close()
    samples = []
    for i in range(2 * n):
        start = time.perf_counter_ns()
        mine.send(i)
        mine.recv()
        if i >= n:
            samples.append((time.perf_counter_ns() - start) / 1000.0)
    mine.close()
    child.join()
    samples.sort()
    return {"medianMicros": statistics.median(samples), "p99Micros": samples[int(len(samples) * 0.99)]}


def pipe_round_trip_after_pause(warm_up, calls, pause_millis):
    """The median round trip to an echoing child made after a pause, once both ends are warm."""
    ctx = mp.get_context("spawn")
    mine, theirs = ctx.Pipe()
    child = ctx.Process(target=echo, args=(theirs,))
    child.start()
    theirs.close()
    for i in range(warm_up):
        mine.send(i)
        mine.recv()
    samples = []
    for i in range(calls):
        time.sleep(pause_millis / 1000)
        start = time.perf_counter()
        mine.send(i)
        mine.recv()
        samples.append((time.perf_counter() - start) * 1e6)
    mine.close()
    child.join()
    return {"medianMicros": statistics.median(samples)}


def operate(kind, shared, barrier, times, n):
    """Meets the parent and the other child (the arrival index keeps keys distinct), runs n operations to warm up,
    meets them again, then runs n more, timing them itself: a parent timing from a barrier may wake after the
    children are done."""
    child_id = barrier.wait()
    for base, timed in ((child_id, False), (child_id + 3, True)):
        start = time.perf_counter()
        for i in range(n):
            key = base * n + i
            if kind == "list":
                shared.append(key)
            elif kind == "lock":
                shared.acquire()
                shared.release()
            else:
                shared[key] = key
        if timed:
            times.put((start, time.perf_counter()))
        else:
            barrier.wait()


def manager_rate(kind, n):
    """2n operations over the time from the first child's start of the measured round to the last one's end."""
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        shared = {"list": manager.list, "dict": manager.dict, "lock": ctx.Lock}[kind]()
        barrier = ctx.Barrier(3)
        times = ctx.Queue()
        children = [ctx.Process(target=operate, args=(kind, shared, barrier, times, n)) for _ in range(2)]
        for child in children:
            child.start()
        barrier.wait()
        barrier.wait()
        spans = [times.get() for _ in children]
        for child in children:
            child.join()
    elapsed = max(end for _, end in spans) - min(start for start, _ in spans)
    return {"opsPerSecond": 2 * n / elapsed}


def append_after_pauses(shared, times, warm_up, calls, pause_seconds):
    """Appends warm_up items, then one item after each pause, timing each of those calls."""
    for i in range(warm_up):
        shared.append(i)
    samples = []
    for i in range(calls):
        time.sleep(pause_seconds)
        start = time.perf_counter()
        shared.append(i)
        samples.append((time.perf_counter() - start) * 1e6)
    times.put(statistics.median(samples))


def manager_call_after_pause(warm_up, calls, pause_millis):
    """The median time of a child's manager list append made after a pause, once its connection is warm."""
    ctx = mp.get_context("spawn")
    with ctx.Manager() as manager:
        shared = manager.list()
        times = ctx.Queue()
        child = ctx.Process(target=append_after_pauses, args=(shared, times, warm_up, calls, pause_millis / 1000))
        child.start()
        median = times.get()
        child.join()
    return {"medianMicros": median}


def noop():
    pass


def start_join(n, method="spawn"):
    ctx = mp.get_context(method)
    samples = []
    for _ in range(n + 1):
        start = time.perf_counter()
        child = ctx.Process(target=noop)
        child.start()
        child.join()
        samples.append((time.perf_counter() - start) * 1000)
    return {"millis": statistics.median(samples[1:])}


FIGURES = {
    "queue": lambda args: queue_rate(int(args[0]), int(args[1])),
    "pipe": lambda args: pipe_round_trips(int(args[0])),
    "list": lambda args: manager_rate("list", int(args[0])),
    "dict": lambda args: manager_rate("dict", int(args[0])),
    "lock": lambda args: manager_rate("lock", int(args[0])),
    "pipe-after-pause": lambda args: pipe_round_trip_after_pause(int(args[0]), int(args[1]), float(args[2])),
    "call-after-pause": lambda args: manager_call_after_pause(int(args[0]), int(args[1]), float(args[2])),
    "start-join": lambda args: start_join(int(args[0])),
    "start-join-forkserver": lambda args: start_join(int(args[0]), "forkserver"),
}

if __name__ == "__main__":
    print(json.dumps(FIGURES[sys.argv[1]](sys.argv[2:])))
