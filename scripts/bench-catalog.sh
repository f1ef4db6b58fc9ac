#!/usr/bin/env bash
# The catalog server's benchmark (docs/benchmarks.md, "Catalog server"): the release `sluice
# serve` on loopback, loaded by wrk, on SQLite and on PostgreSQL, beside nginx serving the same
# answer as a static file (this machine's HTTP ceiling). Installs wrk and nginx when missing.
#   scripts/bench-catalog.sh [--duration SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SLUICE_SETUP_EXTRA="wrk:wrk nginx:nginx"
SLUICE_SETUP_POSTGRES=1
source scripts/setup.sh
binary="$(scripts/build-release.sh)"
# A database of its own, fresh each run, on the test server setup.sh started.
bench_db="sluice_catalog_bench"
psql "$SLUICE_TEST_POSTGRES_URL" -q -c "DROP DATABASE IF EXISTS $bench_db" -c "CREATE DATABASE $bench_db" >/dev/null
postgres_url="${SLUICE_TEST_POSTGRES_URL%/*}/$bench_db"
python3 Benchmarks/catalog/bench_catalog.py "$binary" --postgres "$postgres_url" "$@"
