"""The store contract, the registry of backends, and record-to-row conversion.

Backends are registered by versioned name (``duckdb.v1``) exactly as a
plug-in would register one. Rows are built here once, so every backend
writes the same columns from the same records.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Iterable, Protocol

from dyadwatch.records import CodedArticle, Entity

STORE_BACKENDS: dict[str, Callable[[str], "Store"]] = {}


def register_store(name: str) -> Callable[[Callable[[str], "Store"]], Callable[[str], "Store"]]:
    def wrap(factory: Callable[[str], "Store"]) -> Callable[[str], "Store"]:
        STORE_BACKENDS[name] = factory
        return factory

    return wrap


@dataclass
class WriteReport:
    articles_new: int = 0
    articles_same: int = 0
    articles_recoded: int = 0
    events: int = 0
    failures: int = 0


@dataclass(frozen=True)
class EventQuery:
    dyad: tuple[str, str] | None = None
    category: str | None = None
    since: str | None = None
    until: str | None = None
    doc_id: str | None = None
    include_negated: bool = True
    limit: int | None = None
    offset: int = 0


@dataclass
class Tables:
    """Column-oriented rows for one batch, ready for Arrow."""

    articles: dict[str, list[Any]] = field(default_factory=dict)
    events: dict[str, list[Any]] = field(default_factory=dict)
    entities: dict[str, list[Any]] = field(default_factory=dict)
    event_entities: dict[str, list[Any]] = field(default_factory=dict)
    quotes: dict[str, list[Any]] = field(default_factory=dict)
    mentions: dict[str, list[Any]] = field(default_factory=dict)


class Store(Protocol):
    path: str

    def known_articles(self, ids: Iterable[str]) -> dict[str, str | None]: ...

    def write(self, coded: list[CodedArticle], failures: list[tuple[str, str, str, str]]) -> WriteReport: ...

    def events(self, query: EventQuery) -> list[dict[str, Any]]: ...

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]: ...

    def actors(self) -> list[dict[str, Any]]: ...

    def refresh_registry(self, user_rows: list[dict[str, Any]] | None = None, regroup_window: int | None = None) -> int: ...

    def close(self) -> None: ...


def entity_id(e: Entity) -> str:
    return _entity_id(e.kind, e.code, e.canonical)


@lru_cache(maxsize=65536)
def _entity_id(kind: str, code: str, canonical: str) -> str:
    # the same few thousand identities recur across a run: hash each once
    return hashlib.sha256(f"{kind}|{code}|{canonical}".encode()).hexdigest()[:16]


# the columns of each table as to_tables fills them (rows are tuples in this order)
_COLUMNS = {
    "articles": (
        "id", "doc_id", "title", "text", "published", "url", "language", "source", "origin", "status", "note",
        "coder", "coded_at", "author", "duplicate_of", "minhash",
    ),
    "events": (
        "id", "article_id", "doc_id", "category", "mode", "contexts", "actor_codes", "recipient_codes", "date",
        "date_precision", "location_name", "location_country", "lat", "lon", "negated", "future", "hypothetical",
        "historical", "score", "quad", "sentence", "sentence_index", "sentence_start", "sentence_end", "trigger",
        "trigger_start", "trigger_end", "confidence", "coder",
    ),
    "entities": ("id", "code", "sector", "canonical", "kind"),
    "event_entities": ("event_id", "side", "position", "entity_id", "code", "sector", "name", "canonical", "role", "kind", "guessed"),
    "quotes": ("article_id", "sentence_index", "speaker", "speaker_code", "text", "start_char", "end_char", "direct"),
    "mentions": (
        "article_id", "sentence_index", "start_char", "end_char", "text", "code", "sector", "canonical", "role", "guessed", "published",
    ),
}


def to_tables(coded: list[CodedArticle], now: dt.datetime) -> Tables:
    """Turn coded articles into columns for every table (rows collected as tuples, turned into columns once)."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _COLUMNS}
    articles, events, entities, links, quotes, mentions = (rows[n] for n in _COLUMNS)
    entity_ids: set[str] = set()
    context_json: dict[tuple[str, ...], str] = {}  # the same few context lists recur: each written as JSON once
    for c in coded:
        a = c.article
        coder = c.coder
        articles.append(
            (
                a.id, a.doc_id, a.title, a.text, a.published, a.url, c.language, a.source, a.origin, c.status,
                "; ".join(n for n in (a.note, c.note) if n) or None, coder, now, a.author,
                c.extras.get("duplicate_of"), c.extras.get("minhash"),
            )
        )
        for m in c.mentions:
            e = m.entity
            mentions.append((a.id, m.sentence, m.start, m.end, m.text, e.code, e.sector, e.canonical, e.role, e.guessed, a.published))
        for q in c.quotes:
            speaker = q.speaker
            quotes.append(
                (
                    q.article_id, q.sentence_index, speaker.canonical if speaker else None, speaker.code if speaker else None,
                    q.text, q.start, q.end, q.direct,
                )
            )
        for ev in c.events:
            loc = ev.location
            evidence = ev.evidence
            contexts = context_json.get(ev.contexts)
            if contexts is None:
                contexts = context_json[ev.contexts] = json.dumps(list(ev.contexts))
            events.append(
                (
                    ev.id, ev.article_id, ev.doc_id, ev.category, ev.mode, contexts,
                    ",".join(e.code for e in ev.actor), ",".join(e.code for e in ev.recipient), ev.date, ev.date_precision,
                    loc.name if loc else None, loc.country if loc else None, loc.lat if loc else None, loc.lon if loc else None,
                    ev.negated, ev.future, ev.hypothetical, ev.historical, ev.score, ev.quad,
                    evidence.sentence, evidence.sentence_index, evidence.start, evidence.end, evidence.trigger,
                    evidence.trigger_start, evidence.trigger_end, ev.confidence, ev.coder,
                )
            )
            for side, ents in (("actor", ev.actor), ("recipient", ev.recipient)):
                for pos, e in enumerate(ents):
                    eid = _entity_id(e.kind, e.code, e.canonical)
                    links.append((ev.id, side, pos, eid, e.code, e.sector, e.name, e.canonical, e.role, e.kind, e.guessed))
                    if eid not in entity_ids:
                        entity_ids.add(eid)
                        entities.append((eid, e.code, e.sector, e.canonical, e.kind))
    return Tables(
        **{name: dict(zip(_COLUMNS[name], map(list, zip(*table)))) if table else {} for name, table in rows.items()}
    )


def event_row_to_public(row: dict[str, Any], links: list[dict[str, Any]]) -> dict[str, Any]:
    """A stored event as the PLOVER-shaped JSON object of ``dyadwatch events``."""

    def side(name: str) -> list[dict[str, Any]]:
        items = sorted((x for x in links if x["side"] == name), key=lambda x: x["position"])
        return [{k: x[k] for k in ("code", "sector", "name", "canonical", "role")} for x in items]

    location = None
    if row.get("location_name"):
        location = {"name": row["location_name"], "country": row["location_country"], "lat": row["lat"], "lon": row["lon"]}
    return {
        "id": row["id"], "doc_id": row["doc_id"], "article_id": row["article_id"], "category": row["category"],
        "mode": row["mode"], "contexts": json.loads(row["contexts"] or "[]"), "actor": side("actor"),
        "recipient": side("recipient"), "date": row["date"], "date_precision": row["date_precision"],
        "location": location, "negated": row["negated"], "future": row["future"],
        "hypothetical": row["hypothetical"], "historical": row["historical"], "score": row["score"],
        "quad": row["quad"],
        "evidence": {
            "sentence": row["sentence"], "start": row["sentence_start"], "end": row["sentence_end"],
            "trigger": row["trigger"], "trigger_start": row["trigger_start"], "trigger_end": row["trigger_end"],
        },
        "confidence": row["confidence"], "coder": row["coder"],
        "event_group": row.get("event_group") or row["id"],
    }


class StoreBase:
    """What every backend shares: the event query, and the corpus-wide steps after a run
    (the actor registry and event groups).

    The decisions are pure functions (``actors.registry``, ``events.merge``); a backend
    supplies ``dicts`` to read (with ``?`` parameters), its SQL dialect (``EVENT_ORDER``,
    ``IN_LIST``), and ``_apply_registry`` / ``_apply_groups`` to write in one transaction.
    """

    def dicts(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:  # pragma: no cover
        raise NotImplementedError

    def query(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:  # pragma: no cover
        raise NotImplementedError

    def _apply_registry(self, rows: list[dict[str, Any]], replace_user: bool, changes: list[dict[str, Any]]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _apply_groups(self, groups: dict[str, str]) -> None:  # pragma: no cover
        raise NotImplementedError

    def refresh_registry(self, user_rows: list[dict[str, Any]] | None = None, regroup_window: int | None = None) -> int:
        """Relearn the registry from stored mentions; apply it and the user's corrections to person links.

        ``user_rows`` replace the stored corrections when given (``dyadwatch actors import``).
        With ``regroup_window``, the events whose countries changed are grouped again across articles
        (from the earliest of their dates on). Returns the number of person links changed.
        """
        from dyadwatch.actors.registry import learnt_rows, resolutions

        learnt = learnt_rows(self.dicts("SELECT canonical, text, code, sector, role, guessed, published FROM mentions"))
        user = user_rows if user_rows is not None else self.dicts("SELECT * FROM actor_registry WHERE source = 'user'")
        links = self.dicts(
            "SELECT event_id, side, position, code, sector, role, canonical, name, guessed FROM event_entities WHERE kind = 'person'"
        )
        changes = resolutions(links, learnt, user)
        self._apply_registry(learnt + (user_rows or []), user_rows is not None, changes)
        if changes and regroup_window is not None:
            ids = sorted({c["event_id"] for c in changes})
            earliest = self.query(f"SELECT min(date) FROM events WHERE id {self.IN_LIST}", [ids])[0][0]
            if earliest:
                self.refresh_groups(regroup_window, since=earliest)
        return len(changes)

    def refresh_groups(self, window_days: int = 2, since: str | None = None) -> int:
        """Group the reports of one event across articles; returns the number of groups formed or renewed.

        Without ``since`` every stored event is grouped again. With ``since`` (the earliest date among
        the events a run just wrote) only events dated from then on are, against the groups already
        formed just before it: grouping goes in date order, so nothing earlier can change, and a run
        costs what it adds rather than what the store holds.
        """
        from dyadwatch.events.merge import group_reports, reach_before

        columns = "id, article_id, category, negated, hypothetical, actor_codes, recipient_codes, date, date_precision"
        if since is None:
            groups = group_reports(self.dicts(f"SELECT {columns} FROM events"), window_days)
        else:
            day, year = reach_before(since, window_days)
            formed = self.dicts(
                f"SELECT {columns} FROM events WHERE date < ? AND (event_group IS NULL OR event_group = id) "
                "AND (date >= ? OR length(date) <= 7 AND date >= ?)",
                [since, day, year],
            )
            fresh = self.dicts(f"SELECT {columns} FROM events WHERE date >= ?", [since])
            groups = group_reports(fresh, window_days, formed=formed)
        if groups:
            self._apply_groups(groups)
        return len(set(groups.values()))

    # backend dialect: how to sort event pages, and how to test membership in a list parameter
    EVENT_ORDER = "e.date, e.doc_id, e.trigger_start"
    IN_LIST = "IN (SELECT unnest(?))"
    # how to compare text in byte order, as Python compares str (analysis.queries): DuckDB always does
    COLLATE_C = ""
    # the length of a text in bytes (UTF-8): longer than its length in characters when it holds a non-ASCII one
    BYTE_LENGTH = "strlen"

    def events(self, query: EventQuery) -> list[dict[str, Any]]:
        """Stored events as PLOVER-shaped dicts, filtered and ordered by date."""
        where, params = ["1=1"], []
        if query.category:
            where.append("e.category = ?")
            params.append(query.category.upper())
        if query.since:
            where.append("e.date >= ?")
            params.append(query.since)
        if query.until:
            where.append("substr(e.date, 1, length(?)) <= ?")
            params += [query.until, query.until]
        if query.doc_id:
            where.append("e.doc_id = ?")
            params.append(query.doc_id)
        if not query.include_negated:
            where.append("NOT e.negated AND NOT e.hypothetical")
        if query.dyad:
            a, b = query.dyad
            where.append(
                "EXISTS (SELECT 1 FROM event_entities x, event_entities y WHERE x.event_id = e.id AND y.event_id = e.id "
                "AND x.code = ? AND y.code = ? AND (x.side <> y.side OR x.side = 'actor' AND y.side = 'actor' AND x.position <> y.position))"
            )
            params += [a, b]
        sql = f"SELECT e.* FROM events e WHERE {' AND '.join(where)} ORDER BY {self.EVENT_ORDER}"
        if query.limit is not None:
            sql += f" LIMIT {int(query.limit)} OFFSET {int(query.offset)}"
        rows = self.dicts(sql, params)
        if not rows:
            return []
        links = self.dicts(f"SELECT * FROM event_entities WHERE event_id {self.IN_LIST}", [[r["id"] for r in rows]])
        by_event: dict[str, list[dict[str, Any]]] = {}
        for link in links:
            by_event.setdefault(link["event_id"], []).append(link)
        return [event_row_to_public(r, by_event.get(r["id"], [])) for r in rows]

    def actors(self) -> list[dict[str, Any]]:
        """The registry: one row per person and office, user corrections first."""
        return self.dicts("SELECT * FROM actor_registry ORDER BY source DESC, canonical, since")


# recompute an event's denormalised country lists from its links (the same SQL in DuckDB and PostgreSQL)
CODES_SQL = (
    "UPDATE events SET {column} = coalesce((SELECT string_agg(code, ',' ORDER BY position) FROM event_entities l "
    "WHERE l.event_id = events.id AND l.side = '{side}'), '') WHERE id IN ({ids})"
)
REGISTRY_COLUMNS = ("canonical", "alias", "code", "sector", "role", "since", "until", "mentions", "source")
