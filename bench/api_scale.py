"""API service calls on a large store, in process: time per call and peak memory, SQL reads against the old path.

Loads N synthetic events into a DuckDB file, and with ``--backend postgres`` into a throwaway PostgreSQL
server (``bench/pgserver.py``; its indexes built after the load, and on both stores the rollups
``dyad_month`` and ``actor_rollup``, whose build time is printed; on PostgreSQL the pages' side tables too:
``dyad_events``, the day rollup ``dyad_day`` and the word counts ``text_words``; a kept server from before
those gets them when the timed process opens it, so run one ``open_store`` first to time that apart), with
``bench/scale.py``'s generator (one actor and one recipient per event, 40 countries with a skew,
16 categories, 2015-2025, 2% negated; no articles), then times the ``api.service.Service`` calls the dashboard and the REST API make, each in a fresh
process so that its peak resident memory (``ru_maxrss``) is its own:

  new   the service as it is: SQL aggregates, filters and pages (``analysis.queries``); the first
        call of an aggregate fills the cache that lasts until the next write, so it is timed cold
        and warm
  old   the in-memory path it replaced (``tests/api_reference.py``): every event read into Python
        dicts once, then each answer computed over the list (``--old`` to run it; minutes and GBs
        from a few million events; above 200,000 events the overview, the dyads by change and the
        shifts are left out: they walk every event once per dyad)

The peak memory of a PostgreSQL run is the client's (the Python process): the server's is not in it.

Example:
    .venv/bin/python bench/api_scale.py --events 1000000 --old
    .venv/bin/python bench/api_scale.py --events 10000000 --backend duckdb --backend postgres
    .venv/bin/python bench/api_scale.py --events 10000000 --backend postgres --pg-dir /tmp/pg10  # reuses a kept server
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

CALLS = [
    ("overview", lambda s: s.overview()),
    ("events page 1", lambda s: s.list_events(50, 0)),
    ("events page at offset 10,000", lambda s: s.list_events(50, 10_000)),
    ("events page after 10,000 (cursor)", lambda s: s.list_events(50, 0, cursor=CURSOR[0])),
    ("events of a dyad, page 1", lambda s: s.list_events(50, 0, dyad=("FRA", "DZA"))),
    ("events of a dyad in a month", lambda s: s.list_events(50, 0, dyad=("FRA", "DZA"), period="2020-03")),
    ("events, text search", lambda s: s.list_events(50, 0, q="number 12345")),
    ("actors", lambda s: s.list_actors(None, 50, 0)),
    ("one actor", lambda s: s.actor("DZA", 50, 0)),
    ("dyads by volume", lambda s: s.list_dyads("volume", "month", 50, 0)),
    ("dyads by change", lambda s: s.list_dyads("change", "month", 50, 0)),
    ("shifts", lambda s: s.list_shifts("month", 3, 2.0, 50, 0)),
    ("one dyad, monthly", lambda s: s.dyad("FRA", "DZA", "month")),
    ("one dyad, daily", lambda s: s.dyad("FRA", "DZA", "day")),
    ("one dyad, daily, directed", lambda s: s.dyad("FRA", "DZA", "day", directed=True)),
]

# the cursor of the 10,000th event, read before the timings (``run_new``)
CURSOR = [""]
# the old calls that walk every event once per dyad (780 dyads here): left out of the old path above this size
DYAD_SCANS = {"overview", "dyads by change", "shifts"}
SCAN_LIMIT = 200_000


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_new(db: str) -> dict[str, Any]:
    from dyadwatch.analysis import queries
    from dyadwatch.api.service import Service
    from dyadwatch.config import Config
    from dyadwatch.store import open_store

    service = Service(lambda: open_store(db), Config())
    out: dict[str, Any] = {"peak_open": peak_mib()}
    with service.lock:  # not through the service: its cache would warm the timed calls
        ids = service.reads().store.query(f"SELECT e.id FROM events e ORDER BY {service.reads().key} LIMIT 1 OFFSET 9999")
        rows = service.reads().store.dicts("SELECT * FROM events WHERE id = ?", [ids[0][0]])
        if hasattr(queries, "cursor_of"):  # a dyadwatch older than the cursor is timed without it
            CURSOR[0] = queries.cursor_of(service.reads().public(rows)[0])
    for name, call in CALLS:
        if "cursor" in name and not CURSOR[0]:
            continue
        load = os.getloadavg()[0]
        out[name] = [_timed(lambda: call(service)) for _ in range(2)]  # cold, then warm (cached aggregates)
        out.setdefault("load", {})[name] = load
    out["peak"] = peak_mib()
    service.close()
    return out


class _Old:
    """The old service calls over every event in memory (``tests/api_reference.py``)."""

    def __init__(self, db: str) -> None:
        import api_reference as ref

        from dyadwatch.store import open_store
        from dyadwatch.store.base import EventQuery

        self.ref, self.store = ref, open_store(db)
        self.events: list[dict[str, Any]] | None = None
        self.query = EventQuery

    def all_events(self) -> list[dict[str, Any]]:
        if self.events is None:
            self.events = self.store.events(self.query())
        return self.events

    def __getattr__(self, name: str) -> Callable[..., Any]:
        fn = getattr(self.ref, name)
        if name == "overview":
            return lambda: fn(self.all_events(), self.store.query("SELECT count(*) FROM articles")[0][0])
        if name == "dyad":
            return lambda *a: fn(self.all_events(), self.store, *a)
        return lambda *a, **k: fn(self.all_events(), *a, **k)


def run_old(db: str) -> dict[str, Any]:
    service = _Old(db)
    out: dict[str, Any] = {"peak_open": peak_mib()}
    out["read every event"] = [_timed(service.all_events)]
    many = len(service.all_events()) > SCAN_LIMIT
    for name, call in CALLS:
        if many and name in DYAD_SCANS:
            continue  # one pass over every event per dyad: hours at this size
        out[name] = [_timed(lambda: call(service))]
    out["peak"] = peak_mib()
    return out


def _timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def build(db: str, n: int) -> float:
    from scale import load

    from dyadwatch.store import open_store

    started = time.perf_counter()
    with open_store(db) as store:
        steps = load(store, n, duck=not db.startswith("postgres"))
    print("  " + ", ".join(f"{k} {v:.1f} s" for k, v in steps.items()), file=sys.stderr, flush=True)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000, help="synthetic events to load (default 1 million)")
    parser.add_argument("--backend", action="append", choices=["duckdb", "postgres"],
                        help="store to time, repeatable (default duckdb); postgres starts a throwaway server")
    parser.add_argument("--db", help="a DuckDB file or PostgreSQL URL already loaded by this script (skips the load)")
    parser.add_argument("--pg-dir", help="with --backend postgres: keep the server's data in this folder; a rerun skips the load")
    parser.add_argument("--old", action="store_true", help="also time the old in-memory path on DuckDB (slow, needs GBs)")
    parser.add_argument("--mode", choices=["new", "old"], help=argparse.SUPPRESS)  # one measurement, in a child
    args = parser.parse_args(argv)
    if args.mode:
        print(json.dumps((run_new if args.mode == "new" else run_old)(args.db)))
        return 0
    results: dict[str, dict[str, Any]] = {}
    for backend in ([] if args.db else args.backend or ["duckdb"]) + ([args.db] if args.db else []):
        with tempfile.TemporaryDirectory(prefix="dyadwatch-api-scale-") as tmp, contextlib.ExitStack() as stack:
            db, loaded = backend, bool(args.db)
            if backend == "duckdb":
                db = str(Path(tmp) / "api.duckdb")
            elif backend == "postgres":
                from pgserver import ThrowawayPostgres

                server = stack.enter_context(ThrowawayPostgres(args.pg_dir))
                db, loaded = server.url, server.reused
            name = "postgres" if db.startswith("postgres") else "duckdb"
            if not loaded:
                print(f"loading {args.events:,} events into {name}: {build(db, args.events):.1f} s", file=sys.stderr, flush=True)
            for mode in ["new"] + (["old"] if args.old and name == "duckdb" else []):
                child = subprocess.run([sys.executable, __file__, "--db", db, "--mode", mode], capture_output=True, text=True)
                if child.returncode != 0:
                    print(child.stderr, file=sys.stderr)
                    return 1
                results[f"{name} {mode}"] = json.loads(child.stdout.strip().splitlines()[-1])
    _print(args.events if not args.db else None, results)
    return 0


def _print(n: int | None, results: dict[str, dict[str, Any]]) -> None:
    size = f"{n:,} synthetic events" if n else "the given store"
    print(f"\nAPI service calls on {size}, seconds; new: cold / warm (aggregates cached until a write); "
          "load: the machine's 1-minute load average before the call")
    names = ["read every event"] + [name for name, _ in CALLS]
    heads = [(key, col) for key in results for col in ((0, 1) if key.endswith("new") else (0,))]
    print(f"{'call':36}" + "".join(f"{key.replace(' new', '') + (' cold' if c == 0 and key.endswith('new') else ' warm' if c else ''):>17}"
                                   for key, c in heads) + "".join(f"{key.replace(' new', '') + ' load':>17}" for key in results if "load" in results[key]))
    for name in names:
        cells = []
        for key, c in heads:
            got = results[key].get(name)
            cells.append(f"{got[c]:17.3f}" if got else f"{'-':>17}")
        cells += [f"{r['load'][name]:17.1f}" if name in r["load"] else f"{'-':>17}" for r in results.values() if "load" in r]
        print(f"{name:36}" + "".join(cells))
    for key, r in results.items():
        print(f"{key}: peak RSS {r['peak']:,.0f} MiB (after opening the store: {r['peak_open']:,.0f} MiB)")


if __name__ == "__main__":
    raise SystemExit(main())
