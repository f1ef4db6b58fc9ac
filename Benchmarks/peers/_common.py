"""Shared helpers of the peer benchmarks: timing and the one JSON line each peer prints.

Every peer prints exactly one JSON object on stdout (notes go to stderr), so that
scripts/bench.sh can put them beside Sluice's figures (see compare.py).
"""
import json
import statistics
import sys
import time


def note(*parts):
    print(*parts, file=sys.stderr, flush=True)


def measure(fn, reps, warmup=1):
    """Runs fn warmup + reps times; returns the timed durations in seconds (monotonic clock)."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return samples


def report(peer, version, shape, tasks, samples, **extra):
    """Prints the peer's result line: median and min, total and per task."""
    med = statistics.median(samples)
    out = {
        "peer": peer,
        "version": version,
        "shape": shape,
        "tasks": tasks,
        "reps": len(samples),
        "median_s": round(med, 6),
        "min_s": round(min(samples), 6),
        "us_per_task_median": round(med * 1e6 / tasks, 3),
        "us_per_task_min": round(min(samples) * 1e6 / tasks, 3),
    }
    out.update(extra)
    print(json.dumps(out), flush=True)
    note(f"  {peer} {shape}: {tasks} tasks, median {med * 1e3:.1f} ms, {out['us_per_task_median']:.2f} µs/task")
    return out


def skipped(peer, reason, **extra):
    """Prints a result line for a peer that could not run here, with the reason."""
    out = {"peer": peer, "skipped": True, "reason": reason}
    out.update(extra)
    print(json.dumps(out), flush=True)
    note(f"  {peer}: skipped: {reason}")
