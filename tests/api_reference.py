"""The API's answers computed the old way, in Python over every stored event: the reference that
``tests/test_api_sql.py`` holds the SQL-backed ``Service`` to. Used only by tests.

Each function is the body of the ``Service`` method of the same name before the API answered from SQL,
with ``all_events()`` replaced by the ``events`` argument (every stored event in page order).
"""

from __future__ import annotations

from typing import Any

from dyadwatch.analysis.dyads import counted, dyad_series, pairs, period_of, top_dyads
from dyadwatch.analysis.rankings import matches_actor, top_actors, top_dyads_by_change
from dyadwatch.analysis.shifts import all_shifts, detect_shifts, period_event_ids
from dyadwatch.api.service import page
from dyadwatch.store.rollup import dyad_series as store_dyad_series


def mentions(event: dict[str, Any], q: str) -> bool:
    needle = q.casefold()
    hay = [event["evidence"].get("sentence") or "", event["category"]]
    hay += [x.get("canonical") or x.get("name") or "" for x in list(event["actor"]) + list(event["recipient"])]
    return any(needle in h.casefold() for h in hay)


def filter_events(
    events: list[dict[str, Any]], dyad: tuple[str, str] | None = None, directed: bool = False, category: str | None = None,
    since: str | None = None, until: str | None = None, period: str | None = None, actor: str | None = None,
    q: str | None = None, include_flagged: bool = False,
) -> list[dict[str, Any]]:
    if category:
        from dyadwatch.ontology import load_ontology

        category = load_ontology().category(category.upper()).name
    out = list(counted(events, include_flagged))
    if dyad:
        want = dyad if directed else tuple(sorted(dyad))
        out = [e for e in out if want in pairs(e, directed)]
    if category:
        out = [e for e in out if e["category"] == category]
    if since:
        out = [e for e in out if e["date"] and e["date"] >= since]
    if until:
        out = [e for e in out if e["date"] and e["date"][: len(until)] <= until]
    if period:
        by = {4: "year", 7: "month", 10: "day"}.get(len(period), "month")
        out = [e for e in out if period_of(e["date"], by) == period]
    if actor:
        out = [e for e in out if matches_actor(e, actor)]
    if q:
        out = [e for e in out if mentions(e, q)]
    return out


def list_events(events: list[dict[str, Any]], limit: int = 50, offset: int = 0, **filters: Any) -> dict[str, Any]:
    found = filter_events(events, **filters)
    return page(found[offset: offset + limit], len(found), limit, offset)


def article_events(events: list[dict[str, Any]], article_id: str) -> list[dict[str, Any]]:
    found = [e for e in events if e["article_id"] == article_id]
    return sorted(found, key=lambda e: (e["evidence"]["trigger_start"] or 0))


def list_actors(events: list[dict[str, Any]], q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    ranked = [a.as_dict() for a in top_actors(events)]
    if q:
        needle = q.casefold()
        ranked = [a for a in ranked if needle in a["canonical"].casefold() or needle == a["code"].casefold()]
    return page(ranked[offset: offset + limit], len(ranked), limit, offset)


def actor(events: list[dict[str, Any]], key: str, limit: int = 50, offset: int = 0) -> dict[str, Any] | None:
    found = filter_events(events, actor=key)
    if not found:
        return None
    idents = [a.as_dict() for a in top_actors(found) if key.casefold() in (a.code.casefold(), a.canonical.casefold())]
    partners = [{"dyad": d, "events": n} for d, n in top_dyads(found, 10)]
    return {"key": key, "identities": idents, "dyads": partners, "events": page(found[offset: offset + limit], len(found), limit, offset)}


def list_dyads(events: list[dict[str, Any]], sort: str = "volume", by: str = "month", limit: int = 50, offset: int = 0) -> dict[str, Any]:
    if sort == "change":
        ranked = top_dyads_by_change(events, by)
    else:
        ranked = [{"dyad": d, "a": d.split("-")[0], "b": d.split("-")[1], "events": n} for d, n in top_dyads(events, n=None)]  # type: ignore[arg-type]
    return page(ranked[offset: offset + limit], len(ranked), limit, offset)


def dyad(
    events: list[dict[str, Any]], store: Any, a: str, b: str, by: str = "month", directed: bool = False,
    window: int = 3, threshold: float = 2.0,
) -> dict[str, Any]:
    a, b = a.upper(), b.upper()
    rollup = by in ("month", "year") and hasattr(store, "dyad_months")
    series = store_dyad_series(store, a, b, by, directed) if rollup else dyad_series(events, a, b, by, directed)
    points = [p.as_dict() for p in series]
    label = f"{a}-{b}" if directed else "-".join(sorted((a, b)))
    ids = period_event_ids(events, a, b, by, directed)
    shifts = [s.as_dict() for s in detect_shifts(series, ids, label, window=window, threshold=threshold)]
    return {
        "dyad": f"{a}-{b}", "a": a, "b": b, "by": by, "directed": directed, "total": len(points),
        "events": sum(p["events"] for p in points), "points": points, "shifts": shifts,
    }


def list_shifts(
    events: list[dict[str, Any]], by: str = "month", window: int = 3, threshold: float = 2.0, limit: int = 50, offset: int = 0
) -> dict[str, Any]:
    found = [s.as_dict() for s in all_shifts(events, by, window=window, threshold=threshold)]
    return page(found[offset: offset + limit], len(found), limit, offset)


def overview(events: list[dict[str, Any]], articles: int) -> dict[str, Any]:
    counted_events = list(counted(events))
    dates = sorted(e["date"] for e in counted_events if e["date"])
    return {
        "articles": int(articles), "events": len(events), "events_counted": len(counted_events),
        "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
        "top_dyads": list_dyads(events, limit=8)["items"],
        "top_actors": list_actors(events, limit=8)["items"],
        "recent_shifts": [{k: v for k, v in s.items() if k != "event_ids"} for s in list_shifts(events, limit=6)["items"]],
    }
