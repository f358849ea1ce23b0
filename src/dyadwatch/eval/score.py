"""Scoring: category accuracy, per-category precision/recall/F1, actor countries, dates.

Sentence gold is scored on the top-1 coded event of each sentence; article
gold by matching coded events to gold events one to one. Both give
per-category counts, from which micro and macro averages follow.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError
from dyadwatch.eval.gold import GoldArticle, GoldEvent
import unicodedata

from dyadwatch.actors.registry import resolve as resolve_entity
from dyadwatch.records import Article, Entity, Event, article_id

NONE = "NONE"


@dataclass
class Counts:
    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def prf(self, cat: str) -> tuple[float, float, float]:
        tp, fp, fn = self.tp[cat], self.fp[cat], self.fn[cat]
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def micro(self) -> tuple[float, float, float]:
        tp, fp, fn = sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def categories(self) -> list[str]:
        return sorted(c for c in set(self.tp) | set(self.fn) | set(self.fp) if c != NONE)

    def macro_f1(self) -> float:
        gold_cats = sorted(c for c in set(self.tp) | set(self.fn) if c != NONE)
        return sum(self.prf(c)[2] for c in gold_cats) / len(gold_cats) if gold_cats else 0.0


# a gold file that codes every intergovernmental body as the generic IGO (the PLOVER GSR does) is matched by
# our more specific codes for the two bodies we name apart: UNO (the UN and its agencies) and EUR (the EU)
GENERIC_CODES = {"IGO": frozenset({"IGO", "UNO", "EUR"})}


def _ok(codes: frozenset[str], entities: tuple[Any, ...]) -> bool:
    wanted = frozenset().union(*(GENERIC_CODES.get(c, frozenset({c})) for c in codes)) if codes else codes
    return bool(wanted & {e.code for e in entities})


def _evidence_span(g: GoldEvent, text: str) -> tuple[int, int] | None:
    if not g.evidence:
        return None
    at = text.find(g.evidence.strip("“”\" "))
    return (at, at + len(g.evidence)) if at >= 0 else None


def _matches(g: GoldEvent, e: Event, text: str = "") -> bool:
    """Category (or an alternative), flags, the sentence that proves it, and the countries."""
    if e.category != g.category and e.category not in g.alternatives:
        return False
    span = _evidence_span(g, text)
    if span is not None and not (e.evidence.start < span[1] and span[0] < e.evidence.end):
        return False
    if g.negated != (e.negated or e.hypothetical):
        return False
    if g.actor and not _ok(g.actor, e.actor) and not (not e.actor and _ok(g.actor, e.recipient)):
        return False
    if g.recipient and not (_ok(g.recipient, e.recipient) or _ok(g.recipient, e.actor) and len(e.actor) > 1):
        return False
    return True


def _date_ok(g: GoldEvent, e: Event) -> bool | None:
    if not g.date:
        return None
    return bool(e.date) and (e.date or "").startswith(g.date[: max(4, len(g.date))]) or bool(e.date) and g.date.startswith((e.date or "")[:7]) and len(g.date) <= 7


def score_articles(golds: list[GoldArticle], coded: dict[str, list[Event]]) -> dict[str, Any]:
    counts = Counts()
    dates = Counter[str]()
    found_required = total_required = extras = 0
    details: list[dict[str, Any]] = []
    for g in golds:
        events = sorted(coded.get(g.id, []), key=lambda e: -e.confidence)
        counted = events  # negated and hypothetical events are matched only to gold events flagged the same way
        used: set[int] = set()
        # required gold events are matched first: an optional one listed earlier must not take the
        # only coded event that a required one needs (the order of the gold file does not matter)
        hits: dict[int, int | None] = {}
        for k in sorted(range(len(g.events)), key=lambda k: not g.events[k].required):
            ge = g.events[k]
            found = next((i for i, e in enumerate(counted) if i not in used and _matches(ge, e, g.text)), None)
            hits[k] = found
            if found is not None:
                used.add(found)
        for k, ge in enumerate(g.events):
            hit = hits[k]
            if hit is not None:
                counts.tp[ge.category] += 1
                ok = _date_ok(ge, counted[hit])
                if ok is not None:
                    dates["right" if ok else "wrong"] += 1
            elif ge.required:
                counts.fn[ge.category] += 1
            if ge.required:
                total_required += 1
                found_required += hit is not None
            details.append({"article": g.id, "gold": ge.category, "found": hit is not None, "required": ge.required})
        for i, e in enumerate(counted):
            if i not in used:
                counts.fp[e.category] += 1
                extras += 1
    p, r, f = counts.micro()
    return {
        "kind": "article",
        "articles": len(golds),
        "gold_events": sum(len(g.events) for g in golds),
        "required_found": found_required,
        "required_total": total_required,
        "extra_events": extras,
        "micro": {"precision": p, "recall": r, "f1": f},
        "macro_f1": counts.macro_f1(),
        "per_category": {c: dict(zip(("precision", "recall", "f1"), counts.prf(c)), support=counts.tp[c] + counts.fn[c]) for c in counts.categories()},
        "date_accuracy": dates["right"] / (dates["right"] + dates["wrong"]) if dates else None,
        "details": details,
    }


def score_sentences(golds: list[GoldArticle], coded: dict[str, list[Event]]) -> dict[str, Any]:
    counts = Counts()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    right = actor_right = actor_total = recip_right = recip_total = 0
    for g in golds:
        ge = g.events[0]
        events = sorted(coded.get(g.id, []), key=lambda e: -e.confidence)
        top = events[0] if events else None
        pred = top.category if top else NONE
        confusion[ge.category][pred] += 1
        if pred == ge.category:
            right += 1
            counts.tp[pred] += 1
        else:
            counts.fn[ge.category] += 1
            counts.fp[pred] += 1
        if ge.actor:
            actor_total += 1
            actor_right += bool(top and (_ok(ge.actor, top.actor)))
        if ge.recipient:
            recip_total += 1
            recip_right += bool(top and (_ok(ge.recipient, top.recipient)))
    p, r, f = counts.micro()
    return {
        "kind": "sentence",
        "sentences": len(golds),
        "top1_accuracy": right / len(golds) if golds else 0.0,
        "micro": {"precision": p, "recall": r, "f1": f},
        "macro_f1": counts.macro_f1(),
        "per_category": {c: dict(zip(("precision", "recall", "f1"), counts.prf(c)), support=counts.tp[c] + counts.fn[c]) for c in counts.categories()},
        "actor_country_accuracy": actor_right / actor_total if actor_total else None,
        "recipient_country_accuracy": recip_right / recip_total if recip_total else None,
        "confusion": {k: dict(v) for k, v in confusion.items()},
    }


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.lower())
    return "".join(ch for ch in decomposed if ch.isalnum() or ch == " ")


def _same_person(gold_name: str, entity: Entity) -> bool:
    g, p = _fold(gold_name).split(), _fold(entity.canonical).split()
    return bool(g and p) and (g == p or g[-1] == p[-1] and (len(g) == 1 or len(p) == 1 or g[0] == p[0]))


def _role_ok(gold: str | None, found: str | None) -> bool:
    if not gold or not found:
        return False
    g, f = _fold(gold), _fold(found)
    return g == f or f in g or g in f


def score_actors(golds: list[GoldArticle], people: dict[str, list[Entity]]) -> dict[str, Any] | None:
    """Persons of the gold: found by name, and with the right country, sector and role."""
    total = found = country = sector = role = 0
    missed: list[str] = []
    for g in golds:
        for actor in g.actors:
            total += 1
            match = next((e for e in people.get(g.id, []) if _same_person(actor["name"], e)), None)
            if match is None:
                missed.append(f"{g.id}: {actor['name']}")
                continue
            found += 1
            country += match.code == actor.get("country")
            sector += match.sector == actor.get("sector")
            role += _role_ok(actor.get("role"), match.role)
    if not total:
        return None
    return {
        "persons": total, "found": found, "country_right": country, "sector_right": sector, "role_right": role,
        "found_rate": found / total, "country_accuracy": country / total, "sector_accuracy": sector / total,
        "role_accuracy": role / total, "missed": missed,
    }


def evaluate(golds: list[GoldArticle], config: Config) -> dict[str, Any]:
    """Code every gold text and score the result."""
    from dyadwatch.pipeline import default_pipeline

    pipeline = default_pipeline(config)
    articles = [
        Article(article_id(g.text, g.id), g.id, g.text, None, g.published, None, g.language, "gold", g.id) for g in golds
    ]
    coded: dict[str, list[Event]] = {}
    people: dict[str, list[Entity]] = {}
    errors = 0
    for start in range(0, len(articles), config.batch_size):
        for art, res in zip(articles[start : start + config.batch_size], pipeline.code(articles[start : start + config.batch_size])):
            if isinstance(res, DyadwatchError):
                errors += 1
                continue
            coded[art.doc_id] = list(res.events)
            people[art.doc_id] = [m.entity for m in res.mentions]
    # the registry pass of a real run: what one article says about a person resolves another
    from dyadwatch.actors.registry import apply, learn

    registry = learn(e for es in people.values() for e in es)
    coded = {k: apply(v, registry) for k, v in coded.items()}
    people = {k: [resolve_entity(e, registry) for e in v] for k, v in people.items()}
    kind = golds[0].kind if golds else "article"
    result = score_sentences(golds, coded) if kind == "sentence" else score_articles(golds, coded)
    result["actors"] = score_actors(golds, people)
    result["errors"] = errors
    return result
