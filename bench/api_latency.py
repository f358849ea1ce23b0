"""Latency of the REST API under a short loopback load: p50 and p99 per endpoint.

Codes the demo corpus into a temporary database (or uses --db), starts
``dyadwatch serve`` on a free 127.0.0.1 port in a subprocess, warms it up,
then sends a bounded number of requests (sequentially, then from a few
threads at once) to the dyad series and events endpoints with httpx, and
prints the percentiles. Only loopback traffic; it stops by itself.

    .venv/bin/python bench/api_latency.py [--db demo.duckdb] [--requests 300] [--threads 4]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from dyadwatch.cli.main import app; app()"]
ENDPOINTS = {
    "dyad series  /api/dyads/FRA/DZA?by=month": "/api/dyads/FRA/DZA?by=month",
    "events       /api/events?dyad=FRA-DZA&limit=50": "/api/events?dyad=FRA-DZA&limit=50",
    "events q     /api/events?q=ambassador": "/api/events?q=ambassador",
}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed(client: httpx.Client, path: str) -> float:
    t0 = time.perf_counter()
    r = client.get(path)
    elapsed = (time.perf_counter() - t0) * 1000
    r.raise_for_status()
    return elapsed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="An existing database (default: code the demo corpus into a temporary one).")
    ap.add_argument("--requests", type=int, default=300, help="Requests per endpoint and mode (max 2000).")
    ap.add_argument("--threads", type=int, default=4, help="Concurrent clients in the concurrent mode (max 16).")
    args = ap.parse_args()
    n, threads = min(args.requests, 2000), min(args.threads, 16)
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYADWATCH_")}
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "demo.duckdb")
    if not args.db:
        subprocess.run(CLI + ["code", str(ROOT / "examples/demo/articles.jsonl"), "--db", db, "--no-progress"],
                       check=True, env=env, capture_output=True)
    port = free_port()
    server = subprocess.Popen(CLI + ["serve", "--db", db, "--port", str(port)], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            for _ in range(100):
                try:
                    client.get("/api/overview").raise_for_status()
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            for path in ENDPOINTS.values():  # warm-up: caches, first imports
                for _ in range(10):
                    timed(client, path)
            print(f"dyadwatch API latency, loopback, {n} requests per endpoint and mode (ms)")
            print(f"{'endpoint':52} {'mode':14} {'p50':>7} {'p99':>7} {'mean':>7}")
            for name, path in ENDPOINTS.items():
                seq = [timed(client, path) for _ in range(n)]
                with ThreadPoolExecutor(threads) as pool:
                    clients = [httpx.Client(base_url=base, timeout=10) for _ in range(threads)]
                    conc = list(pool.map(lambda i: timed(clients[i % threads], path), range(n)))
                    for c in clients:
                        c.close()
                for mode, values in (("sequential", seq), (f"{threads} threads", conc)):
                    print(f"{name:52} {mode:14} {percentile(values, 50):7.1f} {percentile(values, 99):7.1f} {statistics.fmean(values):7.1f}")
    finally:
        server.terminate()
        server.wait(timeout=10)
        tmp.cleanup()


if __name__ == "__main__":
    main()
