"""PostgreSQL's side table of the dyad pages: one row per event and undirected country pair, under a covering index.

A dyad's events (its events page and total, a month of it, its daily series, the event ids of the shifts
and the first event of tied dyads) are the events whose pairs (``analysis.dyads.pairs``) hold it. Found
through the links, that is a self-join of every link of either country (4.4 million links for the busiest
dyad at 10 million events) and a semi-join to a scan of the events: 20 to 40 s. ``dyad_events`` holds
the rows DuckDB's table of the same name holds (``store.duckdb_pages``: the pair in byte order, the
direction(s) it has in the event, ``ab`` and ``ba``, and the event's columns that the filters and the page
order read), so the readers (``analysis.dyad_reads``) serve both stores with the same SQL. Its index
is keyed by the dyad and then the page order (byte order, as ``events()`` sorts), and carries the other
columns: a page walks 50 index entries, a total or a series reads the dyad's entries alone (an index-only
scan where the visibility map is set).

Unlike DuckDB, which rebuilds its side tables on the first read after a write, PostgreSQL keeps the table
current inside each write transaction (``PostgresStore.write``, ``_apply_registry``) with the rollups, under
the same write lock, so concurrent writers never leave it behind the events. Every event is listed, flagged
or not, dated or not, its own group or not: readers apply ``counted`` themselves (``analysis.store_sql``),
so a change of report groups changes nothing here.
"""

from __future__ import annotations

from typing import Any

from dyadwatch.store import postgres_days as days
from dyadwatch.store.duckdb_pages import EVENT_COLUMNS

TABLE = "dyad_events"
CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        ab BOOLEAN NOT NULL,
        ba BOOLEAN NOT NULL,
        id VARCHAR NOT NULL,
        date VARCHAR,
        doc_id VARCHAR NOT NULL,
        trigger_start INTEGER,
        category VARCHAR NOT NULL,
        negated BOOLEAN,
        hypothetical BOOLEAN,
        quad VARCHAR,
        score DOUBLE PRECISION
    )""",
]
# the pages' index: the dyad, then the page order (``StoreSQL.order``) in byte order; the filters' columns ride
# along, so that a total or a series never visits the table
PAGE_INDEX = (
    f'CREATE INDEX IF NOT EXISTS dyad_events_page ON {TABLE} (a, b, date COLLATE "C", doc_id COLLATE "C", '
    'trigger_start, id COLLATE "C") INCLUDE (ab, ba, category, negated, hypothetical, quad, score)'
)
# an event's rows, for the write path's deletes (a recoded article, a changed code)
ID_INDEX = f"CREATE INDEX IF NOT EXISTS dyad_events_id ON {TABLE} (id)"
INDEXES = [PAGE_INDEX, ID_INDEX]

_VALID = "l.code IS NOT NULL AND l.code NOT IN ('', 'UNK') AND l.side IN ('actor', 'recipient')"
# the rows of the events that ``{where}`` (over the links ``l``) selects: each event's coded actors and
# recipients gathered once (a streaming GROUP BY), then its pairs, de-duplicated per event: actor x recipient,
# or among actors when it has no coded recipient; the pair in byte order, as Python's ``sorted`` gives it
_ROWS = (
    f"SELECT p.a, p.b, p.ab, p.ba, {', '.join('e.' + c for c in EVENT_COLUMNS)} FROM (SELECT l.event_id, "
    "array_agg(DISTINCT l.code) FILTER (WHERE l.side = 'actor') AS ac, "
    "array_agg(DISTINCT l.code) FILTER (WHERE l.side = 'recipient') AS rc "
    f"FROM event_entities l WHERE {_VALID} AND {{where}} GROUP BY l.event_id) c "
    "CROSS JOIN LATERAL (SELECT least(x COLLATE \"C\", y COLLATE \"C\") AS a, greatest(x COLLATE \"C\", y COLLATE \"C\") AS b, "
    "bool_or(x < y COLLATE \"C\") AS ab, bool_or(x > y COLLATE \"C\") AS ba "
    "FROM unnest(c.ac) x, unnest(coalesce(c.rc, c.ac)) y WHERE x <> y GROUP BY 1, 2) p "
    "JOIN events e ON e.id = c.event_id"
)
_INSERT = f"INSERT INTO {TABLE} (a, b, ab, ba, {', '.join(EVENT_COLUMNS)}) "
# the rows of some articles' events (psycopg's named parameter ``ids``: their article ids)
ADD_ARTICLES = _INSERT + _ROWS.format(where="l.event_id IN (SELECT id FROM events WHERE article_id = ANY(%(ids)s))")
DROP_ARTICLES = f"DELETE FROM {TABLE} WHERE id IN (SELECT id FROM events WHERE article_id = ANY(%(ids)s))"


def rebuild_sql() -> list[str]:
    """The statements that rebuild the table from the events: emptied, filled in index order, then indexed.

    Rows written in the pages' order keep a dyad's rows together on disk, so that reading them where the
    visibility map is not set yet (a store since its last vacuum) touches few pages; the indexes are built
    after the rows (one sort each, instead of an insert into each per row).
    """
    return [
        f"TRUNCATE {TABLE}",
        "DROP INDEX IF EXISTS dyad_events_page",
        "DROP INDEX IF EXISTS dyad_events_id",
        _INSERT + _ROWS.format(where="true")
        + ' ORDER BY 1, 2, e.date COLLATE "C", e.doc_id COLLATE "C", e.trigger_start, e.id COLLATE "C"',
        *INDEXES,
        f"ANALYZE {TABLE}",
    ]


def delta(cur: Any, articles: list[str], sign: int) -> None:
    """Add (+1) or take away (-1) the rows of ``articles``' events, in the caller's write transaction.

    The days of the rows (``store.postgres_days``) are noted while the rows are there, to be recomputed by
    ``settle`` once the transaction's other deltas are done.
    """
    if not articles:
        return
    if sign < 0:
        days.touch(cur, articles)
    cur.execute(ADD_ARTICLES if sign > 0 else DROP_ARTICLES, {"ids": articles})
    if sign > 0:
        days.touch(cur, articles)


def settle(cur: Any) -> None:
    """Bring what is derived from the table (the day rollup) up to the deltas of this transaction."""
    days.refresh(cur)
