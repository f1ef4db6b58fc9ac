#!/usr/bin/env bash
# The catalog server's benchmark (docs/benchmarks.md, "Catalog server"): the release `sluice
# serve` on loopback, loaded by wrk, beside nginx serving the same
# answer as a static file (this machine's HTTP ceiling). Installs wrk and nginx when missing.
#   scripts/bench-catalog.sh [--duration SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SLUICE_SETUP_EXTRA="wrk:wrk nginx:nginx"
source scripts/setup.sh
binary="$(scripts/build-release.sh)"
# SQLite only for now: `sluice serve` refuses a postgres:// catalog until the PostgreSQL store
# keeps users and permissions too (bench_catalog.py takes --postgres URL for that day).
python3 Benchmarks/catalog/bench_catalog.py "$binary" "$@"
