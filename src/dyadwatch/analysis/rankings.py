"""Rankings over stored events: the most active actors and the dyads that moved most.

Pure functions over the PLOVER-shaped events that the store returns (their
``actor`` and ``recipient`` lists are the ``event_entities`` rows). An actor
is identified by its canonical name and country code, so "Emmanuel Macron
(FRA)" and "France (FRA)" are counted apart. Negated and hypothetical events
are left out unless asked for, as everywhere in ``analysis``. Volume
rankings of dyads are ``analysis.dyads.top_dyads``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from dyadwatch.analysis.dyads import counted, dyad_series, pairs


@dataclass(frozen=True)
class ActorSummary:
    code: str
    canonical: str
    sector: str | None
    roles: tuple[str, ...]
    events: int
    as_actor: int
    as_recipient: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code, "canonical": self.canonical, "sector": self.sector, "roles": list(self.roles),
            "events": self.events, "as_actor": self.as_actor, "as_recipient": self.as_recipient,
        }


def actor_key(entity: dict[str, Any]) -> tuple[str, str]:
    return (entity.get("code") or "UNK", entity.get("canonical") or entity.get("name") or "?")


def matches_actor(event: dict[str, Any], actor: str) -> bool:
    """Whether ``actor`` (a country code or a canonical name, any case) takes part in the event."""
    want = actor.casefold()
    for entity in list(event["actor"]) + list(event["recipient"]):
        if want in ((entity.get("code") or "").casefold(), (entity.get("canonical") or "").casefold()):
            return True
    return False


def top_actors(events: Iterable[dict[str, Any]], include_flagged: bool = False) -> list[ActorSummary]:
    """Every actor by the number of events it takes part in, most active first."""
    as_actor: Counter[tuple[str, str]] = Counter()
    as_recipient: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    roles: dict[tuple[str, str], set[str]] = {}
    sectors: dict[tuple[str, str], str | None] = {}
    for e in counted(events, include_flagged):
        seen: set[tuple[str, str]] = set()
        for side, counter in (("actor", as_actor), ("recipient", as_recipient)):
            for entity in e[side]:
                key = actor_key(entity)
                counter[key] += 1
                seen.add(key)
                sectors.setdefault(key, entity.get("sector"))
                if entity.get("role"):
                    roles.setdefault(key, set()).add(entity["role"])
        total.update(seen)
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        ActorSummary(k[0], k[1], sectors.get(k), tuple(sorted(roles.get(k, ()))), n, as_actor[k], as_recipient[k])
        for k, n in ranked
    ]


def top_dyads_by_change(events: Sequence[dict[str, Any]], by: str = "month") -> list[dict[str, Any]]:
    """Undirected dyads by the change of their index between their last two periods with events.

    Dyads seen in only one period have no change and are left out.
    """
    dyads: set[tuple[str, str]] = set()
    for e in counted(events):
        dyads |= pairs(e, directed=False)
    out = []
    for a, b in sorted(dyads):
        series = dyad_series(events, a, b, by)
        if len(series) < 2:
            continue
        out.append(change_row(a, b, series))
    return sorted(out, key=lambda d: (-abs(d["change"]), d["dyad"]))


def change_row(a: str, b: str, series: Sequence[Any]) -> dict[str, Any]:
    """One dyad's change of index between its last two periods (``series`` has two points or more)."""
    prev, last = series[-2], series[-1]
    return {
        "dyad": f"{a}-{b}", "a": a, "b": b, "from_period": prev.period, "to_period": last.period,
        "from_index": round(prev.index, 2), "to_index": round(last.index, 2),
        "change": round(last.index - prev.index, 2), "events": sum(p.events for p in series),
    }
