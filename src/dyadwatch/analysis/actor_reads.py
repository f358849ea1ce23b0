"""The actor reads of the API: the actor rankings, the actor page and the actor filter, from the actor rollup.

``actor_cells`` is the store's actor rollup (``store.rollup``) corrected on the irregular events, so that it
counts what ``analysis.dyads.counted`` counts; ``rollup_actors`` and ``actor_page`` answer from it alone,
and ``actors`` falls back to one pass over the links of the events that pass a filter
(``rankings.top_actors`` restated in SQL). ``queries.StoreReads`` joins these reads to the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from dyadwatch.analysis.rankings import ActorSummary
from dyadwatch.analysis.store_sql import StoreSQL
from dyadwatch.store.rollup import ACTOR_COUNTED, actor_facets_sql


def _is(actor: ActorSummary, key: str) -> bool:
    """Whether the actor page of ``key`` shows this identity: its code or canonical name is ``key``, any case."""
    return key.casefold() in (actor.code.casefold(), actor.canonical.casefold())


class ActorReads(StoreSQL):
    """The actor reads of one store: the actor filter, the corrected actor rollup, the rankings and the actor page."""

    def actor_condition(self, actor: str, include_flagged: bool = False) -> tuple[str, list[Any]]:
        """``matches_actor``: the code or the canonical name equal to ``actor`` under ``str.casefold``."""
        codes, names = self.actor_values(actor, include_flagged)
        if not codes and not names:
            return "false", []
        tests, params = [], []
        for column, values in (("code", codes), ("canonical", names)):
            if values:
                tests.append(f"l.{column} {self.in_list}")
                params.append(values)
        return f"e.id IN (SELECT l.event_id FROM event_entities l WHERE {' OR '.join(tests)})", params

    def actor_source(self, actor: str, include_flagged: bool = False) -> tuple[str, list[Any]] | None:
        """The counted events of ``actor_condition`` as a source of rows over ``e``, from the store's side table
        of link values where it keeps one (``store.duckdb_pages``); None elsewhere.

        The table has a row per event and value, so an event is listed once unless two values match the key.
        """
        table = getattr(self.store, "actor_event_table", None)
        if table is None:
            return None
        codes, names = self.actor_values(actor, include_flagged)
        if not codes and not names:
            return "(SELECT * FROM events e WHERE false)", []
        values = sorted(set(codes) | set(names))
        tests = [f"e.{flag} AND e.v {self.in_list}" for flag, found in (("c", codes), ("n", names)) if found]
        rows = f"FROM {table()} e WHERE e.v {self.in_list} AND ({' OR '.join(tests)}) AND {self.counted_where(include_flagged)}"
        columns = "e.id, e.date, e.doc_id, e.trigger_start, e.category, e.negated, e.hypothetical, e.quad, e.score"
        select = f"SELECT {columns} {rows}" if len(values) == 1 else f"SELECT DISTINCT {columns} {rows}"
        return f"({select})", [values, *(found for found in (codes, names) if found)]

    def actor_values(self, actor: str, include_flagged: bool = False) -> tuple[list[str], list[str]]:
        """The stored codes and canonical names equal to ``actor`` under ``str.casefold``.

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
        return sorted(c for c in codes if c.casefold() == want), sorted(n for n in names if n.casefold() == want)

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
                one, two = dyad.split("-", 1)
                rows.append((one, two, None, n, 0.0, None))
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
        found = self._link_actors(where, keys, p)
        return [a for a in found if only is None or _is(a, only)]

    def _link_actors(self, where: str, keys: str, p: list[Any]) -> list[ActorSummary]:
        """``rankings.top_actors`` from the links of the counted events that pass ``where``, narrowed to the
        actor keys ``keys`` names when it is set (``p``: the parameters of both), with each actor's roles and
        the sector its first link has when its links disagree.
        """

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
        return [
            ActorSummary(kc, kn, sectors.get((kc, kn)), tuple(sorted(roles.get((kc, kn), ()))), int(n), int(a), int(r))
            for kc, kn, n, a, r, *_ in ranked
        ]
