#!/usr/bin/env bash
# Times the start-up of `sluice`: a whole `sluice run` of a one-task package, from the fork to
# the exit, beside /bin/true (the cost of starting any process from this shell) and
# `sluice --version` (loading the binary and its shared libraries, and nothing else).
#
#   scripts/startup-bench.sh                       # builds sluice as deployed (scripts/build-release.sh), 30 runs of each
#   scripts/startup-bench.sh OTHER_SLUICE...       # also times other builds, e.g. an older commit's
#
# Runs go round-robin (one of each command, then again), so a machine that slows down part way
# slows every command alike. Prints the median, min and max in milliseconds, and the load
# average before and after. Knobs (environment): STARTUP_RUNS (30), STARTUP_WARMUP (3),
# STARTUP_SKIP_BUILD=1 (use the existing .build-release/release/sluice).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${STARTUP_RUNS:-30}
warmup=${STARTUP_WARMUP:-3}
if [ "${STARTUP_SKIP_BUILD:-0}" != 1 ]; then
    scripts/build-release.sh >/dev/null  # the binary users deploy: static Swift runtime
fi
sluice=$PWD/.build-release/release/sluice

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cat >"$scratch/trivial.sluice.json" <<'JSON'
{
  "format": "sluice.package",
  "formatVersion": 1,
  "package": {
    "name": "Trivial",
    "variables": [{"namespace": "User", "name": "N", "type": "DT_I4", "value": 0}],
    "executables": [
      {"type": "task", "name": "Set", "component": "sluice.setVariable", "properties": {"variable": "User::N", "value": "1"}}
    ]
  }
}
JSON
# No plugin directory to scan: the figure is the host's own start-up.
export SLUICE_DEFAULT_PLUGIN_DIR=none SLUICE_PLUGIN_PATH=

labels=("/bin/true" "sluice --version" "sluice run")
commands=("/bin/true" "$sluice --version" "$sluice run $scratch/trivial.sluice.json")
for other in "$@"; do
    labels+=("$other run")
    commands+=("$(realpath "$other") run $scratch/trivial.sluice.json")
done
for command in "${commands[@]}"; do
    $command >/dev/null 2>&1 || { echo "failed: $command" >&2; exit 1; }
done

# One run of command number $1, in microseconds, appended to its file (bash's own clock: no
# process is started to read the time).
time_one() {
    local t0 t1
    t0=${EPOCHREALTIME//[.,]/}
    ${commands[$1]} >/dev/null 2>&1
    t1=${EPOCHREALTIME//[.,]/}
    echo $((t1 - t0)) >>"$scratch/times.$1"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((r = 0; r < warmup + runs; r++)); do
    for i in "${!commands[@]}"; do
        if ((r < warmup)); then ${commands[$i]} >/dev/null 2>&1; else time_one "$i"; fi
    done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

printf '%8s %8s %8s   %s\n' "median" "min" "max" "command (milliseconds, $runs runs each)"
for i in "${!commands[@]}"; do
    sort -n "$scratch/times.$i" | awk -v label="${labels[$i]}" '
        { t[NR] = $1 }
        END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
              printf "%8.2f %8.2f %8.2f   %s\n", m / 1000, t[1] / 1000, t[NR] / 1000, label }'
done
echo "load average (1, 5, 15 min): $load_before before, $load_after after; $(nproc) processors"
