"""The store contract, run against every backend: DuckDB and a real PostgreSQL server.

The PostgreSQL server is a throwaway one: ``initdb`` in a temporary folder,
started with ``pg_ctl`` on 127.0.0.1 and a free port (as the ``postgres``
user when the tests run as root), and stopped at the end of the session.
Without PostgreSQL installed the PostgreSQL cases skip with a message that
says how to install it.
"""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from dyadwatch.analysis.dyads import dyad_series as series_from_events
from dyadwatch.records import Article, CodedArticle, Entity, Event, Evidence, article_id
from dyadwatch.store import EventQuery, open_store
from dyadwatch.store.rollup import dyad_series

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).with_name("dyadwatch")
FRA = Entity("FRA", "GOV", "France", "France")
DZA = Entity("DZA", "GOV", "Algeria", "Algeria")
MAR = Entity("MAR", "GOV", "Morocco", "Morocco")


class PgServer:
    """A PostgreSQL server of our own in a temporary folder."""

    def __init__(self) -> None:
        bins = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
        found = bins[-1] if bins else shutil.which("pg_ctl")
        if not found:
            pytest.skip("PostgreSQL is not installed (no pg_ctl): run 'make setup' or 'apt-get install -y postgresql'")
        self.bin = Path(found).parent
        self.user: list[str] = []
        if os.geteuid() == 0:
            if subprocess.run(["id", "postgres"], capture_output=True).returncode != 0:
                pytest.skip("running as root and there is no 'postgres' user to run the PostgreSQL server as")
            self.user = ["runuser", "-u", "postgres", "--"]
        self.dir = Path(tempfile.mkdtemp(prefix="dyadwatch-pg-"))
        if self.user:
            shutil.chown(self.dir, "postgres", "postgres")
        self.data = self.dir / "data"
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self.user, str(self.bin / tool), *args], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr or done.stdout}")

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--locale=C", "--encoding=UTF8")
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c synchronous_commit=off"
        self.run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.dir / "log"), "-w", "-t", "60", "start")

    def create_database(self) -> str:
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(self.url, autocommit=True) as con:
            con.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    pytest.importorskip("sqlalchemy", reason="the postgres extra is not installed: pip install -e '.[postgres]'")
    pytest.importorskip("psycopg", reason="the postgres extra is not installed: pip install -e '.[postgres]'")
    server = PgServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["duckdb", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "contract.duckdb")
    return request.getfixturevalue("pg_server").create_database()


@pytest.fixture()
def pg_url(pg_server: PgServer) -> str:
    return pg_server.create_database()


def coded(text="Algeria recalled its ambassador from Paris.", coder="dyadwatch-lexicon/0.1.0", category="SANCTION",
          actor=(DZA,), recipient=(FRA,), date="2024-07-30", negated=False, quad="MF", score=-6.0):
    aid = article_id(text, None)
    art = Article(aid, "doc-" + aid[:6], text, "t", date, None, "en", "test", "doc-1")
    ev = Event(
        id=f"{aid}-{category}", article_id=aid, doc_id=art.doc_id, category=category, mode="withdraw", contexts=("diplomatic",),
        actor=actor, recipient=recipient, date=date, date_precision="day", location=None,
        negated=negated, future=False, hypothetical=False, historical=False, score=score, quad=quad,
        evidence=Evidence(text, 0, 0, len(text), "recalled", 8, 16), confidence=0.8, coder=coder,
    )
    return CodedArticle(art, "en", "coded", events=(ev,), coder=coder)


def test_store_creates_schema_with_latest_migration(store_url):
    from dyadwatch.store.schema import LATEST

    with open_store(store_url) as store:
        assert store.schema_version() == LATEST
        tables = {r[0] for r in store.query("SELECT table_name FROM information_schema.tables")}
    assert {"articles", "events", "entities", "event_entities", "quotes", "failures"} <= tables


def test_store_reopening_keeps_data_and_migrates_nothing(store_url):
    with open_store(store_url) as store:
        store.write([coded()], [])
    with open_store(store_url) as store:
        assert store.query("SELECT count(*) FROM articles")[0][0] == 1
        assert store.query("SELECT count(*) FROM schema_migrations")[0][0] == store.schema_version()


def test_store_same_article_twice_stores_nothing_new(store_url):
    with open_store(store_url) as store:
        first = store.write([coded()], [])
        second = store.write([coded()], [])
        assert (first.articles_new, first.events) == (1, 1)
        assert (second.articles_new, second.articles_same, second.events) == (0, 1, 0)
        assert store.query("SELECT count(*) FROM events")[0][0] == 1
        assert store.query("SELECT count(*) FROM event_entities")[0][0] == 2


def test_store_same_article_twice_in_one_batch_is_stored_once(store_url):
    with open_store(store_url) as store:
        report = store.write([coded(), coded()], [])
        assert (report.articles_new, report.articles_same) == (1, 1)
        assert store.query("SELECT count(*) FROM events")[0][0] == 1


def test_store_new_coder_version_replaces_the_articles_events(store_url):
    with open_store(store_url) as store:
        store.write([coded()], [])
        report = store.write([coded(coder="dyadwatch-lexicon/0.2.0", category="ACCUSE", quad="VF", score=-2.0)], [])
        assert report.articles_recoded == 1
        rows = store.query("SELECT category, coder FROM events")
        assert store.known_articles([coded().article.id]) == {coded().article.id: "dyadwatch-lexicon/0.2.0"}
    assert rows == [("ACCUSE", "dyadwatch-lexicon/0.2.0")]


def test_store_shared_entities_are_stored_once(store_url):
    with open_store(store_url) as store:
        store.write([coded("Algeria recalled its ambassador."), coded("Algeria expelled French diplomats.")], [])
        store.write([coded("Algeria closed its airspace.")], [])
        assert store.query("SELECT count(*) FROM entities")[0][0] == 2
        assert store.query("SELECT count(*) FROM events")[0][0] == 3


def test_store_events_are_plover_shaped_and_filterable(store_url):
    with open_store(store_url) as store:
        store.write([coded()], [])
        (event,) = store.events(EventQuery(dyad=("FRA", "DZA")))
        assert store.events(EventQuery(dyad=("FRA", "MAR"))) == []
        assert store.events(EventQuery(category="AGREE")) == []
        assert len(store.events(EventQuery(since="2024-07-01", until="2024-07-31"))) == 1
    assert event["actor"][0] == {"code": "DZA", "sector": "GOV", "name": "Algeria", "canonical": "Algeria", "role": None}
    assert event["evidence"]["trigger"] == "recalled"
    assert event["contexts"] == ["diplomatic"] and event["negated"] is False
    assert set(event) >= {"id", "doc_id", "category", "mode", "contexts", "actor", "recipient", "date", "date_precision",
                          "location", "negated", "future", "hypothetical", "historical", "score", "quad", "evidence",
                          "confidence", "coder"}


def test_store_event_pages_are_ordered_by_date(store_url):
    dates = ["2024-03-01", "2024-01-15", "2024-02-10", "2024-01-02"]
    with open_store(store_url) as store:
        store.write([coded(f"Algeria recalled its ambassador ({d}).", date=d) for d in dates], [])
        first = store.events(EventQuery(limit=2))
        second = store.events(EventQuery(limit=2, offset=2))
    assert [e["date"] for e in first + second] == sorted(dates)


def test_store_failures_are_kept(store_url):
    with open_store(store_url) as store:
        store.write([], [("bad.jsonl", "3", "E105", "[E105] Line 3 ...")])
        assert store.query("SELECT origin, record, code FROM failures") == [("bad.jsonl", "3", "E105")]


def test_store_query_takes_question_mark_parameters(store_url):
    with open_store(store_url) as store:
        store.write([coded()], [])
        assert store.query("SELECT count(*) FROM events WHERE category = ? AND doc_id LIKE 'doc-%'", ["SANCTION"]) == [(1,)]


def _dyad_batch() -> list[CodedArticle]:
    return [
        coded("A", date="2024-07-30"),
        coded("B", date="2024-07-02", actor=(FRA,), recipient=(DZA,), category="ACCUSE", quad="VF", score=-2.0),
        coded("C", date="2024-08-11", actor=(FRA, DZA), recipient=(), category="CONSULT", quad="VC", score=1.0),
        coded("D", date="2024-08-12", negated=True),
        coded("E", date="2024", actor=(DZA,), recipient=(MAR,)),
        coded("F", date="2024-09-01", actor=(DZA, MAR), recipient=(FRA,), category="ACCUSE", quad="VF", score=-2.0),
    ]


@pytest.mark.parametrize("directed", [False, True])
@pytest.mark.parametrize("by", ["month", "year"])
def test_store_dyad_series_matches_the_series_from_events(store_url, directed, by):
    with open_store(store_url) as store:
        store.write(_dyad_batch(), [])
        store.write([coded("A", coder="dyadwatch-lexicon/0.2.0", date="2024-10-01")], [])  # recoding moves A
        for a, b in (("DZA", "FRA"), ("FRA", "DZA"), ("DZA", "MAR")):
            expected = series_from_events(store.events(EventQuery(dyad=(a, b))), a, b, by, directed)
            assert dyad_series(store, a, b, by, directed) == expected
        assert dyad_series(store, "DZA", "FRA", "month")[0].period == "2024-07"


def test_postgres_rollup_is_kept_current_and_rebuilds_to_the_same(pg_url):
    with open_store(pg_url) as store:
        store.write(_dyad_batch(), [])
        store.write([coded("B", coder="dyadwatch-lexicon/0.2.0", date="2024-07-02", category="AGREE", quad="VC", score=3.0)], [])
        kept = sorted(store.query("SELECT * FROM dyad_month"))
        periods = sorted(store.query("SELECT * FROM dyad_period"))
        store.rebuild_rollup()
        assert sorted(store.query("SELECT * FROM dyad_month")) == kept
        assert sorted(store.query("SELECT * FROM dyad_period")) == periods
        assert ("DZA", "FRA", False, "2024-07", "AGREE", "VC", 1, 3.0) in kept
        assert all(row[6] > 0 for row in kept) and all(row[3] > 0 for row in periods)


def write_concurrently(url: str, batches: list[list[CodedArticle]], step: int) -> list[BaseException]:
    """Each batch written by its own thread through its own store, `step` articles a write; the errors raised."""
    errors: list[BaseException] = []

    def writer(batch: list[CodedArticle]) -> None:
        try:
            with open_store(url) as store:
                for i in range(0, len(batch), step):
                    store.write(batch[i : i + step], [])
        except BaseException as exc:  # noqa: BLE001 - reported by the caller's assertion
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(b,)) for b in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_postgres_concurrent_writers_leave_no_duplicates(pg_url):
    batches = [[coded(f"Article {i}.") for i in range(start, start + 30)] for start in (0, 10, 20)]
    assert write_concurrently(pg_url, batches, 5) == []
    with open_store(pg_url) as store:
        assert store.query("SELECT count(*), count(DISTINCT id) FROM articles") == [(50, 50)]
        assert store.query("SELECT count(*), count(DISTINCT id) FROM events") == [(50, 50)]
        assert store.query("SELECT count(*) FROM event_entities") == [(100,)]
        assert store.query("SELECT sum(events) FROM dyad_month WHERE directed") == [(50,)]


def test_postgres_unreachable_server_is_a_coded_error():
    pytest.importorskip("sqlalchemy")
    from dyadwatch.errors import StoreError

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError) as info:
        open_store(f"postgresql://dw:secret@127.0.0.1:{port}/nothing")
    assert info.value.code == "E502" and "secret" not in str(info.value)


@pytest.mark.slow
def test_postgres_two_code_processes_on_overlapping_inputs(pg_url, tmp_path, cli_env):
    records = [json.loads(line) for line in (ROOT / "examples/demo/articles.jsonl").read_text(encoding="utf-8").splitlines()]
    half = len(records) // 2
    parts = [records[: half + 8], records[half - 8 :]]
    paths = []
    for n, part in enumerate(parts):
        path = tmp_path / f"part{n}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        paths.append(path)
    env = {**cli_env, "DYADWATCH_BATCH_SIZE": "4"}
    procs = [
        subprocess.Popen([str(BIN), "code", str(p), "--db", pg_url, "--no-progress"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for p in paths
    ]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    with open_store(pg_url) as store:
        assert store.query("SELECT count(*), count(DISTINCT id) FROM articles") == [(len(records), len(records))]
        assert store.query("SELECT count(*) - count(DISTINCT id) FROM events") == [(0,)]
        dup_links = store.query("SELECT count(*) FROM (SELECT event_id, side, position FROM event_entities GROUP BY 1, 2, 3 HAVING count(*) > 1) d")
        assert dup_links == [(0,)]
        per_article = dict(store.query("SELECT article_id, count(*) FROM events GROUP BY 1"))
        kept = sorted(store.query("SELECT * FROM dyad_month"))
        store.rebuild_rollup()
        assert sorted(store.query("SELECT * FROM dyad_month")) == kept
    single = tmp_path / "single.duckdb"
    subprocess.run([str(BIN), "code", str(ROOT / "examples/demo/articles.jsonl"),
                    "--db", str(single), "--no-progress"], check=True, capture_output=True, env=cli_env)
    with open_store(str(single)) as store:
        assert dict(store.query("SELECT article_id, count(*) FROM events GROUP BY 1")) == per_article


def test_store_groups_reports_of_one_event_across_articles(store_url):
    with open_store(store_url) as store:
        store.write([coded(), coded(text="Algeria has recalled its ambassador to France.")], [])
        assert store.refresh_groups(window_days=2) == 1
        assert len({e["event_group"] for e in store.events(EventQuery())}) == 1


def test_store_regroups_only_from_a_runs_earliest_date_and_matches_a_full_regroup(store_url):
    with open_store(store_url) as store:
        store.write([coded(date="2024-07-30"), coded(text="Algeria has recalled its ambassador to France.", date="2024-07-31")], [])
        store.refresh_groups(window_days=2, since="2024-07-30")
        # a later run: one more report of the same event, and a new event a month later
        later = [coded(text="Algiers recalled its envoy from Paris on Tuesday.", date="2024-08-01"),
                 coded(text="Algeria recalled its ambassador from Paris again.", date="2024-09-02")]
        store.write(later, [])
        store.refresh_groups(window_days=2, since="2024-08-01")
        incremental = {e["id"]: e["event_group"] for e in store.events(EventQuery())}
        store.refresh_groups(window_days=2)
        assert {e["id"]: e["event_group"] for e in store.events(EventQuery())} == incremental
        assert len(set(incremental.values())) == 2


@pytest.mark.parametrize("directed", [True, False])
def test_store_dyad_series_counts_one_event_reported_by_two_articles_once(store_url, directed):
    with open_store(store_url) as store:
        store.write([coded(), coded(text="Algeria has recalled its ambassador to France.")], [])
        before = dyad_series(store, "DZA", "FRA", "month", directed)
        assert sum(p.events for p in before) == 2  # two reports, not yet known to be one event
        store.refresh_groups(window_days=2)
        expected = series_from_events(store.events(EventQuery(dyad=("DZA", "FRA"))), "DZA", "FRA", "month", directed)
        after = dyad_series(store, "DZA", "FRA", "month", directed)
        assert after == expected and sum(p.events for p in after) == 1
        if hasattr(store, "rebuild_rollup"):
            kept = sorted(store.query("SELECT * FROM dyad_month"))
            store.rebuild_rollup()
            assert sorted(store.query("SELECT * FROM dyad_month")) == kept


def test_store_registry_learns_people_and_applies_user_corrections(store_url):
    from dataclasses import replace

    from dyadwatch.records import Mention

    known = Entity("FRA", "GOV", "Bruno Retailleau", "Bruno Retailleau", "Interior Minister", "person")
    bare = Entity("UNK", "GOV", "Retailleau", "Bruno Retailleau", "Interior Minister", "person")
    first = coded(actor=(known,), recipient=(DZA,))
    first = replace(first, mentions=(Mention(0, 16, "Bruno Retailleau", 0, known),))
    second = coded(text="Retailleau threatened Algeria again.", actor=(bare,), recipient=(DZA,), date="2025-03-01")
    with open_store(store_url) as store:
        store.write([first, second], [])
        assert store.refresh_registry() == 1
        rows = store.actors()
        assert [(r["canonical"], r["code"], r["role"], r["source"]) for r in rows] == [
            ("Bruno Retailleau", "FRA", "Interior Minister", "learnt")
        ]
        codes = {e["doc_id"]: e["actor"][0]["code"] for e in store.events(EventQuery())}
        assert set(codes.values()) == {"FRA"}
        user = [{"canonical": "Bruno Retailleau", "alias": "Retailleau", "code": "FRA", "sector": "GOV",
                 "role": "Minister of the Interior", "since": None, "until": None, "mentions": 0, "source": "user"}]
        assert store.refresh_registry(user_rows=user) == 2
        assert {e["actor"][0]["role"] for e in store.events(EventQuery())} == {"Minister of the Interior"}
        assert store.query("SELECT count(*) FROM events WHERE actor_codes = 'FRA'") == [(2,)]


def test_store_api_dyad_series_is_the_stores_series_and_postgres_reads_the_rollup(store_url):
    from dyadwatch.api.service import Service
    from dyadwatch.config import Config

    with open_store(store_url) as store:
        store.write(_dyad_batch(), [])
    service = Service(lambda: open_store(store_url), Config())
    try:
        got = service.dyad("DZA", "FRA", "month")
        with open_store(store_url) as store:
            expected = series_from_events(store.events(EventQuery(dyad=("DZA", "FRA"))), "DZA", "FRA", "month", False)
        assert got["points"] == [p.as_dict() for p in expected] and got["events"] > 0
        listed = service.list_events(dyad=("DZA", "FRA"))
        assert listed["total"] == got["events"]
        if store_url.startswith("postgresql"):
            # the chart comes from dyad_month, not from the events: a change there shows at once
            service.rows("UPDATE dyad_month SET events = events + 100 WHERE NOT directed AND a = 'DZA' AND b = 'FRA'")
            assert service.dyad("DZA", "FRA", "month")["events"] > got["events"] + 99
    finally:
        service.close()


def test_postgres_server_sees_what_another_process_wrote(pg_url):
    from dyadwatch.api.service import Service
    from dyadwatch.config import Config

    service = Service(lambda: open_store(pg_url), Config(serve_refresh_seconds=0))
    try:
        before = service.list_events()["total"]
        with open_store(pg_url) as other:  # another coder, not through the server
            other.write([coded("Morocco recalled its ambassador from Algiers.")], [])
        assert service.list_events()["total"] == before + 1
        cached = service.all_events()
        assert service.all_events() is cached  # nothing written since: the same list, no reread
    finally:
        service.close()


def test_store_events_category_filter_accepts_a_stored_user_type_and_refuses_unknown_names(store_url):
    from dyadwatch.cli.main import _known_category
    from dyadwatch.errors import OntologyError

    with open_store(store_url) as store:
        store.write([coded(category="CULTURAL_EXCHANGE", quad="", score=0.0)], [])
        assert _known_category(store, "cultural_exchange") == "CULTURAL_EXCHANGE"
        assert _known_category(store, "agree") == "AGREE"
        with pytest.raises(OntologyError) as info:
            _known_category(store, "CULTURAL_EXCHANG")
        assert info.value.code == "E401"


def _actor_page_is_the_scan(reads, key: str) -> None:
    """The actor page's total, partner dyads and identities from the rollup equal those scanned from the events."""
    fast = reads.actor_page(key)
    if fast is None:  # the rollup cannot tell this key exactly: the page scans
        return
    conds, params = reads.conditions(actor=key)
    assert fast[0] == int(reads.store.query(f"SELECT count(*) FROM {reads.counted()} e WHERE {conds[0]}", params)[0][0])
    want: dict[str, int] = {}
    for a, b, _, n, *_ in reads.dyad_periods("month", conds, params):
        want[f"{a}-{b}"] = want.get(f"{a}-{b}", 0) + int(n)
    assert {f"{a}-{b}": n for a, b, _, n, _, _ in fast[1]} == want, key
    assert fast[2] == reads.actors(conds, params, only=key), key


def _rollups_are_current(store) -> None:
    """The rollups answer what the scan of the events answers, and equal rollups rebuilt from scratch."""
    from dyadwatch.analysis.queries import StoreReads

    reads = StoreReads(store)
    assert reads.rollup_actors() == reads.actors(["true"], [])  # a condition: the scan, not the rollup
    assert reads.totals() == reads.scan_totals()
    for by in ("month", "year"):
        got = reads.rollup_periods(by)
        want = reads._periods_of(reads.counted(), by, [], [], rank=False)
        assert sorted((a, b, p or "", int(n), float(s)) for a, b, p, n, s, _ in got) == sorted(
            (a, b, p or "", int(n), float(s)) for a, b, p, n, s, _ in want
        )
    for key in ("DZA", "fra", "FRA", "france", "Bruno Retailleau", "retailleau", "Algeria", "nobody"):
        _actor_page_is_the_scan(reads, key)
    tables = ("dyad_month", "actor_rollup", "dyad_period")
    kept = [sorted(store.query(f"SELECT * FROM {t}")) for t in tables]
    store.rebuild_rollup()
    assert [sorted(store.query(f"SELECT * FROM {t}")) for t in tables] == kept
    assert all(row[-1] != 0 for row in kept[1]) and all(row[6] > 0 for row in kept[0]) and all(row[3] > 0 for row in kept[2])


def test_store_rollups_stay_current_through_writes_recoding_regrouping_and_corrections(store_url):
    from dyadwatch.analysis.queries import StoreReads

    people = Entity("FRA", "MIL", "Retailleau", "Bruno Retailleau", "Interior Minister", "person")
    with open_store(store_url) as store:
        store.write(_dyad_batch(), [])
        _rollups_are_current(store)
        store.write([coded("A", coder="dyadwatch-lexicon/0.2.0", date="2024-10-01", actor=(people, DZA))], [])  # recoding A
        _rollups_are_current(store)
        store.write([coded(), coded(text="Algeria has recalled its ambassador to France."),
                     coded(text="Retailleau warned Algeria.", actor=(people,), recipient=(DZA,), date=None)], [])
        store.refresh_groups(window_days=2)  # two reports of one event: the rollups count it once
        _rollups_are_current(store)
        user = [{"canonical": "Bruno Retailleau", "alias": "Retailleau", "code": "FRA", "sector": "GOV",
                 "role": "Minister of the Interior", "since": None, "until": None, "mentions": 0, "source": "user"}]
        store.refresh_registry(user_rows=user)
        _rollups_are_current(store)
        actors = {(a.code, a.canonical): a for a in StoreReads(store).actors()}
        assert actors[("FRA", "Bruno Retailleau")].roles == ("Minister of the Interior",)


def test_store_without_dyad_period_gets_it_on_opening_or_first_read(store_url):
    """A store whose rollups were built before ``dyad_period`` existed: PostgreSQL rebuilds its rollups when
    it opens, DuckDB on the first read."""
    with open_store(store_url) as store:
        store.write(_dyad_batch(), [])
        ensure = getattr(store, "ensure_rollups", lambda: None)
        ensure()
        kept = sorted(store.query("SELECT * FROM dyad_period"))
        assert kept and sum(row[3] for row in kept) == store.query("SELECT sum(events) FROM dyad_month WHERE NOT directed")[0][0]
        store.query("DROP TABLE dyad_period")
    with open_store(store_url) as store:
        getattr(store, "ensure_rollups", lambda: None)()
        assert sorted(store.query("SELECT * FROM dyad_period")) == kept


def test_duckdb_rollups_are_rebuilt_once_after_a_write_and_kept_across_reopening(tmp_path, monkeypatch):
    url = str(tmp_path / "r.duckdb")
    with open_store(url) as store:
        start = store.generation()
        store.write(_dyad_batch(), [])
        assert store.generation() == start + 1
        store.write(_dyad_batch(), [])  # the same articles by the same coder: nothing written, no new generation
        assert store.generation() == start + 1
        store.ensure_rollups()
        assert store.query("SELECT generation FROM rollup_state") == [(start + 1,)]
        store.write([coded("G", date="2024-11-05")], [])
        store.ensure_rollups()  # behind the write: rebuilt, once
        assert store.query("SELECT generation FROM rollup_state") == [(start + 2,)]
        assert store.query("SELECT sum(events) FROM dyad_month WHERE NOT directed AND period = '2024-11'") == [(1,)]
    with open_store(url) as store:  # reopened: migrations and counter as they were, the rollups current
        assert store.query("SELECT count(*) FROM schema_migrations")[0][0] == store.schema_version()
        assert store.generation() == start + 2
        monkeypatch.setattr(store, "rebuild_rollup", lambda: pytest.fail("the rollups were current"))
        store.ensure_rollups()
        store.ensure_rollups()


def test_duckdb_rollups_are_current_after_a_second_code_run(tmp_path, cli_env):
    records = [json.loads(line) for line in (ROOT / "examples/demo/articles.jsonl").read_text(encoding="utf-8").splitlines()]
    paths = []
    for n, part in enumerate([records[:3], records[2:6]]):
        path = tmp_path / f"part{n}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        paths.append(path)
    db = str(tmp_path / "code.duckdb")
    from dyadwatch.api.service import Service
    from dyadwatch.config import Config

    for path in paths:
        subprocess.run([str(BIN), "code", str(path), "--db", db, "--no-progress"], check=True, capture_output=True, env=cli_env)
        service = Service(lambda: open_store(db), Config())
        try:
            with service.lock:
                _rollups_are_current(service.store)
            assert service.overview()["events"] == service.rows("SELECT count(*) FROM events")[0][0]
        finally:
            service.close()
