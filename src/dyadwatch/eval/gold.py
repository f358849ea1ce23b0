"""Readers for the gold formats, mapped to one shape: GoldArticle with GoldEvents."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.actors.gazetteer import read_data
from dyadwatch.errors import make


@dataclass(frozen=True)
class GoldEvent:
    category: str
    actor: frozenset[str]
    recipient: frozenset[str]
    alternatives: frozenset[str] = frozenset()
    required: bool = True
    date: str | None = None
    date_precision: str | None = None
    mode: str | None = None
    negated: bool = False
    evidence: str | None = None


@dataclass
class GoldArticle:
    id: str
    text: str
    published: str | None
    language: str | None
    events: list[GoldEvent]
    actors: list[dict[str, Any]] = field(default_factory=list)
    kind: str = "article"  # article | sentence


@lru_cache(maxsize=1)
def _cameo_countries() -> dict[str, str]:
    data = read_data("dyadwatch.eval", "cameo_countries.yaml") or {}
    return {str(k): str(v) for k, v in (data.get("codes") or {}).items()}


def iso_code(code: str | None) -> str | None:
    """A CAMEO country code in ISO 3166-1 alpha-3 (non-state codes unchanged)."""
    if not code:
        return None
    return _cameo_countries().get(code, code)


def _codes(items: list[dict[str, Any]] | None, key: str) -> frozenset[str]:
    return frozenset(c for c in (iso_code(x.get(key)) for x in items or []) if c)


def load_gold(path: str) -> list[GoldArticle]:
    """Read any of the three gold formats from ``path``."""
    p = Path(path)
    if not p.is_file():
        raise make("E107", where=path, name=path)
    if p.suffix == ".json":
        return [_seed(p)]
    lines = [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    if lines and "event" in lines[0] and "text" in lines[0]:
        return [_sentence(r) for r in lines]
    return _articles(p, lines)


def _sentence(r: dict[str, Any]) -> GoldArticle:
    ev = GoldEvent(r["event"], _codes(r.get("actor"), "code"), _codes(r.get("recipient"), "code"))
    return GoldArticle(r["id"], r["text"], None, "en", [ev], kind="sentence")


def _event(e: dict[str, Any]) -> GoldEvent:
    return GoldEvent(
        category=e["category"],
        actor=_codes(e.get("actor"), "country"),
        recipient=_codes(e.get("recipient"), "country"),
        alternatives=frozenset(e.get("alternatives") or ()),
        required=e.get("status", "required") == "required",
        date=e.get("date"),
        date_precision=e.get("date_precision"),
        mode=e.get("mode"),
        negated=bool(e.get("negated") or e.get("hypothetical")),
        evidence=e.get("evidence"),
    )


def _articles(p: Path, records: list[dict[str, Any]]) -> list[GoldArticle]:
    texts: dict[str, dict[str, Any]] = {}
    corpus = p.parent / "articles.jsonl"
    if corpus.is_file():
        for line in corpus.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                texts[rec["id"]] = rec
    out = []
    for r in records:
        source = texts.get(r["id"], {})
        text = r.get("text") or source.get("text")
        if not text:
            raise make("E106", where=str(p), line=r["id"], name=p.name, field="text")
        out.append(
            GoldArticle(
                r["id"], text, r.get("published") or source.get("published"), r.get("language") or source.get("language"),
                [_event(e) for e in r.get("events") or []], r.get("actors") or [],
            )
        )
    return out


def _seed(p: Path) -> GoldArticle:
    doc = json.loads(p.read_text(encoding="utf-8"))
    meta = doc["article"]
    text = (p.parent / meta["file"]).read_text(encoding="utf-8")
    lines = text.strip().splitlines()
    body = "\n".join(lines[1:]).strip() if lines and lines[0].strip() == meta.get("title") else text.strip()
    return GoldArticle(meta["file"], body, meta.get("published"), meta.get("language"), [_event(e) for e in doc["events"]], doc.get("actors") or [])
