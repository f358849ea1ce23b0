from dyadwatch.analysis.dyads import dyad_series, pairs, top_dyads


def ev(actor, recipient, date="2025-04-06", category="CONSULT", quad="VC", score=2.5, negated=False):
    return {
        "actor": [{"code": c} for c in actor], "recipient": [{"code": c} for c in recipient], "date": date,
        "category": category, "quad": quad, "score": score, "negated": negated, "hypothetical": False,
    }


def test_analysis_compound_actor_without_recipient_expands_to_both_directions():
    assert pairs(ev(["FRA", "DZA"], [])) == {("FRA", "DZA"), ("DZA", "FRA")}


def test_analysis_actor_recipient_pairs_skip_self_and_unknown():
    assert pairs(ev(["FRA", "UNK"], ["DZA", "FRA"])) == {("FRA", "DZA")}


def test_analysis_dyad_series_counts_quads_and_mean_score_by_month():
    events = [
        ev(["DZA"], ["FRA"], "2024-07-30", "SANCTION", "MF", -6.0),
        ev(["FRA"], ["DZA"], "2024-07-31", "ACCUSE", "VF", -3.0),
        ev(["FRA"], ["DZA"], "2025-04-06", "CONSULT", "VC", 4.0),
        ev(["FRA"], ["DZA"], "2025-04-07", "AGREE", "VC", 2.5, negated=True),
        ev(["FRA"], ["MAR"], "2024-07-30", "SUPPORT", "VC", 5.0),
    ]
    series = dyad_series(events, "FRA", "DZA")
    assert [(p.period, p.events, p.vf, p.mf, p.index) for p in series] == [("2024-07", 2, 1, 1, -4.5), ("2025-04", 1, 0, 0, 4.0)]
    directed = dyad_series(events, "DZA", "FRA", directed=True)
    assert [(p.period, p.events) for p in directed] == [("2024-07", 1)]


def test_analysis_top_dyads_are_undirected():
    events = [ev(["FRA"], ["DZA"]), ev(["DZA"], ["FRA"]), ev(["FRA"], ["MAR"])]
    assert top_dyads(events) == [("DZA-FRA", 2), ("FRA-MAR", 1)]


def test_analysis_user_defined_types_stay_out_of_series_and_rankings():
    plover = ev(["FRA"], ["DZA"], category="CONSULT", quad="VC", score=2.5)
    custom = ev(["FRA"], ["DZA"], category="CULTURAL_EXCHANGE", quad="", score=0.0)
    (point,) = dyad_series([plover, custom], "DZA", "FRA", "month")
    assert (point.events, point.index) == (1, 2.5)
    assert top_dyads([custom]) == []
