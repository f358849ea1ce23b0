"""The corpus-wide actor registry: what one article says about a person helps read another.

An article often names "Interior Minister Bruno Retailleau" with no
nationality, while another calls him "French Interior Minister Bruno
Retailleau". The registry keeps, for each canonical person name, the country,
sector and role seen most often, and fills in the gaps of entities whose
country is unknown ("UNK"). A surname alone resolves only when exactly one
known person carries it, so two different people who share a surname are
never merged.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from typing import Iterable

from dyadwatch.records import Entity, Event


@dataclass(frozen=True)
class Known:
    canonical: str
    code: str
    sector: str | None
    role: str | None


def learn(entities: Iterable[Entity]) -> dict[str, Known]:
    """Build the registry from person entities whose country is known."""
    votes: dict[str, Counter[tuple[str, str | None, str | None]]] = defaultdict(Counter)
    for e in entities:
        if e.kind == "person" and e.code not in (None, "UNK") and not e.guessed:
            votes[e.canonical][(e.code, e.sector, e.role)] += 1
    out: dict[str, Known] = {}
    for name, counter in votes.items():
        codes = Counter[str]()
        for (code, _, _), n in counter.items():
            codes[code] += n
        code = codes.most_common(1)[0][0]
        sector = next((s for (c, s, _), _n in counter.most_common() if c == code and s), None)
        role = next((r for (c, _, r), _n in counter.most_common() if c == code and r), None)
        out[name] = Known(name, code, sector, role)
    return out


def lookup(registry: dict[str, Known], name: str) -> Known | None:
    """Find a person by full name, or by a surname that only one known person has."""
    if name in registry:
        return registry[name]
    parts = name.split()
    if not parts:
        return None
    same = [k for k in registry.values() if k.canonical.split()[-1] == parts[-1] and (len(parts) == 1 or k.canonical.split()[0] == parts[0])]
    return same[0] if len(same) == 1 else None


def resolve(entity: Entity, registry: dict[str, Known]) -> Entity:
    """Fill the country (and missing sector, role and full name) of a person from the registry."""
    if entity.kind != "person" or entity.code not in (None, "UNK") and not entity.guessed:
        return entity
    known = lookup(registry, entity.canonical)
    if known is None:
        return entity
    return replace(
        entity, code=known.code, sector=entity.sector or known.sector, role=entity.role or known.role,
        canonical=known.canonical, guessed=False,
    )


def apply(events: Iterable[Event], registry: dict[str, Known]) -> list[Event]:
    """Events with their unknown-country persons resolved through the registry."""
    out = []
    for ev in events:
        actor = tuple(resolve(e, registry) for e in ev.actor)
        recipient = tuple(resolve(e, registry) for e in ev.recipient)
        out.append(replace(ev, actor=actor, recipient=recipient) if (actor, recipient) != (ev.actor, ev.recipient) else ev)
    return out
