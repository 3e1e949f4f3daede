#!/usr/bin/env python3
"""A login flood and what it does to everyone else (issue 12, finding 5).

    benches/login_flood.py [--bin target/release/claimledger] [--logins 300] [--backend sqlite|postgres]

Starts the server on a fresh database (SQLite in a temporary folder; PostgreSQL: a database
claimledger_flood under BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres,
created and dropped), logs in as the admin, then sends --logins failed logins at once (one
thread each, released together by a barrier; each for another unknown username, so only the
per-address limit applies) while one client keeps reading `GET /v1/claims` with the admin's
token. Prints the answers the flood got, the latency of the authenticated reads before and
during the flood, and the server's peak RSS (VmHWM) before and after. Python 3 standard
library only.
"""

import argparse
import collections
import http.client
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

PORT = 18471
ADMIN_PASSWORD = "flood-bench-admin-password"


def request(method, path, body=None, token=None, timeout=60):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, data


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed_read(token):
    started = time.perf_counter()
    status, _ = request("GET", "/v1/claims?limit=50", token=token)
    return status, (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default="target/release/claimledger")
    parser.add_argument("--logins", type=int, default=300)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args()

    work = tempfile.mkdtemp()
    env = dict(os.environ)
    env.update(
        CLAIMLEDGER_ADDR=f"127.0.0.1:{PORT}",
        CLAIMLEDGER_JWT_SECRET="flood-bench-jwt-secret-flood-bench-0123456789",
        CLAIMLEDGER_LEDGER_KEY="flood-bench-ledger-key-flood-bench-0123456789",
        CLAIMLEDGER_ADMIN_PASSWORD=ADMIN_PASSWORD,
        RUST_LOG="warn",
    )
    pg_admin = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    if args.backend == "postgres":
        base = pg_admin.rsplit("/", 1)[0]
        subprocess.run(["psql", pg_admin, "-qc", "DROP DATABASE IF EXISTS claimledger_flood WITH (FORCE)"], check=True)
        subprocess.run(["psql", pg_admin, "-qc", "CREATE DATABASE claimledger_flood"], check=True)
        env["DATABASE_URL"] = f"{base}/claimledger_flood"
    else:
        env["DATABASE_URL"] = os.path.join(work, "claimledger.db")
    server = subprocess.Popen([args.bin], env=env, stdout=subprocess.DEVNULL,
                              stderr=open(os.path.join(work, "server.log"), "w"))
    try:
        for _ in range(200):
            try:
                if request("GET", "/readyz", timeout=1)[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            sys.exit("the server did not start")
        status, body = request("POST", "/v1/auth/token", {"username": "admin", "password": ADMIN_PASSWORD})
        assert status == 200, body
        token = json.loads(body)["access_token"]

        idle = [timed_read(token)[1] for _ in range(30)]
        rss_before = peak_rss_mib(server.pid)

        barrier = threading.Barrier(args.logins + 1)
        statuses = collections.Counter()
        lock = threading.Lock()

        def login(i):
            barrier.wait()
            try:
                status, _ = request("POST", "/v1/auth/token",
                                    {"username": f"nobody{i}", "password": "not-the-password"})
            except OSError as e:
                status = type(e).__name__
            with lock:
                statuses[status] += 1

        threads = [threading.Thread(target=login, args=(i,)) for i in range(args.logins)]
        for t in threads:
            t.start()
        during, read_statuses = [], collections.Counter()
        barrier.wait()
        started = time.perf_counter()
        while any(t.is_alive() for t in threads):
            status, ms = timed_read(token)
            read_statuses[status] += 1
            during.append(ms)
        flood_secs = time.perf_counter() - started
        for t in threads:
            t.join()
        rss_after = peak_rss_mib(server.pid)

        print(f"binary: {args.bin}  backend: {args.backend}  logins at once: {args.logins}")
        print(f"flood answers: {dict(sorted(statuses.items(), key=str))}, all answered in {flood_secs:.2f} s")
        print(f"GET /v1/claims idle:   p50 {statistics.median(idle):.1f} ms, max {max(idle):.1f} ms")
        print(f"GET /v1/claims during: {len(during)} reads {dict(read_statuses)}, "
              f"p50 {statistics.median(during):.1f} ms, p99 {percentile(during, 99):.1f} ms, max {max(during):.1f} ms")
        print(f"peak RSS (VmHWM): {rss_before:.1f} MiB before the flood, {rss_after:.1f} MiB after")
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)
        if args.backend == "postgres":
            subprocess.run(["psql", pg_admin, "-qc", "DROP DATABASE IF EXISTS claimledger_flood WITH (FORCE)"])


if __name__ == "__main__":
    main()
