#!/usr/bin/env bash
# Times SluiceCSV on a generated lineitem-like CSV: read into batches, then read + write back.
# Usage: scripts/csv-bench.sh [ROWS]   (default 2,000,000 rows, ~250 MB; files under .build-bench/)
#        INPUT=lineitem_sf1.csv scripts/csv-bench.sh   (an existing lineitem file instead)
# Each step runs single-threaded and with WORKERS (default 2) parallel workers.
# With polars installed (python3 -c 'import polars'), also checks the copy is byte-identical to
# polars' write_csv of the same file. Nothing here asserts a time.
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-2000000}"
swift build -c release --product sluice-csv-bench --scratch-path .build-bench >/dev/null
bench=.build-bench/release/sluice-csv-bench
data=.build-bench/csv
mkdir -p "$data"
input="${INPUT:-$data/lineitem-$rows.csv}"
[ -f "$input" ] || "$bench" generate "$input" "$rows"
cat "$input" > /dev/null  # warm the page cache, as for the peers
for workers in 0 "${WORKERS:-2}"; do
    for _ in 1 2 3; do "$bench" read "$input" "$workers"; done
    for _ in 1 2 3; do "$bench" copy "$input" "$data/out.csv" "$workers"; done
done
py="${PYTHON:-python3}"
if "$py" -c 'import polars' 2>/dev/null; then
    "$py" - "$input" "$data/polars.csv" <<'PY'
import sys, time, polars as pl
t = time.time()
pl.read_csv(sys.argv[1], try_parse_dates=True).write_csv(sys.argv[2])
print(f"polars read+write {time.time() - t:.3f} s")
PY
    cmp "$data/out.csv" "$data/polars.csv" && echo "output byte-identical to polars"
fi
