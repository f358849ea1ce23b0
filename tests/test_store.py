"""The DuckDB store: schema, idempotent writes, recoding, the single-owner lock."""

import subprocess
import sys
import time

import pytest

from dyadwatch.errors import StoreError
from dyadwatch.records import Article, CodedArticle, Entity, Event, Evidence, article_id
from dyadwatch.store import EventQuery, open_store
from dyadwatch.store.schema import LATEST

FRA = Entity("FRA", "GOV", "France", "France")
DZA = Entity("DZA", "GOV", "Algeria", "Algeria")


def coded(text="Algeria recalled its ambassador from Paris.", coder="dyadwatch-lexicon/0.1.0", category="SANCTION"):
    aid = article_id(text, None)
    art = Article(aid, "doc-1", text, "t", "2024-07-30", None, "en", "test", "doc-1")
    ev = Event(
        id=f"{aid}-{category}", article_id=aid, doc_id="doc-1", category=category, mode="withdraw", contexts=("diplomatic",),
        actor=(DZA,), recipient=(FRA,), date="2024-07-30", date_precision="day", location=None,
        negated=False, future=False, hypothetical=False, historical=False, score=-6.0, quad="MF",
        evidence=Evidence(text, 0, 0, len(text), "recalled", 8, 16), confidence=0.8, coder=coder,
    )
    return CodedArticle(art, "en", "coded", events=(ev,), coder=coder)


def test_store_creates_schema_with_migration_version(db_path):
    with open_store(db_path) as store:
        assert store.schema_version() == LATEST
        tables = {r[0] for r in store.query("SELECT table_name FROM information_schema.tables")}
    assert {"articles", "events", "entities", "event_entities", "quotes", "failures"} <= tables


def test_store_same_article_twice_stores_nothing_new(db_path):
    with open_store(db_path) as store:
        first = store.write([coded()], [])
        second = store.write([coded()], [])
        assert (first.articles_new, first.events) == (1, 1)
        assert (second.articles_new, second.articles_same, second.events) == (0, 1, 0)
        assert store.query("SELECT count(*) FROM events")[0][0] == 1
        assert store.query("SELECT count(*) FROM event_entities")[0][0] == 2


def test_store_new_coder_version_replaces_the_articles_events(db_path):
    with open_store(db_path) as store:
        store.write([coded()], [])
        report = store.write([coded(coder="dyadwatch-lexicon/0.2.0", category="ACCUSE")], [])
        assert report.articles_recoded == 1
        rows = store.query("SELECT category, coder FROM events")
    assert rows == [("ACCUSE", "dyadwatch-lexicon/0.2.0")]


def test_store_events_are_plover_shaped_and_filterable(db_path):
    with open_store(db_path) as store:
        store.write([coded()], [])
        (event,) = store.events(EventQuery(dyad=("FRA", "DZA")))
        assert store.events(EventQuery(dyad=("FRA", "MAR"))) == []
        assert store.events(EventQuery(category="AGREE")) == []
        assert len(store.events(EventQuery(since="2024-07-01", until="2024-07-31"))) == 1
    assert event["actor"][0] == {"code": "DZA", "sector": "GOV", "name": "Algeria", "canonical": "Algeria", "role": None}
    assert event["evidence"]["trigger"] == "recalled"
    assert set(event) >= {"id", "doc_id", "category", "mode", "contexts", "actor", "recipient", "date", "date_precision",
                          "location", "negated", "future", "hypothetical", "historical", "score", "quad", "evidence",
                          "confidence", "coder"}


def test_store_failures_are_kept(db_path):
    with open_store(db_path) as store:
        store.write([], [("bad.jsonl", "3", "E105", "[E105] Line 3 ...")])
        assert store.query("SELECT origin, record, code FROM failures") == [("bad.jsonl", "3", "E105")]


def test_store_second_process_gets_coded_lock_error(db_path):
    open_store(db_path).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({db_path!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError) as info:
            open_store(db_path)
        assert info.value.code == "E501"
        assert f"PID {holder.pid}" in str(info.value)
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    open_store(db_path).close()
