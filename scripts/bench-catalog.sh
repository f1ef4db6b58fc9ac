#!/usr/bin/env bash
# The catalog server's benchmark (docs/benchmarks.md, "Catalog server"): the release `sluice
# serve` on loopback, loaded by wrk, beside nginx serving the same answer as a static file (this
# machine's HTTP ceiling) and Hummingbird 2 alone serving it (the framework's floor). Installs
# wrk and nginx when missing.
#   scripts/bench-catalog.sh [--duration SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SLUICE_SETUP_EXTRA="wrk:wrk nginx:nginx"
source scripts/setup.sh
binary="$(scripts/build-release.sh)"
# PostgreSQL: the tests' private server on loopback (installed and started when missing); the
# benchmark's catalog is a fresh schema in its database.
SLUICE_SETUP_POSTGRES=1 source scripts/postgres-test-server.sh
# Hummingbird 2 alone, the framework's least cost per request (its own package and build folder).
swift build -c release --package-path Benchmarks/catalog/HummingbirdFloor --scratch-path .build-floor >&2
floor="$(swift build -c release --package-path Benchmarks/catalog/HummingbirdFloor --scratch-path .build-floor --show-bin-path)/HummingbirdFloor"
python3 Benchmarks/catalog/bench_catalog.py "$binary" --postgres "$SLUICE_TEST_POSTGRES_URL" --floor "$floor" "$@"
