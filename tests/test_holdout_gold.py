"""The blind hold-out gold set (examples/holdout/): integrity only, never a threshold on the coder's score.

The set measures the coder on text it was not tuned on, so these tests check that the files are well formed
and consistent with the ontology; how well the coder does on them is reported by `dyadwatch eval`.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest

from dyadwatch.eval.gold import load_gold
from dyadwatch.ontology import load_ontology

HOLDOUT = Path(__file__).resolve().parents[1] / "examples" / "holdout"
FLAGS = ("negated", "future", "hypothetical", "historical")
PRECISIONS = {"day": 10, "week": 10, "month": 7, "season": 7, "year": 4}
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}


def _lines(name: str) -> list[dict[str, Any]]:
    text = (HOLDOUT / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


ARTICLES = _lines("articles.jsonl")
GOLD = _lines("gold.jsonl")
TEXTS = {a["id"]: a["text"] for a in ARTICLES}
EVENTS = [(g["id"], i, e) for g in GOLD for i, e in enumerate(g["events"])]
EVENT_IDS = [f"{gid}#{i}" for gid, i, _ in EVENTS]


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
def test_holdout_event_evidence_is_in_the_text_and_trigger_in_the_evidence(gid: str, index: int, event: dict[str, Any]) -> None:
    assert event["evidence"] in TEXTS[gid]
    assert event["trigger"] in event["evidence"]


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout_event_category_mode_and_alternatives_are_in_the_ontology(gid: str, index: int, event: dict[str, Any]) -> None:
    onto = load_ontology()
    assert onto.is_valid(event["category"], event["mode"])
    for alternative in event.get("alternatives", []):
        assert alternative in onto.categories and alternative != event["category"]


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout_event_contexts_sectors_and_codes_are_known(gid: str, index: int, event: dict[str, Any]) -> None:
    onto = load_ontology()
    assert event["contexts"] and set(event["contexts"]) <= set(onto.contexts)
    assert event["actor"] or event["recipient"]
    for entity in event["actor"] + event["recipient"]:
        assert entity["sector"] in onto.sectors
        code = entity["country"]
        assert code is None or code in NON_STATE or re.fullmatch(r"[A-Z]{3}", code)


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout_event_flags_status_and_date_are_well_formed(gid: str, index: int, event: dict[str, Any]) -> None:
    assert all(isinstance(event[flag], bool) for flag in FLAGS)
    assert event.get("status", "required") in {"required", "optional"}
    if event["date"] is None:
        assert event["date_precision"] is None
    else:
        assert len(event["date"]) == PRECISIONS[event["date_precision"]]
        if event["date_precision"] == "week":
            assert datetime.date.fromisoformat(event["date"]).weekday() == 0  # the Monday of that week


def test_holdout_gold_loads_through_the_eval_reader() -> None:
    golds = load_gold(str(HOLDOUT / "gold.jsonl"))
    assert len(golds) == 24
    assert sum(len(g.events) for g in golds) == len(EVENTS)
    assert all(g.text == TEXTS[g.id] for g in golds)
