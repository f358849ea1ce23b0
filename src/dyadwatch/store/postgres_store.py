"""The PostgreSQL store: many readers and writers on one server (SQLAlchemy Core + psycopg 3).

It applies the same migrations as DuckDB (``store.schema``) and keeps the
same write contract: one transaction per batch, nothing new when the same
coder writes an article again, and a new coder version replaces that
article's events. Rows go to temporary staging tables with ``COPY`` and on
to the real tables with ``INSERT ... ON CONFLICT DO NOTHING``.

Several coders may write at once (two ``dyadwatch code`` runs on overlapping
inputs, or many Dask clients): each write transaction first takes one
advisory lock of the database, so the check of what is stored and the insert
see the same state. Writers wait for each other only for the milliseconds a
batch write takes; coding itself runs in parallel. The ``dyad_month`` rollup
(``store.rollup``) and the dyad pages' side table (``store.postgres_pages``)
are updated inside the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from dyadwatch.errors import make
from dyadwatch.records import CodedArticle
from dyadwatch.store import postgres_days as days
from dyadwatch.store import postgres_pages as pages
from dyadwatch.store import postgres_words as words
from dyadwatch.store import rollup
from dyadwatch.store.base import CODES_SQL, REGISTRY_COLUMNS, StoreBase, WriteReport, register_store, to_tables
from dyadwatch.store.schema import LATEST, MIGRATIONS

_TABLE_ORDER = ("articles", "events", "entities", "event_entities", "quotes", "mentions")
# tables whose primary key makes a second copy of a row a no-op
_KEYED = {"articles": "id", "events": "id", "entities": "id"}
# advisory lock keys: arbitrary constants, the same in every dyadwatch process
_MIGRATE_LOCK = 0x6479_6164_0001
_WRITE_LOCK = 0x6479_6164_0002

# PostgreSQL-only indexes for the dyad and event-page queries. The sort columns are in byte order
# (COLLATE "C"), the order events() asks for, so a page walks the index instead of sorting every match.
INDEXES = {
    "links_code": "CREATE INDEX IF NOT EXISTS links_code ON event_entities (code, event_id)",
    "events_order": 'CREATE INDEX IF NOT EXISTS events_order ON events (date COLLATE "C", doc_id COLLATE "C", trigger_start)',
    "events_category": (
        'CREATE INDEX IF NOT EXISTS events_category ON events (category, date COLLATE "C", doc_id COLLATE "C", trigger_start)'
    ),
    # the reports of groups of several (analysis.queries: ``counted`` and the rollup's corrections): partial
    # indexes, so that finding them costs what they number, and the group of every event, to find their groups
    "events_grouped": "CREATE INDEX IF NOT EXISTS events_grouped ON events (event_group) WHERE event_group <> id",
    "events_irregular": "CREATE INDEX IF NOT EXISTS events_irregular ON events (id) WHERE coalesce(date, '') = '' OR event_group <> id",
    "events_group_key": "CREATE INDEX IF NOT EXISTS events_group_key ON events ((coalesce(nullif(event_group, ''), id)))",
    # the texts that hold a character outside ASCII, the only ones the special-character search tests
    # (``analysis.queries``: ``StoreReads.special_events``): partial indexes, empty for English-only stores
    "events_sentence_wide": (
        "CREATE INDEX IF NOT EXISTS events_sentence_wide ON events (id) "
        "WHERE octet_length(coalesce(sentence, '')) > length(coalesce(sentence, ''))"
    ),
    "events_category_wide": (
        "CREATE INDEX IF NOT EXISTS events_category_wide ON events (id) WHERE octet_length(category) > length(category)"
    ),
    "links_name_wide": (
        "CREATE INDEX IF NOT EXISTS links_name_wide ON event_entities (event_id) WHERE "
        "octet_length(coalesce(nullif(canonical, ''), name, '')) > length(coalesce(nullif(canonical, ''), name, ''))"
    ),
}
# trigram indexes for the text search (``LIKE '%needle%'`` on the lowered texts), where the server has the
# pg_trgm extension (Debian's postgresql package ships it); without it the search scans
TEXT_INDEXES = {
    "events_sentence_trgm": (
        "CREATE INDEX IF NOT EXISTS events_sentence_trgm ON events USING gin (lower(coalesce(sentence, '')) gin_trgm_ops)"
    ),
    "links_name_trgm": (
        "CREATE INDEX IF NOT EXISTS links_name_trgm ON event_entities "
        "USING gin (lower(coalesce(nullif(canonical, ''), name, '')) gin_trgm_ops)"
    ),
}
# a counter that every write transaction bumps: a server holding events in memory asks it (one row) to
# learn that another process has written since, instead of rereading the events
_GENERATION = [
    "CREATE TABLE IF NOT EXISTS store_generation (id INTEGER PRIMARY KEY, n BIGINT NOT NULL)",
    "INSERT INTO store_generation VALUES (1, 0) ON CONFLICT DO NOTHING",
]
_BUMP = "UPDATE store_generation SET n = n + 1 WHERE id = 1"
_EXTRAS = [*rollup.CREATE, *rollup.ACTOR_CREATE, *INDEXES.values(), *_GENERATION, *pages.CREATE, *pages.INDEXES, *days.CREATE, *days.INDEXES,
           *days.DIRECTED_CREATE, *days.DIRECTED_INDEXES,
           *words.CREATE, *words.INDEXES]


def sqlalchemy_url(url: str) -> str:
    """postgresql://... as SQLAlchemy's psycopg 3 URL."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def qmark_to_format(sql: str) -> str:
    """Turn DuckDB-style ``?`` placeholders into psycopg's ``%s``, outside quoted text."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)


class PostgresStore(StoreBase):
    """A PostgreSQL database with the dyadwatch schema and the dyad rollup."""

    def __init__(self, path: str) -> None:
        try:
            import psycopg  # noqa: F401 - the driver SQLAlchemy will load
            import sqlalchemy
        except ImportError as exc:
            missing = getattr(exc, "name", None) or "sqlalchemy"
            raise make("E901", where=path, feature="The PostgreSQL store", module=missing, extra="postgres") from exc
        self.path = path
        self._where = _redact(path)
        self._word_index = False  # whether the words' trigram index is there (``_migrate``)
        self.engine = sqlalchemy.create_engine(sqlalchemy_url(path), pool_pre_ping=True, pool_size=2, max_overflow=2)
        try:
            self._migrate()
        except sqlalchemy.exc.OperationalError as exc:
            self.engine.dispose()
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc).splitlines()[0]
            raise make("E502", where=self._where, path=self._where, reason=reason) from exc

    def _migrate(self) -> None:
        with self.engine.begin() as conn:
            cur = conn.connection.cursor()
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_MIGRATE_LOCK])
            # CREATE INDEX IF NOT EXISTS still takes a share lock on its table: never run it beside a writer
            # (writers hold only the write lock, so taking migrate-then-write here cannot deadlock)
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])
            cur.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
            cur.execute("SELECT version FROM schema_migrations")
            done = {r[0] for r in cur.fetchall()}
            if done and max(done) > LATEST:
                raise make("E503", where=self._where, path=self._where, found=max(done), supported=LATEST)
            for version, name, statements in MIGRATIONS:
                if version in done:
                    continue
                for sql in statements:
                    cur.execute(sql)
                cur.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)", [version, name, dt.datetime.now()])
            cur.execute(
                "SELECT to_regclass('dyad_month') IS NULL OR to_regclass('actor_rollup') IS NULL, "
                "to_regclass('dyad_period') IS NULL, to_regclass('dyad_events') IS NULL, to_regclass('dyad_day') IS NULL, "
                "to_regclass('text_words') IS NULL, to_regclass('dyad_day_directed') IS NULL"
            )
            # a SELECT returns its row
            new_rollup, new_period, new_pages, new_days, new_words, new_directed = cur.fetchone() or (False,) * 6
            for sql in _EXTRAS:
                cur.execute(sql)
            self._word_index = _trigrams(cur)
            if self._word_index:
                for sql in [*TEXT_INDEXES.values(), words.TRIGRAM_INDEX]:
                    cur.execute(sql)
            # a database written before the rollups existed, or before dyad_period and the actor page's rows
            # of actor_rollup (``store.rollup``): built once, here
            if new_rollup or new_period:
                for sql in rollup.rebuild_sql_pg():
                    cur.execute(sql)
            # a database written before the dyad pages' side table (``store.postgres_pages``): filled once, here
            if new_pages:
                for sql in pages.rebuild_sql():
                    cur.execute(sql)
            # ... or before the day rollup (``store.postgres_days``), built from the side table
            if new_pages or new_days:
                for sql in days.rebuild_sql():
                    cur.execute(sql)
            # ... or before its directed rows (``dyad_day_directed``): its undirected rows stay as they are
            elif new_directed:
                for sql in days.directed_rebuild_sql():
                    cur.execute(sql)
            # ... or before the counts of the searched words (``store.postgres_words``)
            if new_words:
                for sql in words.rebuild_sql(self._word_index):
                    cur.execute(sql)

    def schema_version(self) -> int:
        return int(self.query("SELECT max(version) FROM schema_migrations")[0][0])

    def generation(self) -> int:
        """A number that changes whenever any process writes: compare two readings to know."""
        return int(self.query("SELECT n FROM store_generation WHERE id = 1")[0][0])

    def known_articles(self, ids: Iterable[str]) -> dict[str, str | None]:
        """Article id -> coder that coded it, for the ids already stored."""
        ids = list(ids)
        if not ids:
            return {}
        return {r[0]: r[1] for r in self.query("SELECT id, coder FROM articles WHERE id = ANY(?)", [ids])}

    def write(self, coded: list[CodedArticle], failures: list[tuple[str, str, str, str]]) -> WriteReport:
        """Store one batch in one transaction; nothing is written if any part fails."""
        report = WriteReport(failures=len(failures))
        with self.engine.begin() as conn:
            cur = conn.connection.cursor()
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])
            ids = list({c.article.id for c in coded})
            cur.execute("SELECT id, coder FROM articles WHERE id = ANY(%s)", [ids])
            known = {r[0]: r[1] for r in cur.fetchall()}
            fresh = _classify(coded, known, report)
            tables = to_tables(fresh, dt.datetime.now())
            replaced = [c.article.id for c in fresh if c.article.id in known]
            if replaced:
                _rollup_delta(cur, replaced, -1)
                _side_delta(cur, replaced, -1)
                self._delete_articles(cur, replaced)
            for name in _TABLE_ORDER:
                columns = getattr(tables, name)
                if columns:
                    _copy_in(cur, name, columns)
            if fresh:
                _rollup_delta(cur, [c.article.id for c in fresh], +1)
                _side_delta(cur, [c.article.id for c in fresh], +1)
            if fresh:
                pages.settle(cur)
            if failures:
                now = dt.datetime.now()
                with cur.copy("COPY failures (origin, record, code, message, failed_at) FROM STDIN") as copy:
                    for f in failures:
                        copy.write_row((*f, now))
            if fresh or failures:
                cur.execute(_BUMP)
        report.events = len(tables.events.get("id", []))
        return report

    @staticmethod
    def _delete_articles(cur: Any, ids: list[str]) -> None:
        cur.execute("DELETE FROM event_entities WHERE event_id IN (SELECT id FROM events WHERE article_id = ANY(%s))", [ids])
        for table, col in (("events", "article_id"), ("quotes", "article_id"), ("mentions", "article_id"), ("articles", "id")):
            cur.execute(f"DELETE FROM {table} WHERE {col} = ANY(%s)", [ids])

    def rebuild_rollup(self) -> None:
        """Recompute ``dyad_month``, ``actor_rollup`` and ``dyad_events`` from the events (after a bulk load that
        bypassed ``write``)."""
        with self.engine.begin() as conn:
            cur = conn.connection.cursor()
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])
            for sql in [*rollup.rebuild_sql_pg(), *pages.rebuild_sql(), *days.rebuild_sql(), *words.rebuild_sql(_trigrams(cur))]:
                cur.execute(sql)

    def dyad_event_table(self) -> str:
        """The side table of the dyad pages (``store.postgres_pages``), kept current by every write."""
        return pages.TABLE

    def wide_text_events(self) -> int:
        """Whether some event has a sentence, category or actor name outside ASCII: 1 if so, else 0 (``analysis.
        text_search`` asks only whether there are none). Found from the partial indexes of those texts."""
        # each the first key of its partial index (``INDEXES``), which an ordered LIMIT reads; a bare EXISTS is
        # planned as a scan that expects to stop early, and reads every row when no text is outside ASCII
        first = "(SELECT {k} FROM {table} WHERE octet_length({t}) > length({t}) ORDER BY {k} LIMIT 1)"
        found = [
            first.format(k="id", table="events", t="coalesce(sentence, '')"),
            first.format(k="id", table="events", t="category"),
            first.format(k="event_id", table="event_entities", t="coalesce(nullif(canonical, ''), name, '')"),
        ]
        return int(self.query(f"SELECT coalesce({', '.join(found)}) IS NOT NULL")[0][0])

    def rarest_piece(self, pieces: list[str]) -> str | None:
        """The piece of a needle that the fewest searched words hold (``store.postgres_words``), for the trigram index
        to look up; None where the words have no trigram index, no piece has three characters or the rarest is common."""
        long = sorted(p for p in set(pieces) if len(p) >= 3)
        if not long or not self._word_index:
            return None
        patterns = ["%" + p.replace("_", "\\_") + "%" for p in long]
        n, piece = min(zip(self.query(words.piece_counts_sql(len(long)), patterns)[0], long))
        return piece if n <= words.RARE else None

    def dyad_days(self, a: str, b: str, directed: bool = False) -> list[tuple[Any, ...]]:
        """Day rows (day, events, score_sum, vc, mc, vf, mf, categories, counts) of one dyad, undirected or from
        ``a`` to ``b`` (``store.postgres_days``: every eligible event, whatever its group), in day order."""
        x, y = (a, b) if directed else sorted((a, b))
        return self.query(days.read_sql(directed), [x, y])

    def dyad_months(self, a: str, b: str, directed: bool = False) -> list[tuple[Any, ...]]:
        """Rollup rows (period, category, quad, events, score_sum) of one dyad."""
        x, y = (a, b) if directed else tuple(sorted((a, b)))
        return self.query(
            "SELECT period, category, quad, events, score_sum FROM dyad_month "
            "WHERE a = ? AND b = ? AND directed = ? ORDER BY period",
            [x, y, directed],
        )

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with self.engine.connect() as conn:
            cur = conn.connection.cursor()
            cur.execute(qmark_to_format(sql), params or None)
            rows = cur.fetchall() if cur.description else []
            conn.connection.commit()
            return [tuple(r) for r in rows]

    def dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            cur = conn.connection.cursor()
            cur.execute(qmark_to_format(sql), params or None)
            names = [d[0] for d in cur.description]
            rows = cur.fetchall()
            conn.connection.commit()
            return [dict(zip(names, row)) for row in rows]

    # byte order, as DuckDB sorts, whatever the database's collation
    EVENT_ORDER = 'e.date COLLATE "C", e.doc_id COLLATE "C", e.trigger_start'
    IN_LIST = "= ANY(?)"
    COLLATE_C = ' COLLATE "C"'
    BYTE_LENGTH = "octet_length"
    # ``dyad_events`` (``store.postgres_pages``) has an index by dyad and page order: a (dyad, date range) is an index range
    DYAD_EVENT_INDEX = True
    TEXT_WIDE_INDEXES = True  # the partial indexes of INDEXES find the texts outside ASCII
    # the distinct categories by a walk of the category index (one lookup per category), not a scan
    CATEGORIES_SQL = (
        "WITH RECURSIVE c(v) AS (SELECT min(category) FROM events UNION ALL "
        "SELECT (SELECT min(category) FROM events WHERE category > c.v) FROM c WHERE c.v IS NOT NULL) "
        "SELECT v FROM c WHERE v IS NOT NULL"
    )

    def _apply_registry(self, rows: list[dict[str, Any]], replace_user: bool, changes: list[dict[str, Any]]) -> None:
        with self.engine.begin() as conn:
            cur = conn.connection.cursor()
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])
            cur.execute("DELETE FROM actor_registry" if replace_user else "DELETE FROM actor_registry WHERE source = 'learnt'")
            if rows:
                _copy_in(cur, "actor_registry", {c: [r.get(c) for r in rows] for c in REGISTRY_COLUMNS})
            if changes:
                touched = sorted({c["event_id"] for c in changes})
                cur.execute("SELECT DISTINCT article_id FROM events WHERE id = ANY(%s)", [touched])
                articles = [r[0] for r in cur.fetchall()]
                # the rollups and the dyad pages' rows count these articles' events by country pair and actor:
                # take them out, change them, put them back
                _rollup_delta(cur, articles, -1)
                _side_delta(cur, articles, -1)
                cur.executemany(
                    "UPDATE event_entities SET code = %s, sector = %s, role = %s, canonical = %s, guessed = false "
                    "WHERE event_id = %s AND side = %s AND position = %s",
                    [[c["code"], c["sector"], c["role"], c["canonical"], c["event_id"], c["side"], c["position"]] for c in changes],
                )
                for side, column in (("actor", "actor_codes"), ("recipient", "recipient_codes")):
                    cur.execute(CODES_SQL.format(column=column, side=side, ids="SELECT unnest(%s::varchar[])"), [touched])
                _rollup_delta(cur, articles, +1)
                _side_delta(cur, articles, +1)
                pages.settle(cur)
            cur.execute(_BUMP)

    def _apply_groups(self, groups: dict[str, str]) -> None:
        with self.engine.begin() as conn:
            cur = conn.connection.cursor()
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_WRITE_LOCK])
            cur.execute("CREATE TEMP TABLE event_groups (id VARCHAR PRIMARY KEY, grp VARCHAR) ON COMMIT DROP")
            _copy_in(cur, "event_groups", {"id": list(groups), "grp": list(groups.values())})
            cur.execute(
                "SELECT DISTINCT e.article_id FROM events e JOIN event_groups g ON e.id = g.id WHERE e.event_group IS DISTINCT FROM g.grp"
            )
            articles = [r[0] for r in cur.fetchall()]
            if not articles:
                return
            # the rollups count only each group's first report: take these articles out, regroup, put them back
            _rollup_delta(cur, articles, -1)
            cur.execute("UPDATE events SET event_group = g.grp FROM event_groups g WHERE events.id = g.id AND events.event_group IS DISTINCT FROM g.grp")
            _rollup_delta(cur, articles, +1)
            cur.execute(_BUMP)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _trigrams(cur: Any) -> bool:
    """Whether pg_trgm is there, or could be created (it ships with the server; creating it needs the right)."""
    cur.execute("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
    if cur.fetchone()[0]:
        return True
    cur.execute("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
    if not cur.fetchone()[0]:
        return False
    import psycopg

    cur.execute("SAVEPOINT trgm")
    try:
        cur.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except psycopg.Error:  # no right to create it here: the text search scans instead
        cur.execute("ROLLBACK TO SAVEPOINT trgm")
        return False
    cur.execute("RELEASE SAVEPOINT trgm")
    return True


def _side_delta(cur: Any, articles: list[str], sign: int) -> None:
    """The side tables' rows of ``articles``' events in (+1, after their rows) or out (-1, before they go): the
    dyad pages' pairs and days (``store.postgres_pages``, settled at the end of the transaction) and the words."""
    pages.delta(cur, articles, sign)
    words.delta(cur, articles, sign)


def _rollup_delta(cur: Any, articles: list[str], sign: int) -> None:
    """Add (+1) or take away (-1) the events of ``articles`` in the rollups; rows that fall to zero go."""
    cur.execute(rollup.delta_sql(sign), {"ids": articles})
    emptied = [row for row in cur.fetchall() if row[7] == 0]
    months = [row[1:7] for row in emptied if row[0] == "month"]
    periods = [(row[1], row[2], row[4]) for row in emptied if row[0] == "period"]
    if months:
        cur.executemany(rollup.DELETE_EMPTY, months)
    if periods:
        cur.executemany(rollup.PERIOD_DELETE_EMPTY, periods)
    cur.execute(rollup.actor_delta_sql(sign), {"ids": articles})
    emptied = [row[:4] for row in cur.fetchall() if row[4] == 0]
    if emptied:
        cur.executemany(rollup.ACTOR_DELETE_EMPTY, emptied)


def _classify(coded: list[CodedArticle], known: dict[str, str | None], report: WriteReport) -> list[CodedArticle]:
    """The articles to write: new ones and recoded ones; count the rest as the same."""
    fresh: list[CodedArticle] = []
    seen: set[str] = set()
    for c in coded:
        aid = c.article.id
        if aid in seen or known.get(aid, "\0") == c.coder:
            report.articles_same += 1
            continue
        seen.add(aid)
        if aid in known:
            report.articles_recoded += 1
        else:
            report.articles_new += 1
        fresh.append(c)
    return fresh


def _copy_in(cur: Any, table: str, columns: dict[str, list[Any]]) -> None:
    """COPY the rows into a staging table, then insert them; keyed tables skip rows already there."""
    names = list(columns)
    cols = ", ".join(f'"{n}"' for n in names)
    stage = f"stage_{table}"
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} (LIKE {table}) ON COMMIT DROP")
    with cur.copy(f"COPY {stage} ({cols}) FROM STDIN") as copy:
        for row in zip(*columns.values()):
            copy.write_row(row)
    conflict = f" ORDER BY {_KEYED[table]} ON CONFLICT ({_KEYED[table]}) DO NOTHING" if table in _KEYED else ""
    cur.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {stage}{conflict}")


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url


@register_store("postgres.v1")
def _open_postgres(path: str) -> PostgresStore:
    return PostgresStore(path)
