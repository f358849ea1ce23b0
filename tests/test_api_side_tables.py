"""The DuckDB side tables of the dyad pages and the text search answer what the scans answer.

``dyad_events`` (a dyad's events in page order) and ``text_vocab`` (the words of the searched texts) are
rebuilt with the rollups; the events pages, a dyad's series and shift ids, the tie order of the dyads by
volume and the text search read them. Each answer is held to the in-memory reference (``api_reference``)
on a random store built to hit every counting rule (``test_api_sql.build_synthetic``) and on one whose
texts have words that the needle splits across, and the numpy prefilter of the shifts to ``detect_shifts``.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any, Iterator

import pytest

pytest.importorskip("fastapi")

import api_reference as ref  # noqa: E402
from test_api_sql import build_synthetic, events_in_page_order  # noqa: E402
from test_store_contract import pg_server  # noqa: E402,F401 - the session's PostgreSQL server

from dyadwatch.analysis.dyad_reads import _flagged, _points  # noqa: E402
from dyadwatch.analysis.shifts import detect_shifts  # noqa: E402
from dyadwatch.api.service import Service  # noqa: E402
from dyadwatch.config import Config  # noqa: E402
from dyadwatch.records import Article, CodedArticle, Entity, Event, Evidence  # noqa: E402
from dyadwatch.store import open_store  # noqa: E402
from dyadwatch.store.base import EventQuery  # noqa: E402

# our own sentences: words a needle may cut (prefixes, suffixes, runs of separators, digits, underscores)
TEXTS = [
    "Talks on water-sharing resumed in Tunis.", "The envoy said talks  on trade would wait.", "Border_post 12 closed.",
    "Aid convoy 1234 reached the camp.", "Ministers met; talks on-going.", "Sanctions on oil exports, 12345 barrels.",
    "Talks on\nwater stalled.", "Le ministre a dit : « non ».", "Naval drill near the strait.", None,
]
NAMES = ["Foreign Ministry", "Defence_Council", "Prime Minister Ali", "Coast Guard 12", ""]
NEEDLES = [
    "talks on", "talks  on", "ks on w", "s on", "on", "water-sharing", "r-s", "border_post 1", "_post", "1234", "234 r",
    "12345 b", "minister", "ministry", "y said", "; talks", "e camp.", "« non", "dit :", "guard 1", "defence_c", "x",
    "Talks On Water", "zzz qqq", ".", " ", "aid", "agree",
]


def _articles(n: int, seed: int) -> list[CodedArticle]:
    rng = random.Random(seed)
    countries = ["FRA", "DZA", "MAR", "TUN", "UNK", ""]
    arts = []
    for i in range(n):
        events = []
        for j in range(rng.randrange(1, 4)):
            def side(k: int) -> tuple[Entity, ...]:
                return tuple(Entity(c, "GOV", rng.choice(NAMES) or c, rng.choice(["", c, rng.choice(NAMES)]))
                             for c in rng.sample(countries, k))
            text = rng.choice(TEXTS)
            events.append(Event(
                id=f"w{i:03d}-{j}", article_id=f"a{i:03d}", doc_id=f"d{rng.randrange(40):02d}", category=rng.choice(["CONSULT", "AID"]),
                mode=None, contexts=(), actor=side(rng.choice([1, 2])), recipient=side(rng.choice([0, 1])),
                date=rng.choice(["2024-01-03", "2024-02-10", "2024-02", None, "2023-11-30"]), date_precision="day",
                location=None, negated=rng.random() < 0.1, future=False, hypothetical=False, historical=False,
                score=1.0, quad="VC", evidence=Evidence(text, 0, 0, len(text or ""), "x", rng.choice([j, None]), 1),
                confidence=0.9, coder="test/1",
            ))
        arts.append(CodedArticle(Article(f"a{i:03d}", f"d{i:03d}", "Text.", None, "2024-01-01", None, "en", "test", "x"),
                                 "en", "coded", events=tuple(events), coder="test/1"))
    return arts


def _build_words(url: str) -> None:
    with open_store(url) as store:
        store.write(_articles(120, 5), [])


@pytest.fixture(scope="module", params=["synthetic", "words"])
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, list[dict[str, Any]]]]:
    url = str(tmp_path_factory.mktemp(request.param) / "s.duckdb")
    (build_synthetic if request.param == "synthetic" else _build_words)(url)
    service = Service(lambda: open_store(url), Config())
    yield service, events_in_page_order(service)
    service.close()


def test_side_tables_text_search_pages_equal_the_in_memory_filter(pair):
    service, events = pair
    with service.lock:  # the side tables answer (no silent fall back to the scans)
        assert service.reads().word_matches("talks on") is not None
        assert service.reads().dyad_source(("FRA", "DZA"), False) is not None
    for q in NEEDLES + ["straße", "état", "ΟΔΟΣ", "france and", "d'urgence", "ss"]:
        for filters in ({}, {"include_flagged": True}, {"dyad": ("FRA", "DZA")}, {"since": "2024"}):
            want = ref.list_events(events, 4, 1, q=q, **filters)
            got = service.list_events(4, 1, q=q, **filters)
            assert {k: v for k, v in got.items() if k != "next_cursor"} == want, (q, filters)


def test_side_tables_text_search_of_common_words_equals_the_in_memory_filter(pair, monkeypatch):
    from dyadwatch.analysis import text_search

    service, events = pair
    monkeypatch.setattr(text_search, "WORD_CANDIDATES", 3)  # every word is common: no named ids
    service.invalidate()
    for q in ["talks", "on", "talks on", "aid", "1234", "zzz", "ß", "ss"]:
        for filters in ({}, {"actor": "fra"}):
            want = ref.list_events(events, 4, 1, q=q, **filters)
            got = service.list_events(4, 1, q=q, **filters)
            assert {k: v for k, v in got.items() if k != "next_cursor"} == want, (q, filters)
    service.invalidate()


def test_side_tables_dyad_pages_equal_the_in_memory_filter(pair):
    service, events = pair
    dyads = [("FRA", "DZA"), ("DZA", "FRA"), ("MAR", "TUN"), ("TUN", "MAR"), ("FRA", "FRA"), ("UNK", "FRA"), ("", "DZA")]
    for dyad in dyads:
        for filters in ({}, {"directed": True}, {"include_flagged": True}, {"period": "2024-02"}, {"actor": "fra"},
                        {"category": "consult", "until": "2024-01"}):
            for limit, offset in ((50, 0), (2, 3)):
                want = ref.list_events(events, limit, offset, dyad=dyad, **filters)
                got = service.list_events(limit, offset, dyad=dyad, **filters)
                assert {k: v for k, v in got.items() if k != "next_cursor"} == want, (dyad, filters, limit, offset)


def test_side_tables_are_rebuilt_after_a_write(tmp_path):
    url = str(tmp_path / "s.duckdb")
    _build_words(url)
    service = Service(lambda: open_store(url), Config())
    before = service.list_events(50, 0, q="naval drill")["total"]
    text = "Naval drill off Bizerte."
    ev = Event(
        id="late-0", article_id="late", doc_id="late", category="CONSULT", mode=None, contexts=(),
        actor=(Entity("FRA", "GOV", "France", "France"),), recipient=(Entity("TUN", "GOV", "Tunisia", "Tunisia"),),
        date="2024-03-01", date_precision="day", location=None, negated=False, future=False, hypothetical=False,
        historical=False, score=1.0, quad="VC", evidence=Evidence(text, 0, 0, len(text), "drill", 6, 11), confidence=0.9,
        coder="test/1",
    )
    art = Article("late", "late", text, None, "2024-03-01", None, "en", "test", "late")
    service.locked_store().write([CodedArticle(art, "en", "coded", events=(ev,), coder="test/1")], [])
    assert service.list_events(50, 0, q="naval drill")["total"] == before + 1
    assert "late-0" in [e["id"] for e in service.list_events(50, 0, dyad=("TUN", "FRA"), since="2024-03")["items"]]
    assert "late-0" in [e["id"] for e in service.list_events(50, 0, actor="tunisia", since="2024-03")["items"]]
    service.close()


@pytest.mark.parametrize("window,threshold", [(3, 2.0), (1, 0.5), (2, 1.0), (1, 0.0), (5, 1.5), (3, -1.0), (4, 3.0)])
def test_side_tables_shift_prefilter_flags_what_detect_shifts_flags(window, threshold):
    rng = random.Random(window * 10 + int(threshold * 10))
    series = {}
    for d in range(120):
        points = []
        for m in range(rng.randrange(0, 30)):
            n = rng.randrange(1, 6)
            points.append((f"{2010 + m // 12}-{m % 12 + 1:02d}", n, float(sum(rng.choice([-10, -2, 1, 3, 7.5]) for _ in range(n)))))
        series[(f"A{d:03d}", f"B{d:03d}")] = points
    series[("C", "D")] = [(f"2020-{m:02d}", 2, 2.0) for m in range(1, 9)]  # a flat baseline
    want = []
    for (a, b), points in sorted(series.items()):
        want += detect_shifts(_points(points), None, f"{a}-{b}", window=window, threshold=threshold)
    assert _flagged(series, window, threshold) == want


def test_side_tables_actor_pages_equal_the_in_memory_ones(pair):
    service, events = pair
    keys = ["fra", "DZA", "unk", "UNK", "President Macron", "macron", "straße group", "STRASSE GROUP", "Foreign Ministry",
            "defence_council", "prime minister ali", "TUN", "nobody"]
    with service.lock:
        assert service.reads().actor_source("fra") is not None
    for key in keys:
        for filters in ({}, {"include_flagged": True}, {"q": "talks"}, {"since": "2024-02"}):
            for limit, offset in ((50, 0), (3, 2)):
                want = ref.list_events(events, limit, offset, actor=key, **filters)
                got = service.list_events(limit, offset, actor=key, **filters)
                assert {k: v for k, v in got.items() if k != "next_cursor"} == want, (key, filters, limit, offset)
        want = ref.actor(events, key, 5, 1)
        if want is not None:
            assert service.actor(key, 5, 1) == want, key


def test_side_tables_cased_characters_are_every_character_a_case_mapping_changes():
    from dyadwatch.analysis.text_search import _cased_characters

    every = (chr(n) for n in range(0x110000) if not 0xD800 <= n <= 0xDFFF)
    assert _cased_characters() == tuple(c for c in every if c.lower() != c or c.upper() != c or c.casefold() != c)


def test_side_tables_no_ascii_character_is_special_in_duckdb(tmp_path):
    service = Service(lambda: open_store(str(tmp_path / "s.duckdb")), Config())
    with service.lock:
        reads = service.reads()
        assert not reads._ascii_special()
        assert all(ord(c) > 0x7F for c in reads.special_characters())
    service.close()


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_side_tables_unfiltered_pages_of_a_dated_store_read_up_to_a_date_bound(tmp_path, request, backend):
    url = str(tmp_path / "s.duckdb") if backend == "duckdb" else request.getfixturevalue("pg_server").create_database()
    arts = [a for a in _articles(60, 9)]
    arts = [CodedArticle(a.article, a.language, a.status, coder=a.coder, events=tuple(
        dataclasses.replace(e, date=["2024-01-03", "2024-01-03", "2024-02", "2024-02-10", "2023-11-30"][k % 5])
        for k, e in enumerate(a.events))) for a in arts]
    with open_store(url) as store:
        store.write(arts, [])
    service = Service(lambda: open_store(url), Config())
    events = service.store.events(EventQuery())
    events.sort(key=lambda e: (e["date"] or "", e["doc_id"], e["evidence"]["trigger_start"] is None,
                               e["evidence"]["trigger_start"] or 0, e["id"]))
    with service.lock:
        assert service.reads().date_bound(5) is not None
    for limit, offset in ((3, 0), (5, 7), (10, 30), (50, 0), (4, 100), (2, 1000)):
        want = ref.list_events(events, limit, offset)
        got = service.list_events(limit, offset)
        assert {k: v for k, v in got.items() if k != "next_cursor"} == want, (limit, offset)
    service.close()
