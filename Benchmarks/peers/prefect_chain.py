"""Prefect peer: a flow of N trivial @task calls in a chain, on a local ephemeral backend.

Prefect records every task run through its API; with no PREFECT_API_URL it starts a temporary
local server (SQLite) for the process, which is what scripts/bench.sh arranges (PREFECT_HOME in
a temporary folder, nothing to install or start beforehand). A small warm-up flow starts that
server first, so the timed flow measures per-task overhead, not server start-up. N is
calibrated so that the timed flow fits --budget seconds (at most --tasks).

    python prefect_chain.py [--tasks 200] [--budget 60]
"""
import argparse
import os
import time

from _common import note, report, skipped


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=200, help="most tasks in the timed flow")
    ap.add_argument("--budget", type=float, default=60, help="seconds the timed flow may take")
    a = ap.parse_args()
    try:
        import prefect
        from prefect import flow, task
    except Exception as e:  # noqa: BLE001
        skipped("prefect", f"import failed: {e}")
        return
    version = "prefect " + prefect.__version__
    note(f"  prefect: PREFECT_HOME={os.environ.get('PREFECT_HOME', '(default)')}, "
         f"API {os.environ.get('PREFECT_API_URL') or 'ephemeral local server'}")

    @task
    def noop(prev=None):
        return "Success"

    @flow
    def chain(n: int):
        x = None
        for _ in range(n):
            x = noop(x)
        return x

    try:
        t0 = time.perf_counter()
        assert chain(5) == "Success"  # starts the ephemeral server, imports, first-run caches
        warm = time.perf_counter() - t0
        note(f"  prefect: warm-up flow of 5 tasks took {warm:.1f} s (includes server start-up)")

        t0 = time.perf_counter()
        assert chain(20) == "Success"
        per_task = (time.perf_counter() - t0) / 20
        n = max(20, min(a.tasks, int(a.budget / max(per_task, 1e-6))))
        note(f"  prefect: calibration {per_task * 1e3:.1f} ms/task -> timed flow of {n} tasks")

        t0 = time.perf_counter()
        assert chain(n) == "Success"
        elapsed = time.perf_counter() - t0
    except Exception as e:  # noqa: BLE001 - report why and let the other peers run
        skipped("prefect", f"run failed: {type(e).__name__}: {e}", version=version)
        return
    report("prefect", version, "chain (@task calls in a @flow)", n, [elapsed], warmup_s=round(warm, 2))


if __name__ == "__main__":
    main()
