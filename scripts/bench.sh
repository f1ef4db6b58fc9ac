#!/usr/bin/env bash
# Benchmarks Sluice's control flow and puts it beside Python peers, in one run.
#
#   1. builds sluice-bench in release (scratch path .build-bench, git-ignored) and runs it:
#      per-task overhead of chains, parallel branches and independent tasks, events, Set
#      Variable, and the load + validate time of a 5,000-task package file;
#   2. makes .venv-bench (git-ignored) with Prefect and Dask from PyPI, and .venv-bench-airflow
#      with Apache Airflow if it installs within BENCH_AIRFLOW_INSTALL_TIMEOUT seconds, then runs
#      the peers under Benchmarks/peers/ (a plain Python loop, Dask, Prefect, Airflow), each
#      with bounded N and time; a peer that cannot install or run is reported, not fatal;
#   3. prints the peers' per-task overhead and their ratio to Sluice.
#
# About 6-10 minutes on 2 cores the first time (pip installs, the release build), 2-3 after.
# Results land in .build-bench/results/. docs/benchmarks.md explains how to read them.
#
# Knobs (environment): BENCH_REPS (7), BENCH_SKIP_PEERS=1, BENCH_SKIP_AIRFLOW=1,
# BENCH_PREFECT_TASKS (200), BENCH_AIRFLOW_TASKS (100), BENCH_AIRFLOW_INSTALL_TIMEOUT (300),
# BENCH_PYTHON (python3).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

reps=${BENCH_REPS:-7}
python=${BENCH_PYTHON:-python3}
results=.build-bench/results
mkdir -p "$results"
peers_out="$results/peers.jsonl"
: >"$peers_out"
started=$(date +%s)
scratch=$(mktemp -d)  # PREFECT_HOME and AIRFLOW_HOME live here for the run only
trap 'rm -rf "$scratch"' EXIT
step() { printf '\n== %s (%ds)\n' "$*" "$(( $(date +%s) - started ))"; }

step "Building sluice-bench (release)"
swift build -c release --product sluice-bench --scratch-path .build-bench >&2

step "Sluice"
.build-bench/release/sluice-bench --reps "$reps" --json-out "$results/sluice.json" | tee "$results/sluice.txt"

if [ "${BENCH_SKIP_PEERS:-0}" = 1 ]; then
    step "Peers skipped (BENCH_SKIP_PEERS=1)"
    exit 0
fi

# A peer's JSON line goes to $peers_out; its notes (lines starting with two spaces) to the
# terminal; everything else it prints (tracebacks at shutdown, deprecation warnings) to a log.
run_peer() {
    local name=$1 limit=$2; shift 2
    local log="$results/peer-$name.log"
    local rc=0
    timeout --kill-after=10 "$limit" "$@" >"$results/peer-$name.jsonl" 2>"$log" || rc=$?
    grep "^  $name" "$log" || true  # its notes (not tracebacks)
    if grep -q '^{' "$results/peer-$name.jsonl"; then
        grep '^{' "$results/peer-$name.jsonl" >>"$peers_out"
    else
        local why="exited with status $rc"
        [ "$rc" = 124 ] && why="did not finish within ${limit}s"
        echo "  $name: $why (log: $log)"
        printf '{"peer": "%s", "skipped": true, "reason": "%s"}\n' "$name" "$why" >>"$peers_out"
    fi
}

# Makes venv $1 and installs packages $3... unless `import $2` already works there.
# Returns non-zero (after saying why) when the venv or the install fails or times out.
ensure_venv() {
    local venv=$1 modules=$2 limit=$3; shift 3
    if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import $modules" 2>/dev/null; then
        echo "  $venv: $* already installed"
        return 0
    fi
    if ! [ -x "$venv/bin/python" ] && ! "$python" -m venv "$venv" >"$results/venv-$(basename "$venv").log" 2>&1; then
        echo "  $venv: cannot create a venv with $python (see $results/venv-$(basename "$venv").log)"
        return 1
    fi
    echo "  $venv: installing $* from PyPI (at most ${limit}s) …"
    local t0 rc=0
    t0=$(date +%s)
    timeout --kill-after=10 "$limit" "$venv/bin/pip" install -q "$@" >"$results/pip-$(basename "$venv").log" 2>&1 || rc=$?
    if [ "$rc" != 0 ]; then
        [ "$rc" = 124 ] && echo "  $venv: install did not finish within ${limit}s" \
            || echo "  $venv: install failed (status $rc): $(tail -n 1 "$results/pip-$(basename "$venv").log")"
        return 1
    fi
    echo "  $venv: installed in $(( $(date +%s) - t0 ))s"
}

step "Peer: plain Python (dict-of-deps topological scheduler)"
run_peer plain-python 120 "$python" Benchmarks/peers/plain_python.py --reps "$reps"

step "Python peers: .venv-bench (Prefect, Dask)"
if ensure_venv .venv-bench "prefect, dask" 420 "prefect==3.9.1" "dask==2026.8.0"; then
    step "Peer: Dask (sync scheduler)"
    run_peer dask 240 .venv-bench/bin/python Benchmarks/peers/dask_chain.py --reps 5 --budget 120

    step "Peer: Prefect (ephemeral local server)"
    prefect_home=$scratch/prefect
    # The temporary server gets 90 s to start (Prefect's default of 20 s is too short on a busy 2-core machine).
    run_peer prefect 300 env -u PREFECT_API_URL -u PREFECT_API_KEY \
        PREFECT_HOME="$prefect_home" PREFECT_SERVER_ALLOW_EPHEMERAL_MODE=true \
        PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=90 \
        PREFECT_LOGGING_LEVEL=WARNING PREFECT_SERVER_ANALYTICS_ENABLED=false DO_NOT_TRACK=1 \
        .venv-bench/bin/python Benchmarks/peers/prefect_chain.py --tasks "${BENCH_PREFECT_TASKS:-200}" --budget 60
else
    for p in dask prefect; do
        printf '{"peer": "%s", "skipped": true, "reason": "%s"}\n' "$p" "could not install it here (see $results)" >>"$peers_out"
    done
fi

step "Peer: Apache Airflow"
if [ "${BENCH_SKIP_AIRFLOW:-0}" = 1 ]; then
    echo "  skipped (BENCH_SKIP_AIRFLOW=1); the issue's figure is 0.1-1.5 s per task"
    printf '{"peer": "airflow", "skipped": true, "reason": "BENCH_SKIP_AIRFLOW=1"}\n' >>"$peers_out"
elif ensure_venv .venv-bench-airflow "airflow" "${BENCH_AIRFLOW_INSTALL_TIMEOUT:-300}" "apache-airflow==3.3.2"; then
    airflow_home=$scratch/airflow
    mkdir -p "$airflow_home"
    export AIRFLOW_HOME=$airflow_home AIRFLOW__CORE__LOAD_EXAMPLES=False AIRFLOW__LOGGING__LOGGING_LEVEL=WARNING
    if timeout 180 .venv-bench-airflow/bin/airflow db migrate >"$results/airflow-db.log" 2>&1; then
        run_peer airflow 240 .venv-bench-airflow/bin/python Benchmarks/peers/airflow_chain.py \
            --tasks "${BENCH_AIRFLOW_TASKS:-100}" --budget 60
    else
        echo "  airflow db migrate failed (see $results/airflow-db.log); the issue's figure is 0.1-1.5 s per task"
        printf '{"peer": "airflow", "skipped": true, "reason": "airflow db migrate failed"}\n' >>"$peers_out"
    fi
    unset AIRFLOW_HOME
else
    echo "  Airflow not measured; the issue's figure is 0.1-1.5 s per task"
    printf '{"peer": "airflow", "skipped": true, "reason": "did not install within the time allowed"}\n' >>"$peers_out"
fi

step "Side by side (per-task overhead, chain unless stated)"
"$python" Benchmarks/peers/compare.py "$results/sluice.json" "$peers_out" | tee "$results/compare.txt"
"$python" Benchmarks/peers/compare.py "$results/sluice.json" "$peers_out" --markdown >"$results/compare.md"
step "Done: results in $results/"
