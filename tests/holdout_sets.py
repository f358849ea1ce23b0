"""Shared integrity checks of the blind hold-out gold sets (examples/holdout*/): the files' shape, never a score."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

from dyadwatch.ontology import load_ontology

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FLAGS = ("negated", "future", "hypothetical", "historical")
DATE_LENGTH = {"day": 10, "week": 10, "month": 7, "season": 7, "year": 4}
NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}


def read_lines(folder: Path, name: str) -> list[dict[str, Any]]:
    text = (folder / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def events_of(gold: list[dict[str, Any]]) -> tuple[list[tuple[str, int, dict[str, Any]]], list[str]]:
    """Every gold event as (article id, index, event), and a test id for each."""
    events = [(g["id"], i, e) for g in gold for i, e in enumerate(g["events"])]
    return events, [f"{gid}#{i}" for gid, i, _ in events]


def check_event(event: dict[str, Any], text: str, published: str) -> None:
    """One gold event is well formed: evidence in the text, terms of the ontology, known codes, valid flags and date."""
    assert event["evidence"] in text
    assert event["trigger"] in event["evidence"]
    onto = load_ontology()
    assert onto.is_valid(event["category"], event["mode"])
    for alternative in event.get("alternatives", []):
        assert alternative in onto.categories and alternative != event["category"]
    assert event["contexts"] and set(event["contexts"]) <= set(onto.contexts)
    assert event["actor"] or event["recipient"]
    for entity in event["actor"] + event["recipient"]:
        assert entity["sector"] in onto.sectors
        code = entity["country"]
        assert code is None or code in NON_STATE or re.fullmatch(r"[A-Z]{3}", code)
    assert all(isinstance(event[flag], bool) for flag in FLAGS)
    assert event.get("status", "required") in {"required", "optional"}
    if event["date"] is None:
        assert event["date_precision"] is None
        return
    assert len(event["date"]) == DATE_LENGTH[event["date_precision"]]
    if event["date_precision"] in {"day", "week"}:
        day = datetime.date.fromisoformat(event["date"])
        assert day <= datetime.date.fromisoformat(published)
        if event["date_precision"] == "week":
            assert day.weekday() == 0  # the Monday of that week
