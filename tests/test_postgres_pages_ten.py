"""PostgreSQL's day rollup (``store.postgres_days``) and counts of the searched words (``store.postgres_words``).

Both are kept current by every write (new articles, a recoded article, a registry correction, concurrent
writers) and rebuilt with the rollups; a store from before them gets them on opening. Their rows must be what
the stored events give, recounted here in Python (``analysis.dyads.pairs``, the search's word split). The readers
that use them must answer as the scans they replace: a dyad's daily series (later reports of a group read again),
the text search asked by the needle's rarest piece; the home page's latest shifts are found without numpy.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from test_postgres_rebuild import SHAPES, _insert
from test_store_contract import (  # noqa: F401 - pg_server: the session's server
    DZA, FRA, MAR, _dyad_batch, coded, pg_server, write_concurrently,
)

from dyadwatch.analysis.dyads import pairs
from dyadwatch.analysis.queries import StoreReads
from dyadwatch.analysis.shift_candidates import _flagged
from dyadwatch.analysis.store_sql import StoreSQL
from dyadwatch.api.service import Service
from dyadwatch.config import Config
from dyadwatch.records import Entity
from dyadwatch.store import open_store

QUADS = ("VC", "MC", "VF", "MF")


def _page_key(event: dict[str, Any]) -> tuple[Any, ...]:
    start = event["evidence"].get("trigger_start")
    return (event["date"] is None, event["date"] or "", event["doc_id"], start is None, start or 0, event["id"])


def _expected_days(store: Any, directed: bool = False) -> list[tuple[Any, ...]]:
    """(a, b, day, events, score sum, VC, MC, VF, MF, categories, counts) of every eligible event with a day, per
    pair (per ordered pair, actor side first, when ``directed``)."""
    events = sorted(StoreSQL(store).public(store.dicts("SELECT * FROM events")), key=_page_key)
    cells: dict[tuple[str, str, str], dict[str, Any]] = {}
    for event in events:
        date = event["date"] or ""
        if len(date) < 10 or not event.get("quad") or event["negated"] or event["hypothetical"]:
            continue
        for a, b in sorted(pairs(event, directed=directed)):
            cell = cells.setdefault((a, b, date[:10]), {"n": 0, "s": 0.0, "q": Counter(), "c": Counter()})
            cell["n"] += 1
            cell["s"] += event["score"]
            cell["q"][event["quad"]] += 1
            cell["c"][event["category"]] += 1  # a Counter keeps the order categories are first met in
    return sorted((*key, c["n"], round(c["s"], 6), *(c["q"][q] for q in QUADS), list(c["c"]), list(c["c"].values()))
                  for key, c in cells.items())


def _kept_days(store: Any, table: str = "dyad_day") -> list[tuple[Any, ...]]:
    rows = store.query(f"SELECT a, b, day, events, score_sum, vc, mc, vf, mf, categories, counts FROM {table}")
    return sorted((a, b, d, n, round(s, 6), *q, list(c), list(k)) for a, b, d, n, s, *q, c, k in rows)


def _expected_words(store: Any) -> dict[str, int]:
    """How often the lowered sentences and link names hold each word (runs of ASCII letters, digits, underscores)."""
    texts = [r[0] or "" for r in store.query("SELECT sentence FROM events")]
    texts += [r[0] or r[1] or "" for r in store.query("SELECT nullif(canonical, ''), name FROM event_entities")]
    return dict(Counter(w for t in texts for w in re.split("[^0-9a-z_]+", t.lower()) if w))


def _kept_words(store: Any) -> dict[str, int]:
    return {w: int(n) for w, n in store.query("SELECT word, n FROM text_words")}


def _exact(store: Any) -> bool:
    return _kept_days(store) == _expected_days(store) and _kept_words(store) == _expected_words(store)


CASES = {**{name: [name, "one actor, one recipient"] for name in SHAPES}, "every shape together": list(SHAPES)}


@pytest.mark.parametrize("shapes", list(CASES.values()), ids=list(CASES))
def test_postgres_days_rebuild_counts_the_eligible_days_of_every_event_shape(pg_server, shapes):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        _insert(store, shapes)
        store.rebuild_rollup()
        assert _kept_days(store) == _expected_days(store)


def _french_batch() -> list[Any]:
    return [
        coded("Alger a rappelé son ambassadeur à Paris après les déclarations du ministre.", date="2024-07-30"),
        coded("Paris accuse Alger de bloquer les laissez-passer consulaires.", date="2024-07-30", actor=(FRA,),
              recipient=(DZA,), category="ACCUSE", quad="VF", score=-2.0),
        coded("Rabat et Paris ont signé un accord sur l'eau.", date="2024-07-30T09:00", actor=(MAR,), recipient=(FRA,),
              category="COOPERATE", quad="VC", score=3.0),
    ]


def test_postgres_days_and_words_follow_writes_recoding_and_registry_corrections(pg_server):  # noqa: F811
    person = Entity("UNK", "GOV", "Retailleau", "Bruno Retailleau", "Interior Minister", "person")
    with open_store(pg_server.create_database()) as store:
        store.write(_dyad_batch() + _french_batch(), [])
        assert _exact(store) and _kept_days(store) and _kept_words(store)
        # a new coder version turns a report's pair around, on another day: both days change
        store.write([coded("A", coder="dyadwatch-lexicon/0.2.0", actor=(MAR, FRA), recipient=(DZA,), date="2024-07-31")], [])
        assert _exact(store)
        store.write([coded("Retailleau warned Algeria over the visas.", actor=(person,), recipient=(DZA,))], [])
        user = [{"canonical": "Bruno Retailleau", "alias": "Retailleau", "code": "FRA", "sector": "GOV",
                 "role": "Minister of the Interior", "since": None, "until": None, "mentions": 0, "source": "user"}]
        store.refresh_registry(user_rows=user)  # the unknown code becomes FRA: a new pair on its day
        assert _exact(store)
        store.rebuild_rollup()
        assert _exact(store)


def test_postgres_days_and_words_same_article_twice_count_once(pg_server):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        store.write([coded("Algiers summoned the French envoy."), coded("Algiers summoned the French envoy.")], [])
        store.write([coded("Algiers summoned the French envoy.")], [])
        assert _exact(store) and _kept_words(store)["algiers"] == 1


def _overlapping_batches(text: str) -> list[list[Any]]:
    """Three writers' batches of 24 articles, each sharing 16 with another (40 distinct), over three dyad shapes,
    four days and two categories; ``text`` is the article's sentence with ``{i}`` for its number."""
    shapes = [((FRA,), (DZA,)), ((DZA, MAR), (FRA,)), ((FRA, MAR), ())]
    return [[coded(text.format(i=i), actor=shapes[i % 3][0], recipient=shapes[i % 3][1], date=f"2024-05-0{1 + i % 4}",
                   category=["CONSULT", "ACCUSE"][i % 2]) for i in range(start, start + 24)] for start in (0, 8, 16)]


def test_postgres_days_and_words_stay_exact_under_concurrent_writers(pg_server):  # noqa: F811
    url = pg_server.create_database()
    assert write_concurrently(url, _overlapping_batches("Talks number {i} on the border."), 4) == []
    with open_store(url) as store:
        assert store.query("SELECT count(*) FROM events") == [(40,)]
        assert _exact(store)
        assert store.query("SELECT count(*) - count(DISTINCT (a, b, day)) FROM dyad_day") == [(0,)]


def test_postgres_days_and_words_store_from_before_them_gets_them_on_opening(pg_server):  # noqa: F811
    url = pg_server.create_database()
    with open_store(url) as store:
        store.write(_dyad_batch() + _french_batch(), [])
        days, words = _kept_days(store), _kept_words(store)
        store.query("DROP TABLE dyad_day")
        store.query("DROP TABLE text_words")
    with open_store(url) as store:
        assert _kept_days(store) == days and _kept_words(store) == words and days and words
        names = store.query("SELECT indexname FROM pg_indexes WHERE tablename IN ('dyad_day', 'text_words') ORDER BY 1")
        assert names == [("dyad_day_key",), ("text_words_key",), ("text_words_trgm",)]
        store.write([coded("Morocco and France held talks.", actor=(MAR,), recipient=(FRA,))], [])
        assert _exact(store)


def _series(store: Any, a: str, b: str, directed: bool, rollup: bool) -> list[dict[str, Any]]:
    reads = StoreReads(store)
    if not rollup:
        store.dyad_days = None  # the scan of the side table, as before the day rollup
    try:
        return [p.as_dict() for p in reads.dyad_series(a, b, "day", directed)]
    finally:
        store.__dict__.pop("dyad_days", None)


@pytest.mark.parametrize("grouped", [False, True], ids=["no groups", "later reports in groups"])
def test_postgres_day_series_from_the_rollup_equals_the_scan(pg_server, grouped):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        batch = _dyad_batch() + _french_batch() + [
            coded("Algeria expelled twelve French officials.", date="2024-07-30", category="REDUCE", quad="MF", score=-5.0),
            coded("France answered by expelling Algerian officials.", date="2024-07-31", actor=(FRA,), recipient=(DZA,),
                  category="REDUCE", quad="MF", score=-5.0),
        ]
        store.write(batch, [])
        if grouped:  # the second report of a day, and one of the next day, are later reports of the first
            ids = {r[1]: r[0] for r in store.query("SELECT id, sentence FROM events")}
            head = ids["Alger a rappelé son ambassadeur à Paris après les déclarations du ministre."]
            later = [ids["Paris accuse Alger de bloquer les laissez-passer consulaires."],
                     ids["France answered by expelling Algerian officials."]]
            store._apply_groups({head: head, **{eid: head for eid in later}})
        for a, b, directed in [("FRA", "DZA", False), ("DZA", "FRA", False), ("MAR", "FRA", False), ("FRA", "DZA", True)]:
            assert _series(store, a, b, directed, True) == _series(store, a, b, directed, False), (a, b, directed)
        assert _series(store, "FRA", "DZA", False, True)


def _search_batch() -> list[Any]:
    return [coded(text, date=f"2024-03-{10 + i}") for i, text in enumerate([
        "Talks on the border resumed in Rabat.",
        "The border talks number 12 stalled.",
        "Les pourparlers sur la frontière ont repris à Alger.",
        "Border guards fired on smugglers near the border post.",
        "Le ministre a évoqué les pourparlers numéro 12.",
    ])]


@pytest.mark.parametrize("pieces, rarest", [
    (["border", "talks"], "talks"),  # border is in three sentences, talks in two
    (["pourparlers", "ministre"], "ministre"),
    (["number", "12"], "number"),  # a piece under three characters has no trigram: never chosen
    (["12", "la"], None),
    (["zebra"], "zebra"),
])
def test_postgres_rarest_piece_is_the_one_the_fewest_words_hold(pg_server, pieces, rarest):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        store.write(_search_batch(), [])
        assert store.rarest_piece(pieces) == rarest


@pytest.mark.parametrize("q", [
    "border talks", "talks number 12", "Number 12", "pourparlers sur", "numéro 12", "près", "border_", "smugglers near",
    "nothing like it", "fire", "Algeria",
])
def test_postgres_text_search_by_the_rarest_piece_answers_as_the_whole_needle(pg_server, q):  # noqa: F811
    url = pg_server.create_database()
    with open_store(url) as store:
        store.write(_search_batch(), [])
    service = Service(lambda: open_store(url), Config())
    narrowed = service.list_events(50, 0, q=q)
    service.store.rarest_piece = lambda pieces: None  # type: ignore[attr-defined] # the whole needle's LIKE, as before
    service.invalidate()
    assert service.list_events(50, 0, q=q) == narrowed
    service.close()


@pytest.mark.parametrize("texts, wide", [
    (["Algeria recalled its ambassador."], 0),
    (["L'Algérie a rappelé son ambassadeur."], 1),
    (["Talks resumed."], 0),
])
def test_postgres_wide_text_events_tells_whether_a_text_is_outside_ascii(pg_server, texts, wide):  # noqa: F811
    with open_store(pg_server.create_database()) as store:
        store.write([coded(t) for t in texts], [])
        assert store.wide_text_events() == wide


def test_postgres_wide_text_events_sees_a_name_outside_ascii(pg_server):  # noqa: F811
    minister = Entity("FRA", "GOV", "Bruno Le Maire", "Ministre de l'Économie", "Minister", "person")
    with open_store(pg_server.create_database()) as store:
        store.write([coded("The minister spoke.", actor=(minister,))], [])
        assert store.wide_text_events() == 1


def _random_series(seed: int) -> dict[tuple[str, str], list[tuple[str, int, float]]]:
    import random

    rng = random.Random(seed)
    out: dict[tuple[str, str], list[tuple[str, int, float]]] = {}
    for d in range(12):
        months = sorted(rng.sample([f"202{y}-{m:02d}" for y in range(3) for m in range(1, 13)], rng.randint(1, 30)))
        out[(f"C{d:02d}", "ZZZ")] = [(m, n, rng.choice([-8.0, -2.5, 0.0, 1.5, 4.0]) * n)
                                      for m in months for n in [rng.randint(1, 40)]]
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("window, threshold", [(3, 2.0), (1, 0.5), (2, 1.0), (1, 0.0)])
def test_latest_shifts_without_numpy_are_the_first_of_every_shift(seed, window, threshold):
    series = _random_series(seed)
    every = sorted(_flagged(series, window, threshold), key=lambda s: (s.period, abs(s.z)), reverse=True)
    for n in (1, 6, len(every), len(every) + 2):
        latest = sorted(_flagged(series, window, threshold, n), key=lambda s: (s.period, abs(s.z)), reverse=True)
        assert latest[:n] == every[:n], n


def test_latest_shifts_decide_the_latest_periods_only():
    # a shift in April (an index of 9 after 1, 1, 1) and one in December; the home page's first is December's
    index = {4: 9.0, 12: 9.0}
    series = {("DZA", "FRA"): [(f"2024-{m:02d}", 1, index.get(m, 1.0)) for m in range(1, 13)]}
    assert sorted({s.period for s in _flagged(series, 3, 2.0)}) == ["2024-04", "2024-12"]
    assert [s.period for s in _flagged(series, 3, 2.0, 1)] == ["2024-12"]
