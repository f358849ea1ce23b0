"""The dyad reads of the API: the dyad filter, series, rankings and shifts, from the dyad rollups or the events.

``dyad_periods`` gives one row per undirected dyad and period (from the ``dyad_period`` rollup, corrected
on the irregular events, or from the counted events and their pairs, ``_pairs_sql``); the rankings, the
changes and the shifts are computed in Python over those aggregate rows (``dyads.top_dyads``,
``rankings.top_dyads_by_change``, ``shifts.all_shifts``), and only the events a page shows are read back
(``period_ids``, ``dyad_period_ids``). Ties between dyads with the same count and the same first event are
broken by the set order of that event's pairs, as ``collections.Counter`` does (``_tie_order``).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from dyadwatch.analysis.dyads import DyadPoint, pairs
from dyadwatch.analysis.rankings import change_row
from dyadwatch.analysis.shift_candidates import _flagged, _points
from dyadwatch.analysis.shifts import Shift
from dyadwatch.analysis.store_sql import NOT_FLAGGED, StoreSQL, period_sql
from dyadwatch.store.duckdb_pages import dyad_filter

NO_CODE = "('', 'UNK')"
# the events the rollup counts, as a source for ``StoreReads._periods_of``
ROLLUP_COUNTED = (
    f"(SELECT e.* FROM events e WHERE {NOT_FLAGGED} AND coalesce(e.date, '') <> '' "
    "AND (e.event_group IS NULL OR e.event_group = e.id))"
)


class DyadReads(StoreSQL):
    """The dyad reads of one store: the dyad filter, the (dyad, period) rows, rankings, shifts and their events."""

    def dyad_condition(self, dyad: tuple[str, str], directed: bool) -> tuple[str, list[Any]]:
        """``want in pairs(e, directed)`` for the event ``e``."""
        a, b = dyad
        if a == b or a in ("", "UNK") or b in ("", "UNK"):
            return "false", []
        match, params = "x.code = ? AND y.code = ?", [a, b]
        if not directed:  # either way round, as two index lookups (a != b here)
            match, params = "x.code IN (?, ?) AND y.code IN (?, ?) AND x.code <> y.code", [a, b, a, b]
        sql = (
            "e.id IN (SELECT x.event_id FROM event_entities x JOIN event_entities y ON y.event_id = x.event_id "
            f"WHERE x.side = 'actor' AND {match} AND (y.side = 'recipient' OR y.side = 'actor' AND NOT EXISTS "
            "(SELECT 1 FROM event_entities r WHERE r.event_id = x.event_id AND r.side = 'recipient' "
            f"AND r.code IS NOT NULL AND r.code NOT IN {NO_CODE})))"
        )
        return sql, params

    def dyad_source(self, dyad: tuple[str, str], directed: bool, include_flagged: bool = False) -> tuple[str, list[Any]] | None:
        """The counted events of one dyad as a source of rows over ``e`` (its ids, dates, flags and page order),
        from the store's side table of pairs where it keeps one (``store.duckdb_pages``); None elsewhere.
        """
        table = getattr(self.store, "dyad_event_table", None)
        if table is None:
            return None
        a, b = dyad
        if a == b or a in ("", "UNK") or b in ("", "UNK"):
            return "(SELECT * FROM events e WHERE false)", []
        cond, params = dyad_filter(a, b, directed)
        return f"(SELECT * FROM {table()} e WHERE {cond} AND {self.counted_where(include_flagged)})", params

    def _dyad_events(self, dyad: tuple[str, str], directed: bool) -> tuple[str, list[Any]]:
        """The counted events of one dyad as a source (the side table's rows, or the events and the dyad filter)."""
        found = self.dyad_source(dyad, directed)
        if found is not None:
            return found
        cond, params = self.dyad_condition(dyad, directed)
        return f"(SELECT e.* FROM {self.counted()} e WHERE {cond})", params

    # -- dyads -------------------------------------------------------------
    def _pairs_sql(self, directed: bool) -> str:
        """The CTE ``dp`` (event_id, a, b): the pairs of the events in the CTE ``ev``.

        Joins of the links table itself, not of a CTE of its codes: PostgreSQL has no statistics for a
        CTE, and guessed a few rows where there were thousands (a nested loop of 8 s for 2,561 events).
        """
        c = self.c
        ab = "x.code AS a, y.code AS b" if directed else f"least(x.code{c}, y.code{c}) AS a, greatest(x.code{c}, y.code{c}) AS b"
        valid = "{t}.code IS NOT NULL AND {t}.code NOT IN " + NO_CODE
        return (
            f"dp AS (SELECT DISTINCT x.event_id, {ab} FROM ev JOIN event_entities x ON x.event_id = ev.id "
            f"JOIN event_entities y ON y.event_id = ev.id WHERE x.side = 'actor' AND {valid.format(t='x')} "
            f"AND {valid.format(t='y')} AND x.code <> y.code AND (y.side = 'recipient' OR y.side = 'actor' AND NOT EXISTS "
            f"(SELECT 1 FROM event_entities r WHERE r.event_id = ev.id AND r.side = 'recipient' AND {valid.format(t='r')})))"
        )

    def dyad_periods(self, by: str, conds: Sequence[str] = (), params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """(a, b, period, events, score sum, None) of every undirected dyad: counted events on the scale.

        Over every event, by month or year, from the store's rollup where it keeps one (``rollup_periods``);
        else from the events. The first rank (the place of a dyad's first event in page order) is left
        out: it takes a sort of every event, and ``top_dyads`` needs the first events of tied dyads only.
        """
        if not conds:
            found = self.rollup_periods(by)
            if found is not None:
                return found
        return self._periods_of(self.counted(), by, conds, params, rank=False)

    def _periods_of(
        self, source: str, by: str, conds: Sequence[str], params: Sequence[Any], rank: bool = True
    ) -> list[tuple[Any, ...]]:
        where = " AND ".join(["coalesce(e.quad, '') <> ''", *conds])
        rnk = f"row_number() OVER (ORDER BY {self.key})" if rank else "CAST(NULL AS BIGINT)"
        sql = (
            f"WITH ev AS (SELECT e.id, {period_sql(by, self.c)} AS period, e.score, {rnk} AS rnk "
            f"FROM {source} e WHERE {where}), {self._pairs_sql(False)} "
            "SELECT dp.a, dp.b, ev.period, count(*), sum(ev.score), min(ev.rnk) FROM dp JOIN ev ON ev.id = dp.event_id GROUP BY 1, 2, 3"
        )
        return self.store.query(sql, list(params))

    def rollup_periods(self, by: str) -> list[tuple[Any, ...]] | None:
        """``dyad_periods`` over every event from the ``dyad_period`` rollup (None where the store keeps none).

        The rollup counts an event when it is eligible, dated and its own group (``store.rollup``); ``counted``
        agrees on every event but the irregular ones (``irregular_ids``: undated, or in a group of several reports:
        the rollup counts the event a group names, ``counted`` the group's first eligible report),
        so the answer is the rollup, plus what ``counted`` gives on those, minus what the rollup gave on them.
        """
        if by not in ("month", "year") or not self.has_rollups():
            return None
        period = "CASE WHEN length(period) = 7 THEN period END" if by == "month" else "substr(period, 1, 4)"
        cells: dict[tuple[str, str, str | None], list[Any]] = {}
        # dyad_period: dyad_month's undirected rows summed over categories and quad classes, kept beside it
        # (sums cast back to the column types: PostgreSQL's sum of a bigint is a numeric, slow to convert)
        # by month the month rows are read as they are (one per dyad and month), the year rows summed per dyad
        sums = "CAST(sum(events) AS BIGINT), CAST(sum(score_sum) AS DOUBLE PRECISION), NULL"
        rollup = self.store.query(
            "SELECT a, b, period, events, score_sum, NULL FROM dyad_period WHERE length(period) = 7 "
            f"UNION ALL SELECT a, b, NULL, {sums} FROM dyad_period WHERE length(period) <> 7 GROUP BY 1, 2"
            if by == "month" else f"SELECT a, b, {period}, {sums} FROM dyad_period GROUP BY 1, 2, 3"
        )
        irregular = self.irregular_ids()
        if not irregular:  # the rollup's rows are the answer (none is empty: emptied rows are deleted)
            return rollup
        parts = [(1, rollup)]
        if irregular:
            cond = [f"e.id {self.in_list}"]
            parts += [(1, self._periods_of(self.counted(), by, cond, [irregular], rank=False)),
                      (-1, self._periods_of(ROLLUP_COUNTED, by, cond, [irregular], rank=False))]
        for sign, found in parts:
            for a, b, p, n, total, *_ in found:
                cell = cells.setdefault((a, b, p), [0, 0.0])
                cell[0] += sign * int(n)
                cell[1] += sign * float(total)
        return [(a, b, p, n, total, None) for (a, b, p), (n, total) in cells.items() if n]

    def top_dyads(
        self, rows: list[tuple[Any, ...]], n: int | None, conds: Sequence[str] = (), params: Sequence[Any] = (), offset: int = 0
    ) -> tuple[list[tuple[str, int]], int]:
        """Places ``offset`` to ``offset + n`` of ``dyads.top_dyads`` from ``dyad_periods`` rows, and the number of dyads.

        By count, ties in the order the dyads were first seen. Only the ties that reach into those places
        are read (``_tie_order``: the first event of each tied dyad), so a page costs its own ties.
        """
        counts: dict[tuple[str, str], int] = defaultdict(int)
        firsts: dict[tuple[str, str], str] = {}  # a dyad's first event is dated in or before its first month
        for a, b, period, count, _, _ in rows:
            counts[(a, b)] += int(count)
            key = period or "\uffff"
            if key < firsts.get((a, b), "\U0010ffff"):
                firsts[(a, b)] = key
        total = {f"{a}-{b}": n for (a, b), n in counts.items()}
        earliest = {f"{a}-{b}": m for (a, b), m in firsts.items()}
        by_count = sorted(total.items(), key=lambda kv: -kv[1])
        end = len(by_count) if n is None else offset + n
        tied: list[str] = []
        place = 0
        for _, group in itertools.groupby(by_count, key=lambda kv: kv[1]):
            dyads = [d for d, _ in group]
            if len(dyads) > 1 and place < end and place + len(dyads) > offset:
                tied += dyads
            place += len(dyads)
        months = [earliest[d] for d in tied]
        bound = max(months) if months and all(len(m) == 7 for m in months) else None  # months only: YYYY-MM
        order = self._tie_order(tied, conds, params, bound) if tied else {}
        ranked = sorted(by_count, key=lambda kv: (-kv[1], order.get(kv[0], ())))
        return ranked[offset:end], len(ranked)

    def _tie_order(
        self, dyads: list[str], conds: Sequence[str], params: Sequence[Any], month: str | None
    ) -> dict[str, tuple[Any, ...]]:
        """A sort key per dyad: its first event's place in page order, then the dyad's place in that event's
        set of pairs (as ``collections.Counter`` meets them).

        Read over the events of those dyads' countries only, and, when each dyad has a dated event, over the
        events dated up to ``month`` (the latest of their first months): a dated event sorts before an undated
        one, and a year-only date before its year's months.
        """
        codes = sorted({c for d in dyads for c in d.split("-")})
        table = getattr(self.store, "dyad_event_table", None)
        # the side table's pairs where the store keeps one (its rows of these countries only), else the events'
        tests = ["coalesce(e.quad, '') <> ''", *conds]
        tests += [f"e.a {self.in_list} AND e.b {self.in_list}"] if table else [
            f"e.id IN (SELECT event_id FROM event_entities WHERE code {self.in_list})"]
        p = [*params, *([codes, codes] if table else [codes])]
        if month is not None:  # a range the date index can walk, then the exact test
            tests += [f"e.date{self.c} <= ?", f"substr(e.date, 1, 7){self.c} <= ?"]
            p += [month + "\U0010ffff", month]
        where = " AND ".join(tests)
        first_rn = "row_number() OVER (PARTITION BY {t}.a, {t}.b ORDER BY {order}) AS rn"
        if table is not None:
            found = self.store.query(
                f"SELECT a, b, date, doc_id, trigger_start, id FROM (SELECT e.a, e.b, e.date, e.doc_id, e.trigger_start, e.id, "
                f"{first_rn.format(t='e', order=self.key)} FROM {table()} e WHERE {self.counted_where()} AND {where}) f WHERE rn = 1",
                p,
            )
        else:
            found = self.store.query(
                f"WITH ev AS (SELECT e.id, e.date, e.doc_id, e.trigger_start FROM {self.counted()} e WHERE {where}), "
                f"{self._pairs_sql(False)} SELECT a, b, date, doc_id, trigger_start, id FROM (SELECT dp.a, dp.b, ev.date, ev.doc_id, "
                f"ev.trigger_start, ev.id, {first_rn.format(t='dp', order=self.order('ev'))} "
                "FROM dp JOIN ev ON ev.id = dp.event_id) f WHERE rn = 1",
                p,
            )
        wanted = set(dyads)
        # NULL dates and trigger starts last, as both databases sort them; str order is byte order (COLLATE "C")
        first = {
            f"{a}-{b}": ((date is None, date or "", doc, start is None, start or 0, str(eid)), str(eid))
            for a, b, date, doc, start, eid in found if f"{a}-{b}" in wanted
        }
        seen: dict[str, int] = defaultdict(int)
        for _, eid in first.values():
            seen[eid] += 1
        shared = sorted(eid for eid, k in seen.items() if k > 1)  # several dyads first seen in one event
        place: dict[tuple[str, str], int] = {}
        if shared:
            rows = self.store.dicts(f"SELECT * FROM events WHERE id {self.in_list}", [shared])
            for event in self.public(rows):
                for pos, pair in enumerate(pairs(event, directed=False)):
                    place[(event["id"], "-".join(pair))] = pos
        return {d: (key, place.get((eid, d), 0)) for d, (key, eid) in first.items()}

    def series_by_dyad(self, rows: list[tuple[Any, ...]]) -> dict[tuple[str, str], list[tuple[str, int, float]]]:
        """Every dyad's (period, events, score sum) in period order, from ``dyad_periods`` rows, by dyad.

        Plain tuples: the home page turns only the last points of each dyad into ``DyadPoint`` (``_points``).
        """
        by_dyad: dict[tuple[str, str], list[tuple[str, int, float]]] = defaultdict(list)
        for a, b, period, count, total, _ in rows:
            if period is not None:
                by_dyad[(a, b)].append((period, int(count), float(total)))
        for points in by_dyad.values():
            points.sort()  # a dyad's periods are unique
        return dict(by_dyad)

    def dyads_by_change(self, series: dict[tuple[str, str], list[tuple[str, int, float]]]) -> list[dict[str, Any]]:
        """``rankings.top_dyads_by_change`` from ``series_by_dyad``."""
        out = []
        for (a, b), points in sorted(series.items()):
            if len(points) >= 2:
                row = change_row(a, b, _points(points[-2:]))
                out.append({**row, "events": sum(n for _, n, _ in points)})
        return sorted(out, key=lambda d: (-abs(d["change"]), d["dyad"]))

    def shifts(self, series: dict[tuple[str, str], list[tuple[str, int, float]]], window: int, threshold: float) -> list[Shift]:
        """``shifts.all_shifts`` from ``series_by_dyad``, without their event ids (``with_ids`` adds them to a page)."""
        return sorted(_flagged(series, window, threshold), key=lambda s: (s.period, abs(s.z)), reverse=True)

    def recent_shifts(
        self, series: dict[tuple[str, str], list[tuple[str, int, float]]], window: int, threshold: float, n: int
    ) -> list[Shift]:
        """The first ``n`` of ``shifts`` (latest period first, then by |z|), deciding the latest periods only:
        the home page shows six."""
        found = _flagged(series, window, threshold, n)
        return sorted(found, key=lambda s: (s.period, abs(s.z)), reverse=True)[:n]

    def with_ids(self, shifts: Sequence[Shift], by: str) -> list[Shift]:
        """The shifts with the ids of the events of their period (read for these shifts only)."""
        if not shifts:
            return []
        ids = self.period_ids(by, [(s.dyad, s.period) for s in shifts])
        return [Shift(**{**s.__dict__, "event_ids": tuple(ids.get((s.dyad, s.period), ()))}) for s in shifts]

    def period_ids(
        self, by: str, wanted: list[tuple[str, str]], directed: bool = False
    ) -> dict[tuple[str, str], list[str]]:
        """Ids of the counted on-scale events of some (dyad, period) cells, in page order."""
        keys = set(wanted)
        periods = sorted({p for _, p in keys})
        codes = sorted({c for d, _ in keys for c in d.split("-")})
        # only the events of those periods that name one of those countries, then their pairs; a period is a
        # prefix of its events' dates, so each is a range the date index can walk before the exact test
        ranges = " OR ".join([f"e.date{self.c} >= ? AND e.date{self.c} <= ?"] * len(periods))
        bounds = [x for p in periods for x in (p, p + "\U0010ffff")]
        table = getattr(self.store, "dyad_event_table", None)
        cells = sorted(keys)
        split = [d.split("-") for d, _ in cells]
        if table is not None and not directed and getattr(self.store, "DYAD_EVENT_INDEX", False) and all(len(x) == 2 for x in split):
            # PostgreSQL's side table has an index by dyad and date: one index range per wanted cell, where the
            # test of every pair of those countries in those periods read a tenth of the table at 10 M events
            c = self.c
            sql = (
                "SELECT e.a, e.b, w.p, e.id FROM (SELECT unnest(CAST(? AS VARCHAR[])) AS a, unnest(CAST(? AS VARCHAR[])) AS b, "
                f"unnest(CAST(? AS VARCHAR[])) AS p, unnest(CAST(? AS VARCHAR[])) AS hi) w JOIN {table()} e ON e.a = w.a AND e.b = w.b "
                f"AND e.date{c} >= w.p AND e.date{c} <= w.hi WHERE {period_sql(by, c)} = w.p AND coalesce(e.quad, '') <> '' "
                f"AND {self.counted_where()} ORDER BY {self.key}"
            )
            params: list[Any] = [[x[0] for x in split], [x[1] for x in split], [p for _, p in cells],
                                 [p + "\U0010ffff" for _, p in cells]]
        elif table is not None and not directed:  # the side table's rows of those countries (sorted by dyad)
            sql = (
                f"SELECT a, b, period, id FROM (SELECT e.a, e.b, {period_sql(by, self.c)} AS period, e.id, e.date, e.doc_id, "
                f"e.trigger_start FROM {table()} e WHERE e.a {self.in_list} AND e.b {self.in_list} AND ({ranges}) "
                f"AND coalesce(e.quad, '') <> '' AND {self.counted_where()}) e WHERE period {self.in_list} ORDER BY {self.key}"
            )
            params = [codes, codes, *bounds, periods]
        else:
            sql = (
                f"WITH ev AS (SELECT * FROM (SELECT e.id, {period_sql(by, self.c)} AS period, e.date, e.doc_id, e.trigger_start "
                f"FROM {self.counted()} e WHERE coalesce(e.quad, '') <> '' AND ({ranges}) AND e.id IN "
                f"(SELECT event_id FROM event_entities WHERE code {self.in_list})) p WHERE period {self.in_list}), "
                f"{self._pairs_sql(directed)} "
                f"SELECT dp.a, dp.b, ev.period, ev.id FROM dp JOIN ev ON ev.id = dp.event_id ORDER BY {self.order('ev')}"
            )
            params = [*bounds, codes, periods]
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for a, b, period, eid in self.store.query(sql, params):
            if (f"{a}-{b}", period) in keys:
                out[(f"{a}-{b}", period)].append(str(eid))
        return out

    def dyad_series(self, a: str, b: str, by: str, directed: bool) -> list[DyadPoint]:
        """``dyads.dyad_series`` of one dyad: periods, quads and categories (in the order first seen)."""
        if by == "day":
            found = self._rollup_days(a, b, directed)
            if found is not None:
                return found
        source, params = self._dyad_events((a, b), directed)
        rows = self.store.query(
            f"SELECT period, category, quad, count(*), sum(score), min(rnk) FROM (SELECT {period_sql(by, self.c)} AS period, "
            f"e.category, e.quad, e.score, row_number() OVER (ORDER BY {self.key}) AS rnk FROM {source} e "
            f"WHERE coalesce(e.quad, '') <> '') s WHERE period IS NOT NULL GROUP BY 1, 2, 3",
            params,
        )
        return _cell_points(rows)

    def _rollup_days(self, a: str, b: str, directed: bool) -> list[DyadPoint] | None:
        """A dyad's daily series from the store's day rollup (``store.postgres_days``, undirected or from ``a`` to
        ``b``); None elsewhere.

        The rollup counts the eligible events whatever their group: the days that hold a later report of a group
        (which ``counted`` leaves out) are read again from the dyad's side table, one index range per day.
        """
        read = getattr(self.store, "dyad_days", None)
        later = self.later_ids() if read is not None else None
        if read is None or later is None or a == b or a in ("", "UNK") or b in ("", "UNK"):
            return None
        points = {
            day: DyadPoint(day, int(n), int(vc), int(mc), int(vf), int(mf), float(s), float(s) / int(n),
                           dict(zip(cats, (int(k) for k in counts))))
            for day, n, s, vc, mc, vf, mf, cats, counts in read(a, b, directed)
        }
        if later:
            cond, params = dyad_filter(a, b, directed)
            redo = sorted(str(r[0]) for r in self.store.query(
                f"SELECT DISTINCT substr(e.date, 1, 10) FROM {self.store.dyad_event_table()} e WHERE {cond} "
                f"AND e.id {self.in_list} AND length(e.date) >= 10", [*params, later],
            ))
            for day in redo:
                points.pop(day, None)
            points.update({p.period: p for p in self._day_cells(a, b, directed, redo)})
        return [points[day] for day in sorted(points)]

    def _day_cells(self, a: str, b: str, directed: bool, days: list[str]) -> list[DyadPoint]:
        """The points of some days of a dyad, from its counted rows of the side table (index ranges)."""
        found = self.dyad_source((a, b), directed)
        if not days or found is None:
            return []
        c = self.c
        rows = self.store.query(
            "SELECT w.p, e.category, e.quad, count(*), sum(e.score), min(e.rnk) FROM (SELECT unnest(CAST(? AS VARCHAR[])) AS p, "
            f"unnest(CAST(? AS VARCHAR[])) AS hi) w JOIN LATERAL (SELECT e.category, e.quad, e.score, row_number() OVER "
            f"(ORDER BY {self.key}) AS rnk FROM {found[0]} e WHERE e.date{c} >= w.p AND e.date{c} <= w.hi "
            f"AND {period_sql('day', c)} = w.p AND coalesce(e.quad, '') <> '') e ON true GROUP BY 1, 2, 3",
            [days, [d + "\U0010ffff" for d in days], *found[1]],
        )
        return _cell_points(rows)

    def dyad_period_ids(self, a: str, b: str, by: str, directed: bool, periods: list[str]) -> dict[str, list[str]]:
        """``shifts.period_event_ids`` of one dyad, for some periods only."""
        if not periods:
            return {}
        found = self.dyad_source((a, b), directed)
        if found is not None and getattr(self.store, "DYAD_EVENT_INDEX", False):
            # one index range of the dyad per period (a day's events of a busy dyad, not its 450,000 events)
            c = self.c
            rows = self.store.query(
                "SELECT w.p, e.id FROM (SELECT unnest(CAST(? AS VARCHAR[])) AS p, unnest(CAST(? AS VARCHAR[])) AS hi) w "
                f"JOIN {found[0]} e ON e.date{c} >= w.p AND e.date{c} <= w.hi WHERE {period_sql(by, c)} = w.p "
                f"AND coalesce(e.quad, '') <> '' ORDER BY {self.key}",
                [periods, [p + "\U0010ffff" for p in periods], *found[1]],
            )
            return _by_period(rows)
        source, params = self._dyad_events((a, b), directed)
        rows = self.store.query(
            f"SELECT p, id FROM (SELECT {period_sql(by, self.c)} AS p, e.id, e.date, e.doc_id, e.trigger_start FROM {source} e "
            f"WHERE coalesce(e.quad, '') <> '') e WHERE p {self.in_list} ORDER BY {self.key}",
            [*params, periods],
        )
        return _by_period(rows)


def _cell_points(rows: list[tuple[Any, ...]]) -> list[DyadPoint]:
    """Points of (period, category, quad, events, score sum, first rank) cells, in period order; the categories of a
    period in the order of their first event."""
    cells: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        cells[row[0]].append(row)
    out = []
    for period in sorted(cells):
        quads: dict[str, int] = defaultdict(int)
        cats: dict[str, list[int]] = {}
        n, total = 0, 0.0
        for _, category, quad, count, s, first in cells[period]:
            quads[quad] += int(count)
            cell = cats.setdefault(category, [0, int(first)])
            cell[0] += int(count)
            cell[1] = min(cell[1], int(first))
            n += int(count)
            total += float(s)
        categories = {k: v[0] for k, v in sorted(cats.items(), key=lambda kv: kv[1][1])}
        out.append(DyadPoint(period, n, quads["VC"], quads["MC"], quads["VF"], quads["MF"], total, total / n, categories))
    return out


def _by_period(rows: list[tuple[Any, ...]]) -> dict[str, list[str]]:
    """(period, event id) rows in page order as the ids of each period."""
    out: dict[str, list[str]] = defaultdict(list)
    for period, eid in rows:
        out[period].append(str(eid))
    return dict(out)
