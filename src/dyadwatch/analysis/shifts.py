"""Shift detection: periods where a dyad departs from its own recent baseline.

A dyad's series (``analysis.dyads.dyad_series``) has one point per period
that has events. For each point after the first ``min_history`` ones, the
baseline is the mean and the standard deviation of the cooperation-conflict
index over the previous ``window`` points *that have events* (periods with
no news are skipped, not counted as zero: silence is not neutrality). The
point is flagged when ``z = (index - mean) / max(std, min_std)`` reaches
``threshold`` in either direction. ``min_std`` (in index points, on the -10
to +10 scale) keeps a flat baseline from turning any small wobble into an
infinite z. Each flag names the events of that period that drove it, so the
dashboard can lead from the marker to the sentences. Negated and
hypothetical events are excluded, as in the series itself.

Defaults: ``window=3``, ``threshold=2.0``, ``min_std=1.0``, ``min_history=2``.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from dyadwatch.analysis.dyads import DyadPoint, counted, dyad_series, on_scale, pairs, period_of


@dataclass(frozen=True)
class Shift:
    """One flagged period of one dyad."""

    dyad: str
    period: str
    index: float
    baseline: float
    spread: float
    z: float
    direction: str  # 'cooperation' (index rose) or 'conflict' (index fell)
    events: int
    event_ids: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "dyad": self.dyad, "period": self.period, "index": round(self.index, 2),
            "baseline": round(self.baseline, 2), "spread": round(self.spread, 2), "z": round(self.z, 2),
            "direction": self.direction, "events": self.events, "event_ids": list(self.event_ids),
        }


def period_event_ids(
    events: Iterable[dict[str, Any]], a: str, b: str, by: str = "month", directed: bool = False
) -> dict[str, list[str]]:
    """Period -> ids of the events counted in that period of the dyad (same rules as ``dyad_series``)."""
    want = (a, b) if directed else tuple(sorted((a, b)))
    out: dict[str, list[str]] = defaultdict(list)
    for e in counted(events):
        if on_scale(e) and want in pairs(e, directed):
            period = period_of(e.get("date"), by)
            if period:
                out[period].append(str(e["id"]))
    return dict(out)


def _rough_z(index: float, history: tuple[float, ...], min_std: float) -> float:
    """z from float statistics (two passes, ``math.fsum``): within about 1e-12 of the exact z of ``_baseline``."""
    n = len(history)
    mean = math.fsum(history) / n
    spread = math.sqrt(math.fsum((x - mean) ** 2 for x in history) / n)
    return (index - mean) / max(spread, min_std)


@functools.lru_cache(maxsize=65536)
def _baseline(history: tuple[float, ...]) -> tuple[float, float]:
    """Mean and population standard deviation of a window; remembered, because ``pstdev`` is exact and slow
    (fractions) and quiet dyads repeat the same few windows many times."""
    return statistics.fmean(history), statistics.pstdev(history)


def detect_shifts(
    points: Sequence[DyadPoint],
    ids_by_period: dict[str, list[str]] | None = None,
    dyad: str = "",
    window: int = 3,
    threshold: float = 2.0,
    min_std: float = 1.0,
    min_history: int = 2,
) -> list[Shift]:
    """Flag the points whose index is ``threshold`` robust z-scores away from the previous ``window`` points."""
    if window < 1 or min_history < 1:
        raise ValueError("window and min_history must be at least 1")
    min_history = min(min_history, window)  # a one-period window needs one period of history
    ids_by_period = ids_by_period or {}
    flags: list[Shift] = []
    for i, point in enumerate(points):
        history = tuple(p.index for p in points[max(0, i - window): i])
        if len(history) < min_history:
            continue
        if abs(_rough_z(point.index, history, min_std)) < threshold * (1 - 1e-9) - 1e-9:
            continue  # clearly under the threshold: the exact (slow) statistics would not flag it either
        mean, spread = _baseline(history)
        z = (point.index - mean) / max(spread, min_std)
        if abs(z) >= threshold:
            flags.append(
                Shift(
                    dyad, point.period, point.index, mean, spread, z, "cooperation" if z > 0 else "conflict",
                    point.events, tuple(ids_by_period.get(point.period, ())),
                )
            )
    return flags


def dyad_shifts(
    events: Sequence[dict[str, Any]],
    a: str,
    b: str,
    by: str = "month",
    directed: bool = False,
    **params: Any,
) -> list[Shift]:
    """The shifts of one dyad, straight from events (``params`` go to ``detect_shifts``)."""
    label = f"{a}-{b}" if directed else "-".join(sorted((a, b)))
    points = dyad_series(events, a, b, by, directed)
    return detect_shifts(points, period_event_ids(events, a, b, by, directed), label, **params)


def all_shifts(events: Sequence[dict[str, Any]], by: str = "month", **params: Any) -> list[Shift]:
    """Shifts of every undirected dyad in the events, most recent period first, then by |z|."""
    dyads: set[tuple[str, str]] = set()
    for e in counted(events):
        dyads |= pairs(e, directed=False)
    out: list[Shift] = []
    for a, b in sorted(dyads):
        out += dyad_shifts(events, a, b, by, False, **params)
    return sorted(out, key=lambda s: (s.period, abs(s.z)), reverse=True)
