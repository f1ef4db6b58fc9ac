"""Puts Sluice's figures beside the peers': per-task overhead and the ratio to Sluice.

    python compare.py SLUICE_JSON PEERS_JSONL [--markdown]

SLUICE_JSON is `sluice-bench --json-out`; PEERS_JSONL holds one line per peer result (the
peers' stdout). Each peer row is compared with the Sluice benchmark of the same shape: the
full run (validation + execution, what a caller pays) and execution alone.
"""
import json
import sys

# What the issue quotes for peers that could not be measured here (seconds per task).
ISSUE_FIGURES = {"airflow": "0.1–1.5 s/task (issue's figure)", "prefect": "≈0.4 s/task (issue's figure)"}


def sluice_rows(doc):
    rows = {r["id"]: r for r in doc["results"]}

    def pick(prefix, suffix=""):
        for key, r in rows.items():
            if key.startswith(prefix) and key.endswith(suffix):
                return r
        return None

    return {
        "chain": (pick("chain-", "0"), pick("chain-", "-execute")),
        "branches": (pick("branches-", "-default"), pick("branches-", "-default-execute")),
        "independent": (pick("independent-", "0"), pick("independent-", "-execute")),
    }


def shape_of(peer_shape):
    s = peer_shape.lower()
    if "branch" in s:
        return "branches"
    if "independent" in s:
        return "independent"
    return "chain"


def fmt_us(us):
    if us >= 1e6:
        return f"{us / 1e6:.2f} s"
    if us >= 1e3:
        return f"{us / 1e3:.1f} ms"
    return f"{us:.2f} µs"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    markdown = "--markdown" in sys.argv
    with open(args[0]) as f:
        doc = json.load(f)
    peers = []
    try:
        with open(args[1]) as f:
            peers = [json.loads(line) for line in f if line.strip().startswith("{")]
    except FileNotFoundError:
        pass
    sluice = sluice_rows(doc)

    header = ["system", "shape", "tasks", "per task (median)", "× Sluice run", "× Sluice execution", "note"]
    table = []
    for shape, (run, execute) in sluice.items():
        if run:
            table.append(["Sluice (run = validate + execute)", shape, f"{run['tasks']:,}", fmt_us(run["us_per_task_median"]), "1", "", ""])
        if execute:
            table.append(["Sluice (execution only)", shape, f"{execute['tasks']:,}", fmt_us(execute["us_per_task_median"]), "", "1", "run − validate"])
    for p in peers:
        if p.get("skipped"):
            name = p["peer"]
            table.append([name, "-", "-", ISSUE_FIGURES.get(name, "-"), "", "", f"not measured here: {p['reason']}"[:90]])
            continue
        shape = shape_of(p["shape"])
        run, execute = sluice.get(shape, (None, None))
        def ratio(base):
            if not base or base["us_per_task_median"] <= 0:
                return "-"
            r = p["us_per_task_median"] / base["us_per_task_median"]
            return f"{r:.2f}" if r < 10 else f"{r:,.0f}"

        note = f"graph build {p['graph_build_s']:.1f} s (not timed)" if "graph_build_s" in p else ""
        if "warmup_s" in p:
            note = f"warm-up {p['warmup_s']:.0f} s (not timed)"
        table.append([f"{p['version']}: {p['shape']}", shape, f"{p['tasks']:,}", fmt_us(p["us_per_task_median"]), ratio(run), ratio(execute), note])

    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for row in table:
            print("| " + " | ".join(row) + " |")
    else:
        widths = [max(len(r[c]) for r in table + [header]) for c in range(len(header))]
        for i, row in enumerate([header] + table):
            print("  ".join(cell.ljust(widths[c]) if c < 2 or c == len(header) - 1 else cell.rjust(widths[c]) for c, cell in enumerate(row)).rstrip())
            if i == 0:
                print("  ".join("-" * w for w in widths))
    print()
    print("Ratios above 1: the peer spends that many times Sluice's time per task (higher = slower).")


if __name__ == "__main__":
    main()
