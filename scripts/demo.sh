#!/usr/bin/env bash
# Builds Sluice and runs the demo package: a greeting from the example C plugin, a SQLite
# database, a child process and a file copy. Run it again: the run count grows.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

swift build --product sluice >&2
swift build --product SluiceHelloC >&2
bin=$(swift build --show-bin-path)
# plugins/ beside the binary is the default plugin directory.
mkdir -p "$bin/plugins"
cp "$bin/libSluiceHelloC.so" "$bin/plugins/"

work=.build/demo
mkdir -p "$work"
cd "$work"
exec "$bin/sluice" run ../../examples/demo.sluice.json --report EWIP --show-variables "$@"
