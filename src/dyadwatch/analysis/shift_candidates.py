"""The shifts of every dyad's series, deciding only the points that may be flagged (``DyadReads.shifts``,
``recent_shifts``).

``detect_shifts`` flags a point on the point and the ``window`` points before it alone. The float z of each point
tells which points cannot be flagged (clearly under the threshold); ``detect_shifts`` decides the others, on the
point and its window, exactly as over the whole series. Every shift is found with every point's z at once (numpy,
``_candidates``); the home page's few latest shifts are found from the latest period back, testing the points of
those periods only (``_latest_flagged``), with no numpy to import for them.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

from dyadwatch.analysis.dyads import DyadPoint
from dyadwatch.analysis.shifts import Shift, detect_shifts

Series = list[tuple[str, int, float]]


def _points(rows: Sequence[tuple[str, int, float]]) -> list[DyadPoint]:
    """``DyadPoint`` (index and counts, no quads or categories) of (period, events, score sum) rows."""
    return [DyadPoint(period, n, 0, 0, 0, 0, s, s / n, {}) for period, n, s in rows]


def _flagged(series: dict[tuple[str, str], Series], window: int, threshold: float, n: int | None = None) -> list[Shift]:
    """``detect_shifts`` over every dyad's series, in dyad then period order, testing only the points that may be flagged.

    With ``n``, the candidates are decided from the latest period back, a whole period at a time, until ``n``
    shifts are found: the first ``n`` of the whole list (latest period first) are among them.
    """
    dyads = sorted(series.items())
    if window < 1:  # detect_shifts says what is wrong
        return detect_shifts(_points(dyads[0][1]) if dyads else [], None, "", window=window, threshold=threshold)
    if n is not None:
        return _latest_flagged(dyads, window, threshold, n)
    found: list[Shift] = []
    # in dyad order; a dyad with many candidates is decided whole (the same flags, fewer calls)
    per_dyad: dict[int, list[int]] = defaultdict(list)
    for d, i in _candidates([points for _, points in dyads], window, threshold):
        per_dyad[d].append(i)
    for d, found_at in sorted(per_dyad.items()):
        (a, b), points = dyads[d]
        if 4 * len(found_at) > len(points):
            found += detect_shifts(_points(points), None, f"{a}-{b}", window=window, threshold=threshold)
        else:
            found += [s for i in found_at for s in _decide(points, i, f"{a}-{b}", window, threshold)]
    return found


def _latest_flagged(dyads: list[tuple[tuple[str, str], Series]], window: int, threshold: float, n: int) -> list[Shift]:
    """The shifts of the latest periods, a whole period at a time (in dyad order within one), until ``n`` are found.

    Only the points of those periods are tested (``_may_flag``, the z of ``_candidates`` in plain floats, summed
    in the same order): the home page wants six shifts, found in the last periods, and computing every point's
    z with numpy cost more than the answer (0.3 s to import it, at the first call of a process).
    """
    by_period: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d, (_, points) in enumerate(dyads):
        for i, point in enumerate(points):
            by_period[point[0]].append((d, i))
    found: list[Shift] = []
    for period in sorted(by_period, reverse=True):
        if len(found) >= n:
            break
        for d, i in by_period[period]:
            (a, b), points = dyads[d]
            if _may_flag(points, i, window, threshold):
                found += _decide(points, i, f"{a}-{b}", window, threshold)
    return found


def _may_flag(points: Series, i: int, window: int, threshold: float) -> bool:
    """``_candidates``' test of the point ``i``: its float z against the window before it, nearest point first."""
    history = [s / n for _, n, s in reversed(points[max(0, i - window): i])]
    safe = max(float(len(history)), 1.0)
    mean = sum(history) / safe
    spread = math.sqrt(sum((x - mean) * (x - mean) for x in history) / safe)
    z = (points[i][2] / points[i][1] - mean) / max(spread, 1.0)
    return len(history) >= min(2, window) and abs(z) >= threshold * (1 - 1e-6) - 1e-6


def _decide(points: Series, i: int, dyad: str, window: int, threshold: float) -> list[Shift]:
    """``detect_shifts``' flag of the point ``i`` alone (it depends on the point and its window only)."""
    tail = detect_shifts(_points(points[max(0, i - window): i + 1]), None, dyad, window=window, threshold=threshold)
    return [s for s in tail if s.period == points[i][0]]


def _candidates(series: list[list[tuple[str, int, float]]], window: int, threshold: float) -> list[tuple[int, int]]:
    """(series, point) positions whose float z (``detect_shifts``' defaults: min_std 1, two points of history)
    reaches the threshold with a margin far wider than the rounding of either computation, in order."""
    import numpy as np

    lengths = np.fromiter((len(p) for p in series), dtype=np.int64, count=len(series))
    size = int(lengths.sum())
    if not size:
        return []
    index = np.fromiter((s / n for points in series for _, n, s in points), dtype=np.float64, count=size)
    starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
    pos = np.arange(size) - starts  # a point's place in its own series
    history = [(pos >= k, np.concatenate([np.zeros(min(k, size)), index[: max(size - k, 0)]])) for k in range(1, window + 1)]
    count = sum(ok.astype(np.float64) for ok, _ in history)
    safe = np.maximum(count, 1.0)
    mean = sum(np.where(ok, x, 0.0) for ok, x in history) / safe
    spread = np.sqrt(sum(np.where(ok, (x - mean) ** 2, 0.0) for ok, x in history) / safe)
    z = (index - mean) / np.maximum(spread, 1.0)
    keep = (count >= min(2, window)) & (np.abs(z) >= threshold * (1 - 1e-6) - 1e-6)
    which = np.flatnonzero(keep)
    series_of = np.searchsorted(np.cumsum(lengths), which, side="right")
    return list(zip(series_of.tolist(), pos[which].tolist()))
