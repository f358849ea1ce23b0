"""One event, many reports: group the events that several articles report into one.

Two coded events are reports of the same event when they have the same
category and the same flags, their actor countries overlap, their recipient
countries overlap (or both have none), and their dates agree within the
coarser of the two precisions: within ``window_days`` days for two day
dates, the same week, month, season or year otherwise. Reports of one
article are never grouped here (the coder already merges repeats within an
article). The earliest report (by date, then article) names the group.

Aggregates count groups, not reports, so a story carried by fifty outlets
counts once. The rule is a pure function, configurable by ``window_days``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=4096)
def _codes(value: str | None) -> frozenset[str]:
    # cached: grouping compares each event with many heads, and the same code lists recur ("DZA,FRA")
    return frozenset(c for c in (value or "").split(",") if c and c != "UNK")


@lru_cache(maxsize=8192)
def _day(date: str | None) -> dt.date | None:
    if not date or len(date) < 10:
        return None
    try:
        return dt.date.fromisoformat(date[:10])
    except ValueError:
        return None


def same_time(a: dict[str, Any], b: dict[str, Any], window_days: int) -> bool:
    """Whether two dates can name the same event, given their precisions."""
    da, db = a.get("date"), b.get("date")
    if not da or not db:
        return False
    pa, pb = a.get("date_precision") or "day", b.get("date_precision") or "day"
    if pa == "day" and pb == "day":
        x, y = _day(da), _day(db)
        return x is not None and y is not None and abs((x - y).days) <= window_days
    if "week" in (pa, pb):
        x, y = _day(da), _day(db)
        return x is not None and y is not None and abs((x - y).days) <= 7
    # month, season, period, year: the coarser date must contain the finer one
    short = min(len(da), len(db), 7 if "year" not in (pa, pb) else 4)
    return da[:short] == db[:short]


def same_event(a: dict[str, Any], b: dict[str, Any], window_days: int) -> bool:
    if a["category"] != b["category"] or a["article_id"] == b["article_id"]:
        return False
    if bool(a.get("negated")) != bool(b.get("negated")) or bool(a.get("hypothetical")) != bool(b.get("hypothetical")):
        return False
    actors_a, actors_b = _codes(a.get("actor_codes")), _codes(b.get("actor_codes"))
    if not actors_a & actors_b:
        return False
    rec_a, rec_b = _codes(a.get("recipient_codes")), _codes(b.get("recipient_codes"))
    if (rec_a or rec_b) and not rec_a & rec_b:
        return False
    return same_time(a, b, window_days)


def _keys(e: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The index keys of an event: one per (actor country, recipient country) pair.

    Two reports can be one event only when they share a key: same category and flags, an actor
    country in common, and a recipient country in common (or no recipient on either side).
    """
    flags = (e["category"], bool(e.get("negated")), bool(e.get("hypothetical")))
    recipients = _codes(e.get("recipient_codes")) or frozenset(("",))
    return [(*flags, a, r) for a in _codes(e.get("actor_codes")) for r in recipients]


def group_reports(
    events: Iterable[dict[str, Any]], window_days: int = 2, formed: Iterable[dict[str, Any]] = ()
) -> dict[str, str]:
    """Event id -> id of the group's first report, for every event of ``events``.

    ``formed``: heads of groups formed before (all dated before ``events``), which the events may join;
    they are not in the result. Heads are indexed by category, flags, actor and recipient country
    (``_keys``), so an event is compared only with groups it could join; when several could take
    it, it joins the earliest.
    """
    order = lambda e: (e.get("date") or "9999", e["article_id"], e["id"])  # noqa: E731
    heads: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    group: dict[str, str] = {}
    rank: dict[str, int] = {}
    for h in sorted(formed, key=order):
        for key in _keys(h):
            heads[key].append(h)
        group[h["id"]] = h["id"]
        rank[h["id"]] = len(rank)
    before = set(group)
    for e in sorted(events, key=order):
        keys = _keys(e)
        head = None
        for key in keys:
            for h in heads.get(key, ()):
                if head is not None and rank[h["id"]] >= rank[head["id"]]:
                    break  # each list is in order: nothing later in it can be earlier than the head found
                if h["article_id"] != e["article_id"] and same_time(h, e, window_days):
                    head = h
                    break
        if head is None:
            group[e["id"]] = e["id"]
            rank[e["id"]] = len(rank)
            for key in keys:
                heads[key].append(e)
        else:
            group[e["id"]] = group[head["id"]]
    return {k: v for k, v in group.items() if k not in before}


def reach_before(since: str, window_days: int) -> tuple[str, str]:
    """How far back a group formed before ``since`` can still take an event dated ``since`` or later.

    Day and week dates within the window (a week at least); month, season and year dates that
    contain a later date share its year. Returns (earliest day, earliest year) as date strings.
    """
    first = _day(since) or _day(f"{since[:7]}-01") or _day(f"{since[:4]}-01-01")
    if first is None:
        return since, since[:4]
    return (first - dt.timedelta(days=max(window_days, 7) + 1)).isoformat(), since[:4]
