"""PostgreSQL's day rollup of the dyads: one row per undirected country pair and day, for a dyad's daily series.

A dyad's daily series (``analysis.dyad_reads.DyadReads.dyad_series`` by day) aggregated every event of the
dyad at each call: 448,123 rows of ``dyad_events`` for the busiest dyad at 10 million events, a window for the
order of the categories in a day, and some 60,000 (day, category, quad) cells sent to Python (2 s under load).
``dyad_day`` holds the answer per day instead: the events, their score sum, the four quad classes, and the
categories with their counts in the order the day's first event of each is met in page order (the order the
series lists them in). It counts every event of ``dyad_events`` that is eligible (neither negated nor
hypothetical), has a quad and a date with a day; which later reports of a group ``counted`` leaves out is
the reader's to correct (it recomputes the days that hold one), as for the month rollups.

A day's row is recomputed whole from ``dyad_events`` (one index range of the dyad's day) whenever a write adds
or takes away one of its rows: writes note the (pair, day) keys they touch (``touch``, before a row goes and
after a row comes) in a temporary table of the transaction, and ``refresh`` rebuilds those keys at its end,
under the write's lock, so concurrent writers never leave the table behind ``dyad_events``. A running count
could not keep the order of the categories: a first event taken away leaves no trace of the second.

A directed series (A to B only) has its own table of the same shape, ``dyad_day_directed``, keyed by the
ordered pair (actor side first): the same rows split by the directions ``dyad_events`` gives each pair of an
event (``ab``, ``ba``), an event with both counted in both. Its rows are recomputed with the undirected ones,
from the same rows: a category's first event among the rows of one direction is the first of its ranks in the
pair's page order, so the ranks of the undirected day order the directed day's categories too.
"""

from __future__ import annotations

from typing import Any

TABLE = "dyad_day"
DIRECTED = "dyad_day_directed"
_COLUMNS = """(
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        day VARCHAR COLLATE "C" NOT NULL,
        events BIGINT NOT NULL,
        score_sum DOUBLE PRECISION NOT NULL,
        vc BIGINT NOT NULL,
        mc BIGINT NOT NULL,
        vf BIGINT NOT NULL,
        mf BIGINT NOT NULL,
        categories VARCHAR[] NOT NULL,
        counts BIGINT[] NOT NULL
    )"""
CREATE = [f"CREATE TABLE IF NOT EXISTS {TABLE} {_COLUMNS}"]
DIRECTED_CREATE = [f"CREATE TABLE IF NOT EXISTS {DIRECTED} {_COLUMNS}"]
# one row per key; a dyad's series is one range of it, in day order (the days in byte order, as the series sorts)
KEY_INDEX = f"CREATE UNIQUE INDEX IF NOT EXISTS dyad_day_key ON {TABLE} (a, b, day)"
INDEXES = [KEY_INDEX]
DIRECTED_INDEXES = [f"CREATE UNIQUE INDEX IF NOT EXISTS dyad_day_directed_key ON {DIRECTED} (a, b, day)"]

_ORDER = 'e.date COLLATE "C", e.doc_id COLLATE "C", e.trigger_start, e.id COLLATE "C"'
# the rows a day counts (``counted`` without its groups, and the series' own conditions: a quad and a day)
_COUNTS = (
    "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false) AND coalesce(e.quad, '') <> '' "
    "AND length(e.date) >= 10"
)
_QUADS = ", ".join(f"count(*) FILTER (WHERE quad = '{q}') AS {q.lower()}" for q in ("VC", "MC", "VF", "MF"))
# the day rows of ``{rows}`` (a, b, day, category, quad, score, rnk: the event's place in its day or dyad in page
# order): per category first, so that the categories are listed by the first event of each
_AGGREGATE = (
    "INSERT INTO {table} SELECT a, b, day, CAST(sum(n) AS BIGINT), coalesce(sum(s), 0), CAST(sum(vc) AS BIGINT), "
    "CAST(sum(mc) AS BIGINT), CAST(sum(vf) AS BIGINT), CAST(sum(mf) AS BIGINT), "
    "array_agg(category ORDER BY first), array_agg(n ORDER BY first) "
    f"FROM (SELECT a, b, day, category, count(*) AS n, sum(score) AS s, min(rnk) AS first, {_QUADS} "
    "FROM ({rows}) r GROUP BY a, b, day, category) c GROUP BY a, b, day"
)
_EVERY_ROW = (
    "SELECT e.a, e.b, e.ab, e.ba, substr(e.date, 1, 10) AS day, e.category, e.quad, e.score, "
    f"row_number() OVER (PARTITION BY e.a, e.b ORDER BY {_ORDER}) AS rnk FROM dyad_events e WHERE {_COUNTS}"
)
_TOUCHED = "dyad_day_touched"
# the touched days' rows: one range of ``dyad_events_page`` per (pair, day), the day being a prefix of the dates
_TOUCHED_ROWS = (
    "SELECT t.a, t.b, e.ab, e.ba, t.day, e.category, e.quad, e.score, "
    f"row_number() OVER (PARTITION BY t.a, t.b, t.day ORDER BY {_ORDER}) AS rnk "
    f"FROM (SELECT DISTINCT a, b, day FROM {_TOUCHED}) t JOIN dyad_events e ON e.a = t.a AND e.b = t.b "
    'AND e.date COLLATE "C" >= t.day AND e.date COLLATE "C" <= t.day || chr(1114111) '
    f"WHERE substr(e.date, 1, 10) = t.day AND {_COUNTS}"
)


# the same rows once per direction the event gives its pair: (a, b) where ``ab``, (b, a) where ``ba``
_BY_DIRECTION = (
    "SELECT x.a, x.b, r.day, r.category, r.quad, r.score, r.rnk FROM ({rows}) r "
    "CROSS JOIN LATERAL (VALUES (r.a, r.b, r.ab), (r.b, r.a, r.ba)) x(a, b, keep) WHERE x.keep"
)


def _fill(table: str, rows: str) -> str:
    """The insert of the day rows of ``rows`` into ``table`` (``DIRECTED``: split by direction first)."""
    if table == DIRECTED:
        rows = _BY_DIRECTION.format(rows=rows)
    return _AGGREGATE.format(table=table, rows=rows)


def rebuild_sql() -> list[str]:
    """The statements that rebuild both tables from ``dyad_events``: emptied, filled in key order, then indexed."""
    return [*_rebuild(TABLE, "dyad_day_key", INDEXES), *directed_rebuild_sql()]


def directed_rebuild_sql() -> list[str]:
    """The statements that (re)build the directed table alone: a store from before it keeps its undirected one."""
    return _rebuild(DIRECTED, "dyad_day_directed_key", DIRECTED_INDEXES)


def _rebuild(table: str, key: str, indexes: list[str]) -> list[str]:
    return [
        f"TRUNCATE {table}",
        f"DROP INDEX IF EXISTS {key}",
        _fill(table, _EVERY_ROW) + " ORDER BY 1, 2, 3",
        *indexes,
        f"ANALYZE {table}",
    ]


def _ensure_touched(cur: Any) -> None:
    cur.execute(f'CREATE TEMP TABLE IF NOT EXISTS {_TOUCHED} (a VARCHAR, b VARCHAR, day VARCHAR COLLATE "C") ON COMMIT DROP')


def touch(cur: Any, articles: list[str]) -> None:
    """Note the (pair, day) keys of ``articles``' rows in ``dyad_events``, for ``refresh`` at the transaction's end."""
    if not articles:
        return
    _ensure_touched(cur)
    cur.execute(
        f"INSERT INTO {_TOUCHED} SELECT a, b, substr(date, 1, 10) FROM dyad_events "
        "WHERE id IN (SELECT id FROM events WHERE article_id = ANY(%(ids)s)) AND length(date) >= 10",
        {"ids": articles},
    )


def refresh(cur: Any) -> None:
    """Recompute the rows of the keys ``touch`` noted in this transaction, in both tables (rows that no event
    holds any more go); a touched pair's directed keys are both its orders."""
    _ensure_touched(cur)
    cur.execute(f"DELETE FROM {TABLE} d USING {_TOUCHED} t WHERE d.a = t.a AND d.b = t.b AND d.day = t.day")
    cur.execute(
        f"DELETE FROM {DIRECTED} d USING (SELECT a, b, day FROM {_TOUCHED} UNION SELECT b, a, day FROM {_TOUCHED}) t "
        "WHERE d.a = t.a AND d.b = t.b AND d.day = t.day"
    )
    cur.execute(_fill(TABLE, _TOUCHED_ROWS))
    cur.execute(_fill(DIRECTED, _TOUCHED_ROWS))
    cur.execute(f"DELETE FROM {_TOUCHED}")


def read_sql(directed: bool = False) -> str:
    """One dyad's rows, in day order: an undirected pair in byte order, or a directed one (actor side first)."""
    return (
        f"SELECT day, events, score_sum, vc, mc, vf, mf, categories, counts FROM {DIRECTED if directed else TABLE} "
        "WHERE a = ? AND b = ? ORDER BY day"
    )
