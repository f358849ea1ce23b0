"""The learned event filter: keep or drop each event the lexicon coder proposes.

It runs once per article in the events stage, after ``prune_events``. The
rules propose every reading a trigger allows; many that the gold does not
count share a shape rather than a word: a statement coded as an act, the
content of a request or a threat coded again as its own event, an act named
in a relative clause or a background noun phrase, a party guessed from the
article. A logistic model (``learn.linear``) trained on our development gold
(``bench/train_keep.py``) scores the structure of each event: its category,
flags and parties, where its trigger sits in the parse, and what the other
events of its sentence are. An event the model gives less than its threshold
is dropped.

Features are read from the parse as plain lists (``ParseView``), never from
spaCy tokens, so scoring costs a few dict lookups per event. Without a model
(``Config.keep_model`` empty) the rules' output passes unchanged.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any, NamedTuple

from dyadwatch.events.arguments import cue_words
from dyadwatch.learn.linear import BUILTIN, LinearModel, load_named
from dyadwatch.records import Event

# Config.keep_model's value for the model shipped in learn/data
# both label schemes: English (ClearNLP-style) and French (UD)
_RELATIVE = frozenset({"relcl", "acl:relcl"})
_COMPLEMENTS = frozenset({"ccomp", "parataxis", "xcomp"})
_QUOTES = ("\"", "“", "”", "«", "»")


@dataclass(frozen=True)
class ParseView:
    """The parse of one article as plain lists: what the features read (picklable, no spaCy objects)."""

    language: str
    heads: list[int]
    deps: list[str]
    pos: list[str]
    lemmas: list[str]
    kids: list[list[int]]
    starts: list[int]  # each token's character offset in the article
    sent_of: list[int]  # each token's sentence index
    sentences: int


def view_of(ctx: Any, language: str) -> ParseView:
    """The view of a coder ``Context`` (its lists, plus token offsets read in one array call)."""
    from dyadwatch.nlp.lists import parse_lists

    lists = parse_lists(ctx.doc)
    return ParseView(language, ctx.heads, ctx.deps, ctx.pos, ctx.lemmas, ctx.kids, lists.starts, lists.sent_of, len(lists.sents))


@lru_cache(maxsize=4)
def _reporting(language: str) -> frozenset[str]:
    return cue_words(language, "reporting")


def _trigger(view: ParseView, e: Event) -> int:
    i = bisect_left(view.starts, e.evidence.trigger_start)
    return min(i, len(view.starts) - 1)


class Placed(NamedTuple):
    """One event's place in the parse, read once per article: its trigger, the tokens above it, its cues."""

    event: Event
    token: int
    sentence: int
    ancestors: tuple[int, ...]  # the trigger's heads up to the root (at most 12)
    cues: tuple[str, ...]  # where it sits: a noun, inside a relative clause, inside what a reporting verb reports
    # category, actor and recipient countries; only for a category the article codes more than once (a repeat)
    dyad: tuple[str, frozenset[str], frozenset[str]] | None


def place(view: ParseView, events: list[Event]) -> list[Placed]:
    """The article's events in the parse (what the neighbour features compare)."""
    heads, deps, lemmas, pos = view.heads, view.deps, view.lemmas, view.pos
    reporting = _reporting(view.language)
    seen = Counter(e.category for e in events)
    out = []
    for e in events:
        i = _trigger(view, e)
        up: list[int] = []
        cues = ["noun"] if pos[i] == "NOUN" else []
        cur = i
        while heads[cur] != cur and len(up) < 12:
            h = heads[cur]
            if len(up) < 8:  # a clause more than eight heads up is another sentence's business
                if deps[cur] in _RELATIVE:
                    cues.append("relcl")
                elif deps[cur] in _COMPLEMENTS and lemmas[h] in reporting:
                    cues.append("reported")
            up.append(h)
            cur = h
        dyad = (e.category, frozenset(x.code for x in e.actor), frozenset(x.code for x in e.recipient)) if seen[e.category] > 1 else None
        out.append(Placed(e, i, e.evidence.sentence_index, tuple(up), tuple(cues), dyad))
    return out


class Around(NamedTuple):
    """The article's events grouped for the neighbour features: by sentence, and where each dyad first shows."""

    by_sentence: dict[int, list[Placed]]
    first: dict[tuple[str, frozenset[str], frozenset[str]], int]


def around(placed: list[Placed]) -> Around:
    by_sentence: dict[int, list[Placed]] = {}
    first: dict[tuple[str, frozenset[str], frozenset[str]], int] = {}
    for p in placed:
        by_sentence.setdefault(p.sentence, []).append(p)
        if p.dyad is not None and first.get(p.dyad, p.sentence) >= p.sentence:
            first[p.dyad] = p.sentence
    return Around(by_sentence, first)


def _neighbour_features(me: Placed, near: Around, out: list[str]) -> None:
    """The other events of the article: in the same sentence, governing this trigger, or the same dyad again."""
    group = near.by_sentence.get(me.sentence, [me])
    for o in group:
        if o is me:
            continue
        if o.token in me.ancestors:
            out += ["governed", "governed_by=" + o.event.category]
        elif me.token in o.ancestors:
            out.append("governs")
    if me.dyad is not None and near.first.get(me.dyad, me.sentence) < me.sentence:
        out.append("repeat")  # the same category between the same countries, said again in a later sentence
    out.append(_OTHERS[min(len(group) - 1, 3)])


_OTHERS = ("others=0", "others=1", "others=2", "others=>2")


@lru_cache(maxsize=512)
def _party(side: str, kind: str, sector: str | None, guessed: bool, unresolved: bool) -> tuple[str, ...]:
    """The names one party adds (cached: a run sees few distinct kinds and sectors)."""
    out = (f"{side}kind={kind}", f"{side}sector={sector or '-'}")
    return out + ((f"{side}guessed",) if guessed else ()) + ((f"{side}unk",) if unresolved else ())


_COUNTS = {"a": ("na=0", "na=1", "na=>1"), "r": ("nr=0", "nr=1", "nr=>1")}


def _party_features(e: Event, out: list[str]) -> None:
    """How the parties were found: how many, of which kind, guessed or unresolved, the same country."""
    for side, ents in (("a", e.actor), ("r", e.recipient)):
        out.append(_COUNTS[side][min(len(ents), 2)])
        for ent in ents[:2]:
            out += _party(side, ent.kind, ent.sector, ent.guessed, ent.code == "UNK")
    if e.actor and e.recipient and {x.code for x in e.actor} & {x.code for x in e.recipient}:
        out.append("same_country")


def event_features(view: ParseView, e: Event | Placed, near: Around | None = None) -> frozenset[str]:
    """The named features of one event (``near``: the article's events, from ``place`` and ``around``)."""
    me = e if isinstance(e, Placed) else place(view, [e])[0] if view.starts else None
    ev = me.event if me is not None else e
    assert isinstance(ev, Event)
    cat, evidence = ev.category, ev.evidence
    sent = evidence.sentence_index
    own, crossed = _own(cat, view.language, ev.mode, ev.confidence, ev.negated, ev.future, ev.hypothetical,
                        ev.historical, bool(ev.recipient))
    out = [*own, *crossed, _SENTENCE[min(sent, 9)]]
    if view.sentences and sent >= view.sentences - 2:
        out.append("sent=last")
    at = evidence.trigger_start - evidence.start
    if at > 0 and sum(map(evidence.sentence.count, _QUOTES, repeat(0), repeat(at))) % 2:
        out.append("in_quote")  # an odd number of quotation marks before the trigger opens a quote
    _party_features(ev, out)
    if me is not None:
        late = list(me.cues)
        if near is not None:
            _neighbour_features(me, near, out)
            if "governed" in out:
                late.append("governed")
        out += [f"cat={cat}|{f}" for f in late]
    return frozenset(out)


@lru_cache(maxsize=4096)
def _own(cat: str, language: str, mode: str | None, confidence: float, negated: bool, future: bool,
         hypothetical: bool, historical: bool, recipient: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What the event's own fields say, and the same read per category (cached: few distinct combinations).

    The flags and a missing recipient are also read per category: a future SANCTION is not a future ACCUSE."""
    flags = [name for name, on in (("negated", negated), ("future", future), ("hypothetical", hypothetical)) if on]
    own = ["lang=" + language, "cat=" + cat, f"cat={cat}|lang={language}", "mode=" + (mode or "-"),
           "conf=%.1f" % min(confidence, 0.9), *flags]
    if historical:
        own.append("historical")
    if not recipient:
        flags.append("nr=0")
    return tuple(own), tuple(f"cat={cat}|{f}" for f in flags)


# the sentence's index in the article, in bins: the lead, the next, the first paragraphs, the body
_SENTENCE = ("sent=0", "sent=1", "sent=3", "sent=3", "sent=8", "sent=8", "sent=8", "sent=8", "sent=8", "sent=>8")


def article_features(view: ParseView, events: list[Event]) -> list[frozenset[str]]:
    """The features of each event of one article, in order (what training and the filter both read)."""
    if not view.starts:
        return [event_features(view, e) for e in events]
    placed = place(view, events)
    near = around(placed)
    return [event_features(view, p, near) for p in placed]


def filter_events(events: list[Event], view: ParseView, model: LinearModel) -> list[Event]:
    """The events the model keeps, in the rules' order.

    An article the rules found events in keeps at least its most likely one: a text is coded because it
    reports something, and a caller that codes one sentence (the GSR, ``code_text``) asks for its best
    reading, not for none (in the folds this cost nothing: the model never emptied a whole article there).
    """
    if not events or not view.starts:
        return events
    # the model's own decision in logit space: the weights of the features it knows, summed in one set operation
    weights, known = model.weights, model.weights.keys()
    scores = [sum(weights[f] for f in feats & known) for feats in article_features(view, events)]
    t = model.threshold
    cut = math.log(t / (1.0 - t)) - model.bias if 0.0 < t < 1.0 else (math.inf if t >= 1.0 else -math.inf)
    if max(scores) < cut:
        return [events[scores.index(max(scores))]]
    return [e for e, z in zip(events, scores) if z >= cut]


@lru_cache(maxsize=4)
def load_keep_model(name: str) -> LinearModel | None:
    """The model named by ``Config.keep_model``: the shipped one, a path, or none (empty)."""
    return load_named(name, "keep", "keep_model")


def keep_events(events: list[Event], ctx: Any, language: str, model_name: str) -> list[Event]:
    """The events of one article that the filter keeps; all of them without a model."""
    model = load_keep_model(model_name)
    if model is None or not events:
        return events
    return filter_events(events, view_of(ctx, language), model)
