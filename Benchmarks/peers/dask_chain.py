"""Dask reference: a chain of 10,000 trivial tasks on Dask's synchronous scheduler.

Two forms, both with graph optimization (fusion) off so that every task stays a task:
  * raw graph: a dict {key: (func, dep)} run with dask.get (the sync scheduler), timing the
    scheduler alone, as Sluice's run times its own prepare-and-run;
  * dask.delayed: the graph built by chaining delayed calls (timed separately), then computed
    with scheduler="sync".

    python dask_chain.py [--tasks 10000] [--reps 5] [--budget 120]
"""
import argparse
import time

from _common import measure, note, report, skipped


def noop(prev=None):
    return "Success"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=10_000)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--budget", type=float, default=120, help="seconds; fewer repetitions past it")
    a = ap.parse_args()
    try:
        import dask
        from dask import delayed
    except Exception as e:  # noqa: BLE001 - any import failure means the peer cannot run
        skipped("dask", f"import failed: {e}")
        return
    version = "dask " + dask.__version__
    n = a.tasks
    started = time.monotonic()

    # Raw graph, sync scheduler.
    graph = {"t0": (noop,)}
    for i in range(1, n):
        graph[f"t{i}"] = (noop, f"t{i - 1}")
    last = f"t{n - 1}"

    def raw():
        assert dask.get(graph, last) == "Success"

    report("dask", version, "chain (raw graph, dask.get)", n, measure(raw, a.reps))

    # dask.delayed chain.
    def build():
        x = delayed(noop, pure=False)(None, dask_key_name="d0")
        for i in range(1, n):
            x = delayed(noop, pure=False)(x, dask_key_name=f"d{i}")
        return x

    t0 = time.perf_counter()
    x = build()
    build_s = time.perf_counter() - t0
    note(f"  dask.delayed: building the {n}-task chain took {build_s:.2f} s")
    reps = a.reps
    if time.monotonic() - started + 2 * build_s > a.budget:
        reps = 1

    def compute():
        (r,) = dask.compute(x, scheduler="sync", optimize_graph=False)
        assert r == "Success"

    report("dask", version, "chain (dask.delayed, sync)", n, measure(compute, reps), graph_build_s=round(build_s, 4))


if __name__ == "__main__":
    main()
