"""PostgreSQL's directed day rollup (``store.postgres_days``: ``dyad_day_directed``) and the directed daily series.

One row per ordered pair (actor side first) and day. Its rows must be what the stored events give, recounted
here in Python (``analysis.dyads.pairs`` directed), after a rebuild, new articles in English and French, a
recoded article, a registry correction, the same article twice, concurrent writers, and on opening a store
built before the table (whose undirected rows must stay as they were). A directed daily series read from it
must equal the scan it replaces, with and without later reports in groups.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_postgres_pages_ten import _expected_days, _french_batch, _kept_days, _overlapping_batches
from test_postgres_rebuild import SHAPES, _insert
from test_store_contract import (  # noqa: F401 - pg_server: the session's server
    DZA, FRA, MAR, _dyad_batch, coded, pg_server, write_concurrently,
)

from dyadwatch.analysis.queries import StoreReads
from dyadwatch.records import Entity
from dyadwatch.store import open_store


def _expected(store: Any) -> list[tuple[Any, ...]]:
    return _expected_days(store, directed=True)


def _kept(store: Any) -> list[tuple[Any, ...]]:
    return _kept_days(store, "dyad_day_directed")


def _exact(store: Any) -> bool:
    return _kept(store) == _expected(store)


CASES = {**{name: [name, "one actor, one recipient"] for name in SHAPES}, "every shape together": list(SHAPES)}


@pytest.mark.parametrize("shapes", list(CASES.values()), ids=list(CASES))
def test_postgres_directed_days_rebuild_counts_each_direction_of_every_event_shape(pg_server, shapes):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        _insert(store, shapes)
        store.rebuild_rollup()
        assert _kept(store) == _expected(store)


@pytest.mark.parametrize("batch, present, absent", [
    # en: one way only; the other way has no row
    ([coded("Algeria recalled its ambassador from Paris.")], ("DZA", "FRA"), ("FRA", "DZA")),
    # fr: one way only, the other way round
    ([coded("Paris accuse Alger de bloquer les laissez-passer.", actor=(FRA,), recipient=(DZA,), category="ACCUSE",
            quad="VF", score=-2.0)], ("FRA", "DZA"), ("DZA", "FRA")),
    # actors without a recipient: each way
    ([coded("France and Algeria held talks.", actor=(FRA, DZA), recipient=(), category="CONSULT", quad="VC",
            score=1.0)], ("DZA", "FRA"), None),
    # fr: a negated event counts in neither way
    ([coded("Alger n'a pas rappelé son ambassadeur.", negated=True)], None, ("DZA", "FRA")),
])
def test_postgres_directed_days_hold_the_directions_the_events_give(pg_server, batch, present, absent):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        store.write(batch, [])
        assert _exact(store)
        keys = {(a, b) for a, b, *_ in _kept(store)}
        assert present is None or present in keys
        assert absent is None or absent not in keys


def test_postgres_directed_days_follow_writes_recoding_and_registry_corrections(pg_server):  # noqa: F811
    person = Entity("UNK", "GOV", "Retailleau", "Bruno Retailleau", "Interior Minister", "person")
    with open_store(pg_server.create_database()) as store:
        store.write(_dyad_batch() + _french_batch(), [])
        assert _exact(store) and _kept(store)
        # a new coder version turns a report's pair around, on another day: both days and directions change
        store.write([coded("A", coder="dyadwatch-lexicon/0.2.0", actor=(FRA,), recipient=(DZA,), date="2024-07-31")], [])
        assert _exact(store)
        assert not [r for r in _kept(store) if r[:3] == ("DZA", "FRA", "2024-07-31")]
        store.write([coded("Retailleau warned Algeria over the visas.", actor=(person,), recipient=(DZA,))], [])
        user = [{"canonical": "Bruno Retailleau", "alias": "Retailleau", "code": "FRA", "sector": "GOV",
                 "role": "Minister of the Interior", "since": None, "until": None, "mentions": 0, "source": "user"}]
        store.refresh_registry(user_rows=user)  # the unknown code becomes FRA: a new direction on its day
        assert _exact(store)
        store.rebuild_rollup()
        assert _exact(store)


def test_postgres_directed_days_same_article_twice_count_once(pg_server):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        store.write([coded("Algiers summoned the French envoy."), coded("Algiers summoned the French envoy.")], [])
        store.write([coded("Algiers summoned the French envoy.")], [])
        assert _exact(store) and [r[3] for r in _kept(store)] == [1]


def test_postgres_directed_days_stay_exact_under_concurrent_writers(pg_server):  # noqa: F811
    url = pg_server.create_database()
    assert write_concurrently(url, _overlapping_batches("Pourparlers numéro {i} sur la frontière."), 4) == []
    with open_store(url) as store:
        assert store.query("SELECT count(*) FROM events") == [(40,)]
        assert _exact(store)
        assert store.query("SELECT count(*) - count(DISTINCT (a, b, day)) FROM dyad_day_directed") == [(0,)]


def test_postgres_store_from_before_the_directed_days_gets_them_on_opening(pg_server):  # noqa: F811
    url = pg_server.create_database()
    with open_store(url) as store:
        store.write(_dyad_batch() + _french_batch(), [])
        directed, undirected = _kept(store), _kept_days(store)
        store.query("DROP TABLE dyad_day_directed")  # what the previous code built: the undirected table alone
        files = store.query("SELECT pg_relation_filenode('dyad_day')")  # a rebuild (TRUNCATE) would give a new file
    with open_store(url) as store:
        assert _kept(store) == directed and directed
        assert _kept_days(store) == undirected and store.query("SELECT pg_relation_filenode('dyad_day')") == files
        names = store.query("SELECT indexname FROM pg_indexes WHERE tablename = 'dyad_day_directed'")
        assert names == [("dyad_day_directed_key",)]
        store.write([coded("Le Maroc et la France ont tenu des pourparlers.", actor=(MAR,), recipient=(FRA,))], [])
        assert _exact(store)


def _series(store: Any, a: str, b: str, rollup: bool) -> list[dict[str, Any]]:
    reads = StoreReads(store)
    if not rollup:
        store.dyad_days = None  # the scan of the side table, as before the day rollup
    try:
        return [p.as_dict() for p in reads.dyad_series(a, b, "day", True)]
    finally:
        store.__dict__.pop("dyad_days", None)


@pytest.mark.parametrize("grouped", [False, True], ids=["no groups", "later reports in groups"])
# FRA to MAR: Rabat signed with Paris, never the other way round; DZA to DZA: no event holds it
@pytest.mark.parametrize("a, b, days", [("FRA", "DZA", True), ("DZA", "FRA", True), ("MAR", "FRA", True), ("FRA", "MAR", False),
                                        ("DZA", "DZA", False)])
def test_postgres_directed_day_series_from_the_rollup_equals_the_scan(pg_server, grouped, a, b, days):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        store.write(_dyad_batch() + _french_batch() + [
            coded("Algeria expelled twelve French officials.", date="2024-07-30", category="REDUCE", quad="MF", score=-5.0),
            coded("La France a expulsé des diplomates algériens.", date="2024-07-31", actor=(FRA,), recipient=(DZA,),
                  category="REDUCE", quad="MF", score=-5.0),
        ], [])
        if grouped:  # a report of each direction is a later report of the first
            ids = {r[1]: r[0] for r in store.query("SELECT id, sentence FROM events")}
            head = ids["Alger a rappelé son ambassadeur à Paris après les déclarations du ministre."]
            later = [ids["Paris accuse Alger de bloquer les laissez-passer consulaires."],
                     ids["Algeria expelled twelve French officials."]]
            store._apply_groups({head: head, **{eid: head for eid in later}})
        found = _series(store, a, b, True)
        assert found == _series(store, a, b, False)
        assert bool(found) == days
