"""The second blind hold-out gold set (examples/holdout2/): integrity only, never a threshold on the coder's score.

The set was written and annotated before the coder ever ran on it, so that the lead can measure the coder on text
nobody tuned on. These tests check only that the files are well formed and agree with the ontology; the score is
reported by `dyadwatch eval examples/holdout2/gold.jsonl`.
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

HOLDOUT2 = Path(__file__).resolve().parents[1] / "examples" / "holdout2"
FLAGS = ("negated", "future", "hypothetical", "historical")
DATE_LENGTH = {"day": 10, "week": 10, "month": 7, "season": 7, "year": 4}
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}


def _read(name: str) -> list[dict[str, Any]]:
    text = (HOLDOUT2 / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


ARTICLES = _read("articles.jsonl")
GOLD = _read("gold.jsonl")
TEXTS = {a["id"]: a["text"] for a in ARTICLES}
EVENTS = [(g["id"], i, e) for g in GOLD for i, e in enumerate(g["events"])]
EVENT_IDS = [f"{gid}#{i}" for gid, i, _ in EVENTS]


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
def test_holdout2_evidence_is_in_the_text_and_trigger_in_the_evidence(gid: str, index: int, event: dict[str, Any]) -> None:
    assert event["evidence"] in TEXTS[gid]
    assert event["trigger"] in event["evidence"]


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout2_category_mode_and_alternatives_exist_in_the_ontology(gid: str, index: int, event: dict[str, Any]) -> None:
    onto = load_ontology()
    assert onto.is_valid(event["category"], event["mode"])
    for alternative in event.get("alternatives", []):
        assert alternative in onto.categories and alternative != event["category"]


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout2_contexts_sectors_and_country_codes_are_known(gid: str, index: int, event: dict[str, Any]) -> None:
    onto = load_ontology()
    assert event["contexts"] and set(event["contexts"]) <= set(onto.contexts)
    assert event["actor"] or event["recipient"]
    for entity in event["actor"] + event["recipient"]:
        assert entity["sector"] in onto.sectors
        code = entity["country"]
        assert code is None or code in NON_STATE or re.fullmatch(r"[A-Z]{3}", code)


@pytest.mark.parametrize(("gid", "index", "event"), EVENTS, ids=EVENT_IDS)
def test_holdout2_flags_status_and_date_are_well_formed(gid: str, index: int, event: dict[str, Any]) -> None:
    assert all(isinstance(event[flag], bool) for flag in FLAGS)
    assert event.get("status", "required") in {"required", "optional"}
    if event["date"] is None:
        assert event["date_precision"] is None
        return
    assert len(event["date"]) == DATE_LENGTH[event["date_precision"]]
    if event["date_precision"] in {"day", "week"}:
        day = datetime.date.fromisoformat(event["date"])
        assert day <= datetime.date.fromisoformat(next(a["published"] for a in ARTICLES if a["id"] == gid))
        if event["date_precision"] == "week":
            assert day.weekday() == 0  # the Monday of that week


def test_holdout2_counts_by_language_and_status() -> None:
    by_language = {lang: sum(1 for g in GOLD if g["language"] == lang for _ in g["events"]) for lang in ("en", "fr")}
    optional = sum(1 for _, _, e in EVENTS if e.get("status") == "optional")
    assert (by_language["en"], by_language["fr"], optional) == (162, 109, 87)


def test_holdout2_gold_loads_through_the_eval_reader() -> None:
    golds = load_gold(str(HOLDOUT2 / "gold.jsonl"))
    assert len(golds) == 24
    assert sum(len(g.events) for g in golds) == len(EVENTS)
    assert all(g.text == TEXTS[g.id] for g in golds)
