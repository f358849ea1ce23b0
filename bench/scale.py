"""Query times on a large store: N synthetic events in DuckDB and PostgreSQL.

Events are generated inside each database with the same integer arithmetic,
so both hold identical data: one actor and one recipient per event, 40
countries drawn with a skew (a few dyads are busy, most are quiet), 16 PLOVER
categories, dates over 2015-2025, 2% negated. Only ``events``,
``event_entities`` and the rollups (``dyad_month``, ``actor_rollup``) are filled;
the articles table stays empty because no timed query reads it.

Timed, best of ``--repeat`` runs each:
  dyad series   the monthly series of the busiest dyad: DuckDB and PostgreSQL by SQL
                aggregate over the events, PostgreSQL from the rollup (what
                ``store.rollup.dyad_series`` reads), and both through
                ``store.events`` + ``analysis.dyads`` (the path without a rollup)
                for a quieter dyad, with its event count
  top dyads     the 10 busiest undirected dyads (SQL over events; PostgreSQL also from the rollup)
  event page    ``store.events`` pages of 50 for the busiest dyad (first page and offset 10,000)
                and for one category

Example:
    .venv/bin/python bench/scale.py --events 1000000
    .venv/bin/python bench/scale.py --events 10000000 --pg-url postgresql://me@localhost/bench
    .venv/bin/python bench/scale.py --events 10000000 --skip-duckdb --pg-dir /tmp/pg10   # kept for reruns
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Callable

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dyadwatch.store import EventQuery, open_store  # noqa: E402
from dyadwatch.store.postgres_store import INDEXES, TEXT_INDEXES  # noqa: E402
from dyadwatch.store.rollup import dyad_series  # noqa: E402

COUNTRIES = [
    "FRA", "DZA", "MAR", "USA", "RUS", "CHN", "UKR", "DEU", "GBR", "TUR", "EGY", "ISR", "IRN", "SAU", "IND", "PAK",
    "JPN", "KOR", "PRK", "BRA", "MEX", "ZAF", "NGA", "MLI", "TUN", "LBY", "ESP", "ITA", "POL", "SYR", "IRQ", "AFG",
    "VEN", "COL", "ETH", "SDN", "QAT", "ARE", "CAN", "AUS",
]
# category, quad, score
CATEGORIES = [
    ("AGREE", "VC", 3.0), ("CONSULT", "VC", 1.0), ("SUPPORT", "VC", 3.0), ("CONCEDE", "MC", 5.0),
    ("COOPERATE", "MC", 6.0), ("AID", "MC", 7.0), ("RETREAT", "MC", 5.0), ("REQUEST", "VC", 2.0),
    ("ACCUSE", "VF", -2.0), ("REJECT", "VF", -4.0), ("THREATEN", "VF", -6.0), ("PROTEST", "MF", -5.0),
    ("SANCTION", "MF", -6.0), ("MOBILIZE", "MF", -7.0), ("COERCE", "MF", -8.0), ("ASSAULT", "MF", -10.0),
]
CHUNK = 1_000_000
# PostgreSQL's secondary indexes, dropped for the load and built after it: the schema's and the store's own
PG_INDEXES = {
    "events_article": "CREATE INDEX events_article ON events (article_id)",
    "links_event": "CREATE INDEX links_event ON event_entities (event_id)",
    **INDEXES,
    **TEXT_INDEXES,  # the throwaway server has pg_trgm (the store creates the extension when it opens)
}


def _dialect(duck: bool) -> dict[str, str]:
    def arr(values: list[Any]) -> str:
        items = ", ".join(f"'{v}'" if isinstance(v, str) else repr(v) for v in values)
        return f"[{items}]" if duck else f"(ARRAY[{items}])"

    return {
        "div": "//" if duck else "/",
        "countries": arr(COUNTRIES),
        "cats": arr([c[0] for c in CATEGORIES]),
        "quads": arr([c[1] for c in CATEGORIES]),
        "scores": arr([c[2] for c in CATEGORIES]),
        "date": "strftime(DATE '2015-01-01' + CAST(d AS INTEGER), '%Y-%m-%d')" if duck else "to_char(DATE '2015-01-01' + CAST(d AS INTEGER), 'YYYY-MM-DD')",
        "series": "range({lo}, {hi}) t(i)" if duck else "generate_series(CAST({lo} AS BIGINT), {hi} - 1) t(i)",
    }


def _draws(d: dict[str, str], lo: int, hi: int) -> str:
    """i, a (actor index), r (recipient index), c (category index), d (day offset), per event."""
    n = len(COUNTRIES)
    div = d["div"]
    return f"""
        SELECT i, a, CASE WHEN r = a THEN (a + 1) % {n} ELSE r END AS r, c, dd AS d FROM (
            SELECT i,
                ((i * 2654435761) % 1000) * ((i * 2654435761) % 1000) * {n} {div} 1000000 AS a,
                ((i * 40503 + 12345) % 997) * ((i * 40503 + 12345) % 997) * {n} {div} 994009 AS r,
                (i * 2246822519) % {len(CATEGORIES)} AS c,
                (i * 3266489917) % 4018 AS dd
            FROM {d["series"].format(lo=lo, hi=hi)}
        ) s"""


def load_sql(duck: bool, lo: int, hi: int) -> list[str]:
    d = _dialect(duck)
    draws = _draws(d, lo, hi)
    events = f"""
        INSERT INTO events (id, article_id, doc_id, category, mode, contexts, actor_codes, recipient_codes, date,
            date_precision, negated, future, hypothetical, historical, score, quad, sentence, sentence_index,
            sentence_start, sentence_end, trigger, trigger_start, trigger_end, confidence, coder)
        SELECT 'e' || CAST(i AS VARCHAR), 'a' || CAST(i {d["div"]} 5 AS VARCHAR), 'doc-' || CAST(i {d["div"]} 5 AS VARCHAR),
            {d["cats"]}[c + 1], NULL, '[]', {d["countries"]}[a + 1], {d["countries"]}[r + 1], {d["date"]}, 'day',
            i % 50 = 0, false, false, false, {d["scores"]}[c + 1], {d["quads"]}[c + 1],
            'Synthetic event sentence number ' || CAST(i AS VARCHAR) || '.', CAST(i % 5 AS INTEGER), 0, 40,
            'trigger', 10, 17, 0.8, 'bench/0'
        FROM ({draws}) g"""
    links = f"""
        INSERT INTO event_entities (event_id, side, position, entity_id, code, sector, name, canonical, role, kind)
        SELECT 'e' || CAST(i AS VARCHAR), side, 0, code, code, 'GOV', code, code, NULL, 'country' FROM (
            SELECT i, 'actor' AS side, {d["countries"]}[a + 1] AS code FROM ({draws}) g
            UNION ALL
            SELECT i, 'recipient', {d["countries"]}[r + 1] FROM ({draws}) g
        ) x"""
    return [events, links]


def execute(store: Any, sql: str) -> None:
    if hasattr(store, "con"):
        store.con.execute(sql)
    else:
        with store.engine.begin() as conn:
            conn.connection.cursor().execute(sql)


def load(store: Any, n: int, duck: bool) -> dict[str, float]:
    """Generate n events in the store; PostgreSQL's secondary indexes are built after the load.

    On PostgreSQL the load is one transaction that first empties the two tables (``TRUNCATE``), so that a
    server with ``wal_level=minimal`` (``pgserver.py``) writes their rows without WAL; ``VACUUM`` then sets the
    visibility map that a store's autovacuum would, and ``ANALYZE`` the statistics.
    """
    times: dict[str, float] = {}
    started = time.perf_counter()
    if duck:
        for lo in range(0, n, CHUNK):
            for sql in load_sql(duck, lo, min(n, lo + CHUNK)):
                execute(store, sql)
            print(f"  loaded {min(n, lo + CHUNK):,} events", file=sys.stderr, flush=True)
    else:
        with store.engine.begin() as conn:
            cur = conn.connection.cursor()
            for name in PG_INDEXES:
                cur.execute(f"DROP INDEX IF EXISTS {name}")
            cur.execute("TRUNCATE events, event_entities")
            for lo in range(0, n, CHUNK):
                for sql in load_sql(duck, lo, min(n, lo + CHUNK)):
                    cur.execute(sql)
                print(f"  loaded {min(n, lo + CHUNK):,} events", file=sys.stderr, flush=True)
    times["load"] = time.perf_counter() - started
    if not duck:
        times["indexes"] = _timed_steps([*PG_INDEXES.values()], store)
        times["vacuum"] = _timed_steps(["VACUUM (ANALYZE) events", "VACUUM (ANALYZE) event_entities"], store, autocommit=True)
    started = time.perf_counter()
    store.rebuild_rollup()  # the load bypassed write: both stores' rollups are built once, after it
    if not duck:
        _timed_steps(["ANALYZE dyad_month", "ANALYZE dyad_period", "ANALYZE actor_rollup"], store)
    times["rollup"] = time.perf_counter() - started
    if not duck:  # the dyad pages' side table (built by the rebuild): its visibility map, for index-only scans
        times["vacuum"] += _timed_steps(["VACUUM (ANALYZE) dyad_events"], store, autocommit=True)
    return times


def _timed_steps(statements: list[str], store: Any, autocommit: bool = False) -> float:
    """Run PostgreSQL statements one by one, printing each one's time; VACUUM needs ``autocommit``."""
    started = time.perf_counter()
    for sql in statements:
        step = time.perf_counter()
        if autocommit:
            with store.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                raw.autocommit = True
                try:
                    raw.execute(sql)
                finally:
                    raw.autocommit = False
        else:
            execute(store, sql)
        print(f"  {time.perf_counter() - step:7.1f} s  {' '.join(sql.split())[:90]}", file=sys.stderr, flush=True)
    return time.perf_counter() - started


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return min(times), out


SERIES_SQL = """
    SELECT substr(e.date, 1, 7) AS month, count(*), sum(e.score)
    FROM events e
    JOIN event_entities x ON x.event_id = e.id AND x.side = 'actor'
    JOIN event_entities y ON y.event_id = e.id AND y.side = 'recipient'
    WHERE (x.code = ? AND y.code = ? OR x.code = ? AND y.code = ?) AND NOT e.negated AND NOT e.hypothetical
    GROUP BY 1 ORDER BY 1"""
TOP_SQL = """
    SELECT least(x.code, y.code), greatest(x.code, y.code), count(*)
    FROM events e
    JOIN event_entities x ON x.event_id = e.id AND x.side = 'actor'
    JOIN event_entities y ON y.event_id = e.id AND y.side = 'recipient'
    WHERE NOT e.negated AND NOT e.hypothetical
    GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10"""
TOP_ROLLUP_SQL = """
    SELECT a, b, sum(events) FROM dyad_month WHERE NOT directed GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT 10"""


def queries(store: Any, duck: bool, repeat: int, quiet: tuple[str, str] | None) -> dict[str, Any]:
    r: dict[str, Any] = {}
    r["top_dyads_sql"], top = best(lambda: store.query(TOP_SQL), repeat)
    (a, b, count) = top[0]
    r["busiest"] = f"{a}-{b} ({int(count):,} events)"
    r["series_sql"], _ = best(lambda: store.query(SERIES_SQL, [a, b, b, a]), repeat)
    if not duck:
        r["top_dyads_rollup"], top_r = best(lambda: store.query(TOP_ROLLUP_SQL), repeat)
        assert [tuple(x[:2]) for x in top_r] == [tuple(x[:2]) for x in top], "rollup and events disagree on top dyads"
        r["series_rollup"], _ = best(lambda: dyad_series(store, a, b, "month"), repeat)
    r["page_first"], _ = best(lambda: store.events(EventQuery(dyad=(a, b), limit=50)), repeat)
    r["page_deep"], _ = best(lambda: store.events(EventQuery(dyad=(a, b), limit=50, offset=10_000)), repeat)
    r["page_category"], _ = best(lambda: store.events(EventQuery(category="ASSAULT", limit=50)), repeat)
    if quiet is not None:
        store_events = type(store).events  # the path without a rollup, on any backend
        from dyadwatch.analysis.dyads import dyad_series as from_events

        def python_path() -> Any:
            return from_events(store_events(store, EventQuery(dyad=quiet)), *quiet, "month")

        r["series_events_path"], points = best(python_path, 1)
        r["quiet"] = f"{quiet[0]}-{quiet[1]} ({sum(p.events for p in points):,} events counted)"
    return r


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000, help="synthetic events to load (default 10 million)")
    parser.add_argument("--pg-url", default=None, help="an empty PostgreSQL database; default: start a throwaway server")
    parser.add_argument("--pg-dir", default=None,
                        help="keep the throwaway server's data in this folder; a rerun finds it loaded and skips the load")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-duckdb", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quiet-dyad", default="FRA-AUS", help="dyad timed through store.events + analysis (no rollup)")
    args = parser.parse_args(argv)
    quiet = tuple(args.quiet_dyad.split("-"))  # type: ignore[assignment]
    results: dict[str, dict[str, Any]] = {}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dyadwatch-scale-")))
        backends = [] if args.skip_duckdb else [("duckdb", str(tmp / "scale.duckdb"), False)]
        if not args.skip_postgres:
            if args.pg_url:
                backends.append(("postgres", args.pg_url, False))
            else:
                from pgserver import ThrowawayPostgres

                server = stack.enter_context(ThrowawayPostgres(args.pg_dir))
                backends.append(("postgres", server.url, server.reused))
        for name, url, loaded in backends:
            with open_store(url) as store:
                times: dict[str, float] = {}
                if loaded:
                    print(f"{name}: the kept server's {store.query('SELECT count(*) FROM events')[0][0]:,} events",
                          file=sys.stderr, flush=True)
                else:
                    print(f"{name}: loading {args.events:,} events (load average {_load_average()})", file=sys.stderr, flush=True)
                    times = load(store, args.events, name == "duckdb")
                print(f"{name}: queries (load average {_load_average()})", file=sys.stderr, flush=True)
                results[name] = {**times, **queries(store, name == "duckdb", args.repeat, quiet)}
    _print(args.events, results)
    print(f"load average at the end: {_load_average()}")
    return 0


def _load_average() -> str:
    """The machine's load average (1, 5, 15 minutes), for the reader of shared-machine timings."""
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _print(n: int, results: dict[str, dict[str, Any]]) -> None:
    print(f"\n{n:,} synthetic events ({2 * n:,} actor/recipient links); best of repeated runs, seconds")
    rows = [
        ("load (generate + insert)", "load"), ("  + secondary indexes", "indexes"), ("  + VACUUM, ANALYZE", "vacuum"),
        ("  + rollup build", "rollup"),
        ("dyad series, SQL over events", "series_sql"), ("dyad series, rollup", "series_rollup"),
        ("top 10 dyads, SQL over events", "top_dyads_sql"), ("top 10 dyads, rollup", "top_dyads_rollup"),
        ("event page 1 (dyad, 50 rows)", "page_first"), ("event page at offset 10,000", "page_deep"),
        ("event page 1 (category)", "page_category"), ("dyad series via store.events", "series_events_path"),
    ]
    names = list(results)
    print(f"{'':34}" + "".join(f"{n:>12}" for n in names))
    for label, key in rows:
        cells = [f"{results[n][key]:12.3f}" if isinstance(results[n].get(key), float) else f"{'-':>12}" for n in names]
        print(f"{label:34}" + "".join(cells))
    for n in names:
        print(f"{n}: busiest dyad {results[n]['busiest']}; store.events path timed on {results[n].get('quiet', '-')}")


if __name__ == "__main__":
    raise SystemExit(main())
