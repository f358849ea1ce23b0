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


def test_merge_grouping_only_what_is_new_gives_the_groups_of_grouping_everything():
    # a run regroups only the events dated from its earliest date on, against the groups formed just
    # before: on random stores of mixed precisions and windows this must equal grouping everything
    import random

    from dyadwatch.events.merge import reach_before

    rng = random.Random(7)
    dates = [("2025-04-%02d" % d, "day") for d in range(1, 29)] + [
        ("2025-03-30", "day"), ("2025-04-07", "week"), ("2025-04", "month"), ("2025-03", "month"), ("2025", "year"),
        ("2025-06", "season"), ("2024-12-31", "day"),
    ]
    for trial in range(60):
        window = rng.choice([1, 2, 5])
        events = []
        for n in range(rng.randint(5, 40)):
            date, precision = rng.choice(dates)
            events.append(ev(f"e{n}", f"a{rng.randint(0, 12)}", category=rng.choice(["SANCTION", "ACCUSE"]),
                             actor=rng.choice(["DZA", "FRA", "DZA,MAR"]), recipient=rng.choice(["FRA", "", "DZA"]),
                             date=date, precision=precision))
        full = group_reports(events, window)
        since = rng.choice(sorted({e["date"] for e in events}))
        day, year = reach_before(since, window)
        formed = [e for e in events if e["date"] < since and full[e["id"]] == e["id"]
                  and (e["date"] >= day or len(e["date"]) <= 7 and e["date"] >= year)]
        later = [e for e in events if e["date"] >= since]
        assert group_reports(later, window, formed=formed) == {e["id"]: full[e["id"]] for e in later}, (trial, since)


def test_merge_indexed_grouping_equals_the_pairwise_rule():
    # the index (category, flags, actor and recipient country) is only a shortcut: on random events
    # each one must join the earliest group head that the plain pairwise rule accepts, or start its own
    import random

    from dyadwatch.events.merge import same_event

    rng = random.Random(11)
    for trial in range(80):
        window = rng.choice([1, 2, 5])
        events = []
        for n in range(rng.randint(2, 40)):
            date, precision = rng.choice([("2025-04-%02d" % rng.randint(1, 12), "day"), ("2025-04", "month"),
                                          ("2025-04-07", "week"), ("2025", "year"), ("", "day")])
            e = ev(f"e{n}", f"a{rng.randint(0, 8)}", category=rng.choice(["SANCTION", "ACCUSE"]),
                   actor=rng.choice(["DZA", "FRA", "DZA,MAR", "MAR,FRA", "", "UNK"]),
                   recipient=rng.choice(["FRA", "", "DZA", "DZA,FRA"]), date=date, precision=precision,
                   negated=rng.random() < 0.2)
            e["hypothetical"] = rng.random() < 0.1
            events.append(e)
        expected: dict[str, str] = {}
        heads: list[dict] = []
        for e in sorted(events, key=lambda e: (e.get("date") or "9999", e["article_id"], e["id"])):
            head = next((h for h in heads if same_event(h, e, window)), None)
            if head is None:
                heads.append(e)
                expected[e["id"]] = e["id"]
            else:
                expected[e["id"]] = expected[head["id"]]
        assert group_reports(events, window) == expected, trial
