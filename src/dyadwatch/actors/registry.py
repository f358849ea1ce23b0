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
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

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


# -- the registry as stored rows -------------------------------------------------------------
def learnt_rows(mentions: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per person and office seen in the text, with the first and last date it was seen held."""
    groups: dict[tuple[str, str, str | None, str | None], dict[str, Any]] = {}
    for m in mentions:
        if not m.get("canonical") or m.get("guessed") or m.get("code") in (None, "UNK"):
            continue
        key = (m["canonical"], m["code"], m.get("sector"), m.get("role"))
        row = groups.setdefault(key, {"aliases": set(), "dates": [], "mentions": 0})
        row["aliases"].add(m.get("text") or m["canonical"])
        row["mentions"] += 1
        if m.get("published"):
            row["dates"].append(str(m["published"]))
    out = []
    for (canonical, code, sector, role), row in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][3] or "")):
        dates = sorted(row["dates"])
        out.append({
            "canonical": canonical, "alias": "; ".join(sorted(row["aliases"])), "code": code, "sector": sector,
            "role": role, "since": dates[0] if dates else None, "until": dates[-1] if dates else None,
            "mentions": row["mentions"], "source": "learnt",
        })
    return out


def _user_match(name: str, user: list[dict[str, Any]]) -> dict[str, Any] | None:
    low = name.lower()
    for row in user:
        names = [row["canonical"], *[a.strip() for a in (row.get("alias") or "").split(";") if a.strip()]]
        if any(n.lower() == low for n in names):
            return row
    return None


def resolutions(
    links: Iterable[dict[str, Any]], learnt: list[dict[str, Any]], user: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """New values for stored person links: user corrections first, then what was learnt."""
    registry = learn(
        Entity(r["code"], r["sector"], r["canonical"], r["canonical"], r["role"], "person") for r in learnt for _ in range(r["mentions"] or 1)
    )
    out = []
    for link in links:
        row = _user_match(link["canonical"] or "", user) or _user_match(link["name"] or "", user)
        if row is not None:
            new = {"code": row["code"] or link["code"], "sector": row["sector"] or link["sector"], "role": row["role"] or link["role"], "canonical": row["canonical"]}
        elif link["code"] in (None, "UNK") or link.get("guessed"):
            known = lookup(registry, link["canonical"] or "")
            if known is None:
                continue
            new = {"code": known.code, "sector": link["sector"] or known.sector, "role": link["role"] or known.role, "canonical": known.canonical}
        else:
            continue
        if any(new[k] != link[k] for k in new):
            out.append({"event_id": link["event_id"], "side": link["side"], "position": link["position"], **new})
    return out


def read_import(path: str) -> list[dict[str, Any]]:
    """Read a user's corrections (YAML list or CSV with name, aliases, code, sector, role, since, until)."""
    import csv

    import yaml

    from dyadwatch.errors import make

    text = open(path, encoding="utf-8").read()
    if path.endswith(".csv"):
        records = list(csv.DictReader(text.splitlines()))
    else:
        data = yaml.safe_load(text) or []
        records = data.get("actors", []) if isinstance(data, dict) else data
    rows = []
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, dict) or not str(rec.get("name") or "").strip():
            raise make("E301", where=f"{path} record {n}", field="name")
        aliases = rec.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a for a in aliases.replace("|", ";").split(";") if a.strip()]
        code = (str(rec.get("code") or "").strip().upper()) or None
        if code is not None and not (len(code) == 3 and code.isalpha()):
            raise make("E302", where=f"{path} record {n}", value=code)
        rows.append({
            "canonical": str(rec["name"]).strip(), "alias": "; ".join(str(a).strip() for a in aliases),
            "code": code, "sector": (str(rec.get("sector") or "").strip().upper() or None),
            "role": (str(rec.get("role") or "").strip() or None), "since": str(rec.get("since") or "") or None,
            "until": str(rec.get("until") or "") or None, "mentions": 0, "source": "user",
        })
    return rows
