#!/usr/bin/env python3
"""The catalog server's benchmark (issue 10): the real `sluice serve` on loopback, loaded by wrk.

Measures, for a catalog in SQLite and in PostgreSQL:
  - server start to first answered request (spawn -> an authenticated list answered 200);
  - deploying a 100-package project (PUT of the archive, wall time per deploy);
  - listing the packages of a folder holding 1,000 packages at 200 concurrent connections:
    throughput and latency percentiles from wrk (--latency), for the first page (limit=100)
    and for the whole folder in one answer (limit=1000) - the same request again and again,
    which the server answers from the answers it keeps while the catalog does not change - and
    for pages of 100 from 900 different cursors, more than it keeps, so nearly every answer is
    encoded anew;
  - the fixed cost of a request: no token (refused before any read), /health (one read), and
    an authenticated list of one folder.
Beside them, two references at the same concurrency, serving the same JSON answer with no
authentication and no database: nginx from a static file (what HTTP alone costs here), and
Hummingbird 2 alone (HummingbirdFloor: one route, no middleware, no OpenAPI layer), the least
a request through the framework the server is built on costs here.

Usage: bench_catalog.py SLUICE_BINARY [--postgres URL] [--duration SECONDS] [--floor HUMMINGBIRD_FLOOR_BINARY]
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

TOKEN = "slc_benchmark-" + "x" * 40
PROJECTS = 10
PACKAGES_PER_PROJECT = 100


def request(base, method, path, body=None, content_type=None):
    req = urllib.request.Request(base + path, data=body, method=method)
    req.add_header("Authorization", "Bearer " + TOKEN)
    if content_type:
        req.add_header("Content-Type", content_type)
    with urllib.request.urlopen(req, timeout=60) as answer:
        return answer.status, answer.read()


def write_project(folder, name):
    """A project folder of PACKAGES_PER_PROJECT small packages (one Expression task each)."""
    os.makedirs(folder)
    files = []
    for index in range(PACKAGES_PER_PROJECT):
        package_name = f"{name}_Package{index:03d}"
        files.append(package_name + ".sluice.json")
        package = {
            "format": "sluice.package", "formatVersion": 1,
            "package": {
                "name": package_name, "id": str(uuid.uuid4()).upper(),
                "description": f"Benchmark package {index} of {name}",
                "executables": [{
                    "name": "Compute", "id": str(uuid.uuid4()).upper(), "type": "task",
                    "component": "sluice.expression", "properties": {"expression": "1 + 1"},
                }],
            },
        }
        with open(os.path.join(folder, files[-1]), "w") as out:
            json.dump(package, out, indent=2)
    project = {"format": "sluice.project", "formatVersion": 1,
               "project": {"name": name, "id": str(uuid.uuid4()).upper(), "packages": files}}
    with open(os.path.join(folder, "project.sluice.json"), "w") as out:
        json.dump(project, out, indent=2)


def start_server(binary, catalog, workdir):
    """Starts `sluice serve` on a free port; returns (process, base URL, seconds to first answer)."""
    env = dict(os.environ, SLUICE_ADMIN_TOKEN=TOKEN)
    started = time.perf_counter()
    process = subprocess.Popen([binary, "serve", "--catalog", catalog, "--port", "0"], cwd=workdir, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = None
    while base is None:
        line = process.stdout.readline()
        if not line:
            raise SystemExit(f"sluice serve exited before listening (status {process.wait()})")
        match = re.search(r"listening on (https?://[^\s/]+)", line)
        if match:
            base = match.group(1)
    while True:
        try:
            if request(base, "GET", "/api/v1/folders")[0] == 200:
                break
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.001)
    first_answer = time.perf_counter() - started
    # Drain the server's output so it never blocks on a full pipe.
    subprocess.Popen(["cat"], stdin=process.stdout, stdout=subprocess.DEVNULL)
    return process, base, first_answer


def wrk(url, duration, headers=(), script=None):
    command = ["wrk", "-t2", "-c200", f"-d{duration}s", "--latency"] + (["-s", script] if script else [])
    for header in headers:
        command += ["-H", header]
    output = subprocess.run(command + [url], check=True, capture_output=True, text=True).stdout
    def latency(label):
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        return float(match.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[match.group(2)]
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {"rps": rate, "p50": latency("50"), "p99": latency("99"), "non2xx": int(errors.group(1)) if errors else 0}


def nginx_ceiling(body, duration, workdir):
    """The same answer as a static file from nginx (4 workers' worth of nothing but HTTP)."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.path.exists(nginx):
        return None
    root = os.path.join(workdir, "nginx")
    os.makedirs(os.path.join(root, "www"))
    with open(os.path.join(root, "www", "packages.json"), "wb") as out:
        out.write(body)
    port = 18000 + os.getpid() % 1000
    config = os.path.join(root, "nginx.conf")
    with open(config, "w") as out:
        out.write(f"""daemon off; worker_processes 2; pid {root}/nginx.pid; error_log {root}/error.log;
events {{ worker_connections 1024; }}
http {{ access_log off; server {{ listen 127.0.0.1:{port}; root {root}/www; }} }}
""")
    process = subprocess.Popen([nginx, "-c", config, "-p", root])
    try:
        time.sleep(0.5)
        return wrk(f"http://127.0.0.1:{port}/packages.json", duration)
    finally:
        process.send_signal(signal.SIGQUIT)
        process.wait()


def hummingbird_floor(binary, body, duration, workdir):
    """The same answer from Hummingbird 2 alone (Benchmarks/catalog/HummingbirdFloor)."""
    path = os.path.join(workdir, "floor-answer.json")
    with open(path, "wb") as out:
        out.write(body)
    port = 19000 + os.getpid() % 1000
    process = subprocess.Popen([binary, path, str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 10
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/answer", timeout=1).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.time() > deadline:
                    raise SystemExit("HummingbirdFloor did not answer within 10 s")
                time.sleep(0.05)
        return wrk(f"http://127.0.0.1:{port}/answer", duration)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def run(binary, catalog, label, duration, workdir):
    print(f"\n== {label}: {catalog if not catalog.startswith('postgres') else 'postgres://…'}")
    process, base, first_answer = start_server(binary, catalog, workdir)
    try:
        print(f"start to first answered request: {first_answer * 1000:.0f} ms")
        request(base, "POST", "/api/v1/folders", json.dumps({"name": "Bench"}).encode(), "application/json")
        deploys = []
        for index in range(PROJECTS):
            name = f"P{index:02d}"
            archive_path = os.path.join(workdir, label, name + ".sluiceproj")
            if not os.path.exists(archive_path):
                write_project(os.path.join(workdir, label, name), name)
                subprocess.run([binary, "project", "pack", os.path.join(workdir, label, name), "--output", archive_path],
                               check=True, capture_output=True)
            with open(archive_path, "rb") as archive:
                body = archive.read()
            started = time.perf_counter()
            status, _ = request(base, "PUT", f"/api/v1/folders/Bench/projects/{name}", body, "application/zip")
            deploys.append(time.perf_counter() - started)
            assert status in (200, 201), status
        deploys.sort()
        print(f"deploy a {PACKAGES_PER_PROJECT}-package project: median {deploys[len(deploys) // 2] * 1000:.0f} ms, "
              f"max {deploys[-1] * 1000:.0f} ms ({PROJECTS} deploys)")
        status, page = request(base, "GET", "/api/v1/packages?folder=Bench&limit=1000")
        listed = len(json.loads(page)["items"])
        assert listed == PROJECTS * PACKAGES_PER_PROJECT, listed
        results = {}
        for limit in (100, 1000):
            result = wrk(f"{base}/api/v1/packages?folder=Bench&limit={limit}", duration, [f"Authorization: Bearer {TOKEN}"])
            results[limit] = result
            print(f"list packages, limit={limit}, 200 connections: {result['rps']:.0f} req/s, "
                  f"p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms, non-2xx {result['non2xx']}")
        # Pages of 100 from 900 different places in the folder: more answers than the server
        # keeps (128), so nearly every answer is encoded anew: the cost of walking a folder.
        items = json.loads(page)["items"]
        cursors = [base64.urlsafe_b64encode("\0".join(x.lower() for x in (i["folder"], i["project"], i["name"])).encode())
                   .decode().rstrip("=") for i in items[:900]]
        script = os.path.join(workdir, f"pages-{label}.lua")
        with open(script, "w") as out:
            out.write("local cursors = {" + ",".join(f'"{c}"' for c in cursors) + "}\n")
            out.write("request = function()\n  local path = '/api/v1/packages?folder=Bench&limit=100&after=' .. "
                      "cursors[math.random(#cursors)]\n  return wrk.format('GET', path)\nend\n")
        result = wrk(f"{base}/api/v1/packages", duration, [f"Authorization: Bearer {TOKEN}"], script)
        results["pages"] = result
        print(f"list packages, limit=100 from 900 different cursors (answers encoded anew), 200 connections: "
              f"{result['rps']:.0f} req/s, p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms, non-2xx {result['non2xx']}")
        print("fixed cost, 200 connections:")
        for label_, path, headers in (("no token (401, no catalog read)", "/api/v1/folders", []),
                                      ("/health (one read)", "/health", []),
                                      ("/api/v1/folders with a token", "/api/v1/folders", [f"Authorization: Bearer {TOKEN}"])):
            result = wrk(f"{base}{path}", duration, headers)
            print(f"  {label_}: {result['rps']:.0f} req/s, p50 {result['p50']:.2f} ms, p99 {result['p99']:.2f} ms")
        return results, request(base, "GET", "/api/v1/packages?folder=Bench&limit=100")[1]
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--postgres")
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--floor", help="the HummingbirdFloor binary (Benchmarks/catalog/HummingbirdFloor)")
    options = parser.parse_args()
    options.binary = os.path.abspath(options.binary)  # the server runs in a temporary folder
    workdir = tempfile.mkdtemp(prefix="sluice-catalog-bench-")
    try:
        sqlite, page = run(options.binary, os.path.join(workdir, "catalog.db"), "sqlite", options.duration, workdir)
        if options.postgres:
            # A fresh catalog, as the SQLite run has: the server's default schema, dropped first
            # (its administrator, and the key its values were sealed with, are a past run's).
            subprocess.run(["psql", options.postgres, "-q", "-c", "DROP SCHEMA IF EXISTS sluice_catalog CASCADE"], check=True)
            run(options.binary, options.postgres, "postgres", options.duration, workdir)
        ceiling = nginx_ceiling(page, options.duration, workdir)
        if ceiling:
            print(f"\n== ceiling: nginx, the same 100-item answer as a static file, 200 connections: "
                  f"{ceiling['rps']:.0f} req/s, p99 {ceiling['p99']:.2f} ms")
            print(f"sluice (SQLite) / nginx static throughput: {sqlite[100]['rps'] / ceiling['rps']:.2f}")
        if options.floor:
            floor = hummingbird_floor(os.path.abspath(options.floor), page, options.duration, workdir)
            print(f"== floor: Hummingbird 2 alone, the same 100-item answer, 200 connections: "
                  f"{floor['rps']:.0f} req/s, p50 {floor['p50']:.2f} ms, p99 {floor['p99']:.2f} ms")
            print(f"sluice (SQLite) / Hummingbird alone throughput: {sqlite[100]['rps'] / floor['rps']:.2f}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
