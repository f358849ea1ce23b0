"""The analyses of ``analysis`` answered by the store in SQL, for a server that must not hold every event.

``dyads``, ``rankings`` and ``shifts`` define the rules over PLOVER-shaped events in Python; this module
asks the store for the same answers with aggregates, filters and pages, so the API's memory and time
follow the size of an answer, not of the store. The rules are restated here in SQL:

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
"""

from __future__ import annotations

import base64
import binascii
import bisect
import functools
import itertools
import json
from collections import defaultdict
from typing import Any, Sequence

from dyadwatch.analysis.dyads import DyadPoint, pairs
from dyadwatch.analysis.rankings import ActorSummary, change_row
from dyadwatch.analysis.shifts import Shift, detect_shifts
from dyadwatch.errors import make
from dyadwatch.store.base import event_row_to_public
from dyadwatch.store.rollup import ACTOR_COUNTED, actor_facets_sql

NOT_FLAGGED = "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)"
NO_CODE = "('', 'UNK')"
# an event's group: the stored one, or the event itself (``event_row_to_public``); only groups of several
# events (one member names another) can hide a report, so only they go through the window
GROUP = "coalesce(nullif(e.event_group, ''), e.id)"
# the events the rollup counts, as a source for ``StoreReads._periods_of``
ROLLUP_COUNTED = (
    f"(SELECT e.* FROM events e WHERE {NOT_FLAGGED} AND coalesce(e.date, '') <> '' "
    "AND (e.event_group IS NULL OR e.event_group = e.id))"
)


def _points(rows: Sequence[tuple[str, int, float]]) -> list[DyadPoint]:
    """``DyadPoint`` (index and counts, no quads or categories) of (period, events, score sum) rows."""
    return [DyadPoint(period, n, 0, 0, 0, 0, s, s / n, {}) for period, n, s in rows]


def _is(actor: ActorSummary, key: str) -> bool:
    """Whether the actor page of ``key`` shows this identity: its code or canonical name is ``key``, any case."""
    return key.casefold() in (actor.code.casefold(), actor.canonical.casefold())


def _mentions(event: dict[str, Any], q: str) -> bool:
    """The text-search rule: the needle in the sentence, the category or an actor's name, any case."""
    needle = q.casefold()
    hay = [event["evidence"].get("sentence") or "", event["category"]]
    hay += [x.get("canonical") or x.get("name") or "" for x in list(event["actor"]) + list(event["recipient"])]
    return any(needle in h.casefold() for h in hay)


@functools.cache
def _cased_characters() -> tuple[str, ...]:
    """Every character that some case mapping changes (about 2,800): the ones SQL's lower() may treat apart."""
    out = []
    for n in range(0x110000):
        if 0xD800 <= n <= 0xDFFF:
            continue
        c = chr(n)
        if c.lower() != c or c.upper() != c or c.casefold() != c:
            out.append(c)
    return tuple(out)


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


def period_sql(by: str, c: str = "") -> str:
    """``analysis.dyads.period_of`` of ``e.date`` as SQL (NULL where it gives None)."""
    if by == "year":
        return "CASE WHEN coalesce(e.date, '') <> '' THEN substr(e.date, 1, 4) END"
    if by == "day":
        return "CASE WHEN length(e.date) >= 10 THEN substr(e.date, 1, 10) END"
    digit = "substr(e.date, {i}, 1){c} BETWEEN '0' AND '9'"
    return (
        f"CASE WHEN length(e.date) >= 7 AND {digit.format(i=6, c=c)} AND {digit.format(i=7, c=c)} "
        "THEN substr(e.date, 1, 7) END"
    )


class StoreReads:
    """SQL reads over one store; the caller holds the store's lock and drops ``cache`` after a write."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.cache: dict[Any, Any] = {}
        self.c: str = getattr(store, "COLLATE_C", "")
        self.key = self.order("e")
        self.in_list: str = store.IN_LIST
        self._special: str | None = None  # per store, not per write: it depends on the database's lower()

    def order(self, alias: str) -> str:
        """The order of event pages (``StoreBase.EVENT_ORDER``) with the id last, so that it is total."""
        c = self.c
        return f"{alias}.date{c}, {alias}.doc_id{c}, {alias}.trigger_start, {alias}.id{c}"

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

    # -- the counted events ------------------------------------------------
    def counted(self, include_flagged: bool = False) -> str:
        """A subquery of the events that ``analysis.dyads.counted`` yields, in any order.

        The later reports it leaves out are read once until a write and named in the SQL when they are few
        (a store without report groups has none), instead of being found again by every query.
        """
        elig = "true" if include_flagged else NOT_FLAGGED
        later = (
            f"SELECT id FROM (SELECT e.id, row_number() OVER (PARTITION BY {GROUP} ORDER BY {self.key}) AS rn "
            f"FROM events e WHERE {elig} AND {GROUP} IN "
            "(SELECT g.event_group FROM events g WHERE g.event_group <> g.id AND g.event_group <> '')) r WHERE rn > 1"
        )
        key = ("later", include_flagged)
        if key not in self.cache:
            ids = [str(r[0]) for r in self.store.query(later)]
            self.cache[key] = ids if len(ids) <= 2000 else None
        ids = self.cache[key]
        if ids is None:
            return f"(SELECT e.* FROM events e WHERE {elig} AND e.id NOT IN ({later}))"
        named = ", ".join("'" + i.replace("'", "''") + "'" for i in sorted(ids))
        return f"(SELECT e.* FROM events e WHERE {elig}{f' AND e.id NOT IN ({named})' if ids else ''})"

    # -- filters -----------------------------------------------------------
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

    def actor_condition(self, actor: str, include_flagged: bool = False) -> tuple[str, list[Any]]:
        """``matches_actor``: the code or the canonical name equal to ``actor`` under ``str.casefold``.

        The values to test are read from the actor rollup's keys where the store keeps one and only counted
        events are asked for: each key holds the link's code and canonical name when they are set, so the
        keys are a superset of the values on the counted events' links (the SQL then tests the columns
        themselves), without reading every link twice.
        """
        cells = None if include_flagged else self.actor_cells()
        if cells is not None:
            if "rollup_values" not in self.cache:
                self.cache["rollup_values"] = ({""} | {kc for kc, _, _, _ in cells if kc}, {""} | {kn for kc, kn, _, _ in cells if kc})
            codes, names = self.cache["rollup_values"]
        elif "values" not in self.cache:
            codes = [r[0] for r in self.store.query("SELECT DISTINCT code FROM event_entities WHERE code IS NOT NULL")]
            names = [r[0] for r in self.store.query("SELECT DISTINCT canonical FROM event_entities WHERE canonical IS NOT NULL")]
            self.cache["values"] = (codes, names)
        if cells is None:
            codes, names = self.cache["values"]
        want = actor.casefold()
        codes = [c for c in codes if c.casefold() == want]
        names = [n for n in names if n.casefold() == want]
        if not codes and not names:
            return "false", []
        tests, params = [], []
        for column, values in (("code", codes), ("canonical", names)):
            if values:
                tests.append(f"l.{column} {self.in_list}")
                params.append(values)
        return f"e.id IN (SELECT l.event_id FROM event_entities l WHERE {' OR '.join(tests)})", params

    def special_characters(self) -> str:
        """Characters whose ``casefold`` differs from their ``lower``, or whose ``lower`` differs in this database."""
        if self._special is None:
            cased = _cased_characters()
            lowered = self.store.query("SELECT lower(?)", ["\x01".join(cased)])[0][0].split("\x01")
            special = {c for c, low in zip(cased, lowered) if low != c.lower() or c.casefold() != c.lower()}
            special |= {"Σ", "σ", "ς"}  # Python lowers a final sigma by its context
            self._special = "".join(sorted(special))
        return self._special

    def special_events(self) -> list[dict[str, Any]]:
        """The events whose sentence, category or actor names hold a special character (cached until a write).

        Most texts are ASCII and no special character is (checked): a text is tested against the class of
        special characters only when its length in bytes exceeds its length in characters, a cheap test
        that spares PostgreSQL's regular expression (a class of about a thousand characters) almost every row.
        """
        wide = getattr(self.store, "wide_text_events", None)
        if "special" not in self.cache and wide is not None and all(ord(c) > 0x7F for c in self.special_characters()):
            if wide() == 0:  # DuckDB knows its texts outside ASCII: none, so no special character either
                self.cache["special"] = []
        if "special" not in self.cache:
            special = self.special_characters()
            wide = "".join(c for c in special if ord(c) > 0x7F)
            narrow = [c for c in special if ord(c) <= 0x7F]  # none in PostgreSQL or DuckDB; tested one by one
            pattern = f"(?s).*[{wide}].*"  # DuckDB: a full match; PostgreSQL: a search
            size = getattr(self.store, "BYTE_LENGTH", "strlen")

            def has(text: str) -> tuple[str, list[Any]]:
                tests = [f"strpos({text}, ?) > 0" for _ in narrow]
                if wide:
                    tests.append(f"({size}({text}) > length({text}) AND {text} ~ ?)")
                return f"({' OR '.join(tests) or 'false'})", [*narrow, *([pattern] if wide else [])]

            name = "coalesce(nullif(l.canonical, ''), l.name, '')"
            sentence, p1 = has("coalesce(e.sentence, '')")
            category, p2 = has("e.category")
            names, p3 = has(name)
            # one semi-join on a union of ids, not an OR around a subquery: PostgreSQL runs a subquery under
            # an OR once per event when its hash does not fit in memory (millions of links at 10 M events);
            # each text in its own branch, whose byte-length test PostgreSQL's partial indexes answer
            # (DuckDB has no partial index: there one scan of the events tests both texts)
            split = "UNION SELECT e.id FROM events e WHERE" if getattr(self.store, "TEXT_WIDE_INDEXES", False) else "OR"
            rows = self.store.dicts(
                f"SELECT e.* FROM events e WHERE e.id IN (SELECT e.id FROM events e WHERE {sentence} {split} {category} "
                f"UNION SELECT l.event_id FROM event_entities l WHERE {names})",
                [*p1, *p2, *p3],
            )
            self.cache["special"] = self.public(rows)
        return self.cache["special"]  # type: ignore[no-any-return]

    def categories(self) -> list[str]:
        """The stored categories, cached until a write (PostgreSQL walks its category index)."""
        if "categories" not in self.cache:
            sql = getattr(self.store, "CATEGORIES_SQL", "SELECT DISTINCT category FROM events")
            self.cache["categories"] = sorted(str(r[0]) for r in self.store.query(sql) if r[0] is not None)
        return self.cache["categories"]  # type: ignore[no-any-return]

    def text_condition(self, q: str) -> tuple[str, list[Any]]:
        """``_mentions``: SQL decides rows without special characters, Python the (few) rows with them.

        Sentences and names are tested with ``LIKE '%needle%'`` on the lowered text, the form PostgreSQL's
        trigram indexes answer (``TEXT_INDEXES``); the categories that hold the needle are found in Python
        (a few dozen), so that no branch scans every event for them.
        """
        needle = q.casefold()
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        name = "coalesce(nullif(l.canonical, ''), l.name, '')"
        cats = [c for c in self.categories() if needle in c.casefold()]
        # the events that match, as one semi-join on a union of ids (see ``special_events``)
        by_category = f"UNION SELECT t.id FROM events t WHERE t.category {self.in_list} " if cats else ""
        match = (
            f"e.id IN (SELECT t.id FROM events t WHERE lower(coalesce(t.sentence, '')) LIKE ? ESCAPE '\\' {by_category}"
            f"UNION SELECT l.event_id FROM event_entities l WHERE lower({name}) LIKE ? ESCAPE '\\')"
        )
        special = self.special_events()
        sql, params = match, [pattern, *([cats] if cats else []), pattern]
        if special:
            sql = f"(NOT e.id {self.in_list} AND {match})"
            params = [[ev["id"] for ev in special], *params]
            ok = [ev["id"] for ev in special if _mentions(ev, q)]
            if ok:
                sql = f"({sql} OR e.id {self.in_list})"
                params.append(ok)
        return sql, params

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
            conds.append(f"{period_sql(by, self.c)} = ?")
            params.append(period)
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
    def public(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Event rows as PLOVER-shaped dicts, with their actors and recipients."""
        if not rows:
            return []
        links = self.store.dicts(f"SELECT * FROM event_entities WHERE event_id {self.in_list}", [[r["id"] for r in rows]])
        by_event: dict[str, list[dict[str, Any]]] = {}
        for link in links:
            by_event.setdefault(link["event_id"], []).append(link)
        return [event_row_to_public(r, by_event.get(r["id"], [])) for r in rows]

    def event_page(
        self, conds: list[str], params: list[Any], limit: int, offset: int, include_flagged: bool = False,
        after: PageKey | None = None, total: int | None = None,
    ) -> tuple[list[dict[str, Any]], int, bool]:
        """One page of the counted events that pass ``conds``, in page order, their total, and whether more follow.

        ``after``: start after the event with this sort key (keyset paging: a deep page costs what a first one does).
        ``total``: the number of events that pass, where the caller knows it (from a rollup).
        """
        where = " AND ".join(conds) or "true"
        source = self.counted(include_flagged)
        key = ("total", where, repr(params), include_flagged)  # the total of a filter lasts until the next write
        if total is not None:
            self.cache[key] = total
        if key not in self.cache:
            self.cache[key] = int(self.store.query(f"SELECT count(*) FROM {source} e WHERE {where}", params)[0][0])
        total: int = self.cache[key]
        if not total or offset >= total:
            return [], total, False
        if after is not None:
            sql, p = self.after(after)
            where, params = f"{where} AND {sql}", [*params, *p]
        # the page's ids first (a sort of narrow rows), then only those rows; one more id tells whether more follow
        ids = [r[0] for r in self.store.query(
            f"SELECT e.id FROM {source} e WHERE {where} ORDER BY {self.key} LIMIT {int(limit) + 1} OFFSET {int(offset)}", params
        )]
        more, ids = len(ids) > limit, ids[:limit]
        rows = {r["id"]: r for r in self.store.dicts(f"SELECT * FROM events WHERE id {self.in_list}", [ids])} if ids else {}
        return self.public([rows[i] for i in ids]), total, more

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

    # -- actors ------------------------------------------------------------
    def has_rollups(self) -> bool:
        """Whether the store keeps the rollups (``store.rollup``); DuckDB brings them up to date here."""
        if not hasattr(self.store, "dyad_months"):
            return False
        ensure = getattr(self.store, "ensure_rollups", None)
        if ensure is not None:
            ensure()
        return True

    def actor_cells(self) -> dict[tuple[str, str, str, str], int] | None:
        """The actor rollup's counts over the counted events, cached until a write (None where the store keeps none).

        The rollup counts an event when it is eligible and its own group; ``counted`` agrees on every event
        but the irregular ones (``irregular_ids``), so the answer is the rollup, plus what ``counted`` gives
        on those, minus what the rollup gave on them: every count is additive over disjoint events.
        """
        if "actor_cells" not in self.cache:
            if not self.has_rollups():
                return None
            cells: dict[tuple[str, str, str, str], int] = defaultdict(int)
            parts = [(1, self.store.query("SELECT kc, kn, kind, val, n FROM actor_rollup"))]
            irregular = self.irregular_ids()
            if irregular:
                where = f"e.id {self.in_list}"
                parts += [(1, self.store.query(actor_facets_sql(self.counted(), where), [irregular])),
                          (-1, self.store.query(actor_facets_sql(ACTOR_COUNTED, where), [irregular]))]
            for sign, rows in parts:
                for kc, kn, kind, val, n in rows:
                    cells[(kc, kn, kind, val)] += sign * int(n)
            self.cache["actor_cells"] = {k: n for k, n in cells.items() if n}
        return self.cache["actor_cells"]  # type: ignore[no-any-return]

    def rollup_actors(self) -> list[ActorSummary] | None:
        """``actors()`` over every counted event, from the actor rollup (None where the store keeps none)."""
        cells = self.actor_cells()
        if cells is None:
            return None
        by_actor: dict[tuple[str, str], dict[str, Any]] = defaultdict(
            lambda: {"events": 0, "actor": 0, "recipient": 0, "bare": 0, "sector": {}, "role": set()}
        )
        for (kc, kn, kind, val), n in cells.items():
            if kc == "" or n <= 0:
                continue
            cell = by_actor[(kc, kn)]
            if kind == "sector":
                cell["sector"][val] = n
            elif kind == "role":
                cell["role"].add(val)
            else:
                cell[kind] += n
        found = {k: v for k, v in by_actor.items() if v["events"] > 0}
        sectors: dict[tuple[str, str], str | None] = {}
        unsure = []  # actors seen with several sectors (or with and without one): the first one seen wins
        for key, cell in found.items():
            known = sum(cell["sector"].values())
            if known == 0:
                sectors[key] = None
            elif known == cell["actor"] + cell["recipient"] and len(cell["sector"]) == 1:
                sectors[key] = next(iter(cell["sector"]))
            else:
                unsure.append(key)
        if unsure:
            sectors.update(self._first_sectors([f"{kc}\x01{kn}" for kc, kn in unsure], "true", []))
        ranked = sorted(found.items(), key=lambda kv: (-kv[1]["events"], kv[0]))
        return [
            ActorSummary(kc, kn, sectors.get((kc, kn)), tuple(sorted(c["role"])), c["events"], c["actor"], c["recipient"])
            for (kc, kn), c in ranked
        ]

    def actor_page(self, key: str) -> tuple[int, list[tuple[Any, ...]], list[ActorSummary]] | None:
        """The actor page's total, partner dyads (``dyad_periods`` rows, without periods) and identities, from the
        actor rollup alone; None where the store keeps none or the rollup cannot tell them exactly.

        The page's events hold a link whose code or canonical name is ``key`` under ``casefold``. When one
        stored value v is, they are the events of v's ``match`` row and their dyads are v's ``pair`` rows. An
        identity's counts on the page are its counts over every event when each of its links passes the
        filter: its code is the key (not ``UNK``, which stands for no code), or every link has the key as its
        canonical name (no ``bare`` link).
        """
        cells = self.actor_cells()
        if cells is None:
            return None
        want = key.casefold()
        values = [kn for (kc, kn, kind, _) in cells if kc == "" and kind == "match" and kn.casefold() == want]
        if len(values) > 1:
            return None
        if not values:
            return 0, [], []
        (v,) = values
        idents = [a for a in self.rollup_actors() or () if _is(a, key)]
        for a in idents:
            by_code = a.code.casefold() == want and a.code != "UNK"
            if not by_code and (a.canonical.casefold() != want or cells.get((a.code, a.canonical, "bare", ""), 0)):
                return None
        rows = []
        for (kc, kn, kind, dyad), n in cells.items():
            if kc == "" and kn == v and kind == "pair" and n > 0:
                a, b = dyad.split("-", 1)
                rows.append((a, b, None, n, 0.0, None))
        return cells[("", v, "match", "")], rows, idents

    def _links_sql(self, where: str, ordered: bool = False) -> str:
        """The links of the counted events that pass ``where``, with their actor keys (``rankings.actor_key``)."""
        keys = "ev.date, ev.doc_id, ev.trigger_start, " if ordered else ""  # the page order, for first-seen sectors
        return (
            f"SELECT l.event_id, {keys}CASE WHEN l.side = 'actor' THEN 0 ELSE 1 END AS s, l.position, l.sector, l.role, "
            "coalesce(nullif(l.code, ''), 'UNK') AS kc, coalesce(nullif(l.canonical, ''), nullif(l.name, ''), '?') AS kn "
            f"FROM event_entities l JOIN (SELECT e.id{', e.date, e.doc_id, e.trigger_start' if ordered else ''} "
            f"FROM {self.counted()} e WHERE {where}) ev ON ev.id = l.event_id"
        )

    def _first_sectors(self, unsure: list[str], where: str, params: Sequence[Any]) -> dict[tuple[str, str], str | None]:
        """The sector of each actor's first link in page order, for the actors ``kc + chr(1) + kn`` in ``unsure``."""
        rows = self.store.query(
            f"WITH lk AS ({self._links_sql(where, ordered=True)}) SELECT kc, kn, sector FROM (SELECT kc, kn, sector, "
            f"row_number() OVER (PARTITION BY kc, kn ORDER BY {self.order('lk').replace('lk.id', 'lk.event_id')}, s, position) "
            f"AS r FROM lk WHERE kc || chr(1) || kn {self.in_list}) f WHERE r = 1",
            [*params, unsure],
        )
        return {(r[0], r[1]): r[2] for r in rows}

    def actors(self, conds: Sequence[str] = (), params: Sequence[Any] = (), only: str | None = None) -> list[ActorSummary]:
        """``rankings.top_actors`` over the counted events that pass ``conds``.

        ``only``: just the identities whose code or canonical name is ``only`` under ``str.casefold`` (the
        actor page's); each identity's counts come from its own links, so reading only those is exact. The
        actor rollup lists every identity there is, so their links are found by key instead of by event.
        """
        if not conds:
            found = self.rollup_actors()
            if found is not None:
                return [a for a in found if only is None or _is(a, only)]
        where = " AND ".join(conds) or "true"
        p = list(params)
        keys = ""
        if only is not None and self.actor_cells() is not None:
            wanted = [f"{a.code}\x01{a.canonical}" for a in self.rollup_actors() or () if _is(a, only)]
            if not wanted:
                return []
            keys = (
                "WHERE coalesce(nullif(l.code, ''), 'UNK') || chr(1) || coalesce(nullif(l.canonical, ''), nullif(l.name, ''), '?') "
                f"{self.in_list}"
            )
            p.append(wanted)

        def links(ordered: bool = False) -> str:
            return f"{self._links_sql(where, ordered)} {keys}"

        # the roles in the same pass over the links (each pass joins them to the counted events)
        found_rows = self.store.query(
            f"WITH lk AS ({links()}) SELECT kc, kn, count(DISTINCT event_id), sum(1 - s), sum(s), count(*), count(sector), "
            "min(sector), max(sector), string_agg(DISTINCT CASE WHEN coalesce(role, '') <> '' THEN role END, chr(1)) "
            "FROM lk GROUP BY kc, kn",
            p,
        )
        counts = [r[:9] for r in found_rows]
        roles: dict[tuple[str, str], set[str]] = defaultdict(set)
        for kc, kn, *_, joined in found_rows:
            if joined:
                roles[(kc, kn)].update(joined.split("\x01"))
        sectors: dict[tuple[str, str], str | None] = {}
        unsure = []  # actors seen with several sectors (or with and without one): the first one seen wins
        for kc, kn, _, _, _, n, known, low, high in counts:
            if known == 0 or known == n and low == high:
                sectors[(kc, kn)] = low
            else:
                unsure.append(f"{kc}\x01{kn}")
        if unsure:
            rows = self.store.query(
                f"WITH lk AS ({links(ordered=True)}) SELECT kc, kn, sector FROM (SELECT kc, kn, sector, row_number() OVER "
                f"(PARTITION BY kc, kn ORDER BY {self.order('lk').replace('lk.id', 'lk.event_id')}, s, position) AS r FROM lk "
                f"WHERE kc || chr(1) || kn {self.in_list}) f WHERE r = 1",
                [*p, unsure],
            )
            sectors.update(((r[0], r[1]), r[2]) for r in rows)
        ranked = sorted(counts, key=lambda r: (-r[2], (r[0], r[1])))
        found = [
            ActorSummary(kc, kn, sectors.get((kc, kn)), tuple(sorted(roles.get((kc, kn), ()))), int(n), int(a), int(r))
            for kc, kn, n, a, r, *_ in ranked
        ]
        return [a for a in found if only is None or _is(a, only)]

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

    def irregular_ids(self) -> list[str]:
        """Ids of the events on which the rollup and ``counted`` may differ, cached until a write.

        Two narrow reads whose conditions are those of PostgreSQL's partial indexes (``events_irregular``,
        ``events_grouped``), so they cost what the irregular events number, not what the store holds.
        """
        kept = getattr(self.store, "irregular_event_ids", None)  # DuckDB keeps them with its rollups
        if "irregular" not in self.cache and kept is not None:
            self.cache["irregular"] = sorted(set(kept()))
        if "irregular" not in self.cache:
            own = self.store.query("SELECT id FROM events WHERE coalesce(date, '') = '' OR event_group <> id")
            heads = self.store.query("SELECT DISTINCT event_group FROM events WHERE event_group <> id")
            self.cache["irregular"] = sorted({str(r[0]) for r in own} | {str(r[0]) for r in heads})
        return self.cache["irregular"]  # type: ignore[no-any-return]

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
        tests = ["coalesce(e.quad, '') <> ''", *conds, f"e.id IN (SELECT event_id FROM event_entities WHERE code {self.in_list})"]
        p = [*params, codes]
        if month is not None:  # a range the date index can walk, then the exact test
            tests += [f"e.date{self.c} <= ?", f"substr(e.date, 1, 7){self.c} <= ?"]
            p += [month + "\U0010ffff", month]
        where = " AND ".join(tests)
        found = self.store.query(
            f"WITH ev AS (SELECT e.id, e.date, e.doc_id, e.trigger_start FROM {self.counted()} e WHERE {where}), "
            f"{self._pairs_sql(False)} SELECT a, b, date, doc_id, trigger_start, id FROM (SELECT dp.a, dp.b, ev.date, ev.doc_id, "
            f"ev.trigger_start, ev.id, row_number() OVER (PARTITION BY dp.a, dp.b ORDER BY {self.order('ev')}) AS rn "
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
        found: list[Shift] = []
        for (a, b), points in sorted(series.items()):
            found += detect_shifts(_points(points), None, f"{a}-{b}", window=window, threshold=threshold)
        return sorted(found, key=lambda s: (s.period, abs(s.z)), reverse=True)

    def recent_shifts(
        self, series: dict[tuple[str, str], list[tuple[str, int, float]]], window: int, threshold: float, n: int
    ) -> list[Shift]:
        """The first ``n`` of ``shifts`` (latest period first, then by |z|), testing the latest periods only.

        A point's flag depends on that point and the ``window`` points before it alone, so the periods are
        tested from the latest back, in blocks that double (1, 2, 4... periods), each on the points of every
        dyad that fall in it, until ``n`` shifts are found: the same shifts, in the same order, as the first
        ``n`` of the whole list, without testing every point of every dyad (the home page shows six), and at
        most about twice the work of the whole list when few shifts are recent.
        """
        dyads = sorted(series.items())  # in order, as ``shifts`` meets them
        periods = sorted(set().union(*({p for p, _, _ in points} for _, points in dyads)), reverse=True)
        found: list[Shift] = []
        start, size = 0, 1
        while start < len(periods) and len(found) < n:
            newest, oldest = periods[start], periods[min(start + size, len(periods)) - 1]
            for (a, b), points in dyads:
                i = bisect.bisect_left(points, oldest, key=lambda point: point[0])
                j = bisect.bisect_right(points, newest, key=lambda point: point[0])
                if i < j:
                    tail = _points(points[max(0, i - window): j])
                    found += [s for s in detect_shifts(tail, None, f"{a}-{b}", window=window, threshold=threshold)
                              if s.period >= oldest]
            start, size = start + size, size * 2
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
        sql = (
            f"WITH ev AS (SELECT * FROM (SELECT e.id, {period_sql(by, self.c)} AS period, e.date, e.doc_id, e.trigger_start "
            f"FROM {self.counted()} e WHERE coalesce(e.quad, '') <> '' AND ({ranges}) AND e.id IN "
            f"(SELECT event_id FROM event_entities WHERE code {self.in_list})) p WHERE period {self.in_list}), "
            f"{self._pairs_sql(directed)} "
            f"SELECT dp.a, dp.b, ev.period, ev.id FROM dp JOIN ev ON ev.id = dp.event_id ORDER BY {self.order('ev')}"
        )
        out: dict[tuple[str, str], list[str]] = defaultdict(list)
        for a, b, period, eid in self.store.query(sql, [*bounds, codes, periods]):
            if (f"{a}-{b}", period) in keys:
                out[(f"{a}-{b}", period)].append(str(eid))
        return out

    def dyad_series(self, a: str, b: str, by: str, directed: bool) -> list[DyadPoint]:
        """``dyads.dyad_series`` of one dyad: periods, quads and categories (in the order first seen)."""
        cond, params = self.dyad_condition((a, b), directed)
        rows = self.store.query(
            f"SELECT period, category, quad, count(*), sum(score), min(rnk) FROM (SELECT {period_sql(by, self.c)} AS period, "
            f"e.category, e.quad, e.score, row_number() OVER (ORDER BY {self.key}) AS rnk FROM {self.counted()} e "
            f"WHERE coalesce(e.quad, '') <> '' AND {cond}) s WHERE period IS NOT NULL GROUP BY 1, 2, 3",
            params,
        )
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

    def dyad_period_ids(self, a: str, b: str, by: str, directed: bool, periods: list[str]) -> dict[str, list[str]]:
        """``shifts.period_event_ids`` of one dyad, for some periods only."""
        if not periods:
            return {}
        cond, params = self.dyad_condition((a, b), directed)
        rows = self.store.query(
            f"SELECT p, id FROM (SELECT {period_sql(by, self.c)} AS p, e.id, e.date, e.doc_id, e.trigger_start FROM {self.counted()} e "
            f"WHERE coalesce(e.quad, '') <> '' AND {cond}) e WHERE p {self.in_list} ORDER BY {self.key}",
            [*params, periods],
        )
        out: dict[str, list[str]] = defaultdict(list)
        for period, eid in rows:
            out[period].append(str(eid))
        return dict(out)
