"""One event, many reports: the grouping rule across articles."""

from dyadwatch.analysis.dyads import counted
from dyadwatch.events.merge import group_reports, same_time


def ev(id, article, category="SANCTION", actor="DZA", recipient="FRA", date="2025-04-14", precision="day", negated=False):
    return {"id": id, "article_id": article, "category": category, "actor_codes": actor, "recipient_codes": recipient,
            "date": date, "date_precision": precision, "negated": negated, "hypothetical": False}


def test_merge_same_event_in_two_articles_is_one_group():
    groups = group_reports([ev("b", "a2", date="2025-04-15"), ev("a", "a1")])
    assert groups == {"a": "a", "b": "a"}


def test_merge_keeps_apart_different_category_dyad_time_or_negation():
    base = ev("a", "a1")
    others = [
        ev("b", "a2", category="ACCUSE"),
        ev("c", "a3", actor="FRA", recipient="DZA"),
        ev("d", "a4", date="2025-04-30"),
        ev("e", "a5", negated=True),
    ]
    groups = group_reports([base, *others])
    assert len(set(groups.values())) == 5


def test_merge_never_groups_two_events_of_one_article():
    assert len(set(group_reports([ev("a", "a1"), ev("b", "a1")]).values())) == 2


def test_merge_window_is_configurable():
    events = [ev("a", "a1"), ev("b", "a2", date="2025-04-18")]
    assert len(set(group_reports(events, window_days=2).values())) == 2
    assert len(set(group_reports(events, window_days=5).values())) == 1


def test_merge_month_precision_contains_day():
    assert same_time({"date": "2025-04", "date_precision": "month"}, {"date": "2025-04-14", "date_precision": "day"}, 2)
    assert not same_time({"date": "2025-03", "date_precision": "month"}, {"date": "2025-04-14", "date_precision": "day"}, 2)


def test_merge_aggregates_count_groups_not_reports():
    events = [dict(ev("a", "a1"), event_group="a"), dict(ev("b", "a2"), event_group="a"), dict(ev("c", "a3"), event_group="c")]
    assert [e["id"] for e in counted(events)] == ["a", "c"]
