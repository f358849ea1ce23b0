"""The third to tenth hold-out gold sets (examples/holdout3/ to examples/holdout10/): integrity only, never a
threshold on the coder's score.

Each set was written and annotated before the coder ever ran on it, to measure the coder on text nobody tuned
on: the third in the seventh session, the fourth in the eighth, when the three earlier sets became development
sets (the engineers who tune the coder read and measure them), the fifth in the ninth, when the fourth became one
too, the sixth in the tenth, while the fifth was still blind, and the seventh in the eleventh, when the fifth and
sixth had become development sets. In the twelfth session the seventh became one, the eighth was written as the
new blind set, and the ninth and tenth (events of 2019-2021 and 2015-2018) were written blind, measured once and
added to the training sets. These tests check only that the files are well
formed and agree with the ontology; the scores are reported by `dyadwatch eval examples/holdoutN/gold.jsonl`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from holdout_sets import EXAMPLES, check_event, events_of, read_lines

from dyadwatch.eval.gold import load_gold


@dataclass
class HoldoutSet:
    name: str
    counts: tuple[int, int, int]  # gold events in English, in French, and optional ones
    others: tuple[str, ...]  # the sets written before it, whose titles it must not repeat
    articles: list[dict[str, Any]] = field(init=False)
    gold: list[dict[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.articles = read_lines(EXAMPLES / self.name, "articles.jsonl")
        self.gold = read_lines(EXAMPLES / self.name, "gold.jsonl")
        self.texts = {a["id"]: a["text"] for a in self.articles}
        self.published = {a["id"]: a["published"] for a in self.articles}
        self.events, self.event_ids = events_of(self.gold)


SETS = [
    HoldoutSet("holdout3", (180, 158, 98), ("holdout", "holdout2", "demo")),
    HoldoutSet("holdout4", (161, 160, 90), ("holdout", "holdout2", "holdout3", "demo")),
    HoldoutSet("holdout5", (161, 152, 99), ("holdout", "holdout2", "holdout3", "holdout4", "demo")),
    HoldoutSet("holdout6", (156, 150, 88), ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "demo")),
    HoldoutSet("holdout7", (173, 167, 103), ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "demo")),
    HoldoutSet("holdout8", (159, 144, 120), ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "demo")),
    HoldoutSet("holdout9", (160, 155, 99), ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "demo")),
    HoldoutSet("holdout10", (189, 164, 101), ("holdout", "holdout2", "holdout3", "holdout4", "holdout5", "holdout6", "holdout7", "holdout8", "holdout9", "demo")),
]
ARTICLES = [(s, a) for s in SETS for a in s.articles]


@pytest.fixture(params=SETS, ids=[s.name for s in SETS])
def hold(request: pytest.FixtureRequest) -> HoldoutSet:
    return request.param


def test_holdout_set_has_12_english_and_12_french_articles_in_gold_order(hold: HoldoutSet) -> None:
    languages = [a["language"] for a in hold.articles]
    assert (len(hold.articles), languages.count("en"), languages.count("fr")) == (24, 12, 12)
    assert [g["id"] for g in hold.gold] == [a["id"] for a in hold.articles]


def test_holdout_set_ids_are_unique_and_titles_apart_from_the_other_sets(hold: HoldoutSet) -> None:
    ids = [a["id"] for a in hold.articles]
    assert len(set(ids)) == len(ids)
    others = {a["title"] for name in hold.others for a in read_lines(EXAMPLES / name, "articles.jsonl")}
    assert not others & {a["title"] for a in hold.articles}


@pytest.mark.parametrize("hold,article", ARTICLES, ids=[a["id"] for _, a in ARTICLES])
def test_holdout_article_is_a_dated_wire_item_with_its_gold(hold: HoldoutSet, article: dict[str, Any]) -> None:
    assert re.fullmatch(rf"{hold.name}-(en|fr)-\d{{3}}", article["id"])
    assert article["language"] == article["id"].split("-")[1]
    assert re.fullmatch(r"20(1[5-9]|2[0-6])-\d{2}-\d{2}", article["published"])  # hold-outs 9 and 10 cover 2015-2021
    datetime.date.fromisoformat(article["published"])
    assert 120 <= len(article["text"].split()) <= 300
    assert article["title"].strip() and article["source"] == f"dyadwatch-{hold.name}"
    gold = next(g for g in hold.gold if g["id"] == article["id"])
    assert (gold["published"], gold["language"]) == (article["published"], article["language"])
    assert gold["events"]
    assert all(person["name"] in article["text"] for person in gold["actors"])


def test_holdout_set_every_event_is_well_formed(hold: HoldoutSet) -> None:
    """One shared check for all events; the failing event's id is named in the message."""
    for (gid, _, event), name in zip(hold.events, hold.event_ids):
        try:
            check_event(event, hold.texts[gid], hold.published[gid])
        except AssertionError as err:
            raise AssertionError(f"{name} is malformed: {event.get('evidence')!r}") from err


def test_holdout_set_counts_by_language_and_status(hold: HoldoutSet) -> None:
    by_language = {lang: sum(1 for g in hold.gold if g["language"] == lang for _ in g["events"]) for lang in ("en", "fr")}
    optional = sum(1 for _, _, e in hold.events if e.get("status") == "optional")
    assert (by_language["en"], by_language["fr"], optional) == hold.counts


def test_holdout_set_gold_loads_through_the_eval_reader(hold: HoldoutSet) -> None:
    golds = load_gold(str(EXAMPLES / hold.name / "gold.jsonl"))
    assert len(golds) == 24
    assert sum(len(g.events) for g in golds) == len(hold.events)
    assert all(g.text == hold.texts[g.id] for g in golds)
