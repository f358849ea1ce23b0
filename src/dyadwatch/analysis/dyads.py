"""Dyad time series and corpus summaries: pure functions over stored events.

An event with compound actors expands to every actor-recipient country pair
(and, for a reciprocal event with several actors and no recipient, to every
pair among the actors). Negated and hypothetical events are left out unless
asked for. The cooperation-conflict index of a period is the mean PLOVER
score of its events (-10 to +10): a documented, bounded number that does not
grow with news volume.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Iterator


@dataclass(frozen=True)
class DyadPoint:
    period: str
    events: int
    vc: int
    mc: int
    vf: int
    mf: int
    score_sum: float
    index: float
    categories: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "period": self.period, "events": self.events, "VC": self.vc, "MC": self.mc, "VF": self.vf, "MF": self.mf,
            "score_sum": round(self.score_sum, 2), "index": round(self.index, 2), "categories": self.categories,
        }


def pairs(event: dict[str, Any], directed: bool = True) -> set[tuple[str, str]]:
    """Country pairs of an event: actor x recipient, or among actors when there is no recipient."""
    actors = [a["code"] for a in event["actor"] if a.get("code") and a["code"] != "UNK"]
    recips = [r["code"] for r in event["recipient"] if r.get("code") and r["code"] != "UNK"]
    out: set[tuple[str, str]] = set()
    if recips:
        out = {(a, r) for a in actors for r in recips if a != r}
    else:
        out = {(a, b) for a in actors for b in actors if a != b}
    if not directed:
        out = {tuple(sorted(p)) for p in out}  # type: ignore[misc]
    return out


def counted(events: Iterable[dict[str, Any]], include_flagged: bool = False) -> Iterator[dict[str, Any]]:
    """The events that aggregates count: one per group of reports, without negated or hypothetical ones."""
    seen: set[str] = set()
    for e in events:
        group = e.get("event_group")
        if group is not None and group in seen:
            continue  # another article's report of an event already counted
        if include_flagged or not (e.get("negated") or e.get("hypothetical")):
            if group is not None:
                seen.add(group)
            yield e


def on_scale(event: dict[str, Any]) -> bool:
    """A PLOVER event, with a quad class and a score; a user-defined type (``--examples``) has neither.

    Dyad series, rankings and shifts count only these, so that a custom type with no score does not pull a
    dyad's cooperation-conflict index towards zero. Lists of events show every type.
    """
    return bool(event.get("quad"))


def period_of(date: str | None, by: str) -> str | None:
    if not date:
        return None
    if by == "year":
        return date[:4]
    if by == "month":
        return date[:7] if len(date) >= 7 and date[5:7].isdigit() else None
    if by == "day":
        return date[:10] if len(date) >= 10 else None
    return None


def dyad_series(
    events: Iterable[dict[str, Any]], a: str, b: str, by: str = "month", directed: bool = False
) -> list[DyadPoint]:
    """The series of one dyad (A-B, or A→B when directed), one point per period with events."""
    want = (a, b) if directed else tuple(sorted((a, b)))
    buckets: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in counted(events):
        if on_scale(e) and want in pairs(e, directed):
            period = period_of(e.get("date"), by)
            if period:
                buckets[period].append(e)
    out = []
    for period in sorted(buckets):
        evs = buckets[period]
        quads = Counter(e["quad"] for e in evs)
        total = sum(float(e["score"]) for e in evs)
        out.append(
            DyadPoint(
                period, len(evs), quads["VC"], quads["MC"], quads["VF"], quads["MF"], total, total / len(evs),
                dict(Counter(e["category"] for e in evs)),
            )
        )
    return out


def top_dyads(events: Iterable[dict[str, Any]], n: int = 10) -> list[tuple[str, int]]:
    """Undirected dyads by number of events."""
    counts: Counter[str] = Counter()
    for e in counted(events):
        for p in pairs(e, directed=False) if on_scale(e) else ():
            counts["-".join(p)] += 1
    return counts.most_common(n)


def category_counts(events: Iterable[dict[str, Any]]) -> list[tuple[str, int]]:
    return Counter(e["category"] for e in events).most_common()
