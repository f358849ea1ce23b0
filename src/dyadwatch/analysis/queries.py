"""The analyses of ``analysis`` answered by the store in SQL, for a server that must not hold every event.

``dyads``, ``rankings`` and ``shifts`` define the rules over PLOVER-shaped events in Python; ``StoreReads``
asks the store for the same answers with aggregates, filters and pages, so the API's memory and time
follow the size of an answer, not of the store. The rules are restated in SQL:

- ``counted``: an event is counted when it is not negated or hypothetical (unless flagged ones are asked
  for) and no earlier eligible event, in the order of the event pages (date, doc id, trigger start, id),
  belongs to its group (``event_group``, or the event itself);
- ``pairs``: actor x recipient codes, or the pairs among the actors when no recipient has a code;
  ``None``, ``''`` and ``UNK`` are no code;
- ``on_scale``: a quad class is set; ``period_of``: the year, month (when characters 6-7 are digits) or day.

Two rules keep a bounded Python step, because SQL cannot restate them exactly: the text search
(``str.casefold``) is decided by SQL for every row whose text has no character that ``casefold``
and the database's ``lower`` treat differently, and by the Python rule on the few rows that have one;
ties between dyads with the same count and the same first event are broken by the set order of that
event's pairs, as ``collections.Counter`` does. Rankings are sorted in Python over their aggregate rows
(one per actor or dyad). Aggregates are cached by the caller until the next write.

``StoreReads`` is built in layers, in the order of the data flow: ``store_sql`` (the counted events, periods,
page order and event rows), then ``text_search``, ``actor_reads`` and ``dyad_reads`` (each subject's filter and
aggregates); this module joins them and adds what the event list needs: the filters together, the keyset
cursor, the pages and the totals.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from dyadwatch.analysis.actor_reads import ActorReads
from dyadwatch.analysis.dyad_reads import DyadReads
from dyadwatch.analysis.store_sql import period_sql
from dyadwatch.analysis.text_search import TextSearch
from dyadwatch.errors import make

# a page cursor is the sort key of the last event of the page: (date, doc id, trigger start, id)
PageKey = tuple[str | None, str, int | None, str]


def cursor_of(event: dict[str, Any]) -> str:
    """The opaque cursor of the page that follows ``event``: its sort key, as URL-safe base64 of JSON."""
    key = [event["date"], event["doc_id"], event["evidence"]["trigger_start"], event["id"]]
    return base64.urlsafe_b64encode(json.dumps(key, separators=(",", ":")).encode()).decode().rstrip("=")


def parse_cursor(cursor: str) -> PageKey:
    """The sort key in a cursor from ``cursor_of``; E602 (HTTP 422) for anything else."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError):
        key = None
    shapes = (str | None, str, int | None, str)
    if not (isinstance(key, list) and len(key) == 4 and all(isinstance(v, t) for v, t in zip(key, shapes))
            and not isinstance(key[2], bool)):
        raise make("E602", where="cursor", reason=f"the cursor {cursor[:40]!r} is not one this server gave",
                   hint="Pass the next_cursor of the previous page unchanged, or leave cursor out to start at the first page.")
    return (key[0], key[1], key[2], key[3])


class StoreReads(DyadReads, ActorReads, TextSearch):
    """SQL reads over one store; the caller holds the store's lock and drops ``cache`` after a write."""

    def after(self, key: PageKey) -> tuple[str, list[Any]]:
        """The condition of the events after ``key`` in page order (NULL dates and trigger starts sort last)."""
        c = self.c
        columns = ((f"e.date{c}", True), (f"e.doc_id{c}", False), ("e.trigger_start", True), (f"e.id{c}", False))
        sql, params = "", []
        for (column, nullable), value in reversed(list(zip(columns, key))):
            bare = column.split(" ")[0]
            if not sql:  # the id: unique and never NULL
                sql, params = f"{column} > ?", [value]
            elif value is None:  # only NULLs come after a NULL
                sql = f"({bare} IS NULL AND {sql})"
            else:
                later = f"{column} > ? OR {bare} IS NULL" if nullable else f"{column} > ?"
                sql, params = f"({later} OR {bare} = ? AND {sql})", [value, value, *params]
        return sql, params

    # -- filters -----------------------------------------------------------
    def conditions(
        self,
        dyad: tuple[str, str] | None = None,
        directed: bool = False,
        category: str | None = None,
        since: str | None = None,
        until: str | None = None,
        period: str | None = None,
        actor: str | None = None,
        q: str | None = None,
        include_flagged: bool = False,
    ) -> tuple[list[str], list[Any]]:
        """The WHERE conditions (over ``e``, a counted event) and parameters of the events filters (``Service.list_events``)."""
        conds: list[str] = []
        params: list[Any] = []
        if dyad:
            sql, p = self.dyad_condition(dyad, directed)
            conds.append(sql)
            params += p
        if category:
            conds.append("e.category = ?")
            params.append(category)
        if since:
            conds.append(f"coalesce(e.date, '') <> '' AND e.date{self.c} >= ?")
            params.append(since)
        if until:
            conds.append(f"coalesce(e.date, '') <> '' AND substr(e.date, 1, {len(until)}){self.c} <= ?")
            params.append(until)
        if period:
            by = {4: "year", 7: "month", 10: "day"}.get(len(period), "month")
            # a period is a prefix of its events' dates: first a range the date and dyad indexes walk, then the exact test
            conds.append(f"e.date{self.c} >= ? AND e.date{self.c} <= ? AND {period_sql(by, self.c)} = ?")
            params += [period, period + "\U0010ffff", period]
        if actor:
            sql, p = self.actor_condition(actor, include_flagged)
            conds.append(sql)
            params += p
        if q:
            sql, p = self.text_condition(q)
            conds.append(sql)
            params += p
        return conds, params

    # -- events ------------------------------------------------------------
    def event_page(
        self, conds: list[str], params: list[Any], limit: int, offset: int, include_flagged: bool = False,
        after: PageKey | None = None, total: int | None = None, source: tuple[str, list[Any]] | None = None,
    ) -> tuple[list[dict[str, Any]], int, bool]:
        """One page of the counted events that pass ``conds``, in page order, their total, and whether more follow.

        ``after``: start after the event with this sort key (keyset paging: a deep page costs what a first one does).
        ``total``: the number of events that pass, where the caller knows it (from a rollup).
        ``source``: the counted events to start from (a subquery over ``e`` and its parameters, ``dyad_source``),
        instead of every counted event.
        """
        where = " AND ".join(conds) or "true"
        src, src_params = source or (self.counted(include_flagged), [])
        params = [*src_params, *params]
        key = ("total", src, where, repr(params), include_flagged)  # the total of a filter lasts until the next write
        if total is not None:
            self.cache[key] = total
        if key not in self.cache:
            self.cache[key] = int(self.store.query(f"SELECT count(*) FROM {src} e WHERE {where}", params)[0][0])
        count: int = self.cache[key]
        if not count or offset >= count:
            return [], count, False
        if after is not None:
            sql, p = self.after(after)
            where, params = f"{where} AND {sql}", [*params, *p]
        elif source is None and where == "true" and not include_flagged:
            bound = self.date_bound(offset + limit + 1)
            if bound is not None:  # the page lies among the events dated up to it: the rest need no sort
                where, params = f"e.date{self.c} <= ?", [*params, bound]
        # the page's ids first (a sort of narrow rows), then only those rows; one more id tells whether more follow
        ids = [r[0] for r in self.store.query(
            f"SELECT e.id FROM {src} e WHERE {where} ORDER BY {self.key} LIMIT {int(limit) + 1} OFFSET {int(offset)}", params
        )]
        more, ids = len(ids) > limit, ids[:limit]
        rows = {r["id"]: r for r in self.store.dicts(f"SELECT * FROM events WHERE id {self.in_list}", [ids])} if ids else {}
        return self.public([rows[i] for i in ids]), count, more

    def date_bound(self, needed: int) -> str | None:
        """The earliest date by which ``needed`` counted events are dated (from the actor rollup's counts per
        date), so that the first ``needed`` events in page order are dated up to it; None where the rollup is
        not kept, the store has undated events (NULL and empty dates share its row) or too few dated ones.
        """
        cells = self.actor_cells()
        if cells is None:
            return None
        dates = sorted((v, n) for (kc, _, kind, v), n in cells.items() if kc == "" and kind == "date" and n > 0)
        if dates and dates[0][0] == "":
            return None
        seen = 0
        for date, n in dates:
            seen += n
            if seen >= needed:
                return date
        return None

    def article_events(self, article_id: str) -> list[dict[str, Any]]:
        """An article's events (every report, flagged ones too), in text order."""
        rows = self.store.dicts(f"SELECT e.* FROM events e WHERE e.article_id = ? ORDER BY {self.key}", [article_id])
        events = self.public(rows)
        return sorted(events, key=lambda e: (e["evidence"]["trigger_start"] or 0))

    def totals(self) -> dict[str, Any]:
        """Stored events, counted events and the first and last date among them."""
        cells = self.actor_cells()
        if cells is not None:  # the rollup's rows with no actor: stored events, and counted ones per date
            dates = [(v, n) for (kc, _, kind, v), n in cells.items() if kc == "" and kind == "date"]
            known = [v for v, n in dates if v and n > 0]
            return {
                "events": cells.get(("", "", "stored", ""), 0), "events_counted": sum(n for _, n in dates),
                "first_date": min(known) if known else None, "last_date": max(known) if known else None,
            }
        return self.scan_totals()

    def scan_totals(self) -> dict[str, Any]:
        """``totals`` from the events themselves."""
        events = self.store.query("SELECT count(*) FROM events")[0][0]
        n, first, last = self.store.query(
            f"SELECT count(*), min(CASE WHEN coalesce(e.date, '') <> '' THEN e.date{self.c} END), "
            f"max(CASE WHEN coalesce(e.date, '') <> '' THEN e.date{self.c} END) FROM {self.counted()} e"
        )[0]
        return {"events": int(events), "events_counted": int(n), "first_date": first, "last_date": last}
