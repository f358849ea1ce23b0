"""The SQL-backed API answers exactly what the old in-memory code answered (``tests/api_reference.py``).

Three stores: the small hand-built store of ``test_api``, the demo corpus coded with the real models
(skipped without them), and a random synthetic store built to hit every counting rule: report groups
whose first report is flagged, compound and recipient-less events, ``UNK``, empty and NULL codes,
person actors with roles, year- and month-only and missing dates, user-defined types with no quad,
and text that ``str.casefold`` and SQL ``lower`` treat apart (ß, final sigma, capitals with accents).
Each runs on DuckDB, and on PostgreSQL where ``test_store_contract``'s server can start.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path
from typing import Any, Iterator

import pytest

pytest.importorskip("fastapi")

import api_reference as ref  # noqa: E402
from test_api import coded_store  # noqa: E402
from test_store_contract import pg_server  # noqa: E402,F401 - the session's PostgreSQL server

from dyadwatch.api.service import Service  # noqa: E402
from dyadwatch.config import Config  # noqa: E402
from dyadwatch.errors import DyadwatchError  # noqa: E402
from dyadwatch.records import Article, CodedArticle, Entity, Event, Evidence  # noqa: E402
from dyadwatch.store import open_store  # noqa: E402
from dyadwatch.store.base import EventQuery  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CODES = ["FRA", "DZA", "MAR", "USA", "UNK", ""]
# (category, quad, score); CUSTOM is a user-defined type: no quad class, no score
CATEGORIES = [("AGREE", "VC", 3.0), ("CONSULT", "VC", 1.0), ("AID", "MC", 7.5), ("ACCUSE", "VF", -2.0),
              ("SANCTION", "MF", -6.5), ("ASSAULT", "MF", -10.0), ("CUSTOM", None, None)]
SENTENCES = ["France and Algeria met in Paris.", "Die Straße nach Rabat blieb zu.", "ΟΔΟΣ and talks stalled.",
             "L'État algérien a protesté.", "ÉTAT D'URGENCE declared by Morocco.", "Ambassador recalled.",
             "İstanbul talks on aid.", "STRASSE blocked by troops."]
DATES = ["2023-01-05", "2023-01-20", "2023-02-11", "2023-03-03", "2023-03-30", "2023-04-15", "2023-05-02",
         "2023-06-09", "2023-06", "2023", None, "2024-01-01", "2024-02-14", "2024-03-07"]


def _entity(rng: random.Random) -> Entity:
    code = rng.choice(CODES)
    if rng.random() < 0.25:
        name = rng.choice(["Macron", "Tebboune", "Blinken", "Akhannouch"])
        canonical = rng.choice([f"President {name}", name, ""])
        return Entity(code, rng.choice(["GOV", None, "MIL"]), name, canonical, role=rng.choice(["President", None, "Minister"]), kind="person")
    names = {"FRA": "France", "DZA": "Algeria", "MAR": "Morocco", "USA": "United States", "UNK": "Somebody", "": "Straße Group"}
    return Entity(code, rng.choice(["GOV", "GOV", None]), names[code], names[code])


def synthetic_articles(n: int, seed: int) -> list[CodedArticle]:
    rng = random.Random(seed)
    arts = []
    for i in range(n):
        aid, doc = f"art{i:04d}", f"doc-{rng.randrange(n // 2):04d}"
        events = []
        for j in range(rng.randrange(0, 4)):
            cat, quad, score = rng.choice(CATEGORIES)
            sentence = rng.choice(SENTENCES)
            actors = tuple(_entity(rng) for _ in range(rng.choice([1, 1, 2, 3])))
            recips = tuple(_entity(rng) for _ in range(rng.choice([0, 1, 1, 2])))
            events.append(Event(
                id=f"ev{i:04d}-{j}", article_id=aid, doc_id=doc, category=cat, mode=None, contexts=(), actor=actors,
                recipient=recips, date=rng.choice(DATES), date_precision="day", location=None,
                negated=rng.random() < 0.12, future=False, hypothetical=rng.random() < 0.05, historical=False,
                score=score, quad=quad, evidence=Evidence(sentence, 0, 0, len(sentence), "x", rng.choice([j, 3, None]), 1),
                confidence=0.9, coder="test/1",
            ))
        art = Article(aid, doc, f"Text {i}.", f"Title {i}", "2023-01-01", None, "en", "test", doc)
        arts.append(CodedArticle(art, "en", "coded", events=tuple(events), coder="test/1"))
    return arts


def build_synthetic(url: str, n: int = 160, seed: int = 7) -> None:
    rng = random.Random(seed + 1)
    with open_store(url) as store:
        store.write(synthetic_articles(n, seed), [])
        ids = [r[0] for r in store.query("SELECT id FROM events ORDER BY id")]
        groups = {}
        for eid in rng.sample(ids, len(ids) // 3):  # reports of one event across articles, in any order
            groups[eid] = rng.choice(ids[:25])
        store._apply_groups(groups)
        # codes and names the coder never writes but a store may hold: NULL code, NULL canonical
        store.query("UPDATE event_entities SET code = NULL WHERE event_id IN (SELECT id FROM events WHERE id LIKE '%7-1')")
        store.query("UPDATE event_entities SET canonical = NULL WHERE event_id IN (SELECT id FROM events WHERE id LIKE '%3-0')")
        if hasattr(store, "rebuild_rollup"):
            store.rebuild_rollup()


def build_demo(url: str) -> None:
    pytest.importorskip("spacy")
    with open_store(url) as store:  # creates the PostgreSQL schema before the coder writes
        pass
    run = subprocess.run(
        [sys.executable, "-c", "from dyadwatch.cli.main import app; app()", "code", str(ROOT / "examples/demo/articles.jsonl"),
         "--db", url, "--no-progress"], capture_output=True, text=True, cwd=ROOT,
    )
    if run.returncode != 0:
        pytest.skip(f"the demo corpus could not be coded here: {run.stderr.strip().splitlines()[-1:]}")


def build_ties(url: str) -> None:
    """Dyads with equal counts first seen in one event: ranked in the order of that event's set of pairs."""
    arts = []
    countries = [Entity(c, "GOV", c, c) for c in ("FRA", "DZA", "MAR", "USA", "TUN")]
    for i in range(4):
        actors = tuple(countries[: 5 - i % 2])
        ev = Event(
            id=f"t{i}", article_id=f"a{i}", doc_id=f"d{i}", category="CONSULT", mode=None, contexts=(), actor=actors,
            recipient=(), date=f"2024-0{i + 1}-01", date_precision="day", location=None, negated=False, future=False,
            hypothetical=False, historical=False, score=1.0, quad="VC", evidence=Evidence("They met.", 0, 0, 9, "met", 5, 8),
            confidence=0.9, coder="test/1",
        )
        art = Article(f"a{i}", f"d{i}", "They met.", None, f"2024-0{i + 1}-01", None, "en", "test", f"d{i}")
        arts.append(CodedArticle(art, "en", "coded", events=(ev,), coder="test/1"))
    with open_store(url) as store:
        store.write(arts, [])


BUILDERS = {"api": coded_store, "synthetic": build_synthetic, "demo": build_demo, "ties": build_ties}


@pytest.fixture(scope="module", params=[(c, b) for b in ("duckdb", "postgres") for c in ("api", "synthetic", "ties", "demo")],
                ids=lambda p: f"{p[0]}-{p[1]}")
def pair(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Service, list[dict[str, Any]]]]:
    corpus, backend = request.param
    if backend == "duckdb":
        url = str(tmp_path_factory.mktemp(corpus) / "s.duckdb")
    else:
        url = request.getfixturevalue("pg_server").create_database()
    BUILDERS[corpus](url)
    service = Service(lambda: open_store(url), Config())
    yield service, events_in_page_order(service)
    service.close()


def events_in_page_order(service: Service) -> list[dict[str, Any]]:
    """Every stored event in page order with the id last, as the SQL reads order ties (the old order of ties
    was the database's)."""
    events = service.store.events(EventQuery())
    events.sort(key=lambda e: (e["date"] is None, e["date"] or "", e["doc_id"], e["evidence"]["trigger_start"] is None,
                               e["evidence"]["trigger_start"] or 0, e["id"]))
    return events


def _dyads(events: list[dict[str, Any]]) -> list[tuple[str, str]]:
    found = sorted({tuple(d.split("-")) for d, _ in ref.top_dyads(events, None)})  # type: ignore[arg-type]
    return found[:6] + [("FRA", "DZA"), ("DZA", "FRA"), ("FRA", "FRA"), ("UNK", "FRA"), ("XXX", "FRA")]


def _actor_keys(events: list[dict[str, Any]]) -> list[str]:
    keys = {"fra", "DZA", "unk", "", "president macron", "MACRON", "Straße Group", "strasse group", "nobody"}
    for e in events[:40]:
        for x in e["actor"] + e["recipient"]:
            keys |= {x["canonical"] or "", x["code"] or "", (x["canonical"] or "").upper()}
    return sorted(k for k in keys if k)


FILTERS = [
    {}, {"include_flagged": True}, {"category": "agree"}, {"category": "SANCTION", "include_flagged": True},
    {"since": "2023-03"}, {"until": "2023-03"}, {"until": "2023"}, {"since": "2023-02-11", "until": "2023-06-09"},
    {"period": "2023"}, {"period": "2023-06"}, {"period": "2023-01-20"}, {"period": "2024-02", "include_flagged": True},
    {"q": "ambassador"}, {"q": "STRASSE"}, {"q": "straße"}, {"q": "οδοσ"}, {"q": "état"}, {"q": "ÉTAT"}, {"q": "i̇stanbul"},
    {"q": "france"}, {"q": "agree"}, {"q": "president"}, {"q": "zzz"}, {"q": "Paris", "include_flagged": True},
    {"actor": "fra"}, {"actor": "President Macron", "since": "2023-02"}, {"actor": "straße group", "q": "ss"},
]


def test_api_sql_event_pages_equal_the_in_memory_filters(pair):
    service, events = pair
    combos = list(FILTERS)
    for a, b in _dyads(events):
        combos += [{"dyad": (a, b)}, {"dyad": (a, b), "directed": True}, {"dyad": (a, b), "include_flagged": True, "period": "2023"}]
    for filters in combos:
        for limit, offset in ((50, 0), (3, 2), (5, 40)):
            want = ref.list_events(events, limit, offset, **filters)
            got = service.list_events(limit, offset, **filters)
            assert (got["next_cursor"] is not None) == (offset + limit < want["total"]), (filters, limit, offset)
            assert {k: v for k, v in got.items() if k != "next_cursor"} == want, (filters, limit, offset)


def test_api_sql_cursor_pages_walk_the_filter_in_order_without_gaps_or_repeats(pair):
    service, events = pair
    for filters in [*FILTERS[:12], {"actor": "fra"}, {"q": "france"}, {"dyad": ("FRA", "DZA")}]:
        want = [e["id"] for e in ref.filter_events(events, **filters)]
        for limit in (1, 3, 7):
            seen: list[str] = []
            got = service.list_events(limit, 0, **filters)
            while True:
                assert got["total"] == len(want) and len(got["items"]) <= limit, (filters, limit)
                seen += [e["id"] for e in got["items"]]
                if got["next_cursor"] is None:
                    break
                got = service.list_events(limit, 0, cursor=got["next_cursor"], **filters)
            assert seen == want, (filters, limit)


def test_api_sql_article_events_equal_the_in_memory_ones(pair):
    service, events = pair
    for aid in sorted({e["article_id"] for e in events})[:25]:
        assert service.article(aid)["events"] == ref.article_events(events, aid), aid


def test_api_sql_actors_equal_the_in_memory_rankings(pair):
    service, events = pair
    for q in (None, "fra", "al", "president", "STRASSE", "nobody"):
        for limit, offset in ((50, 0), (2, 1), (1000, 0)):
            assert service.list_actors(q, limit, offset) == ref.list_actors(events, q, limit, offset), (q, limit, offset)
    for key in _actor_keys(events):
        want = ref.actor(events, key, 5, 1)
        if want is None:
            with pytest.raises(DyadwatchError):
                service.actor(key, 5, 1)
        else:
            assert service.actor(key, 5, 1) == want, key


@pytest.mark.parametrize("by", ["month", "year", "day"])
def test_api_sql_dyad_rankings_and_shifts_equal_the_in_memory_ones(pair, by):
    service, events = pair
    for sort in ("volume", "change"):
        for limit, offset in ((50, 0), (3, 1)):
            assert service.list_dyads(sort, by, limit, offset) == ref.list_dyads(events, sort, by, limit, offset), (sort, limit, offset)
    for window, threshold in ((3, 2.0), (1, 0.5), (2, 1.0)):
        assert service.list_shifts(by, window, threshold, 100, 0) == ref.list_shifts(events, by, window, threshold, 100, 0)
    for a, b in _dyads(events):
        for directed in (False, True):
            for window, threshold in ((3, 2.0), (1, 0.5)):
                got = service.dyad(a, b, by, directed, window, threshold)
                assert got == ref.dyad(events, service.store, a, b, by, directed, window, threshold), (a, b, directed)


def test_api_sql_overview_equals_the_in_memory_one(pair):
    service, events = pair
    articles = service.rows("SELECT count(*) FROM articles")[0][0]
    assert service.overview() == ref.overview(events, articles)


@pytest.mark.parametrize("by", ["month", "year", "day"])
def test_api_sql_recent_shifts_are_the_first_of_all_shifts(pair, by):
    service, events = pair
    for window, threshold in ((3, 2.0), (1, 0.5), (2, 1.0), (1, 0.0)):
        every = ref.list_shifts(events, by, window, threshold, 10_000)["items"]
        want = [{k: v for k, v in s.items() if k != "event_ids"} for s in every]
        with service.lock:
            reads = service.reads()
            series = reads.series_by_dyad(reads.dyad_periods(by))
            for n in (1, 2, 6, len(want), len(want) + 3):
                found = reads.recent_shifts(series, window, threshold, n)
                got = [{k: v for k, v in s.as_dict().items() if k != "event_ids"} for s in found]
                assert got == want[:n], (window, threshold, n)


@pytest.mark.parametrize("by", ["month", "year"])
def test_api_sql_rollup_periods_equal_the_scan_of_the_events(pair, by):
    service, _ = pair
    with service.lock:
        reads = service.reads()
        got = reads.rollup_periods(by)
        if got is None:
            pytest.skip("this store keeps no dyad_month rollup")
        want = reads._periods_of(reads.counted(), by, [], [])
    assert sorted((a, b, p or "", int(n), float(s)) for a, b, p, n, s, _ in got) == sorted(
        (a, b, p or "", int(n), float(s)) for a, b, p, n, s, _ in want
    )


def test_api_sql_actor_rollup_equals_the_scan_of_the_events(pair):
    service, _ = pair
    with service.lock:
        reads = service.reads()
        got = reads.rollup_actors()
        if got is None:
            pytest.skip("this store keeps no actor rollup")
        assert got == reads.actors(["true"], [])  # a condition: the scan, not the rollup
        assert reads.totals() == reads.scan_totals()
        for key in ("fra", "DZA", "unk", "President Macron", "straße group", "nobody"):
            want = [a for a in reads.actors(["true"], []) if key.casefold() in (a.code.casefold(), a.canonical.casefold())]
            assert reads.actors(["true"], [], only=key) == want, key
