"""The read and write functions behind the REST API and the dashboard.

The server owns its store: one ``Service`` per process wraps one store and
one lock, because FastAPI runs plain handlers in a thread pool and a DuckDB
connection must not be used from two threads at once. Every function returns
plain JSON-ready data; the routes in ``api.app`` and the pages in ``web``
only shape requests and responses around them. Analyses run in Python over
the store's PLOVER-shaped events (``analysis``), which are cached until the
next write, so a page that shows a number and the table behind it cannot
disagree.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Sequence

from dyadwatch.analysis.dyads import counted, dyad_series, pairs, period_of, top_dyads
from dyadwatch.analysis.rankings import matches_actor, top_actors, top_dyads_by_change
from dyadwatch.analysis.shifts import all_shifts, detect_shifts, period_event_ids
from dyadwatch.config import Config
from dyadwatch.errors import make
from dyadwatch.store.base import EventQuery, Store, WriteReport
from dyadwatch.store.rollup import dyad_series as store_dyad_series
from dyadwatch.records import CodedArticle

ARTICLE_COLUMNS = ("id", "doc_id", "title", "published", "url", "language", "source", "status", "note", "coder")


def page(items: Sequence[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The one shape of every list: the items of this page, and the total over all pages."""
    return {"items": list(items), "total": total, "limit": limit, "offset": offset}


class LockedStore:
    """The store seen through the service's lock; a write also drops the cached events."""

    def __init__(self, service: "Service") -> None:
        self._service = service
        self.path = service.store.path

    def known_articles(self, ids: Any) -> dict[str, str | None]:
        with self._service.lock:
            return self._service.store.known_articles(ids)

    def write(self, coded: list[CodedArticle], failures: list[tuple[str, str, str, str]]) -> WriteReport:
        with self._service.lock:
            report = self._service.store.write(coded, failures)
            self._service.invalidate()
            return report

    def events(self, query: EventQuery) -> list[dict[str, Any]]:
        with self._service.lock:
            return self._service.store.events(query)

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with self._service.lock:
            return self._service.store.query(sql, params)

    def close(self) -> None:  # the service closes the real store
        pass


class Service:
    """All reads and writes of one server process, over one store."""

    def __init__(self, opener: Callable[[], Store], config: Config) -> None:
        self._opener = opener
        self.config = config
        self.lock = threading.RLock()
        self._store: Store | None = opener()  # opened now, so a locked file fails at start-up (E501)
        self._events: list[dict[str, Any]] | None = None
        self.generation = 0
        self._seen_generation: int | None = None  # the store's write counter when the events were read
        self._checked_at = float("-inf")

    @property
    def store(self) -> Store:
        """The open store; reopened after ``close`` (an ASGI app may see several lifespans)."""
        with self.lock:
            if self._store is None:
                self._store = self._opener()
            return self._store

    # -- plumbing ---------------------------------------------------------
    def invalidate(self) -> None:
        with self.lock:
            self._events = None
            self.generation += 1

    def _notice_other_writers(self) -> None:
        """Drop the cached events when another process wrote to a shared store (PostgreSQL) since they were read."""
        reading = getattr(self.store, "generation", None)
        now = time.monotonic()
        if reading is None or now - self._checked_at < self.config.serve_refresh_seconds:
            return
        self._checked_at = now
        current = reading()
        if current != self._seen_generation:
            self._seen_generation = current
            self.invalidate()

    def all_events(self) -> list[dict[str, Any]]:
        """Every stored event, ordered by date (cached until the next write, here or by another process; do not mutate)."""
        with self.lock:
            self._notice_other_writers()
            if self._events is None:
                self._events = self.store.events(EventQuery())
            return self._events

    def dyad_events(self, dyad: tuple[str, str]) -> list[dict[str, Any]]:
        """The events that name both countries, filtered by the store (a few, not every event in memory)."""
        a, b = dyad
        with self.lock:
            self._notice_other_writers()
            if self._events is not None:  # already in memory; callers keep the dyad's pairs from it
                return self._events
            return self.store.events(EventQuery(dyad=(a, b)))

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with self.lock:
            return self.store.query(sql, params)

    def locked_store(self) -> LockedStore:
        return LockedStore(self)

    def close(self) -> None:
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            self._events = None

    # -- articles ---------------------------------------------------------
    def list_articles(self, q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        where, params = "", []
        if q:
            where = "WHERE strpos(lower(coalesce(a.title, '') || ' ' || a.text), lower(?)) > 0"
            params = [q]
        total = self.rows(f"SELECT count(*) FROM articles a {where}", params)[0][0]
        cols = ", ".join(f"a.{c}" for c in ARTICLE_COLUMNS)
        sql = (
            f"SELECT {cols}, (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS n_events FROM articles a "
            f"{where} ORDER BY a.published DESC NULLS LAST, a.doc_id LIMIT ? OFFSET ?"
        )
        items = [dict(zip(ARTICLE_COLUMNS + ("events",), r)) for r in self.rows(sql, params + [limit, offset])]
        return page(items, int(total), limit, offset)

    def article(self, key: str) -> dict[str, Any]:
        """One article by id or doc id, with its text and all its events in text order."""
        cols = ", ".join(ARTICLE_COLUMNS)
        found = self.rows(f"SELECT {cols}, text FROM articles WHERE id = ? OR doc_id = ? ORDER BY id LIMIT 1", [key, key])
        if not found:
            raise make("E601", where="article", what="article", key=key, hint="List articles with GET /api/articles.")
        art = dict(zip(ARTICLE_COLUMNS + ("text",), found[0]))
        events = [e for e in self.all_events() if e["article_id"] == art["id"]]
        art["events"] = sorted(events, key=lambda e: (e["evidence"]["trigger_start"] or 0))
        return art

    # -- events -----------------------------------------------------------
    def filter_events(
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
    ) -> list[dict[str, Any]]:
        """Events that pass every filter given; a dyad filter uses the same pairs as the dyad series."""
        if category:
            from dyadwatch.ontology import load_ontology

            category = load_ontology().category(category.upper()).name
        out = list(counted(self.dyad_events(dyad) if dyad else self.all_events(), include_flagged))
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
            out = [e for e in out if _mentions(e, q)]
        return out

    def list_events(self, limit: int = 50, offset: int = 0, **filters: Any) -> dict[str, Any]:
        found = self.filter_events(**filters)
        return page(found[offset: offset + limit], len(found), limit, offset)

    # -- actors and dyads -------------------------------------------------
    def list_actors(self, q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        ranked = [a.as_dict() for a in top_actors(self.all_events())]
        if q:
            needle = q.casefold()
            ranked = [a for a in ranked if needle in a["canonical"].casefold() or needle == a["code"].casefold()]
        return page(ranked[offset: offset + limit], len(ranked), limit, offset)

    def actor(self, key: str, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """One actor (a country code or a canonical name): its identities, events and partners."""
        events = self.filter_events(actor=key)
        if not events:
            raise make("E601", where="actor", what="actor", key=key, hint="List actors with GET /api/actors.")
        idents = [a.as_dict() for a in top_actors(events) if key.casefold() in (a.code.casefold(), a.canonical.casefold())]
        partners = [{"dyad": d, "events": n} for d, n in top_dyads(events, 10)]
        return {"key": key, "identities": idents, "dyads": partners, "events": page(events[offset: offset + limit], len(events), limit, offset)}

    def list_dyads(self, sort: str = "volume", by: str = "month", limit: int = 50, offset: int = 0) -> dict[str, Any]:
        if sort == "change":
            ranked = top_dyads_by_change(self.all_events(), by)
        else:
            ranked = [
                {"dyad": d, "a": d.split("-")[0], "b": d.split("-")[1], "events": n}
                for d, n in top_dyads(self.all_events(), n=None)  # type: ignore[arg-type]
            ]
        return page(ranked[offset: offset + limit], len(ranked), limit, offset)

    def dyad(
        self, a: str, b: str, by: str = "month", directed: bool = False, window: int = 3, threshold: float = 2.0
    ) -> dict[str, Any]:
        """A dyad's series, one point per period, with its shifts."""
        a, b = a.upper(), b.upper()
        events = self.dyad_events((a, b))
        with self.lock:
            # the store's rollup where it keeps one (PostgreSQL): a few hundred rows, whatever the store's size
            rollup = by in ("month", "year") and hasattr(self.store, "dyad_months")
            series = store_dyad_series(self.store, a, b, by, directed) if rollup else dyad_series(events, a, b, by, directed)
        points = [p.as_dict() for p in series]
        label = f"{a}-{b}" if directed else "-".join(sorted((a, b)))
        ids = period_event_ids(events, a, b, by, directed)
        shifts = [s.as_dict() for s in detect_shifts(series, ids, label, window=window, threshold=threshold)]
        return {
            "dyad": f"{a}-{b}", "a": a, "b": b, "by": by, "directed": directed, "total": len(points),
            "events": sum(p["events"] for p in points), "points": points, "shifts": shifts,
        }

    def list_shifts(
        self, by: str = "month", window: int = 3, threshold: float = 2.0, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        found = [s.as_dict() for s in all_shifts(self.all_events(), by, window=window, threshold=threshold)]
        return page(found[offset: offset + limit], len(found), limit, offset)

    def overview(self) -> dict[str, Any]:
        """The numbers of the home page."""
        events = self.all_events()
        counted_events = list(counted(events))
        articles = self.rows("SELECT count(*) FROM articles")[0][0]
        dates = sorted(e["date"] for e in counted_events if e["date"])
        return {
            "articles": int(articles), "events": len(events), "events_counted": len(counted_events),
            "first_date": dates[0] if dates else None, "last_date": dates[-1] if dates else None,
            "top_dyads": self.list_dyads(limit=8)["items"],
            "top_actors": self.list_actors(limit=8)["items"],
            "recent_shifts": self.list_shifts(limit=6)["items"],
        }

    # -- writes -----------------------------------------------------------
    def import_aliases(self, rows: list[dict[str, str | None]]) -> dict[str, Any]:
        """Add user corrections to the actor registry and apply them to the stored events at once."""
        with self.lock:
            user = [r for r in self.store.actors() if r["source"] == "user"]
            for r in rows:
                user.append({
                    "canonical": r.get("canonical") or r["alias"], "alias": r["alias"], "code": r["code"],
                    "sector": r.get("sector"), "role": r.get("role"), "since": None, "until": None,
                    "mentions": 0, "source": "user",
                })
            changed = self.store.refresh_registry(user_rows=user)
        return {"imported": len(rows), "total": len(user), "table": "actor_registry", "updated": changed}

def _mentions(event: dict[str, Any], q: str) -> bool:
    needle = q.casefold()
    hay = [event["evidence"].get("sentence") or "", event["category"]]
    hay += [x.get("canonical") or x.get("name") or "" for x in list(event["actor"]) + list(event["recipient"])]
    return any(needle in h.casefold() for h in hay)

