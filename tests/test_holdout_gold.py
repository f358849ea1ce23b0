"""The blind hold-out gold set (examples/holdout/): integrity only, never a threshold on the coder's score.

The set measures the coder on text it was not tuned on, so these tests check that the files are well formed
and consistent with the ontology; how well the coder does on them is reported by `dyadwatch eval`.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from holdout_sets import EXAMPLES, check_event, events_of, read_lines

from dyadwatch.eval.gold import load_gold

HOLDOUT = EXAMPLES / "holdout"
ARTICLES = read_lines(HOLDOUT, "articles.jsonl")
GOLD = read_lines(HOLDOUT, "gold.jsonl")
TEXTS = {a["id"]: a["text"] for a in ARTICLES}
PUBLISHED = {a["id"]: a["published"] for a in ARTICLES}
EVENTS, EVENT_IDS = events_of(GOLD)


def test_holdout_has_24_articles_14_english_10_french() -> None:
    languages = [a["language"] for a in ARTICLES]
    assert (len(ARTICLES), languages.count("en"), languages.count("fr")) == (24, 14, 10)


def test_holdout_gold_lists_the_articles_in_the_same_order() -> None:
    assert [g["id"] for g in GOLD] == [a["id"] for a in ARTICLES]


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_holdout_article_has_id_language_date_and_text(article: dict[str, Any]) -> None:
    assert re.fullmatch(r"holdout-(en|fr)-\d{3}", article["id"])
    assert article["language"] == article["id"].split("-")[1]
    assert re.fullmatch(r"202[4-6]-\d{2}-\d{2}", article["published"])
    assert 120 <= len(article["text"].split()) <= 300
    assert article["title"].strip()


@pytest.mark.parametrize("gold", GOLD, ids=[g["id"] for g in GOLD])
def test_holdout_gold_copies_the_article_date_and_language(gold: dict[str, Any]) -> None:
    article = next(a for a in ARTICLES if a["id"] == gold["id"])
    assert (gold["published"], gold["language"]) == (article["published"], article["language"])
    assert gold["events"]


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout_event_is_well_formed(gid: str, index: int, event: dict[str, Any]) -> None:
    check_event(event, TEXTS[gid], PUBLISHED[gid])


def test_holdout_gold_loads_through_the_eval_reader() -> None:
    golds = load_gold(str(HOLDOUT / "gold.jsonl"))
    assert len(golds) == 24
    assert sum(len(g.events) for g in golds) == len(EVENTS)
    assert all(g.text == TEXTS[g.id] for g in golds)
