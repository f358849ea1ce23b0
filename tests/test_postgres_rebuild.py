"""PostgreSQL's rollup rebuild (``rollup.rebuild_sql_pg``) gives the rows of the join-based statements it replaced.

The rebuild reads each event's links once, as arrays, and takes a short path for the common event (one coded
actor, one coded recipient, one or two links); every other shape of event goes through a DISTINCT per event.
These cases build events of every shape by hand, straight into the tables (as a bulk load would), and compare
the three rollups with what ``rollup.rebuild_sql()`` (the statements DuckDB still runs, written over joins of
the links) makes of the same rows. The contract tests check both against a scan of the events.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_store_contract import pg_server  # noqa: F401 - the session's PostgreSQL server

from dyadwatch.store import open_store
from dyadwatch.store import rollup

# a link: (side, code, canonical, name, sector, role)
Link = tuple[str, Any, Any, Any, Any, Any]


def link(side: str, code: Any, canonical: Any = "", name: Any = None, sector: Any = "GOV", role: Any = None) -> Link:
    return (side, code, canonical if canonical != "" else code, name if name is not None else code, sector, role)


# event shapes: (fields of the event, its links)
ONE_TO_ONE = [link("actor", "FRA"), link("recipient", "DZA")]
SHAPES: dict[str, tuple[dict[str, Any], list[Link]]] = {
    "one actor, one recipient": ({}, ONE_TO_ONE),
    "two actors, one recipient": ({}, [link("actor", "FRA"), link("actor", "MAR"), link("recipient", "DZA")]),
    "actors only": ({}, [link("actor", "FRA"), link("actor", "MAR"), link("actor", "TUN")]),
    "one actor only": ({}, [link("actor", "FRA")]),
    "same country on both sides": ({}, [link("actor", "FRA"), link("recipient", "FRA")]),
    "unknown and empty codes": ({}, [link("actor", "FRA"), link("recipient", "UNK"), link("recipient", ""),
                                     link("recipient", None, "Rebels", "rebels", None)]),
    "only unknown recipients": ({}, [link("actor", "FRA"), link("actor", "DZA"), link("recipient", "UNK")]),
    "a code twice on one side": ({}, [link("actor", "FRA"), link("actor", "FRA", "Paris", "Paris"), link("recipient", "DZA")]),
    "both countries on both sides": ({}, [link("actor", "FRA"), link("actor", "MAR"), link("recipient", "MAR"),
                                          link("recipient", "FRA")]),
    "one key on both links": ({}, [link("actor", "FRA", "France"), link("recipient", "FRA", "France")]),
    "two links, one key, other codes": ({}, [link("actor", "", "Wagner"), link("recipient", None, "Wagner")]),
    "names without canonical": ({}, [link("actor", "FRA", None, "Macron", "GOV", "head of state"),
                                     link("recipient", "DZA", "", "Tebboune", None, "president")]),
    "no name at all": ({}, [link("actor", "RUS", None, ""), link("recipient", "UKR", "", "")]),
    "no links": ({}, []),
    "negated": ({"negated": True}, ONE_TO_ONE),
    "hypothetical": ({"hypothetical": True}, ONE_TO_ONE),
    "undated": ({"date": ""}, ONE_TO_ONE),
    "no date": ({"date": None}, ONE_TO_ONE),
    "a year only": ({"date": "2019"}, ONE_TO_ONE),
    "a user type (no quad, no score)": ({"quad": None, "score": None, "category": "ELECTION"}, ONE_TO_ONE),
    "its own group": ({"event_group": "self"}, ONE_TO_ONE),
    "a later report of a group": ({"event_group": "e-first"}, [link("actor", "MAR"), link("recipient", "ESP")]),
}


def _insert(store: Any, shapes: list[str]) -> None:
    events, links = [], []
    for i, name in enumerate(shapes):
        fields, shape_links = SHAPES[name]
        eid = f"e{i:03d}"
        row = {"date": "2024-03-0" + str(1 + i % 9), "negated": False, "hypothetical": False, "quad": "VF",
               "score": -2.0 - i % 3, "category": ["ACCUSE", "REJECT"][i % 2], "event_group": None, **fields}
        group = eid if row["event_group"] == "self" else row["event_group"]
        events.append((eid, f"a{i % 4}", "doc", row["category"], row["date"], row["negated"], row["hypothetical"],
                       row["score"], row["quad"], group))
        links += [(eid, side, pos, f"ent{pos}", code, sector, nm, canon, role, "country")
                  for pos, (side, code, canon, nm, sector, role) in enumerate(shape_links)]
    with store.engine.begin() as conn:
        cur = conn.connection.cursor()
        cur.executemany(
            "INSERT INTO events (id, article_id, doc_id, category, date, negated, hypothetical, score, quad, event_group) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", events)
        cur.executemany(
            "INSERT INTO event_entities (event_id, side, position, entity_id, code, sector, name, canonical, role, kind) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", links)


def _rollups(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    return {t: sorted(store.query(f"SELECT * FROM {t}"), key=repr) for t in ("dyad_month", "dyad_period", "actor_rollup")}


def _reference(store: Any) -> dict[str, list[tuple[Any, ...]]]:
    with store.engine.begin() as conn:
        cur = conn.connection.cursor()
        for sql in rollup.rebuild_sql():
            cur.execute(sql)
    return _rollups(store)


CASES = {
    **{name: [name, "one actor, one recipient"] for name in SHAPES},
    "every shape together, twice": [*SHAPES, *SHAPES],
}


@pytest.mark.parametrize("shapes", list(CASES.values()), ids=list(CASES))
def test_postgres_rebuild_matches_the_join_statements(pg_server, shapes):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        _insert(store, shapes)
        expected = _reference(store)
        store.rebuild_rollup()
        assert _rollups(store) == expected
        assert expected["actor_rollup"], "the reference built no rows: the case tests nothing"


def test_postgres_rebuild_twice_in_a_row_gives_the_same_rows(pg_server):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        _insert(store, list(SHAPES))
        store.rebuild_rollup()
        first = _rollups(store)
        store.rebuild_rollup()  # the key is dropped and built again, the temporary table made again
        assert _rollups(store) == first
        assert store.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'dyad_month_pkey'") == [(1,)]
