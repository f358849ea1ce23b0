"""A corpus summary from the store: articles, events by category, top dyads, one dyad by month."""

from __future__ import annotations

from typing import Any

from dyadwatch.analysis.dyads import category_counts, counted, dyad_series, top_dyads
from dyadwatch.store.base import EventQuery


def summarise(store: Any, dyad: tuple[str, str] = ("FRA", "DZA"), by: str = "month") -> dict[str, Any]:
    """Everything ``dyadwatch demo`` prints, as data."""
    articles = store.query("SELECT status, language, count(*) FROM articles GROUP BY status, language ORDER BY 1, 2")
    events = store.events(EventQuery())
    counted_events = list(counted(events))
    return {
        "articles": sum(r[2] for r in articles),
        "articles_by_language": {f"{r[1]} ({r[0]})": r[2] for r in articles},
        "events": len(events),
        "events_counted": len(counted_events),
        "by_category": category_counts(counted_events),
        "top_dyads": top_dyads(counted_events, 8),
        "dyad": "-".join(dyad),
        "dyad_series": [p.as_dict() for p in dyad_series(events, dyad[0], dyad[1], by=by)],
        "failures": store.query("SELECT count(*) FROM failures")[0][0],
    }
