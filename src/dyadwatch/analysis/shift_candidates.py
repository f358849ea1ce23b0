"""The shifts of every dyad's series, deciding only the points that may be flagged (``DyadReads.shifts``,
``recent_shifts``).

``detect_shifts`` flags a point on the point and the ``window`` points before it alone. The float z of each point
tells which points cannot be flagged (clearly under the threshold); ``detect_shifts`` decides the others, on the
point and its window, exactly as over the whole series. Every shift is found with every point's z at once (numpy,
``_candidates``); the home page's few latest shifts are found with plain floats, the latest periods first,
with no numpy to import for them (``_latest_flagged``).
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

    The home page wants six. The points of the last periods are tested one period at a time (a noisy store
    has its six there); past a few periods, the rest of every series is tested in one pass (a large, smooth
    store has fewer than six shifts in its 100,000 points). Both test a point's float z as ``_candidates`` does,
    in plain floats: importing numpy alone took 0.3 s, at the first call of a process.
    """
    ends = [len(points) for _, points in dyads]  # per dyad, its points not yet tested: those before this place
    found: list[Shift] = []
    budget = 4 * len(dyads)  # points tested one period at a time, before the rest is tested a series at a time
    while len(found) < n and budget > 0:
        tops = [points[end - 1][0] for (_, points), end in zip(dyads, ends) if end]
        if not tops:
            return found
        period = max(tops)  # the latest period not yet tested, tested in every dyad that has it
        for d, ((a, b), points) in enumerate(dyads):
            i = ends[d] - 1
            if i >= 0 and points[i][0] == period:
                ends[d], budget = i, budget - 1
                history = [s / k for _, k, s in reversed(points[max(0, i - window): i])]
                if _may_flag(history, points[i][2] / points[i][1], window, threshold):
                    found += _decide(points, i, f"{a}-{b}", window, threshold)
    if len(found) >= n:
        return found
    by_period: dict[str, list[tuple[int, int]]] = defaultdict(list)  # the older points' candidates, by period
    for d, (_, points) in enumerate(dyads):
        for i in _candidate_places([s / k for _, k, s in points[: ends[d]]], window, threshold):
            by_period[points[i][0]].append((d, i))
    for period in sorted(by_period, reverse=True):
        if len(found) >= n:
            break
        for d, i in by_period[period]:
            (a, b), points = dyads[d]
            found += _decide(points, i, f"{a}-{b}", window, threshold)
    return found


def _candidate_places(index: list[float], window: int, threshold: float) -> list[int]:
    """The places of a series whose float z ``_candidates`` keeps (``_may_flag``), in order.

    A point's |z| is at most its distance to the mean of its window (the spread counts as at least 1): the
    means of every full window are taken in one pass, and only the points that far from theirs are tested whole.
    """
    bar = threshold * (1 - 1e-6) - 1e-6
    size = len(index)
    early = range(min(2, window), min(window, size))  # the first points, whose window is not full yet
    out = [i for i in early if _may_flag(index[max(0, i - window): i][::-1], index[i], window, threshold)]
    shifted = [index[window - k: size - k] for k in range(1, window + 1)]  # the k-th point before each
    means = [sum(h) / window for h in zip(*shifted)]  # nearest point first, as _may_flag sums them
    for i, (x, mean) in enumerate(zip(index[window:], means), start=window):
        if abs(x - mean) >= bar and _may_flag(index[i - window: i][::-1], x, window, threshold):
            out.append(i)
    return out


def _may_flag(history: list[float], index: float, window: int, threshold: float) -> bool:
    """``_candidates``' test of one point: its index against the ``history`` before it, nearest point first."""
    if len(history) < min(2, window):
        return False
    mean = sum(history) / len(history)
    spread = math.sqrt(sum([(x - mean) * (x - mean) for x in history]) / len(history))
    return abs((index - mean) / max(spread, 1.0)) >= threshold * (1 - 1e-6) - 1e-6


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
