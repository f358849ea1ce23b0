"""The default store: one DuckDB file, owned by one process at a time.

Writes go in Arrow batches, one transaction per batch: DuckDB inserts row by
row were measured about 300 times slower. Re-coding the same article with the
same coder changes nothing; with a new coder version, that article's events
are replaced inside the same transaction.

Every write bumps a counter (``store_generation``, one row) in its own
transaction. The rollups (``store.rollup``: ``dyad_month``, ``dyad_period`` and
``actor_rollup``; ``store.duckdb_pages``: ``dyad_events``,
``actor_events`` and ``text_vocab``) remember the counter they were built at
(``rollup_state``) and are rebuilt on the first read that finds them behind
it (``ensure_rollups``), so the write path pays one single-row update per batch
and the aggregates of a large store are read from the rollups.
"""

from __future__ import annotations

import datetime as dt
import re
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator

from dyadwatch.errors import make
from dyadwatch.records import CodedArticle
from dyadwatch.store import rollup
from dyadwatch.store.duckdb_pages import ACTOR_EVENTS, DYAD_EVENTS, TEXT_VOCAB
from dyadwatch.store.base import CODES_SQL, StoreBase, WriteReport, register_store, to_tables
from dyadwatch.store.schema import LATEST, MIGRATIONS

_TABLE_ORDER = ("articles", "events", "entities", "event_entities", "quotes", "mentions")
_BUMP = "UPDATE store_generation SET n = n + 1 WHERE id = 1"
# the rollups without their primary keys: DuckDB rebuilds them whole (each key once), and a key index on
# millions of rollup rows costs memory and time for nothing
_ROLLUP_TABLES = [re.sub(r",\s*PRIMARY KEY \([^)]*\)", "", sql) for sql in (*rollup.CREATE, *rollup.ACTOR_CREATE)]
# the events with a sentence, category or name outside ASCII (the special-character search tests only those:
# ``analysis.queries``), rebuilt with the rollups; PostgreSQL finds them with partial indexes
_WIDE_TEXT = [
    "CREATE TABLE IF NOT EXISTS text_wide (id VARCHAR NOT NULL)",
    "DELETE FROM text_wide",
    "INSERT INTO text_wide SELECT id FROM events WHERE strlen(coalesce(sentence, '')) > length(coalesce(sentence, '')) "
    "OR strlen(category) > length(category) UNION SELECT event_id FROM event_entities "
    "WHERE strlen(coalesce(nullif(canonical, ''), name, '')) > length(coalesce(nullif(canonical, ''), name, ''))",
    # and the irregular events (``StoreReads.irregular_ids``: undated, or in a group of several reports)
    "CREATE TABLE IF NOT EXISTS rollup_irregular (id VARCHAR NOT NULL)",
    "DELETE FROM rollup_irregular",
    "INSERT INTO rollup_irregular SELECT id FROM events WHERE coalesce(date, '') = '' OR event_group <> id "
    "UNION SELECT DISTINCT event_group FROM events WHERE event_group <> id",
]


class DuckDBStore(StoreBase):
    """A DuckDB file with the dyadwatch schema."""

    def __init__(self, path: str) -> None:
        import duckdb

        self.path = path
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(path)
        except duckdb.IOException as exc:
            raise _lock_error(path, exc) from exc
        except duckdb.Error as exc:
            raise make("E502", where=path, path=path, reason=str(exc).splitlines()[0]) from exc
        self._migrate()
        self._generation = self.generation()
        self._rollups_at: int | None = None  # the generation the rollups were last seen current at

    def _migrate(self) -> None:
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
        done = {r[0] for r in self.con.execute("SELECT version FROM schema_migrations").fetchall()}
        if done and max(done) > LATEST:
            raise make("E503", where=self.path, path=self.path, found=max(done), supported=LATEST)
        pending = [m for m in MIGRATIONS if m[0] not in done]
        if not pending:
            self._add_counter()
            return
        # every pending migration in one transaction: a new store pays one commit, not one per version,
        # and a failure leaves the store at the version it had
        self.con.execute("BEGIN TRANSACTION")
        try:
            for version, name, statements in pending:
                for sql in statements:
                    self.con.execute(sql)
                self.con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, dt.datetime.now()])
            self.con.execute("CREATE TABLE IF NOT EXISTS store_generation (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)")
            self.con.execute("INSERT OR IGNORE INTO store_generation VALUES (1, 0)")
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise

    def _add_counter(self) -> None:
        """The write counter: derived data, outside the numbered migrations, as PostgreSQL's extras are."""
        found = self._scalar("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'store_generation'")
        if not found:
            self.con.execute("CREATE TABLE IF NOT EXISTS store_generation (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)")
            self.con.execute("INSERT OR IGNORE INTO store_generation VALUES (1, 0)")

    def generation(self) -> int:
        """A number that every write changes: the rollups are current when they were built at it."""
        return int(self._scalar("SELECT n FROM store_generation WHERE id = 1"))

    def ensure_rollups(self) -> None:
        """Rebuild the rollups when a write came after them (or they are not there yet)."""
        if self._rollups_at == self._generation:
            return
        # a store whose rollups were built before dyad_period (and the actor page's rows) rebuilds them once
        found = self._scalar(
            "SELECT count(*) FROM duckdb_tables() WHERE table_name IN ('rollup_state', 'dyad_period', 'text_wide', "
            "'rollup_irregular', 'dyad_events', 'text_vocab', 'actor_events')"
        )
        built = self._scalar("SELECT max(generation) FROM rollup_state") if found == 7 else None
        if built is None or int(built) != self._generation:
            self.rebuild_rollup()
        self._rollups_at = self._generation

    def rebuild_rollup(self) -> None:
        """Recompute ``dyad_month``, ``dyad_period`` and ``actor_rollup`` from the events, in one transaction."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            for sql in [*_ROLLUP_TABLES, "CREATE TABLE IF NOT EXISTS rollup_state (generation BIGINT NOT NULL)"]:
                self.con.execute(sql)
            for sql in [*rollup.rebuild_sql(duckdb=True), *_WIDE_TEXT, *DYAD_EVENTS, *TEXT_VOCAB, *ACTOR_EVENTS]:
                self.con.execute(sql)
            self.con.execute("DELETE FROM rollup_state")
            self.con.execute("INSERT INTO rollup_state VALUES (?)", [self._generation])
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        self._rollups_at = self._generation

    def wide_text_events(self) -> int:
        """How many events have a text outside ASCII (as of the rollups, brought up to date here)."""
        self.ensure_rollups()
        return int(self._scalar("SELECT count(*) FROM text_wide"))

    def irregular_event_ids(self) -> list[str]:
        """``StoreReads.irregular_ids`` as of the rollups (brought up to date here): read, not found by a scan."""
        self.ensure_rollups()
        return [str(r[0]) for r in self.con.execute("SELECT id FROM rollup_irregular").fetchall()]

    def dyad_event_table(self) -> str:
        """The side table of the dyad pages (``store.duckdb_pages``), brought up to date here."""
        self.ensure_rollups()
        return "dyad_events"

    def actor_event_table(self) -> str:
        """The side table of the actor filter (``store.duckdb_pages``), brought up to date here."""
        self.ensure_rollups()
        return "actor_events"

    def text_vocab_table(self) -> str:
        """The words of the searched texts and the events that hold each (``store.duckdb_pages``), brought up to date here."""
        self.ensure_rollups()
        return "text_vocab"

    def dyad_months(self, a: str, b: str, directed: bool = False) -> list[tuple[Any, ...]]:
        """Rollup rows (period, category, quad, events, score_sum) of one dyad."""
        self.ensure_rollups()
        x, y = (a, b) if directed else tuple(sorted((a, b)))
        return self.query(
            "SELECT period, category, quad, events, score_sum FROM dyad_month "
            "WHERE a = ? AND b = ? AND directed = ? ORDER BY period",
            [x, y, directed],
        )

    def schema_version(self) -> int:
        return int(self._scalar("SELECT max(version) FROM schema_migrations"))

    def known_articles(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Article id -> coder that coded it, for the ids already stored."""
        ids = list(ids)
        if not ids:
            return {}
        rows = self.con.execute("SELECT id, coder FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0]: r[1] for r in rows}

    def write(self, coded: list[CodedArticle], failures: list[tuple[str, str, str, str]]) -> WriteReport:
        """Store one batch in one transaction; nothing is written if any part fails."""
        import pyarrow as pa

        report = WriteReport(failures=len(failures))
        known = self.known_articles(c.article.id for c in coded)
        fresh: list[CodedArticle] = []
        seen: set[str] = set()
        for c in coded:
            if c.article.id in seen:
                report.articles_same += 1
                continue
            seen.add(c.article.id)
            if c.article.id in known and known[c.article.id] == c.coder:
                report.articles_same += 1
                continue
            if c.article.id in known:
                report.articles_recoded += 1
            else:
                report.articles_new += 1
            fresh.append(c)
        tables = to_tables(fresh, dt.datetime.now())
        replaced = [c.article.id for c in fresh if c.article.id in known]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if replaced:
                self._delete_articles(replaced)
            for name in _TABLE_ORDER:
                columns = getattr(tables, name)
                if columns:
                    arrow = pa.table(columns)  # noqa: F841 - read by DuckDB's replacement scan
                    # entities are shared across articles: one row per identity, first writer wins
                    verb = "INSERT OR IGNORE" if name == "entities" else "INSERT"
                    self.con.execute(f"{verb} INTO {name} BY NAME SELECT * FROM arrow")
            if failures:
                now = dt.datetime.now()
                arrow_f = pa.table(  # noqa: F841 - read by DuckDB's replacement scan
                    {
                        "origin": [f[0] for f in failures], "record": [f[1] for f in failures],
                        "code": [f[2] for f in failures], "message": [f[3] for f in failures],
                        "failed_at": [now] * len(failures),
                    }
                )
                self.con.execute("INSERT INTO failures BY NAME SELECT * FROM arrow_f")
            if fresh or failures:
                self.con.execute(_BUMP)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        if fresh or failures:
            self._generation += 1
        report.events = len(tables.events.get("id", []))
        return report

    @contextmanager
    def one_thread(self) -> Iterator[None]:
        """DuckDB in one thread while a coding run writes, its default number of threads again after.

        Why: a coding run writes small batches (a few hundred articles a transaction) and then runs the
        registry and grouping passes over what it wrote; each statement is small, and with a pool of
        threads DuckDB spent more CPU handing the work between them than doing it (300 French articles:
        writes, registry, grouping and close took 305-330 ms of process CPU with two threads, 200-240 ms
        with one, and less wall-clock time too), in a process whose one core the parser needs. Reads
        and rollup rebuilds outside a run (the API's pages) keep every thread.
        """
        self.con.execute("SET threads = 1")
        try:
            yield
        finally:
            self.con.execute("RESET threads")

    def _delete_articles(self, ids: list[str]) -> None:
        self.con.execute(
            "DELETE FROM event_entities WHERE event_id IN (SELECT id FROM events WHERE article_id IN (SELECT unnest(?)))", [ids]
        )
        for table, col in (("events", "article_id"), ("quotes", "article_id"), ("mentions", "article_id"), ("articles", "id")):
            self.con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [ids])

    def _scalar(self, sql: str) -> Any:
        """The first column of the one row a statement returns (a count, a max, a number)."""
        row = self.con.execute(sql).fetchone()
        if row is None:  # pragma: no cover - aggregates always return a row
            raise RuntimeError(f"no row from {sql!r}")
        return row[0]

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, params or []).fetchall()

    def dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur.fetchall()]

    def _apply_registry(self, rows: list[dict[str, Any]], replace_user: bool, changes: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("DELETE FROM actor_registry" if replace_user else "DELETE FROM actor_registry WHERE source = 'learnt'")
            if rows:
                registry = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB's replacement scan
                self.con.execute("INSERT INTO actor_registry BY NAME SELECT * FROM registry")
            for c in changes:
                self.con.execute(
                    "UPDATE event_entities SET code = ?, sector = ?, role = ?, canonical = ?, guessed = false "
                    "WHERE event_id = ? AND side = ? AND position = ?",
                    [c["code"], c["sector"], c["role"], c["canonical"], c["event_id"], c["side"], c["position"]],
                )
            touched = sorted({c["event_id"] for c in changes})
            if touched:
                for side, column in (("actor", "actor_codes"), ("recipient", "recipient_codes")):
                    self.con.execute(CODES_SQL.format(column=column, side=side, ids="SELECT unnest(?)"), [touched])
            self.con.execute(_BUMP)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        self._generation += 1

    def _apply_groups(self, groups: dict[str, str]) -> None:
        import pyarrow as pa

        mapping = pa.table({"id": list(groups), "grp": list(groups.values())})  # noqa: F841 - read by DuckDB
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("UPDATE events SET event_group = mapping.grp FROM mapping WHERE events.id = mapping.id")
            self.con.execute(_BUMP)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        self._generation += 1

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "DuckDBStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _lock_error(path: str, exc: Exception) -> Exception:
    text = str(exc)
    if "lock" not in text.lower():
        return make("E502", where=path, path=path, reason=text.splitlines()[0])
    pid = re.search(r"PID (\d+)", text)
    holder = f"PID {pid.group(1)}" if pid else "another process"
    return make("E501", where=path, path=path, holder=holder)


@register_store("duckdb.v1")
def _open_duckdb(path: str) -> DuckDBStore:
    return DuckDBStore(path)
