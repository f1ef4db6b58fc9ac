#!/usr/bin/env bash
# Times SluiceCSV on a generated lineitem-like CSV: read into batches, then read + write back.
# Usage: scripts/csv-bench.sh [ROWS]   (default 2,000,000 rows, ~250 MB; files under .build-bench/)
# With polars installed (python3 -c 'import polars'), also checks the copy is byte-identical to
# polars' write_csv of the same file. Nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-2000000}"
swift build -c release --product sluice-csv-bench --scratch-path .build-bench >/dev/null
bench=.build-bench/release/sluice-csv-bench
data=.build-bench/csv
mkdir -p "$data"
[ -f "$data/lineitem-$rows.csv" ] || "$bench" generate "$data/lineitem-$rows.csv" "$rows"
cat "$data/lineitem-$rows.csv" > /dev/null  # warm the page cache, as for the peers
for _ in 1 2 3; do "$bench" read "$data/lineitem-$rows.csv"; done
for _ in 1 2 3; do "$bench" copy "$data/lineitem-$rows.csv" "$data/out.csv"; done
py="${PYTHON:-python3}"
if "$py" -c 'import polars' 2>/dev/null; then
    "$py" - "$data/lineitem-$rows.csv" "$data/polars.csv" <<'PY'
import sys, time, polars as pl
t = time.time()
pl.read_csv(sys.argv[1], try_parse_dates=True).write_csv(sys.argv[2])
print(f"polars read+write {time.time() - t:.3f} s")
PY
    cmp "$data/out.csv" "$data/polars.csv" && echo "output byte-identical to polars"
fi
