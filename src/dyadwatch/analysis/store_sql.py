"""The SQL that every read of the store is built on: the counted events, the period of a date, the page
order and the event rows made PLOVER-shaped.

``StoreSQL`` holds one store's dialect (its byte-order collation and its list parameter) and the cache that
the caller drops after a write, and restates ``analysis.dyads.counted`` and ``period_of`` as SQL (the rules
are listed in ``analysis.queries``). ``text_search``, ``actor_reads`` and ``dyad_reads`` build their reads
on it, with the two facts both rollup readers need (whether the store keeps rollups, and which events they
may count differently); ``queries.StoreReads`` joins them for the API.
"""

from __future__ import annotations

import re
from typing import Any

from dyadwatch.store.base import event_row_to_public

NOT_FLAGGED = "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)"
# a needle's word pieces: maximal runs of ASCII letters, digits and underscores (``store.duckdb_pages.WORD_SPLIT``)
WORD_SPLIT = re.compile(r"[^0-9a-z_]+")
# an event's group: the stored one, or the event itself (``event_row_to_public``); only groups of several
# events (one member names another) can hide a report, so only they go through the window
GROUP = "coalesce(nullif(e.event_group, ''), e.id)"


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


class StoreSQL:
    """The shared part of ``StoreReads``: one store, its dialect, and the cache of its reads until a write."""

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

    # -- the counted events ------------------------------------------------
    def counted(self, include_flagged: bool = False) -> str:
        """A subquery of the events that ``analysis.dyads.counted`` yields, in any order."""
        return f"(SELECT e.* FROM events e WHERE {self.counted_where(include_flagged)})"

    def counted_where(self, include_flagged: bool = False) -> str:
        """The condition of ``counted`` over ``e`` (an event, or a row of a side table with its id and flags).

        The later reports it leaves out are read once until a write and named in the SQL when they are few
        (a store without report groups has none), instead of being found again by every query.
        """
        elig = "true" if include_flagged else NOT_FLAGGED
        ids = self.later_ids(include_flagged)
        if ids is None:
            return f"{elig} AND e.id NOT IN ({self._later_sql(elig)})"
        named = ", ".join("'" + i.replace("'", "''") + "'" for i in sorted(ids))
        return f"{elig}{f' AND e.id NOT IN ({named})' if ids else ''}"

    def later_ids(self, include_flagged: bool = False) -> list[str] | None:
        """The later reports of groups of several that ``counted`` leaves out, cached until a write (None above 2,000)."""
        key = ("later", include_flagged)
        if key not in self.cache:
            ids = [str(r[0]) for r in self.store.query(self._later_sql("true" if include_flagged else NOT_FLAGGED))]
            self.cache[key] = ids if len(ids) <= 2000 else None
        return self.cache[key]  # type: ignore[no-any-return]

    def _later_sql(self, elig: str) -> str:
        return (
            f"SELECT id FROM (SELECT e.id, row_number() OVER (PARTITION BY {GROUP} ORDER BY {self.key}) AS rn "
            f"FROM events e WHERE {elig} AND {GROUP} IN "
            "(SELECT g.event_group FROM events g WHERE g.event_group <> g.id AND g.event_group <> '')) r WHERE rn > 1"
        )

    def holds(self, text: str, pattern: str, needle: str) -> tuple[str, list[Any]]:
        """``{text} LIKE pattern`` (``pattern``: ``'%needle%'`` escaped), in the form the store's indexes answer best.

        A trigram index is dear for a needle's common trigrams (every leaf of "number" to find "number 12345"): where
        the store counts its words (PostgreSQL: ``rarest_piece``), the index is asked for the needle's rarest piece
        and the needle itself is then tested on the rows found with ``strpos``, the same test as the ``LIKE``.
        """
        key = ("rarest", needle)
        if key not in self.cache:
            rarest = getattr(self.store, "rarest_piece", None)
            self.cache[key] = rarest([p for p in WORD_SPLIT.split(needle) if p]) if rarest is not None else None
        piece = self.cache[key]
        if piece is None or piece == needle:
            return f"{text} LIKE ? ESCAPE '\\'", [pattern]
        return f"{text} LIKE ? ESCAPE '\\' AND strpos({text}, ?) > 0", ["%" + piece.replace("_", "\\_") + "%", needle]

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

    # -- rollups -----------------------------------------------------------
    def has_rollups(self) -> bool:
        """Whether the store keeps the rollups (``store.rollup``); DuckDB brings them up to date here."""
        if not hasattr(self.store, "dyad_months"):
            return False
        ensure = getattr(self.store, "ensure_rollups", None)
        if ensure is not None:
            ensure()
        return True

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
