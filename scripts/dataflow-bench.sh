#!/usr/bin/env bash
# The data flow benchmark (issue 8): TPC-H lineitem as CSV through the q1 and stream flows, with
# polars and DuckDB beside Sluice in one run. Makes its own venv under .build-bench/ (PyPI), pins
# the peers, generates the data offline with DuckDB's tpch extension, and prints medians, CPU,
# peak memory, ratios to polars, and whether each output equals DuckDB's.
#
#   scripts/dataflow-bench.sh [--sf 1] [--runs 3] [--flows q1,stream]
#
# Sluice runs the flows once the Data Flow task can (Benchmarks/dataflow/*.sluice.json); the
# release binary is built here first.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.build-bench/venv
if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
if ! [ -x /usr/bin/time ]; then sudo_apt=$( [ "$(id -u)" = 0 ] || echo sudo ); $sudo_apt apt-get install -y time; fi
# pyarrow reads the stream-arrow flow's Arrow output (sluice run --output Rows --format arrow).
"$venv/bin/pip" install -q duckdb==1.5.5 duckdb-extension-tpch==1.5.5 polars==2.1.0 pyarrow
sluice=()
# The release binary, and beside it the example C transform the `plugin` flow uses.
if scripts/build-release.sh >/dev/null 2>&1 \
    && swift build -c release --product SluiceUppercaseC --scratch-path .build-release >/dev/null 2>&1; then
    sluice=(--sluice "$PWD/.build-release/release/sluice")
fi
exec "$venv/bin/python" Benchmarks/dataflow/harness.py "${sluice[@]}" "$@"
