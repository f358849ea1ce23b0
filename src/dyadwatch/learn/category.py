"""The learned category correction: move an event across one of the ontology's boundaries.

It runs once per article in the events stage, on what ``code_events`` returns and
before ``prune_events``. The lexicon gives each trigger one category (the most
specific pattern wins) and the event filter (``learn/keep.py``) can only drop an
event, never fix its category. Many wrong categories sit on a boundary the ontology
draws itself: a promised meeting is AGREE, not CONSULT; an arrest is COERCE, a
conviction SANCTION; a refusal REJECT, a condemnation ACCUSE. Those boundaries are
data (``learn/data/category_pairs.json``): for each lexicon category, the only
categories it may move to. A logistic model (``learn.linear``) trained on our
development gold (``bench/train_category.py``) scores each (category, alternative)
pair from the trigger's words, its flags, where it sits in the parse, its parties
and the other categories of its sentence; the category changes only where the best
alternative reaches the model's threshold.

Features are read from the parse as plain lists (``ParseView``), never from spaCy
tokens. Without a model (``Config.category_model`` empty) every category stands.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.events.arguments import cue_words
from dyadwatch.learn.keep import ParseView, Placed, place, view_of
from dyadwatch.learn.linear import LinearModel, load_named
from dyadwatch.records import Event

_OBJ = frozenset({"dobj", "obj", "iobj", "dative", "obl:arg"})
_DET = frozenset({"det", "poss", "det:poss"})
_NEG = frozenset({"neg"})


@lru_cache(maxsize=1)
def boundary_pairs() -> dict[str, tuple[str, ...]]:
    """Each lexicon category and the categories the ontology lets it move to (``category_pairs.json``)."""
    path = Path(__file__).parent / "data" / "category_pairs.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(k): tuple(str(v) for v in vs) for k, vs in data["pairs"].items()}


@lru_cache(maxsize=4)
def _governors(language: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The cue lists of ``modality.<lang>.yaml`` whose words, above a trigger, move it across a boundary:
    "ready to meet" is a promise (AGREE), "cancelled the sanctions" a concession."""
    return tuple((key, cue_words(language, key)) for key in ("intent", "vow", "cancelling"))


def _kids_with(view: ParseView, i: int, deps: frozenset[str]) -> list[int]:
    return [k for k in view.kids[i] if view.deps[k] in deps]


def base_features(view: ParseView, me: Placed, others: tuple[str, ...]) -> tuple[str, ...]:
    """What one event says about its category, before any pair is named (``others``: its sentence's other categories)."""
    e, i = me.event, me.token
    lem = view.lemmas[i].lower()
    out = ["lang=" + view.language, "mode=" + (e.mode or "-"), "lem=" + lem, "pos=" + view.pos[i]]
    out += [name for name, on in (("future", e.future), ("negated", e.negated), ("historical", e.historical),
                                  ("hypothetical", e.hypothetical)) if on]
    out += list(me.cues)
    objs = _kids_with(view, i, _OBJ)
    if objs:
        out += ["obj", "obj=" + view.lemmas[objs[0]].lower()]
    if view.pos[i] == "NOUN" and _kids_with(view, i, _DET):
        out.append("noun_det")  # "the arrest", "its sanctions": an act named, not one reported now
    head = view.heads[i]
    if head != i:
        out.append("head=" + view.lemmas[head].lower())
    for key, words in _governors(view.language):
        if any(view.lemmas[h].lower() in words for h in me.ancestors[:2]):
            out.append("under=" + key)
    out.append("nr=0" if not e.recipient else "rsector=" + (e.recipient[0].sector or "-"))
    if e.actor:
        out += ["akind=" + e.actor[0].kind, "asector=" + (e.actor[0].sector or "-")]
    out += ["other=" + c for c in sorted(set(others))]
    return tuple(out)


def pair_features(base: tuple[str, ...], old: str, new: str) -> frozenset[str]:
    """The features of moving an event from ``old`` to ``new``: the pair alone and the pair with each base feature."""
    pair = f"{old}>{new}"
    return frozenset([pair, *(f"{pair}|{f}" for f in base)])


def article_options(view: ParseView, events: list[Event]) -> list[list[tuple[str, frozenset[str]]]]:
    """For each event, its alternatives and their features (what training and the hook both read)."""
    pairs = boundary_pairs()
    if not view.starts:
        return [[] for _ in events]
    placed = place(view, events)
    out: list[list[tuple[str, frozenset[str]]]] = []
    for me in placed:
        alts = pairs.get(me.event.category, ())
        if not alts:
            out.append([])
            continue
        others = tuple(p.event.category for p in placed if p.sentence == me.sentence and p is not me)
        base = base_features(view, me, others)
        out.append([(a, pair_features(base, me.event.category, a)) for a in alts])
    return out


def _recategorised(e: Event, category: str, onto: Any) -> Event:
    """The event under another category: its quad and score follow the category; a mode the new one lacks goes."""
    if onto is None:
        return replace(e, category=category, mode=None)
    mode = e.mode if e.mode and onto.is_valid(category, e.mode) else None
    return replace(e, category=category, mode=mode, score=onto.score(category, mode), quad=onto.quad(category))


def _cut(model: LinearModel) -> float:
    """The threshold as a sum of weights (the bias left out): what a move's features must reach."""
    t = model.threshold
    return math.log(t / (1.0 - t)) - model.bias if 0.0 < t < 1.0 else (math.inf if t >= 1.0 else -math.inf)


# per model (by id, with the model kept alive beside its index): the pairs its threshold can reach
_REACH: dict[int, tuple[LinearModel, dict[str, dict[str, dict[str, float]]]]] = {}


def reachable(model: LinearModel) -> dict[str, dict[str, dict[str, float]]]:
    """For each lexicon category, the moves whose weights could reach the threshold, each with its weights by
    base feature ("" for the pair alone). A move no set of its features can lift that far is never scored, so an
    article whose events have no reachable move costs one dict lookup per event."""
    held = _REACH.get(id(model))
    if held is not None and held[0] is model:
        return held[1]
    moves: dict[str, dict[str, dict[str, float]]] = {}
    for old, news in boundary_pairs().items():
        for new in news:
            pair = f"{old}>{new}"
            weights = {f[len(pair) + 1:]: w for f, w in model.weights.items() if f.startswith(pair + "|")}
            weights[""] = model.weights.get(pair, 0.0)
            if weights[""] + sum(w for f, w in weights.items() if w > 0 and f) >= _cut(model):
                moves.setdefault(old, {})[new] = weights
    _REACH[id(model)] = (model, moves)
    return moves


def correct_events(events: list[Event], view: ParseView, model: LinearModel, onto: Any = None) -> list[Event]:
    """The events with each category moved where the model's best alternative reaches its threshold."""
    moves = reachable(model)
    if not view.starts or not any(e.category in moves for e in events):
        return events
    cut = _cut(model)
    placed = place(view, events)
    out = []
    for me in placed:
        e, best, top = me.event, None, cut
        options = moves.get(e.category)
        if options:
            others = tuple(p.event.category for p in placed if p.sentence == me.sentence and p is not me)
            base = frozenset(base_features(view, me, others))  # a cue read twice counts once, as in training
            for new, weights in options.items():
                get = weights.get
                z = weights[""] + sum(get(f, 0.0) for f in base)
                if z >= top:
                    best, top = new, z
        out.append(e if best is None else _recategorised(e, best, onto))
    return out


@lru_cache(maxsize=4)
def load_category_model(name: str) -> LinearModel | None:
    """The model named by ``Config.category_model``: the shipped one, a path, or none (empty)."""
    return load_named(name, "category", "category_model")


def correct_categories(events: list[Event], ctx: Any, language: str, model_name: str) -> list[Event]:
    """The events of one article with the model's category corrections; all unchanged without a model."""
    model = load_category_model(model_name)
    if model is None or not events:
        return events
    moves = reachable(model)
    if not any(e.category in moves for e in events):
        return events  # nothing the model could move: the parse is not read
    return correct_events(events, view_of(ctx, language), model, ctx.onto)
