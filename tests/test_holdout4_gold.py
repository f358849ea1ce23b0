"""The fourth blind hold-out gold set (examples/holdout4/): integrity only, never a threshold on the coder's score.

The three earlier hold-out sets became development sets in the eighth session (the engineers who tune the coder read
and measure them), so this set was written and annotated before the coder ever ran on it, to measure the coder once
more on text nobody tuned on. These tests check only that the files are well formed and agree with the ontology;
the score is reported by `dyadwatch eval examples/holdout4/gold.jsonl`.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from holdout_sets import EXAMPLES, check_event, events_of, read_lines

from dyadwatch.eval.gold import load_gold

HOLDOUT4 = EXAMPLES / "holdout4"
ARTICLES = read_lines(HOLDOUT4, "articles.jsonl")
GOLD = read_lines(HOLDOUT4, "gold.jsonl")
TEXTS = {a["id"]: a["text"] for a in ARTICLES}
PUBLISHED = {a["id"]: a["published"] for a in ARTICLES}
EVENTS, EVENT_IDS = events_of(GOLD)
OTHER_SETS = ("holdout", "holdout2", "holdout3", "demo")


def test_holdout4_has_12_english_and_12_french_articles_in_gold_order() -> None:
    languages = [a["language"] for a in ARTICLES]
    assert (len(ARTICLES), languages.count("en"), languages.count("fr")) == (24, 12, 12)
    assert [g["id"] for g in GOLD] == [a["id"] for a in ARTICLES]


def test_holdout4_ids_are_unique_and_titles_apart_from_the_other_sets() -> None:
    ids = [a["id"] for a in ARTICLES]
    assert len(set(ids)) == len(ids)
    others = {a["title"] for name in OTHER_SETS for a in read_lines(EXAMPLES / name, "articles.jsonl")}
    assert not others & {a["title"] for a in ARTICLES}


@pytest.mark.parametrize("article", ARTICLES, ids=[a["id"] for a in ARTICLES])
def test_holdout4_article_is_a_dated_wire_item_with_its_gold(article: dict[str, Any]) -> None:
    assert re.fullmatch(r"holdout4-(en|fr)-\d{3}", article["id"])
    assert article["language"] == article["id"].split("-")[1]
    assert re.fullmatch(r"202[4-6]-\d{2}-\d{2}", article["published"])
    datetime.date.fromisoformat(article["published"])
    assert 120 <= len(article["text"].split()) <= 300
    assert article["title"].strip() and article["source"] == "dyadwatch-holdout4"
    gold = next(g for g in GOLD if g["id"] == article["id"])
    assert (gold["published"], gold["language"]) == (article["published"], article["language"])
    assert gold["events"]
    assert all(person["name"] in article["text"] for person in gold["actors"])


def test_holdout4_every_event_is_well_formed() -> None:
    """One shared check for all events; the failing event's id is named in the message."""
    for (gid, _, event), name in zip(EVENTS, EVENT_IDS):
        try:
            check_event(event, TEXTS[gid], PUBLISHED[gid])
        except AssertionError as err:
            raise AssertionError(f"{name} is malformed: {event.get('evidence')!r}") from err


def test_holdout4_counts_by_language_and_status() -> None:
    by_language = {lang: sum(1 for g in GOLD if g["language"] == lang for _ in g["events"]) for lang in ("en", "fr")}
    optional = sum(1 for _, _, e in EVENTS if e.get("status") == "optional")
    assert (by_language["en"], by_language["fr"], optional) == (161, 160, 90)


def test_holdout4_gold_loads_through_the_eval_reader() -> None:
    golds = load_gold(str(HOLDOUT4 / "gold.jsonl"))
    assert len(golds) == 24
    assert sum(len(g.events) for g in golds) == len(EVENTS)
    assert all(g.text == TEXTS[g.id] for g in golds)
