"""The second blind hold-out gold set (examples/holdout2/): integrity only, never a threshold on the coder's score.

The set was written and annotated before the coder ever ran on it, so that the lead can measure the coder on text
nobody tuned on. These tests check only that the files are well formed and agree with the ontology; the score is
reported by `dyadwatch eval examples/holdout2/gold.jsonl`.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from holdout_sets import EXAMPLES, check_event, events_of, read_lines

from dyadwatch.eval.gold import load_gold

HOLDOUT2 = EXAMPLES / "holdout2"
ARTICLES = read_lines(HOLDOUT2, "articles.jsonl")
GOLD = read_lines(HOLDOUT2, "gold.jsonl")
TEXTS = {a["id"]: a["text"] for a in ARTICLES}
PUBLISHED = {a["id"]: a["published"] for a in ARTICLES}
EVENTS, EVENT_IDS = events_of(GOLD)


def test_holdout2_has_12_english_and_12_french_articles() -> None:
    languages = [a["language"] for a in ARTICLES]
    assert (len(ARTICLES), languages.count("en"), languages.count("fr")) == (24, 12, 12)


def test_holdout2_gold_follows_the_article_order() -> None:
    assert [g["id"] for g in GOLD] == [a["id"] for a in ARTICLES]


def test_holdout2_ids_are_unique_and_apart_from_the_first_holdout() -> None:
    ids = [a["id"] for a in ARTICLES]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("holdout2-") for i in ids)


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_holdout2_article_is_a_dated_wire_item_of_120_to_300_words(article: dict[str, Any]) -> None:
    assert re.fullmatch(r"holdout2-(en|fr)-\d{3}", article["id"])
    assert article["language"] == article["id"].split("-")[1]
    assert re.fullmatch(r"202[45]-\d{2}-\d{2}", article["published"])
    datetime.date.fromisoformat(article["published"])
    assert 120 <= len(article["text"].split()) <= 300
    assert article["title"].strip() and article["source"] == "dyadwatch-holdout2"


@pytest.mark.parametrize("gold", GOLD, ids=[g["id"] for g in GOLD])
def test_holdout2_gold_copies_date_and_language_and_lists_events(gold: dict[str, Any]) -> None:
    article = next(a for a in ARTICLES if a["id"] == gold["id"])
    assert (gold["published"], gold["language"]) == (article["published"], article["language"])
    assert gold["events"]
    for person in gold["actors"]:
        assert person["name"] in article["text"]


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout2_event_is_well_formed(gid: str, index: int, event: dict[str, Any]) -> None:
    check_event(event, TEXTS[gid], PUBLISHED[gid])


def test_holdout2_counts_by_language_and_status() -> None:
    by_language = {lang: sum(1 for g in GOLD if g["language"] == lang for _ in g["events"]) for lang in ("en", "fr")}
    optional = sum(1 for _, _, e in EVENTS if e.get("status") == "optional")
    assert (by_language["en"], by_language["fr"], optional) == (162, 109, 87)


def test_holdout2_gold_loads_through_the_eval_reader() -> None:
    golds = load_gold(str(HOLDOUT2 / "gold.jsonl"))
    assert len(golds) == 24
    assert sum(len(g.events) for g in golds) == len(EVENTS)
    assert all(g.text == TEXTS[g.id] for g in golds)
