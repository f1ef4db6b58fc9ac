#!/usr/bin/env bash
# Installs what Sluice needs on a Debian machine with the Swift toolchain (idempotent, quiet
# when everything is there already). Sourced by demo.sh and test.sh.
set -euo pipefail

need=()
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
pkg-config --exists sqlite3 2>/dev/null || need+=(libsqlite3-dev)
pkg-config --exists zlib 2>/dev/null || need+=(zlib1g-dev)  # project archives (SluiceArchive)
command -v cc >/dev/null 2>&1 || need+=(gcc)
command -v c++ >/dev/null 2>&1 || need+=(g++)
# A script that needs more sets SLUICE_SETUP_EXTRA to "command:package" pairs before sourcing.
for pair in ${SLUICE_SETUP_EXTRA:-}; do command -v "${pair%%:*}" >/dev/null 2>&1 || need+=("${pair#*:}"); done
if [ ${#need[@]} -gt 0 ]; then
    echo "Installing: ${need[*]}" >&2
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# Tests that need PostgreSQL: a private server, SLUICE_TEST_POSTGRES_URL exported (opt-in).
if [ "${SLUICE_SETUP_POSTGRES:-0}" = "1" ]; then source "$(dirname "${BASH_SOURCE[0]}")/postgres-test-server.sh"; fi
command -v swift >/dev/null 2>&1 || { echo "Swift toolchain not found: install Swift 6 first (https://swift.org)." >&2; exit 1; }

# Opt-in (SLUICE_SETUP_PYARROW=1, which test.sh sets): a Python venv in .build-pyarrow/ with
# pyarrow, which the CLI tests use to read `sluice run --output … --format arrow` back.
if [ "${SLUICE_SETUP_PYARROW:-0}" = "1" ]; then
    root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
    if ! "$root/.build-pyarrow/bin/python" -c "import pyarrow" >/dev/null 2>&1; then
        echo "Setting up .build-pyarrow (pip install pyarrow)" >&2
        python3 -m venv "$root/.build-pyarrow"
        "$root/.build-pyarrow/bin/pip" install --quiet --disable-pip-version-check pyarrow
    fi
fi
