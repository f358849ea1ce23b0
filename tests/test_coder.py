"""The event coder with the real spaCy models: behaviours, the seed article, and evidence offsets."""

import json
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def codes(side):
    return sorted(e.code for e in side)


def find(events, category):
    return [e for e in events if e.category == category]


def test_coder_seed_article_finds_agree_and_visit_with_dates(shared, code):
    text = (shared / "seed" / "seed-article.txt").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    events = code(body, published="2026-02-18", language="en")
    agree = [e for e in find(events, "AGREE") if {"FRA", "DZA"} <= set(codes(e.actor) + codes(e.recipient))]
    assert agree and agree[0].date == "2026-02-17" and agree[0].date_precision == "day"
    visit = [e for e in find(events, "CONSULT") if codes(e.actor) == ["FRA"] and "DZA" in codes(e.recipient)]
    assert visit and visit[0].date == "2026-02-17"
    assert visit[0].mode == "visit"


def test_coder_seed_gold_required_events(shared, config):
    from dyadwatch.eval import evaluate, load_gold

    result = evaluate(load_gold(str(shared / "seed" / "seed-article.gold.json")), config)
    assert result["required_found"] >= 5, result["details"]
    assert result["extra_events"] <= 3, result["details"]  # issue 5: no more than 3 beyond required and optional
    assert result["actors"]["country_right"] == 8
    assert result["actors"]["sector_right"] >= 7 and result["actors"]["role_right"] >= 6


def test_coder_gsr_macro_f1_top1_and_actor_country_reach_the_issue_thresholds(shared, config):
    """Issue 5 asks for a GSR macro-F1 of at least 0.75, a top-1 accuracy of at least 0.80 and an actor
    country accuracy of at least 0.80 (all three met)."""
    from dyadwatch.eval import evaluate, load_gold

    gold = shared / "gold" / "plover_gsr.jsonl"
    if not gold.is_file():
        pytest.skip(f"{gold} is not here")
    result = evaluate(load_gold(str(gold)), config)
    assert result["macro_f1"] >= 0.75, result["per_category"]
    assert result["top1_accuracy"] >= 0.80, result["confusion"]
    assert result["actor_country_accuracy"] >= 0.80


def test_coder_french_seed_translation_finds_four_required_events(shared, config):
    from dyadwatch.eval.gold import load_gold
    from dyadwatch.eval.score import evaluate

    (gold,) = load_gold(str(shared / "seed" / "seed-article.gold.json"))
    text = (ROOT / "tests" / "data" / "seed-article.fr.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    gold.text, gold.language = text, "fr"
    result = evaluate([gold], config)
    assert result["required_found"] >= 4, result["details"]
    assert result["actors"]["country_right"] == 8


@pytest.mark.parametrize(
    "text,category,actor,recipient",
    [
        ("Algeria recalled its ambassador from France on Tuesday.", "SANCTION", ["DZA"], ["FRA"]),
        ("The writer was detained by Algerian police on Saturday.", "COERCE", ["DZA"], []),
        ("France and Germany agreed on Monday to create a joint defence council.", "AGREE", ["DEU", "FRA"], []),
        ("India accused Pakistan of sheltering the attackers.", "ACCUSE", ["IND"], ["PAK"]),
        ("L'Algérie a expulsé douze agents de l'ambassade de France.", "SANCTION", ["DZA"], ["FRA"]),
    ],
)
def test_coder_actor_and_recipient_from_the_parse(code, text, category, actor, recipient):
    events = find(code(text, published="2025-04-16"), category)
    assert events, f"no {category} in {text!r}"
    assert codes(events[0].actor) == actor
    assert set(recipient) <= set(codes(events[0].recipient))


def test_coder_negation_is_flagged(code):
    (event,) = find(code("Belgium did not agree to the French proposal on Thursday.", published="2025-10-24"), "AGREE")
    assert event.negated


def test_coder_future_visit_is_coded_agree(code):
    events = code("French Foreign Minister Jean-Noël Barrot will visit Algiers on Sunday.", published="2025-04-01")
    assert [e.category for e in events] == ["AGREE"] and events[0].future


def test_coder_reported_event_codes_what_was_said(code):
    events = code("Zelensky said Russian forces had shelled Kharkiv overnight.", published="2025-05-01")
    assert find(events, "ASSAULT") and codes(find(events, "ASSAULT")[0].actor) == ["RUS"]


def test_coder_sentence_with_no_political_event_gives_none(code):
    assert code("The weather in Paris was mild and sunny on Sunday afternoon.") == []


def test_coder_every_demo_event_points_at_its_trigger(config):
    from dyadwatch import code_articles
    from dyadwatch.ingest.readers import Defaults, read_inputs

    articles = list(read_inputs([str(ROOT / "examples" / "demo" / "articles.jsonl")], config, Defaults()))
    results = code_articles(articles, config)
    total = 0
    for article, result in zip(articles, results):
        for e in result.events:
            total += 1
            ev = e.evidence
            assert article.text[ev.trigger_start:ev.trigger_end] == ev.trigger
            assert article.text[ev.start:ev.end] == ev.sentence
            assert ev.start <= ev.trigger_start < ev.trigger_end <= ev.end
    assert total >= 100


def test_demo_corpus_shape():
    articles = [json.loads(x) for x in (ROOT / "examples" / "demo" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    gold = [json.loads(x) for x in (ROOT / "examples" / "demo" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(articles) >= 30
    assert sum(a["language"] == "en" for a in articles) >= 20 and sum(a["language"] == "fr" for a in articles) >= 10
    categories = {e["category"] for g in gold for e in g["events"]}
    assert len(categories) == 16
    years = {a["published"][:4] for a in articles}
    assert len(years) >= 2
    dyads = {tuple(sorted(({a["country"] for a in e["actor"]} | {r["country"] for r in e["recipient"]}) - {None}))
             for g in gold for e in g["events"]}
    assert len({d for d in dyads if len(d) == 2}) >= 6


def test_coder_demo_gold_event_f1_reaches_the_issue_threshold(config):
    # the events issue asks for event F1 >= 0.8 on our demo gold (category and actor and recipient countries)
    from dyadwatch.eval.gold import load_gold
    from dyadwatch.eval.score import evaluate

    result = evaluate(load_gold(str(ROOT / "examples" / "demo" / "gold.jsonl")), config)
    assert result["errors"] == 0
    assert result["micro"]["f1"] >= 0.8, result["micro"]
