"""Data flow benchmark harness: TPC-H lineitem CSV through the issue 8 flows, Sluice beside its peers.

Run through scripts/dataflow-bench.sh, which makes the venv. Every engine runs as a fresh process
(median of --runs, peak RSS from wait4), in the same run, on the same file, and every output is
checked: q1 against DuckDB's answer, stream by the md5 of the file, equal across engines.

    python harness.py --sf 1 --runs 3 [--sluice PATH_TO_SLUICE]

Flows (issue 8):
  q1      read -> disc_price, charge -> keep l_shipdate <= 1998-09-02 -> aggregate by returnflag,
          linestatus -> CSV
  stream  read -> keep l_shipdate <= 1998-09-02 and l_discount >= 0.05 -> disc_price, charge ->
          every surviving row to CSV
  plugin  stream with the C plugin examples.uppercase on l_comment after the filter (Sluice only;
          the peers run stream, so only the row count is compared)
  stream-arrow  stream with its rows sent to a DataReader destination, written to a pipe by
          `sluice run --output Rows --format arrow` and read by pyarrow batch by batch (Sluice
          only; compare its time with stream's Sluice row, the CSV destination; the row count
          pyarrow read is checked)
"""
import argparse, glob, hashlib, os, statistics, subprocess, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))

POLARS_Q1 = r'''
import polars as pl, sys
df = (pl.scan_csv(sys.argv[1], try_parse_dates=True)
      .with_columns(disc_price=pl.col("l_extendedprice") * (1 - pl.col("l_discount")))
      .with_columns(charge=pl.col("disc_price") * (1 + pl.col("l_tax")))
      .filter(pl.col("l_shipdate") <= pl.date(1998, 9, 2))
      .group_by("l_returnflag", "l_linestatus")
      .agg(sum_qty=pl.col("l_quantity").sum(), sum_base_price=pl.col("l_extendedprice").sum(),
           sum_disc_price=pl.col("disc_price").sum(), sum_charge=pl.col("charge").sum(),
           avg_qty=pl.col("l_quantity").mean(), avg_price=pl.col("l_extendedprice").mean(),
           avg_disc=pl.col("l_discount").mean(), count_order=pl.len())
      .sort("l_returnflag", "l_linestatus")
      .collect(engine="streaming"))
df.write_csv(sys.argv[2])
'''

POLARS_STREAM = r'''
import polars as pl, sys
(pl.scan_csv(sys.argv[1], try_parse_dates=True)
   .filter((pl.col("l_shipdate") <= pl.date(1998, 9, 2)) & (pl.col("l_discount") >= 0.05))
   .with_columns(disc_price=pl.col("l_extendedprice") * (1 - pl.col("l_discount")))
   .with_columns(charge=pl.col("disc_price") * (1 + pl.col("l_tax")))
   .sink_csv(sys.argv[2]))
'''

DUCKDB_Q1 = r'''
import duckdb, sys
duckdb.connect().execute(f"""COPY (
  SELECT l_returnflag, l_linestatus, sum(l_quantity) AS sum_qty, sum(l_extendedprice) AS sum_base_price,
         sum(disc_price) AS sum_disc_price, sum(disc_price * (1 + l_tax)) AS sum_charge,
         avg(l_quantity) AS avg_qty, avg(l_extendedprice) AS avg_price, avg(l_discount) AS avg_disc,
         count(*) AS count_order
  FROM (SELECT *, l_extendedprice * (1 - l_discount) AS disc_price
        FROM read_csv('{sys.argv[1]}', header=true, columns={{{COLUMNS}}}))
  WHERE l_shipdate <= DATE '1998-09-02'
  GROUP BY ALL ORDER BY ALL) TO '{sys.argv[2]}' (HEADER)""")
'''

DUCKDB_STREAM = r'''
import duckdb, sys
duckdb.connect().execute(f"""COPY (
  SELECT *, disc_price * (1 + l_tax) AS charge
  FROM (SELECT *, l_extendedprice * (1 - l_discount) AS disc_price
        FROM read_csv('{sys.argv[1]}', header=true, columns={{{COLUMNS}}}))
  WHERE l_shipdate <= DATE '1998-09-02' AND l_discount >= 0.05) TO '{sys.argv[2]}' (HEADER)""")
'''

# lineitem's columns with the types all engines use (decimals as DOUBLE, as polars reads them).
COLUMNS = ", ".join(f"'{n}': '{t}'" for n, t in [
    ("l_orderkey", "BIGINT"), ("l_partkey", "BIGINT"), ("l_suppkey", "BIGINT"), ("l_linenumber", "BIGINT"),
    ("l_quantity", "DOUBLE"), ("l_extendedprice", "DOUBLE"), ("l_discount", "DOUBLE"), ("l_tax", "DOUBLE"),
    ("l_returnflag", "VARCHAR"), ("l_linestatus", "VARCHAR"), ("l_shipdate", "DATE"), ("l_commitdate", "DATE"),
    ("l_receiptdate", "DATE"), ("l_shipinstruct", "VARCHAR"), ("l_shipmode", "VARCHAR"), ("l_comment", "VARCHAR")])


def generate(sf, data_dir):
    """lineitem at scale factor `sf` as CSV with a header, generated offline by DuckDB's tpch extension."""
    path = os.path.join(data_dir, f"lineitem_sf{sf}.csv")
    if os.path.exists(path):
        return path
    import duckdb, duckdb_extension_tpch
    ext = glob.glob(os.path.join(os.path.dirname(duckdb_extension_tpch.__file__), "extensions", "**",
                                 "*.duckdb_extension"), recursive=True)
    con = duckdb.connect()
    con.execute(f"LOAD '{ext[0]}'")
    con.execute(f"CALL dbgen(sf={sf})")
    con.execute(f"COPY lineitem TO '{path}.tmp' (HEADER, DELIMITER ',')")
    os.rename(path + ".tmp", path)
    return path


def run_once(argv, scratch, env=None):
    """Runs `argv` as a fresh process: (wall seconds, CPU seconds, peak RSS MiB, exit status).

    The peak comes from GNU time, a small process that forks the engine: this harness's own
    wait4 would report the pages of this (large) Python process, which the child shared until
    its exec."""
    peak_file = os.path.join(scratch, "peak-rss")
    start = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak_file] + argv,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.stderr.write(f"  {' '.join(argv)} exited {code}:\n{err[-2000:]}\n")
    with open(peak_file) as f:
        peak_kib = int(f.read().split()[-1])
    return wall, usage.ru_utime + usage.ru_stime, peak_kib / 1024, code


# Reads an Arrow IPC stream on standard input batch by batch; writes the row count to argv[1].
PYARROW_COUNT = r'''
import sys, pyarrow as pa
rows = sum(b.num_rows for b in pa.ipc.open_stream(sys.stdin.buffer))
open(sys.argv[1], "w").write(f"{rows}\n")
'''


def md5(path):
    h = hashlib.md5()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def row_count(path):
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def plugin_env(sluice, scratch):
    """SLUICE_PLUGIN_PATH naming a folder with only the uppercase plugin, built beside `sluice`."""
    folder = os.path.join(scratch, "plugins")
    os.makedirs(folder, exist_ok=True)
    for lib in glob.glob(os.path.join(os.path.dirname(os.path.abspath(sluice)), "libSluiceUppercaseC.*")):
        link = os.path.join(folder, os.path.basename(lib))
        if not os.path.lexists(link):
            os.symlink(lib, link)
    return dict(os.environ, SLUICE_PLUGIN_PATH=folder)


def q1_rows(path):
    """q1's output as numbers, so engines that print 12.0 and 12 agree."""
    rows = []
    with open(path) as f:
        next(f)
        for line in f:
            fields = line.strip().split(",")
            rows.append((fields[:2], [float(v) for v in fields[2:]]))
    return rows


def same_q1(a, b):
    """Equal keys and numbers within 1e-9 relative: sums of millions of doubles differ in their
    last digits with the order of addition, which no engine fixes."""
    ra, rb = q1_rows(a), q1_rows(b)
    return len(ra) == len(rb) and all(
        ka == kb and len(va) == len(vb) and all(abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y)) for x, y in zip(va, vb))
        for (ka, va), (kb, vb) in zip(ra, rb))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sf", default="1")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--data", default=os.path.join(HERE, "..", "..", ".build-bench", "data"))
    ap.add_argument("--sluice", help="the sluice binary (release); its flows run when it can run them")
    ap.add_argument("--flows", default="q1,stream,plugin,stream-arrow")
    args = ap.parse_args()
    os.makedirs(args.data, exist_ok=True)
    data = generate(args.sf, args.data)
    print(f"input: {data} ({os.path.getsize(data) / 1e6:.0f} MB)")

    py = sys.executable
    engines = {
        "q1": {"polars": [py, "-c", POLARS_Q1], "duckdb": [py, "-c", DUCKDB_Q1.replace("{COLUMNS}", COLUMNS)]},
        "stream": {"polars": [py, "-c", POLARS_STREAM], "duckdb": [py, "-c", DUCKDB_STREAM.replace("{COLUMNS}", COLUMNS)]},
    }
    engines["plugin"] = dict(engines["stream"])
    engines["stream-arrow"] = dict(engines["stream"])
    if args.sluice:
        for flow in engines:
            package = os.path.join(HERE, f"{flow}.sluice.json")
            if os.path.exists(package) and flow == "stream-arrow":
                # The shell's pipe: sluice writes the stream, pyarrow reads it as it comes.
                engines[flow]["sluice"] = ["/bin/sh", "-c", '"$0" run "$1" --quiet --output Rows --format arrow '
                                           '--set "\\Package.Variables[User::Input].Value=$2" | "$3" -c "$4" "$5"',
                                           args.sluice, package, "{IN}", py, PYARROW_COUNT, "{OUT}"]
            elif os.path.exists(package):
                engines[flow]["sluice"] = [args.sluice, "run", package, "--quiet",
                                           "--set", f"\\Package.Variables[User::Input].Value={{IN}}",
                                           "--set", f"\\Package.Variables[User::Output].Value={{OUT}}"]
            else:
                print(f"sluice: {flow} not runnable yet ({package} is written once the Data Flow task runs it)")

    for flow in args.flows.split(","):
        print(f"\n== {flow} (sf {args.sf}, median of {args.runs})")
        results, outputs = {}, {}
        for name, argv in engines[flow].items():
            out = os.path.join(args.data, f"{flow}-{name}.csv")
            runs = []
            for _ in range(args.runs):
                if os.path.exists(out):
                    os.remove(out)
                full = [a.replace("{IN}", data).replace("{OUT}", out) for a in argv] + ([] if name == "sluice" else [data, out])
                env = plugin_env(args.sluice, args.data) if flow == "plugin" and name == "sluice" else None
                runs.append(run_once(full, args.data, env))
            ok = all(r[3] == 0 for r in runs)
            results[name] = (statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs),
                             max(r[2] for r in runs), ok, [r[0] for r in runs])
            outputs[name] = out if ok else None
        reference = outputs.get("duckdb")
        for name, (wall, cpu, rss, ok, walls) in results.items():
            check = "failed"
            if ok and outputs[name] and reference:
                if flow == "q1":
                    same = same_q1(outputs[name], reference)
                elif flow == "plugin":
                    same = row_count(outputs[name]) == row_count(reference)
                elif flow == "stream-arrow" and name == "sluice":
                    with open(outputs[name]) as f:
                        same = int(f.read()) == row_count(reference) - 1  # the CSV has a header
                else:
                    same = md5(outputs[name]) == md5(reference)
                check = "same as duckdb" if same else "DIFFERS from duckdb"
            ratio = f"{wall / results['polars'][0]:.2f}x polars" if "polars" in results else ""
            print(f"  {name:8} {wall:7.3f} s  (runs {', '.join(f'{w:.2f}' for w in walls)})  cpu {cpu:6.2f} s  "
                  f"peak {rss:6.0f} MiB  {ratio:14}  {check}")


if __name__ == "__main__":
    main()
