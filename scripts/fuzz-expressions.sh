#!/usr/bin/env bash
# The expression fuzzer alone; scripts/fuzz.sh does the work and explains it.
#
#   scripts/fuzz-expressions.sh [SECONDS] [extra libFuzzer flags…]   = scripts/fuzz.sh expressions …
#   scripts/fuzz-expressions.sh --reproduce FILE                       = scripts/fuzz.sh --reproduce expressions FILE
set -euo pipefail
here="$(dirname "$0")"
if [ "${1:-}" = "--reproduce" ]; then
    exec "$here/fuzz.sh" --reproduce expressions "${2:?--reproduce needs a file}" "${@:3}"
fi
exec "$here/fuzz.sh" expressions "$@"
