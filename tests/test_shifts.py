"""Shift detection and rankings on series we build by hand."""

from __future__ import annotations

import pytest

from dyadwatch.analysis.dyads import DyadPoint
from dyadwatch.analysis.rankings import top_actors, top_dyads_by_change
from dyadwatch.analysis.shifts import detect_shifts, dyad_shifts


def point(period: str, index: float, events: int = 2) -> DyadPoint:
    return DyadPoint(period, events, 0, 0, 0, 0, index * events, index, {})


def ev(eid, actor, recipient, date, score, negated=False, role=None):
    ent = lambda c, name=None: {"code": c, "canonical": name or c, "name": name or c, "role": role, "sector": "GOV"}  # noqa: E731
    return {
        "id": eid, "actor": [ent(*a) if isinstance(a, tuple) else ent(a) for a in actor],
        "recipient": [ent(r) for r in recipient], "date": date, "category": "X", "quad": "VC" if score > 0 else "MF",
        "score": score, "negated": negated, "hypothetical": False,
    }


def test_shifts_flag_a_departure_from_the_recent_baseline():
    series = [point("2025-01", 3.0), point("2025-02", 3.5), point("2025-03", 2.5), point("2025-04", -6.0), point("2025-05", -5.5)]
    flags = detect_shifts(series, {"2025-04": ["e7", "e8"]}, "DZA-FRA")
    assert [(f.period, f.direction, f.event_ids) for f in flags] == [("2025-04", "conflict", ("e7", "e8"))]
    assert flags[0].baseline == pytest.approx(3.0) and flags[0].z < -2


def test_shifts_need_history_and_a_minimum_spread():
    # two points are not a baseline; a flat baseline does not turn a 0.5 wobble into a shift
    assert detect_shifts([point("2025-01", 1.0), point("2025-02", 9.0)]) == []
    assert detect_shifts([point(f"2025-0{i}", 1.0) for i in range(1, 5)] + [point("2025-05", 1.5)]) == []


@pytest.mark.parametrize(("threshold", "flagged"), [(2.0, ["2025-04"]), (9.5, [])])
def test_shifts_threshold_is_a_parameter(threshold, flagged):
    series = [point("2025-01", 3.0), point("2025-02", 3.0), point("2025-03", 3.0), point("2025-04", -6.0)]
    assert [f.period for f in detect_shifts(series, threshold=threshold)] == flagged


def test_shifts_from_events_name_the_driving_events_and_skip_negated():
    events = [
        ev("a", ["FRA"], ["DZA"], "2025-01-02", 4.0), ev("b", ["DZA"], ["FRA"], "2025-02-02", 4.0),
        ev("c", ["FRA"], ["DZA"], "2025-03-02", 4.0), ev("d", ["DZA"], ["FRA"], "2025-04-02", -6.0),
        ev("n", ["DZA"], ["FRA"], "2025-04-03", -9.0, negated=True),
    ]
    flags = dyad_shifts(events, "FRA", "DZA")
    assert [(f.dyad, f.period, f.event_ids) for f in flags] == [("DZA-FRA", "2025-04", ("d",))]


def test_rankings_top_actors_counts_events_per_identity_and_keeps_roles():
    events = [
        ev("a", [("FRA", "Emmanuel Macron")], ["DZA"], "2025-01-02", 4.0, role="President"),
        ev("b", ["DZA"], ["FRA"], "2025-01-03", -4.0),
        ev("c", ["DZA"], ["MAR"], "2025-01-04", -4.0, negated=True),
    ]
    ranked = top_actors(events)
    assert [(a.canonical, a.events, a.as_actor, a.as_recipient) for a in ranked] == [
        ("DZA", 2, 1, 1), ("Emmanuel Macron", 1, 1, 0), ("FRA", 1, 0, 1)]
    assert ranked[1].roles == ("President",)


def test_rankings_dyads_by_change_between_last_two_periods():
    events = [
        ev("a", ["FRA"], ["DZA"], "2025-01-02", 4.0), ev("b", ["DZA"], ["FRA"], "2025-02-02", -6.0),
        ev("c", ["USA"], ["CHN"], "2025-01-02", -2.0), ev("d", ["USA"], ["CHN"], "2025-02-02", -1.0),
        ev("e", ["GBR"], ["FRA"], "2025-02-02", 4.0),
    ]
    assert [(d["dyad"], d["change"]) for d in top_dyads_by_change(events)] == [("DZA-FRA", -10.0), ("CHN-USA", 1.0)]
