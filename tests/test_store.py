"""DuckDB-only behaviour: the single-owner lock and the grouping step (the shared contract is in test_store_contract.py)."""

import subprocess
import sys
import time

import pytest

from dyadwatch.errors import StoreError
from dyadwatch.records import Article, CodedArticle, Entity, Event, Evidence, article_id
from dyadwatch.store import EventQuery, open_store

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


def test_store_duckdb_groups_reports_of_one_event_across_articles(db_path):
    # the shared contract (tests/test_store_contract.py) covers writes and queries; this is DuckDB's grouping step
    with open_store(db_path) as store:
        store.write([coded(), coded(text="Algeria has recalled its ambassador to France.")], [])
        assert store.refresh_groups(window_days=2) == 1
        groups = {e["event_group"] for e in store.events(EventQuery())}
    assert len(groups) == 1


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
