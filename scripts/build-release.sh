#!/usr/bin/env bash
# Builds the `sluice` binary to deploy: release, with the Swift runtime and Foundation linked in
# statically (`--static-swift-stdlib`), into .build-release/release/sluice.
#
# Why static: a trivial `sluice run` starts in ~5 ms instead of ~10 ms, because the dynamic
# loader no longer binds thousands of symbols of libswiftCore, Foundation and ICU at every start
# (docs/benchmarks.md, "Start-up"). The binary is larger (~80 MB with ICU's data).
#
# Plugins are unaffected: they stay shared libraries built against the shared Swift runtime. A
# Swift plugin therefore brings its own copy of the runtime into the process; the two never
# meet, because nothing but the C ABI crosses the boundary (docs/architecture.md). The test
# suite (scripts/test.sh) builds this binary and runs the C and Swift example plugins with it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
swift build -c release --static-swift-stdlib --product sluice --scratch-path .build-release >&2
echo "$PWD/.build-release/release/sluice"
