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
"""

from __future__ import annotations

from typing import Any

TABLE = "dyad_day"
CREATE = [
    f"""CREATE TABLE IF NOT EXISTS {TABLE} (
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
    )""",
]
# one row per key; a dyad's series is one range of it, in day order (the days in byte order, as the series sorts)
KEY_INDEX = f"CREATE UNIQUE INDEX IF NOT EXISTS dyad_day_key ON {TABLE} (a, b, day)"
INDEXES = [KEY_INDEX]

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
    f"INSERT INTO {TABLE} SELECT a, b, day, CAST(sum(n) AS BIGINT), coalesce(sum(s), 0), CAST(sum(vc) AS BIGINT), "
    "CAST(sum(mc) AS BIGINT), CAST(sum(vf) AS BIGINT), CAST(sum(mf) AS BIGINT), "
    "array_agg(category ORDER BY first), array_agg(n ORDER BY first) "
    f"FROM (SELECT a, b, day, category, count(*) AS n, sum(score) AS s, min(rnk) AS first, {_QUADS} "
    "FROM ({rows}) r GROUP BY a, b, day, category) c GROUP BY a, b, day"
)
_EVERY_ROW = (
    "SELECT e.a, e.b, substr(e.date, 1, 10) AS day, e.category, e.quad, e.score, "
    f"row_number() OVER (PARTITION BY e.a, e.b ORDER BY {_ORDER}) AS rnk FROM dyad_events e WHERE {_COUNTS}"
)
_TOUCHED = "dyad_day_touched"
# the touched days' rows: one range of ``dyad_events_page`` per (pair, day), the day being a prefix of the dates
_TOUCHED_ROWS = (
    "SELECT t.a, t.b, t.day, e.category, e.quad, e.score, "
    f"row_number() OVER (PARTITION BY t.a, t.b, t.day ORDER BY {_ORDER}) AS rnk "
    f"FROM (SELECT DISTINCT a, b, day FROM {_TOUCHED}) t JOIN dyad_events e ON e.a = t.a AND e.b = t.b "
    'AND e.date COLLATE "C" >= t.day AND e.date COLLATE "C" <= t.day || chr(1114111) '
    f"WHERE substr(e.date, 1, 10) = t.day AND {_COUNTS}"
)


def rebuild_sql() -> list[str]:
    """The statements that rebuild the table from ``dyad_events``: emptied, filled in key order, then indexed."""
    return [
        f"TRUNCATE {TABLE}",
        "DROP INDEX IF EXISTS dyad_day_key",
        _AGGREGATE.format(rows=_EVERY_ROW) + " ORDER BY 1, 2, 3",
        *INDEXES,
        f"ANALYZE {TABLE}",
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
    """Recompute the rows of the keys ``touch`` noted in this transaction (rows that no event holds any more go)."""
    _ensure_touched(cur)
    cur.execute(f"DELETE FROM {TABLE} d USING {_TOUCHED} t WHERE d.a = t.a AND d.b = t.b AND d.day = t.day")
    cur.execute(_AGGREGATE.format(rows=_TOUCHED_ROWS))
    cur.execute(f"DELETE FROM {_TOUCHED}")


def read_sql() -> str:
    """One undirected dyad's rows (the pair in byte order), in day order."""
    return (
        f"SELECT day, events, score_sum, vc, mc, vf, mf, categories, counts FROM {TABLE} "
        "WHERE a = ? AND b = ? ORDER BY day"
    )
