"""Plain-Python baseline: 10,000 trivial functions run by a minimal topological scheduler.

The scheduler is what a workflow engine reduces to with everything else taken out: a dict of
dependencies, Kahn's algorithm, a call per task, a result per task. It is the floor for an
interpreted host, not a product. Shapes: one chain, 100 chains of 100, 10,000 independent tasks.

    python plain_python.py [--tasks 10000] [--reps 7]
"""
import argparse
import sys
from collections import deque

from _common import measure, report


def noop():
    return "Success"


def run(tasks, deps):
    """Runs every task whose dependencies all succeeded, in dependency order (Kahn's algorithm)."""
    pending = {name: len(d) for name, d in deps.items()}
    successors = {name: [] for name in deps}
    for name, d in deps.items():
        for before in d:
            successors[before].append(name)
    ready = deque(name for name, n in pending.items() if n == 0)
    results = {}
    while ready:
        name = ready.popleft()
        result = tasks[name]()
        results[name] = result
        if result != "Success":
            continue
        for after in successors[name]:
            pending[after] -= 1
            if pending[after] == 0:
                ready.append(after)
    return results


def chains(count, length):
    tasks, deps = {}, {}
    for c in range(count):
        for i in range(length):
            name = f"B{c}_T{i}"
            tasks[name] = noop
            deps[name] = [f"B{c}_T{i - 1}"] if i > 0 else []
    return tasks, deps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--reps", type=int, default=7)
    a = ap.parse_args()
    version = "Python " + sys.version.split()[0]
    n = a.tasks
    side = int(round(n ** 0.5))
    for shape, (tasks, deps) in [
        ("chain", chains(1, n)),
        (f"{side}x{side} branches", chains(side, side)),
        ("independent", chains(n, 1)),
    ]:
        def once():
            results = run(tasks, deps)
            assert len(results) == len(tasks) and all(r == "Success" for r in results.values())
        report("plain-python", version, shape, len(tasks), measure(once, a.reps))


if __name__ == "__main__":
    main()
