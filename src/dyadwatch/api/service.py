"""The read and write functions behind the REST API and the dashboard.

The server owns its store: one ``Service`` per process wraps one store and
one lock, because FastAPI runs plain handlers in a thread pool and a DuckDB
connection must not be used from two threads at once. Every function returns
plain JSON-ready data; the routes in ``api.app`` and the pages in ``web``
only shape requests and responses around them. Analyses are answered by
the store in SQL (``analysis.queries``: aggregates, filters and pages, by the
rules of ``analysis``), so memory and time follow the size of an answer, not of
the store. Aggregates are cached until the next write, here or by another
process, so a page that shows a number and the table behind it cannot disagree.
"""

from __future__ import annotations

import threading
import time
from typing import Any, Callable, Sequence

from dyadwatch.analysis.queries import StoreReads, cursor_of, parse_cursor
from dyadwatch.analysis.shifts import detect_shifts
from dyadwatch.config import Config
from dyadwatch.errors import make
from dyadwatch.store.base import EventQuery, Store, WriteReport
from dyadwatch.store.rollup import dyad_series as store_dyad_series
from dyadwatch.records import CodedArticle

ARTICLE_COLUMNS = ("id", "doc_id", "title", "published", "url", "language", "source", "status", "note", "coder")


def page(items: Sequence[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The one shape of every list: the items of this page, and the total over all pages."""
    return {"items": list(items), "total": total, "limit": limit, "offset": offset}


def _without_ids(shift: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in shift.items() if k != "event_ids"}


class LockedStore:
    """The store seen through the service's lock; a write also drops the cached aggregates."""

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
        self._reads: StoreReads | None = None
        self.generation = 0
        self._seen_generation: int | None = None  # the store's write counter when the aggregates were read
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
            if self._reads is not None:
                self._reads.cache.clear()
            self.generation += 1

    def _notice_other_writers(self) -> None:
        """Drop the cached aggregates when another process wrote to a shared store (PostgreSQL) since they were read."""
        reading = getattr(self.store, "generation", None)
        now = time.monotonic()
        if reading is None or now - self._checked_at < self.config.serve_refresh_seconds:
            return
        self._checked_at = now
        current = reading()
        if current != self._seen_generation:
            self._seen_generation = current
            self.invalidate()

    def reads(self) -> StoreReads:
        """The SQL reads over the open store (call with the lock held)."""
        self._notice_other_writers()
        if self._reads is None or self._reads.store is not self.store:
            self._reads = StoreReads(self.store)
        return self._reads

    def cached(self, key: Any, compute: Callable[[StoreReads], Any]) -> Any:
        """An aggregate, computed once until the next write."""
        with self.lock:
            reads = self.reads()
            if key not in reads.cache:
                reads.cache[key] = compute(reads)
            return reads.cache[key]

    def all_events(self) -> list[dict[str, Any]]:
        """Every stored event, in page order, cached until the next write (do not mutate).

        No route calls this: the API answers from SQL. It stays for scripts and tests on small stores.
        """
        return self.cached("all_events", lambda r: r.store.events(EventQuery()))  # type: ignore[no-any-return]

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
            self._reads = None

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
        with self.lock:
            art["events"] = self.reads().article_events(art["id"])
        return art

    # -- events -----------------------------------------------------------
    def list_events(
        self,
        limit: int = 50,
        offset: int = 0,
        dyad: tuple[str, str] | None = None,
        directed: bool = False,
        category: str | None = None,
        include_flagged: bool = False,
        cursor: str | None = None,
        **filters: Any,
    ) -> dict[str, Any]:
        """Events that pass every filter given, one page and the total; a dyad filter uses the dyad series' pairs.

        ``filters``: ``since``, ``until``, ``period``, ``actor`` and ``q``, as in ``GET /api/events``.
        ``cursor``: the ``next_cursor`` of the previous page (keyset paging, instead of ``offset``); every
        page carries the cursor of the page after it, or None on the last page.
        """
        if cursor is not None and offset:
            raise make("E602", where="cursor", reason="give either offset or cursor, not both",
                       hint="Page deep lists with cursor alone: each page's next_cursor names the next page.")
        after = parse_cursor(cursor) if cursor is not None else None
        if category:
            from dyadwatch.ontology import load_ontology

            category = load_ontology().category(category.upper()).name
        with self.lock:
            reads = self.reads()
            # a dyad's or an actor's events from the store's side tables where it keeps them (no scan of every link)
            source = reads.dyad_source(dyad, directed, include_flagged) if dyad else None
            if source is None and filters.get("actor"):
                source = reads.actor_source(filters["actor"], include_flagged)
                filters = {**filters, "actor": None} if source else filters
            conds, params = reads.conditions(
                dyad=None if source else dyad, directed=directed, category=category, include_flagged=include_flagged, **filters
            )
            # every counted event: the total is the rollup's (``totals``), not a count of the store
            known = self.cached("totals", lambda r: r.totals())["events_counted"] if not (conds or source or include_flagged) else None
            items, total, more = reads.event_page(conds, params, limit, offset, include_flagged, after, total=known, source=source)
        return {**page(items, total, limit, offset), "next_cursor": cursor_of(items[-1]) if more else None}

    # -- actors and dyads -------------------------------------------------
    def list_actors(self, q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        ranked = [a.as_dict() for a in self.cached("actors", lambda r: r.actors())]
        if q:
            needle = q.casefold()
            ranked = [a for a in ranked if needle in a["canonical"].casefold() or needle == a["code"].casefold()]
        return page(ranked[offset: offset + limit], len(ranked), limit, offset)

    def actor(self, key: str, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """One actor (a country code or a canonical name): its identities, events and partners."""
        with self.lock:
            reads = self.reads()
            conds, params = reads.conditions(actor=key)
            # the total, partner dyads and identities from the actor rollup where it tells them exactly
            fast = self.cached(("actor_rollup", key), lambda r: r.actor_page(key))
            source = reads.actor_source(key)  # its events from the store's side table where it keeps one
            events, total, _ = reads.event_page(
                [] if source else conds, [] if source else params, limit, offset, total=fast[0] if fast else None, source=source
            )
            if not total:
                raise make("E601", where="actor", what="actor", key=key, hint="List actors with GET /api/actors.")

            def summary(r: StoreReads) -> tuple[Any, list[dict[str, Any]]]:
                rows = fast[1] if fast else r.dyad_periods("month", conds, params)
                found = fast[2] if fast else r.actors(conds, params, only=key)  # the identities named by the key
                return found, [{"dyad": d, "events": n} for d, n in r.top_dyads(rows, 10, conds, params)[0]]

            found, partners = self.cached(("actor", key), summary)  # the same for every page of its events
        idents = [a.as_dict() for a in found]
        return {"key": key, "identities": idents, "dyads": partners, "events": page(events, total, limit, offset)}

    def _dyad_periods(self, by: str) -> list[tuple[Any, ...]]:
        return self.cached(("dyad_periods", by), lambda r: r.dyad_periods(by))  # type: ignore[no-any-return]

    def _series(self, by: str) -> dict[tuple[str, str], list[Any]]:
        """Every dyad's series (index and counts), shared by the dyads by change and the shifts."""
        return self.cached(("series", by), lambda r: r.series_by_dyad(self._dyad_periods(by)))  # type: ignore[no-any-return]

    def list_dyads(self, sort: str = "volume", by: str = "month", limit: int = 50, offset: int = 0) -> dict[str, Any]:
        if sort == "change":
            ranked = self.cached(("change", by), lambda r: r.dyads_by_change(self._series(by)))
            return page(ranked[offset: offset + limit], len(ranked), limit, offset)
        # the ties of this page only: a busy store has hundreds of dyads with equal counts
        top, total = self.cached(("volume", limit, offset), lambda r: r.top_dyads(self._dyad_periods("month"), limit, offset=offset))
        items = [{"dyad": d, "a": d.split("-")[0], "b": d.split("-")[1], "events": n} for d, n in top]
        return page(items, total, limit, offset)

    def dyad(
        self, a: str, b: str, by: str = "month", directed: bool = False, window: int = 3, threshold: float = 2.0
    ) -> dict[str, Any]:
        """A dyad's series, one point per period, with its shifts (the ids read for the flagged periods only)."""
        a, b = a.upper(), b.upper()
        with self.lock:
            reads = self.reads()
            # the store's rollup where it keeps one (PostgreSQL): a few hundred rows, whatever the store's size
            rollup = by in ("month", "year") and hasattr(self.store, "dyad_months")
            series = store_dyad_series(self.store, a, b, by, directed) if rollup else reads.dyad_series(a, b, by, directed)
            label = f"{a}-{b}" if directed else "-".join(sorted((a, b)))
            flagged = detect_shifts(series, None, label, window=window, threshold=threshold)
            ids = reads.dyad_period_ids(a, b, by, directed, sorted({s.period for s in flagged}))
        shifts = [s.as_dict() for s in detect_shifts(series, ids, label, window=window, threshold=threshold)]
        points = [p.as_dict() for p in series]
        return {
            "dyad": f"{a}-{b}", "a": a, "b": b, "by": by, "directed": directed, "total": len(points),
            "events": sum(p["events"] for p in points), "points": points, "shifts": shifts,
        }

    def list_shifts(
        self, by: str = "month", window: int = 3, threshold: float = 2.0, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        found = self.cached(("shifts", by, window, threshold), lambda r: r.shifts(self._series(by), window, threshold))
        # the event ids of this page's shifts only: a busy store has thousands of shifts
        items = self.cached(
            ("shift_page", by, window, threshold, limit, offset),
            lambda r: [s.as_dict() for s in r.with_ids(found[offset: offset + limit], by)],
        )
        return page(items, len(found), limit, offset)

    def overview(self) -> dict[str, Any]:
        """The numbers of the home page.

        Its recent shifts carry their number of events, not their ids (``list_shifts`` and ``dyad`` give
        those): the six latest shifts of a large store name hundreds of thousands of events.
        """
        totals = self.cached("totals", lambda r: r.totals())
        articles = self.rows("SELECT count(*) FROM articles")[0][0]
        recent = self.cached(
            ("recent_shifts", 6), lambda r: [_without_ids(s.as_dict()) for s in r.recent_shifts(self._series("month"), 3, 2.0, 6)]
        )
        return {
            "articles": int(articles), **totals,
            "top_dyads": self.list_dyads(limit=8)["items"],
            "top_actors": self.list_actors(limit=8)["items"],
            "recent_shifts": recent,
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
