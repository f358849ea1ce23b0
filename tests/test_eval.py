"""Scoring logic on hand-built events (the coder itself is measured by `dyadwatch eval`)."""

import json

import pytest

from dyadwatch.eval.gold import GoldArticle, GoldEvent, load_gold
from dyadwatch.eval.score import score_articles, score_sentences
from dyadwatch.records import Entity, Event, Evidence


def ent(code):
    return Entity(code, "GOV", code, code)


def event(category, actor, recipient=(), confidence=0.8, negated=False, date="2026-02-17"):
    return Event(
        id=category, article_id="a", doc_id="a", category=category, mode=None, contexts=(),
        actor=tuple(ent(c) for c in actor), recipient=tuple(ent(c) for c in recipient), date=date,
        date_precision="day", location=None, negated=negated, future=False, hypothetical=False, historical=False,
        score=0.0, quad="VC", evidence=Evidence("s", 0, 0, 1, "t", 0, 1), confidence=confidence, coder="test",
    )


def gold(category, actor, recipient=(), required=True, alternatives=()):
    return GoldEvent(category, frozenset(actor), frozenset(recipient), frozenset(alternatives), required)


def test_eval_sentence_top1_uses_the_most_confident_event():
    golds = [GoldArticle("s1", "x", None, "en", [gold("ACCUSE", ["USA"], ["CHN"])], kind="sentence"),
             GoldArticle("s2", "y", None, "en", [gold("AGREE", ["FRA"])], kind="sentence")]
    coded = {"s1": [event("REQUEST", ["USA"], ["CHN"], 0.5), event("ACCUSE", ["USA"], ["CHN"], 0.9)], "s2": []}
    r = score_sentences(golds, coded)
    assert r["top1_accuracy"] == 0.5
    assert r["actor_country_accuracy"] == 0.5 and r["recipient_country_accuracy"] == 1.0
    assert r["confusion"]["AGREE"] == {"NONE": 1}


def test_eval_article_event_needs_category_and_countries():
    g = GoldArticle("a", "x", "2026-02-18", "en", [gold("CONSULT", ["FRA"], ["DZA"]), gold("SANCTION", ["DZA"], ["FRA"])])
    coded = {"a": [event("CONSULT", ["FRA"], ["DZA"]), event("SANCTION", ["FRA"], ["DZA"])]}
    r = score_articles([g], coded)
    assert (r["required_found"], r["extra_events"]) == (1, 1)
    assert r["per_category"]["CONSULT"]["f1"] == 1.0


def test_eval_alternatives_and_optional_events():
    g = GoldArticle("a", "x", None, "en", [gold("AGREE", ["FRA", "DZA"], alternatives=["COOPERATE"]),
                                           gold("CONSULT", ["FRA"], required=False)])
    r = score_articles([g], {"a": [event("COOPERATE", ["DZA"], ["FRA"])]})
    assert r["required_found"] == 1 and r["required_total"] == 1 and r["extra_events"] == 0


def test_eval_negated_events_do_not_count():
    g = GoldArticle("a", "x", None, "en", [gold("AGREE", ["FRA"])])
    r = score_articles([g], {"a": [event("AGREE", ["FRA"], negated=True)]})
    assert r["required_found"] == 0


def test_eval_reads_our_article_gold_with_texts_next_to_it(tmp_path):
    (tmp_path / "articles.jsonl").write_text(json.dumps({"id": "d1", "text": "Algeria recalled its ambassador.", "published": "2024-07-30"}) + "\n")
    (tmp_path / "gold.jsonl").write_text(json.dumps({"id": "d1", "events": [{"category": "SANCTION", "actor": [{"country": "DZA"}], "recipient": [{"country": "FRA"}]}]}) + "\n")
    (article,) = load_gold(str(tmp_path / "gold.jsonl"))
    assert article.text.startswith("Algeria") and article.published == "2024-07-30"
    assert article.events[0].recipient == frozenset({"FRA"})


def test_eval_reads_sentence_gold_and_maps_cameo_codes(tmp_path):
    line = {"id": "g1", "text": "Japan agreed.", "event": "AGREE", "actor": [{"code": "JAP"}], "recipient": []}
    (tmp_path / "gsr.jsonl").write_text(json.dumps(line) + "\n")
    (article,) = load_gold(str(tmp_path / "gsr.jsonl"))
    assert article.kind == "sentence"
    assert article.events[0].actor == frozenset({"JPN"})


@pytest.mark.parametrize(
    "gold, coded, ok",
    [("IGO", "UNO", True), ("IGO", "EUR", True), ("IGO", "IGO", True), ("UNO", "IGO", False), ("IGO", "NGO", False), ("FRA", "DZA", False)],
)
def test_eval_generic_igo_gold_accepts_our_specific_un_and_eu_codes(gold, coded, ok):
    from dyadwatch.eval.score import _ok
    from dyadwatch.records import Entity

    assert _ok(frozenset({gold}), (Entity(coded, "GOV", "x", "x", None, "organisation"),)) is ok


def test_eval_required_events_are_matched_before_optional_ones_whatever_the_file_order():
    # one coded ACCUSE fits both gold events: it must count for the required one, not the optional one listed first
    optional_first = [gold("ACCUSE", ["GRC"], ["TUR"], required=False), gold("ACCUSE", ["GRC"], ["TUR"])]
    for events in (optional_first, optional_first[::-1]):
        g = GoldArticle("a", "x", None, "en", events)
        r = score_articles([g], {"a": [event("ACCUSE", ["GRC"], ["TUR"])]})
        assert (r["required_found"], r["required_total"], r["extra_events"]) == (1, 1, 0)
        assert r["micro"]["recall"] == 1.0
