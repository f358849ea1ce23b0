"""The dyad-by-month rollup: event counts and scores per country pair and month.

The PostgreSQL store keeps ``dyad_month`` current inside each write, so the
dyad series of a large store is read from a few hundred rows instead of
aggregating millions of events. The pairs follow ``analysis.dyads.pairs``
exactly: actor x recipient, or among actors when there is no recipient;
negated and hypothetical events and undated events are left out, and so are
the later reports of an event already counted (``event_group`` names another
event), so that the rollup counts events, not reports, as ``counted`` does; user-defined event
types (no quad class, no score) are left out, as ``analysis.dyads.on_scale`` leaves them out. The
``period`` of a row is the event's month (YYYY-MM), or its year (YYYY) when
the date has no month, so both monthly and yearly series are exact.
Each event adds one row per directed pair and one per undirected pair
(``directed = false``, codes in sorted order), so both kinds of series are
exact. ``dyad_series`` reads the rollup where the store has one and falls
back to the events otherwise. ``dyad_period`` holds the same undirected counts without the category
and quad class (one row per dyad and period, a few thousand where ``dyad_month`` has millions), for
the aggregates that read every dyad (rankings, shifts, the home page); a write updates both from one
computation of its pairs.

The actor rollup (``actor_rollup``) holds what ``rankings.top_actors`` counts per actor (its code and
canonical name, as ``rankings.actor_key`` makes them), as additive counts that a write can add and take
away: ``events`` (the events it takes part in), ``actor`` and ``recipient`` (its links on each side),
``sector`` (its links per sector, NULL left out), ``role`` (its links per role) and ``bare`` (its links
without a canonical name). For the actor page, rows with an empty code and a value v (a link's code or
canonical name) count the events with a link that holds v (``match``) and their dyads (``pair``). Its events are the
eligible events that are their own group, dated or not. Rows with an empty code (``kc = ''``, which no
actor has) count every stored event (``stored``) and the counted events per date (``date``: the first
date, the last and their number). PostgreSQL keeps both rollups current inside each write; DuckDB
rebuilds them on the first read after a write (``DuckDBStore.ensure_rollups``).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from dyadwatch.analysis.dyads import DyadPoint
from dyadwatch.analysis.dyads import dyad_series as series_from_events

CREATE = [
    """CREATE TABLE IF NOT EXISTS dyad_month (
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        directed BOOLEAN NOT NULL,
        period VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        quad VARCHAR NOT NULL,
        events BIGINT NOT NULL,
        score_sum DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (a, b, directed, period, category, quad)
    )""",
    """CREATE TABLE IF NOT EXISTS dyad_period (
        a VARCHAR NOT NULL,
        b VARCHAR NOT NULL,
        period VARCHAR NOT NULL,
        events BIGINT NOT NULL,
        score_sum DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (a, b, period)
    )""",
]
# dyad_period from dyad_month (part of a rebuild)
PERIOD_FILL = [
    "DELETE FROM dyad_period",
    "INSERT INTO dyad_period (a, b, period, events, score_sum) "
    "SELECT a, b, period, sum(events), sum(score_sum) FROM dyad_month WHERE NOT directed GROUP BY 1, 2, 3",
]

ACTOR_CREATE = [
    """CREATE TABLE IF NOT EXISTS actor_rollup (
        kc VARCHAR NOT NULL,
        kn VARCHAR NOT NULL,
        kind VARCHAR NOT NULL,
        val VARCHAR NOT NULL,
        n BIGINT NOT NULL,
        PRIMARY KEY (kc, kn, kind, val)
    )""",
]

# the month of a date (characters 6-7 digits), else its year; DuckDB's ~ is a full match, PostgreSQL's a search
PERIOD_PG = "CASE WHEN date ~ '^.{5}[0-9]{2}' THEN substr(date, 1, 7) ELSE substr(date, 1, 4) END"
PERIOD_DUCKDB = "CASE WHEN regexp_matches(date, '^.{5}[0-9]{2}') THEN substr(date, 1, 7) ELSE substr(date, 1, 4) END"

# the pairs of the events of some articles (or of all events), as (event_id, a, b, directed) rows;
# {where} narrows the events, e.g. to "article_id = ANY(%(ids)s)"
_PAIRS = """
    ev AS (
        SELECT id, {period} AS period,
            category, coalesce(quad, '') AS quad, coalesce(score, 0) AS score
        FROM events
        WHERE {where} AND NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false) AND coalesce(date, '') <> ''
            AND (event_group IS NULL OR event_group = id) AND coalesce(quad, '') <> ''
    ),
    codes AS (
        SELECT DISTINCT l.event_id, l.side, l.code FROM event_entities l JOIN ev ON ev.id = l.event_id
        WHERE l.code IS NOT NULL AND l.code NOT IN ('', 'UNK')
    ),
    directed AS (
        SELECT DISTINCT x.event_id, x.code AS a, y.code AS b
        FROM codes x JOIN codes y ON x.event_id = y.event_id
        WHERE x.side = 'actor' AND x.code <> y.code AND (
            y.side = 'recipient'
            OR y.side = 'actor' AND NOT EXISTS (SELECT 1 FROM codes r WHERE r.event_id = x.event_id AND r.side = 'recipient')
        )
    ),
    pairs AS (
        SELECT event_id, a, b, true AS directed FROM directed
        UNION
        SELECT event_id, least(a, b), greatest(a, b), false FROM directed
    )"""

# rows sorted by key so that concurrent upserts take row locks in one order
_UPSERT = """
    INSERT INTO dyad_month AS d (a, b, directed, period, category, quad, events, score_sum)
    SELECT p.a, p.b, p.directed, ev.period, ev.category, ev.quad, {sign} * count(*), {sign} * sum(ev.score)
    FROM pairs p JOIN ev ON ev.id = p.event_id
    GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (a, b, directed, period, category, quad)
    DO UPDATE SET events = d.events + EXCLUDED.events, score_sum = d.score_sum + EXCLUDED.score_sum
"""


# both dyad rollups from one computation of the pairs (``agg``): dyad_month's cells, and their undirected
# sums per period into dyad_period; the touched rows of each come back, marked 'month' or 'period'
_DELTA = """,
    agg AS (
        SELECT p.a, p.b, p.directed, ev.period, ev.category, ev.quad, {sign} * count(*) AS n, {sign} * sum(ev.score) AS s
        FROM pairs p JOIN ev ON ev.id = p.event_id GROUP BY 1, 2, 3, 4, 5, 6
    ),
    m AS (
        INSERT INTO dyad_month AS d (a, b, directed, period, category, quad, events, score_sum)
        SELECT * FROM agg ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (a, b, directed, period, category, quad)
        DO UPDATE SET events = d.events + EXCLUDED.events, score_sum = d.score_sum + EXCLUDED.score_sum
        RETURNING d.a, d.b, d.directed, d.period, d.category, d.quad, d.events
    ),
    q AS (
        INSERT INTO dyad_period AS d (a, b, period, events, score_sum)
        SELECT a, b, period, sum(n), sum(s) FROM agg WHERE NOT directed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (a, b, period) DO UPDATE SET events = d.events + EXCLUDED.events, score_sum = d.score_sum + EXCLUDED.score_sum
        RETURNING d.a, d.b, d.period, d.events
    )
    SELECT 'month', a, b, directed, period, category, quad, events FROM m
    UNION ALL SELECT 'period', a, b, false, period, '', '', events FROM q
"""


def delta_sql(sign: int) -> str:
    """Add (+1) or take away (-1) the events of the articles in ``%(ids)s`` in ``dyad_month`` and ``dyad_period``.

    Returns the touched rows: ('month', a, b, directed, period, category, quad, events) and
    ('period', a, b, false, period, '', '', events).
    """
    return "WITH " + _PAIRS.format(where="article_id = ANY(%(ids)s)", period=PERIOD_PG) + _DELTA.format(sign=int(sign))


# an actor as ``rankings.actor_key`` names it
ACTOR_KEY = (
    "coalesce(nullif(l.code, ''), 'UNK') AS kc, coalesce(nullif(l.canonical, ''), nullif(l.name, ''), '?') AS kn"
)
# the events the actor rollup counts: eligible and their own group (``analysis.queries`` corrects the rest)
ACTOR_COUNTED = (
    "(SELECT e.* FROM events e WHERE NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false) "
    "AND (e.event_group IS NULL OR e.event_group = e.id))"
)


# the actor page's facets, per value v of a link's code or canonical name (rows ('', v, kind, ...)): ``match``,
# the events with a link that holds v; ``pair``, those events' dyads (on-scale events, ``analysis.dyads.pairs``,
# undirected, val 'A-B'). Per identity, ``bare`` counts its links without a canonical name.
_PAGE_FACETS = (
    "pv AS (SELECT DISTINCT event_id, v FROM (SELECT event_id, rc AS v FROM lk UNION ALL SELECT event_id, rn FROM lk) x "
    "WHERE coalesce(v, '') <> ''), "
    # each coded link with whether its event has a coded recipient (a window, not a correlated subquery)
    "cd AS (SELECT event_id, side, code, max(CASE WHEN side = 'recipient' THEN 1 ELSE 0 END) OVER (PARTITION BY event_id) AS hr "
    "FROM (SELECT DISTINCT event_id, side, rc AS code FROM lk "
    "WHERE coalesce(quad, '') <> '' AND rc IS NOT NULL AND rc NOT IN ('', 'UNK')) c), "
    "dp AS (SELECT DISTINCT x.event_id, least(x.code, y.code) AS a, greatest(x.code, y.code) AS b FROM cd x "
    "JOIN cd y ON y.event_id = x.event_id WHERE x.side = 'actor' AND x.code <> y.code "
    "AND (y.side = 'recipient' OR y.side = 'actor' AND x.hr = 0)) "
)


def actor_facets_sql(source: str, where: str) -> str:
    """(kc, kn, kind, value, n) rows of the events of ``source`` (aliased ``e``) that pass ``where``.

    Every count is additive over disjoint sets of events, so a write adds its articles' rows and a
    recoding takes the old ones away; ``stored`` counts every event of ``events`` that passes ``where``.
    """
    return (
        f"WITH ev AS (SELECT e.id, e.date, e.quad FROM {source} e WHERE {where}), "
        f"lk AS (SELECT l.event_id, CASE WHEN l.side = 'actor' THEN 'actor' ELSE 'recipient' END AS side, l.sector, l.role, "
        f"l.code AS rc, l.canonical AS rn, ev.quad, {ACTOR_KEY} FROM event_entities l JOIN ev ON ev.id = l.event_id), "
        + _PAGE_FACETS +
        "SELECT kc, kn, 'events' AS kind, '' AS val, count(DISTINCT event_id) AS n FROM lk GROUP BY 1, 2 "
        "UNION ALL SELECT kc, kn, side, '', count(*) FROM lk GROUP BY 1, 2, 3 "
        "UNION ALL SELECT kc, kn, 'sector', sector, count(*) FROM lk WHERE sector IS NOT NULL GROUP BY 1, 2, 4 "
        "UNION ALL SELECT kc, kn, 'role', role, count(*) FROM lk WHERE coalesce(role, '') <> '' GROUP BY 1, 2, 4 "
        "UNION ALL SELECT kc, kn, 'bare', '', count(*) FROM lk WHERE coalesce(rn, '') = '' GROUP BY 1, 2 "
        "UNION ALL SELECT '', v, 'match', '', count(*) FROM pv GROUP BY 2 "
        "UNION ALL SELECT '', pv.v, 'pair', dp.a || '-' || dp.b, count(*) FROM dp JOIN pv ON pv.event_id = dp.event_id "
        "GROUP BY 2, 4 "
        "UNION ALL SELECT '', '', 'date', coalesce(date, ''), count(*) FROM ev GROUP BY 4"
    )


def actor_rows_sql(where: str) -> str:
    """The actor rollup's rows of the events that pass ``where`` (over ``e``), stored events included."""
    return (
        actor_facets_sql(ACTOR_COUNTED, where)
        + f" UNION ALL SELECT '', '', 'stored', '', count(*) FROM events e WHERE {where} HAVING count(*) > 0"
    )


def actor_delta_sql(sign: int) -> str:
    """Add (+1) or take away (-1) the actor rows of the articles in ``%(ids)s``; returns the touched keys and counts."""
    rows = actor_rows_sql("e.article_id = ANY(%(ids)s)")
    return (
        f"INSERT INTO actor_rollup AS d (kc, kn, kind, val, n) SELECT kc, kn, kind, val, {int(sign)} * n "
        f"FROM ({rows}) r ORDER BY 1, 2, 3, 4 ON CONFLICT (kc, kn, kind, val) DO UPDATE SET n = d.n + EXCLUDED.n "
        "RETURNING d.kc, d.kn, d.kind, d.val, d.n"
    )


ACTOR_DELETE_EMPTY = "DELETE FROM actor_rollup WHERE kc = %s AND kn = %s AND kind = %s AND val = %s AND n = 0"


# rows whose count fell to zero when an article was recoded, deleted by key
DELETE_EMPTY = (
    "DELETE FROM dyad_month WHERE a = %s AND b = %s AND directed = %s AND period = %s AND category = %s AND quad = %s AND events = 0"
)
PERIOD_DELETE_EMPTY = "DELETE FROM dyad_period WHERE a = %s AND b = %s AND period = %s AND events = 0"


def rebuild_sql(duckdb: bool = False) -> list[str]:
    """Statements that rebuild the rollups from the events (every key once: no conflict to resolve)."""
    insert, select = _UPSERT.format(sign=1).split("ON CONFLICT")[0].split("SELECT", 1)
    pairs = "WITH " + _PAIRS.format(where="true", period=PERIOD_DUCKDB if duckdb else PERIOD_PG)
    return [
        "DELETE FROM dyad_month",
        insert.replace("AS d ", "") + pairs + " SELECT" + select,
        *PERIOD_FILL,
        "DELETE FROM actor_rollup",
        f"INSERT INTO actor_rollup (kc, kn, kind, val, n) {actor_rows_sql('true')}",
    ]


def series_from_rollup(rows: list[tuple[Any, ...]], by: str) -> list[DyadPoint]:
    """DyadPoints from (period, category, quad, events, score_sum) rollup rows."""
    buckets: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        if by == "year":
            buckets[row[0][:4]].append(row)
        elif len(row[0]) == 7:  # year-only dates have no month
            buckets[row[0]].append(row)
    out = []
    for period in sorted(buckets):
        quads: dict[str, int] = defaultdict(int)
        cats: dict[str, int] = defaultdict(int)
        total_n, total_s = 0, 0.0
        for _, category, quad, n, s in buckets[period]:
            quads[quad] += int(n)
            cats[category] += int(n)
            total_n += int(n)
            total_s += float(s)
        if total_n:
            out.append(
                DyadPoint(period, total_n, quads["VC"], quads["MC"], quads["VF"], quads["MF"], total_s, total_s / total_n, dict(cats))
            )
    return out


def dyad_series(store: Any, a: str, b: str, by: str = "month", directed: bool = False) -> list[DyadPoint]:
    """The series of a dyad: from the store's rollup when it keeps one, else from its events."""
    if by in ("month", "year") and hasattr(store, "dyad_months"):
        return series_from_rollup(store.dyad_months(a, b, directed), by)
    from dyadwatch.store.base import EventQuery

    return series_from_events(store.events(EventQuery(dyad=(a, b))), a, b, by, directed)


# PostgreSQL's rebuild (``rebuild_sql_pg``). The events that the rollups count are read once, with their links
# gathered per event in one streaming aggregate over the links (the links_event index gives them in event order):
# codes on each side (valid ones only, for the pairs), the distinct codes and canonical names (the actor page's
# values) and, per link, its actor key, side, sector, role and whether it lacks a canonical name. Every rollup is
# then a hash aggregate over these rows. Most events have one coded actor and one coded recipient, and one or two
# links: their pairs and keys are read from the arrays' first items; the others go through a DISTINCT per event.
_EV_TABLE = "rollup_ev"
_EV_BUILD = (
    f"CREATE TEMP TABLE {_EV_TABLE} ON COMMIT DROP AS "
    "SELECT e.id, e.date, e.category, coalesce(e.quad, '') AS quad, coalesce(e.score, 0) AS score, "
    "l.ac, l.rc, l.vals, l.kc, l.kn, l.side, l.sector, l.role, l.bare "
    "FROM events e JOIN (SELECT l.event_id, "
    "array_agg(l.code) FILTER (WHERE x.first AND l.side = 'actor' AND l.code NOT IN ('', 'UNK')) AS ac, "
    "array_agg(l.code) FILTER (WHERE x.first AND l.side = 'recipient' AND l.code NOT IN ('', 'UNK')) AS rc, "
    "array_agg(DISTINCT x.v) FILTER (WHERE x.v <> '') AS vals, "
    "array_agg(coalesce(nullif(l.code, ''), 'UNK')) FILTER (WHERE x.first) AS kc, "
    "array_agg(coalesce(nullif(l.canonical, ''), nullif(l.name, ''), '?')) FILTER (WHERE x.first) AS kn, "
    "array_agg(CASE WHEN l.side = 'actor' THEN 'actor' ELSE 'recipient' END) FILTER (WHERE x.first) AS side, "
    "array_agg(l.sector) FILTER (WHERE x.first) AS sector, "
    "array_agg(l.role) FILTER (WHERE x.first) AS role, "
    "array_agg(coalesce(l.canonical, '') = '') FILTER (WHERE x.first) AS bare "
    "FROM event_entities l CROSS JOIN LATERAL (VALUES (l.code, true), (l.canonical, false)) x(v, first) "
    "GROUP BY l.event_id) l ON l.event_id = e.id "
    "WHERE NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false) AND (e.event_group IS NULL OR e.event_group = e.id)"
)
# one coded actor and one coded recipient: the event's only pair; else the pairs of ``analysis.dyads.pairs``
_ONE_PAIR = "coalesce(cardinality(ac), 0) = 1 AND coalesce(cardinality(rc), 0) = 1"
_PAIRS_OF = "(SELECT DISTINCT {a} AS a, {b} AS b FROM unnest(ac) x, unnest(coalesce(rc, ac)) y WHERE x <> y)"
_DYADIC = "coalesce(date, '') <> '' AND quad <> ''"
_MONTH_BUILD = (
    "INSERT INTO dyad_month (a, b, directed, period, category, quad, events, score_sum) "
    "SELECT a, b, directed, period, category, quad, count(*), sum(score) FROM ("
    "SELECT CASE WHEN d THEN ac[1] ELSE least(ac[1], rc[1]) END AS a, CASE WHEN d THEN rc[1] ELSE greatest(ac[1], rc[1]) END AS b, "
    f"d AS directed, {PERIOD_PG} AS period, category, quad, score FROM {_EV_TABLE} CROSS JOIN (VALUES (true), (false)) v(d) "
    f"WHERE {_DYADIC} AND {_ONE_PAIR} AND ac[1] <> rc[1] "
    f"UNION ALL SELECT p.a, p.b, p.d, {PERIOD_PG}, category, quad, score FROM {_EV_TABLE} CROSS JOIN LATERAL ("
    + _PAIRS_OF.format(a="x", b="y").replace(" AS b ", " AS b, true AS d ")
    + " UNION ALL "
    + _PAIRS_OF.format(a="least(x, y)", b="greatest(x, y)").replace(" AS b ", " AS b, false AS d ")
    + f") p WHERE {_DYADIC} AND NOT ({_ONE_PAIR})"
    ") r GROUP BY 1, 2, 3, 4, 5, 6"
)
# an event whose links hold distinct actor keys (one link, or two with different keys): one event per link's key
_KEYS_DISTINCT = "(cardinality(kc) = 1 OR cardinality(kc) = 2 AND (kc[1] <> kc[2] OR kn[1] <> kn[2]))"
_ACTOR_BUILD = (
    "INSERT INTO actor_rollup (kc, kn, kind, val, n) "
    "WITH g AS (SELECT kc, kn, side, sector, role, bare, count(*) AS n FROM (SELECT unnest(kc) AS kc, unnest(kn) AS kn, "
    f"unnest(side) AS side, unnest(sector) AS sector, unnest(role) AS role, unnest(bare) AS bare FROM {_EV_TABLE}) l "
    "GROUP BY 1, 2, 3, 4, 5, 6), "
    f"k AS (SELECT unnest(kc) AS kc, unnest(kn) AS kn FROM {_EV_TABLE} WHERE {_KEYS_DISTINCT} "
    f"UNION ALL SELECT u.c, u.n FROM {_EV_TABLE} CROSS JOIN LATERAL (SELECT DISTINCT * FROM unnest(kc, kn) u(c, n)) u "
    f"WHERE NOT {_KEYS_DISTINCT}), "
    "p AS (SELECT unnest(vals) AS v, least(ac[1], rc[1]) || '-' || greatest(ac[1], rc[1]) AS pair "
    f"FROM {_EV_TABLE} WHERE quad <> '' AND {_ONE_PAIR} AND ac[1] <> rc[1] "
    f"UNION ALL SELECT v, d.a || '-' || d.b FROM {_EV_TABLE} CROSS JOIN LATERAL "
    + _PAIRS_OF.format(a="least(x, y)", b="greatest(x, y)")
    + f" d CROSS JOIN LATERAL unnest(vals) v WHERE quad <> '' AND NOT ({_ONE_PAIR})) "
    "SELECT kc, kn, 'events', '', count(*) FROM k GROUP BY 1, 2 "
    "UNION ALL SELECT kc, kn, side, '', sum(n) FROM g GROUP BY 1, 2, 3 "
    "UNION ALL SELECT kc, kn, 'sector', sector, sum(n) FROM g WHERE sector IS NOT NULL GROUP BY 1, 2, 4 "
    "UNION ALL SELECT kc, kn, 'role', role, sum(n) FROM g WHERE coalesce(role, '') <> '' GROUP BY 1, 2, 4 "
    "UNION ALL SELECT kc, kn, 'bare', '', sum(n) FROM g WHERE bare GROUP BY 1, 2 "
    f"UNION ALL SELECT '', v, 'match', '', count(*) FROM (SELECT unnest(vals) AS v FROM {_EV_TABLE}) m GROUP BY 2 "
    "UNION ALL SELECT '', v, 'pair', pair, count(*) FROM p GROUP BY 2, 4 "
    f"UNION ALL SELECT '', '', 'date', coalesce(e.date, ''), count(*) FROM {ACTOR_COUNTED} e GROUP BY 4 "
    "UNION ALL SELECT '', '', 'stored', '', count(*) FROM events HAVING count(*) > 0 "
    "ORDER BY 1, 2, 3, 4"
)


def rebuild_sql_pg() -> list[str]:
    """PostgreSQL's statements that rebuild the rollups from the events: the rows of ``rebuild_sql``, read once.

    The tables are emptied with ``TRUNCATE`` (readers wait for the rebuild's commit instead of reading the old
    rows, and the new rows need no check against deleted ones), and ``dyad_month``'s key is built after its rows
    (one sort, where inserting into the key's index cost twice as much at a million events).
    """
    return [
        "TRUNCATE dyad_month, dyad_period, actor_rollup",
        "ALTER TABLE dyad_month DROP CONSTRAINT dyad_month_pkey",
        _EV_BUILD,
        f"ANALYZE {_EV_TABLE}",
        _MONTH_BUILD,
        "ALTER TABLE dyad_month ADD PRIMARY KEY (a, b, directed, period, category, quad)",
        PERIOD_FILL[1],
        _ACTOR_BUILD,
        f"DROP TABLE {_EV_TABLE}",
    ]
