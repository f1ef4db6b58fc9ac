"""Apache Airflow peer: a DAG of N trivial @task functions in a chain, run with dag.test().

dag.test() runs every task in this process against the metadata database (SQLite in
AIRFLOW_HOME, created by `airflow db migrate` in scripts/bench.sh; the DAG file is written to
AIRFLOW_HOME/dags, since dag.test() runs only DAGs its bundle defines): no scheduler, no executor
start-up, no worker hand-offs, so it is Airflow's cheapest way to run a DAG and the figure is a
lower bound of a deployed Airflow's per-task overhead. N is calibrated to fit --budget seconds.

    python airflow_chain.py [--tasks 100] [--budget 60]
"""
import argparse
import os
import time
from _common import note, report, skipped


# dag.test() runs only DAGs that its bundle (the dags folder) defines, so the DAGs live in a file
# written there; it builds the DAGs named in SLUICE_BENCH_AIRFLOW_DAGS ("tag:n,tag:n"), read
# whenever Airflow parses the folder.
DAG_FILE = """
import os
from datetime import datetime

from airflow.sdk import DAG, task


@task
def noop():
    return "Success"


def make_dag(n, tag):
    with DAG(dag_id=f"sluice_bench_chain_{tag}", schedule=None, start_date=datetime(2024, 1, 1), catchup=False) as dag:
        prev = None
        for i in range(n):
            t = noop.override(task_id=f"t{i}")()
            if prev is not None:
                prev >> t
            prev = t
    return dag


DAGS = {}
for item in filter(None, os.environ.get("SLUICE_BENCH_AIRFLOW_DAGS", "").split(",")):
    tag, n = item.split(":")
    DAGS[tag] = globals()[f"sluice_bench_chain_{tag}"] = make_dag(int(n), tag)
"""


def load_dags(folder, dags):
    """Writes the DAG file for `dags` ({tag: n}) into the dags folder and imports it."""
    import importlib.util

    os.environ["SLUICE_BENCH_AIRFLOW_DAGS"] = ",".join(f"{t}:{n}" for t, n in dags.items())
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "sluice_bench_dags.py")
    with open(path, "w") as f:
        f.write(DAG_FILE)
    spec = importlib.util.spec_from_file_location("sluice_bench_dags", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DAGS


def run(folder, n, tag):
    dag = load_dags(folder, {tag: n})[tag]
    t0 = time.perf_counter()
    dr = dag.test()
    elapsed = time.perf_counter() - t0
    state = str(getattr(dr, "state", "unknown"))
    if "success" not in state.lower():
        raise RuntimeError(f"DAG run ended {state}")
    return elapsed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tasks", type=int, default=100, help="most tasks in the timed DAG")
    ap.add_argument("--budget", type=float, default=60, help="seconds the timed DAG run may take")
    a = ap.parse_args()
    try:
        import airflow
    except Exception as e:  # noqa: BLE001
        skipped("airflow", f"import failed: {e}")
        return
    version = "apache-airflow " + airflow.__version__
    home = os.environ.get("AIRFLOW_HOME")
    if not home:
        skipped("airflow", "AIRFLOW_HOME is not set (scripts/bench.sh sets it and runs `airflow db migrate`)")
        return
    folder = os.path.join(home, "dags")
    try:
        warm = run(folder, 3, "warmup")
        note(f"  airflow: warm-up DAG of 3 tasks took {warm:.1f} s")
        per_task = run(folder, 10, "calibrate") / 10
        n = max(10, min(a.tasks, int(a.budget / max(per_task, 1e-6))))
        note(f"  airflow: calibration {per_task * 1e3:.0f} ms/task -> timed DAG of {n} tasks")
        elapsed = run(folder, n, "timed")
    except Exception as e:  # noqa: BLE001
        skipped("airflow", f"run failed: {type(e).__name__}: {e}", version=version)
        return
    report("airflow", version, "chain (@task DAG, dag.test())", n, [elapsed], warmup_s=round(warm, 2))


if __name__ == "__main__":
    main()
