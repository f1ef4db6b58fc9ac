#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds everything (the example and
# fixture plugins are dynamic libraries the tests load), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build --build-tests
swift test --skip-build "$@"
