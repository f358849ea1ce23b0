"""PostgreSQL's side table of the dyad pages (``store.postgres_pages``) holds the pairs of every event, kept current.

Its rows must be what ``analysis.dyads.pairs`` makes of each stored event (one row per undirected pair, with the
direction(s) the pair has), after a rebuild and after every kind of write: new articles, a recoded article, a
registry correction that changes codes, concurrent writers; a store from before the table gets it on opening.
The answers of the pages that read it are checked against the in-memory path by ``tests/test_api_sql.py``.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_postgres_rebuild import SHAPES, _insert
from test_store_contract import (  # noqa: F401 - pg_server: the session's server
    DZA, FRA, MAR, _dyad_batch, coded, pg_server, write_concurrently,
)

from dyadwatch.analysis.dyads import pairs
from dyadwatch.analysis.store_sql import StoreSQL
from dyadwatch.records import Entity
from dyadwatch.store import open_store

Row = tuple[str, str, bool, bool, str]


def _expected(store: Any) -> list[Row]:
    """The rows ``pairs`` gives for every stored event (flagged, undated and later reports too)."""
    rows: list[Row] = []
    for event in StoreSQL(store).public(store.dicts("SELECT * FROM events")):
        directed = pairs(event, directed=True)
        for a, b in {tuple(sorted(p)) for p in directed}:
            rows.append((a, b, (a, b) in directed, (b, a) in directed, event["id"]))
    return sorted(rows)


def _kept(store: Any) -> list[Row]:
    return sorted(tuple(r) for r in store.query("SELECT a, b, ab, ba, id FROM dyad_events"))  # type: ignore[misc]


def _columns_match_events(store: Any) -> bool:
    """The event columns copied into the side table are the event's own."""
    cols = "id, date, doc_id, trigger_start, category, negated, hypothetical, quad, score"
    differ = store.query(f"SELECT count(*) FROM (SELECT {cols} FROM dyad_events EXCEPT SELECT {cols} FROM events) d")
    return bool(differ == [(0,)])


CASES = {**{name: [name, "one actor, one recipient"] for name in SHAPES}, "every shape together": list(SHAPES)}


@pytest.mark.parametrize("shapes", list(CASES.values()), ids=list(CASES))
def test_postgres_pages_rebuild_lists_the_pairs_of_every_event_shape(pg_server, shapes):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        _insert(store, shapes)
        store.rebuild_rollup()
        assert _kept(store) == _expected(store)
        assert _columns_match_events(store)


def test_postgres_pages_rebuild_twice_keeps_the_rows_and_both_indexes(pg_server):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        _insert(store, list(SHAPES))
        store.rebuild_rollup()
        first = _kept(store)
        store.rebuild_rollup()
        assert _kept(store) == first and first
        names = store.query("SELECT indexname FROM pg_indexes WHERE tablename = 'dyad_events' ORDER BY 1")
        assert names == [("dyad_events_id",), ("dyad_events_page",)]


def test_postgres_pages_follow_writes_recoding_and_registry_corrections(pg_server):  # noqa: F811
    person = Entity("UNK", "GOV", "Retailleau", "Bruno Retailleau", "Interior Minister", "person")
    with open_store(pg_server.create_database()) as store:
        store.write(_dyad_batch(), [])
        assert _kept(store) == _expected(store) and _kept(store)
        # a new coder version of "A" turns its pair around and adds a country: its old rows go
        store.write([coded("A", coder="dyadwatch-lexicon/0.2.0", actor=(MAR, FRA), recipient=(DZA,))], [])
        assert _kept(store) == _expected(store)
        store.write([coded("Retailleau warned Algeria.", actor=(person,), recipient=(DZA,))], [])
        before = _kept(store)
        user = [{"canonical": "Bruno Retailleau", "alias": "Retailleau", "code": "FRA", "sector": "GOV",
                 "role": "Minister of the Interior", "since": None, "until": None, "mentions": 0, "source": "user"}]
        store.refresh_registry(user_rows=user)  # the unknown code becomes FRA: a new pair
        assert _kept(store) == _expected(store) and len(_kept(store)) == len(before) + 1
        assert _columns_match_events(store)
        store.rebuild_rollup()
        assert _kept(store) == _expected(store)


def test_postgres_pages_same_article_twice_adds_no_rows(pg_server):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        store.write([coded("A"), coded("A")], [])
        store.write([coded("A")], [])
        assert _kept(store) == _expected(store) and len(_kept(store)) == 1


def test_postgres_pages_concurrent_writers_leave_no_duplicate_or_missing_rows(pg_server):  # noqa: F811
    url = pg_server.create_database()
    shapes = [((FRA,), (DZA,)), ((DZA, MAR), (FRA,)), ((FRA, MAR), ())]
    batches = [[coded(f"Report {i}.", actor=shapes[i % 3][0], recipient=shapes[i % 3][1]) for i in range(start, start + 24)]
               for start in (0, 8, 16)]
    assert write_concurrently(url, batches, 4) == []
    with open_store(url) as store:
        assert store.query("SELECT count(*) FROM events") == [(40,)]
        assert _kept(store) == _expected(store)
        assert store.query("SELECT count(*) - count(DISTINCT (id, a, b)) FROM dyad_events") == [(0,)]


def test_postgres_pages_store_from_before_the_table_gets_it_on_opening(pg_server):  # noqa: F811
    url = pg_server.create_database()
    with open_store(url) as store:
        store.write(_dyad_batch(), [])
        kept = _kept(store)
        store.query("DROP TABLE dyad_events")
    with open_store(url) as store:
        assert _kept(store) == kept and kept
        assert store.query("SELECT count(*) FROM pg_indexes WHERE tablename = 'dyad_events'") == [(2,)]
        store.write([coded("G", actor=(MAR,), recipient=(FRA,))], [])
        assert _kept(store) == _expected(store)


@pytest.mark.parametrize("dyad, directed", [(("FRA", "DZA"), False), (("DZA", "FRA"), True), (("FRA", "DZA"), True)])
def test_postgres_pages_a_dyads_page_walks_the_side_tables_index(pg_server, dyad, directed):  # noqa: F811
    from dyadwatch.analysis.queries import StoreReads

    with open_store(pg_server.create_database()) as store:
        store.write(_dyad_batch(), [])
        reads = StoreReads(store)
        source, params = reads.dyad_source(dyad, directed) or ("", [])
        assert "dyad_events" in source
        sql = f"SELECT e.id FROM {source} e ORDER BY {reads.key} LIMIT 50"
        with store.engine.connect() as conn:  # a tiny table is scanned: ask what plan a large one would get
            cur = conn.connection.cursor()
            cur.execute("SET enable_seqscan = off")
            cur.execute("SET enable_sort = off")
            from dyadwatch.store.postgres_store import qmark_to_format

            cur.execute("EXPLAIN " + qmark_to_format(sql), params)
            plan = "\n".join(r[0] for r in cur.fetchall())
        assert "dyad_events_page" in plan and "Sort" not in plan, plan
