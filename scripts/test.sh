#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, builds everything (the example and
# fixture plugins are dynamic libraries the tests load), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
# GraphCommandTests draw SVG with Graphviz's dot; PluginValgrindTests run the example plugins
# under valgrind, and must not skip here.
SLUICE_SETUP_EXTRA="dot:graphviz valgrind:valgrind"
# pyarrow reads the CLI's Arrow output back (DataReaderCommandTests); required, not skipped.
SLUICE_SETUP_PYARROW=1
export SLUICE_REQUIRE_PYARROW=1
# The PostgreSQL source and destination tests run on a private server, and must not skip here.
SLUICE_SETUP_POSTGRES=1
export SLUICE_REQUIRE_POSTGRES=1
source scripts/setup.sh
export SLUICE_REQUIRE_VALGRIND=1

# The catalog server's API document (openapi/catalog.yaml) is valid OpenAPI 3.1 and keeps
# Sluice's rules for it (docs/catalog-api.md).
scripts/check-openapi.sh
# The Swift code generated from it is committed; it must be what the document generates.
scripts/generate-openapi.sh --check

swift build --build-tests
# The binary users deploy (static Swift runtime): ReleaseBinaryTests run plugins with it.
SLUICE_RELEASE_BINARY="$(scripts/build-release.sh)"
export SLUICE_RELEASE_BINARY
if [ "$#" -gt 0 ]; then
    swift test --skip-build "$@"
else
    # The catalog server tests answer HTTP from servers inside the test process, on Swift's
    # concurrency pool (one thread per core). The rest of the suite waits for child processes
    # on that pool in synchronous tests; beside it, the servers stall and requests time out.
    # So they run in a process of their own, after the rest.
    swift test --skip-build --skip SluiceCatalogServerTests
    swift test --skip-build --filter SluiceCatalogServerTests
fi
# The running server held to its document by schemathesis (no 5xx, nothing the document forbids),
# as users run it: the release binary (a debug build's bcrypt is several times slower, and a
# login under schemathesis' load ran past its 10 s response limit).
scripts/check-catalog-api.sh "$SLUICE_RELEASE_BINARY"
