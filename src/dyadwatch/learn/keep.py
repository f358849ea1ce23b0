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

from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.errors import make
from dyadwatch.events.arguments import cue_words
from dyadwatch.learn.linear import LinearModel
from dyadwatch.records import Event

# Config.keep_model's value for the model shipped in learn/data
BUILTIN = "builtin"
# both label schemes: English (ClearNLP-style) and French (UD)
_RELATIVE = frozenset({"relcl", "acl:relcl"})
_COMPLEMENTS = frozenset({"ccomp", "parataxis", "xcomp"})
_QUOTES = frozenset("\"“”«»")


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
    from spacy.attrs import IDX

    from dyadwatch.nlp.lists import parse_lists

    lists = parse_lists(ctx.doc)
    starts = ctx.doc.to_array([IDX]).tolist() if len(ctx.doc) else []
    return ParseView(language, ctx.heads, ctx.deps, ctx.pos, ctx.lemmas, ctx.kids, starts, lists.sent_of, len(lists.sents))


@lru_cache(maxsize=4)
def _reporting(language: str) -> frozenset[str]:
    return cue_words(language, "reporting")


def _trigger(view: ParseView, e: Event) -> int:
    i = bisect_left(view.starts, e.evidence.trigger_start)
    return min(i, len(view.starts) - 1)


def _bin(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def _clause_cues(view: ParseView, i: int) -> list[str]:
    """Where the trigger sits, read per category only (in leave-one-set-out folds its labels, noun phrase and
    clause path alone did not help): a noun, inside a relative clause, inside what a reporting verb reports."""
    heads, deps, lemmas = view.heads, view.deps, view.lemmas
    out = ["noun"] if view.pos[i] == "NOUN" else []
    reporting = _reporting(view.language)
    cur = i
    for _ in range(8):
        up = heads[cur]
        if up == cur:
            break
        if deps[cur] in _RELATIVE:
            out.append("relcl")
        elif deps[cur] in _COMPLEMENTS and lemmas[up] in reporting:
            out.append("reported")
        cur = up
    return out


def _party_features(e: Event, out: list[str]) -> None:
    """How the parties were found: how many, of which kind, guessed or unresolved, the same country."""
    for side, ents in (("a", e.actor), ("r", e.recipient)):
        out.append(f"n{side}=" + _bin(len(ents), (0, 1)))
        for ent in ents[:2]:
            out.append(f"{side}kind={ent.kind}")
            out.append(f"{side}sector={ent.sector or '-'}")
            if ent.guessed:
                out.append(f"{side}guessed")
            if ent.code == "UNK":
                out.append(f"{side}unk")
    if e.actor and e.recipient and {x.code for x in e.actor} & {x.code for x in e.recipient}:
        out.append("same_country")


def _neighbour_features(view: ParseView, e: Event, i: int, others: list[tuple[Event, int]], out: list[str]) -> None:
    """The other events of the article: in the same sentence, governing this trigger, or the same dyad again."""
    heads = view.heads
    ancestors: set[int] = set()
    cur = i
    while heads[cur] != cur and len(ancestors) < 12:
        cur = heads[cur]
        ancestors.add(cur)
    same = 0
    dyad = ({x.code for x in e.actor}, {x.code for x in e.recipient})
    for o, j in others:
        if o is e:
            continue
        if o.evidence.sentence_index == e.evidence.sentence_index:
            same += 1
            if j in ancestors:
                out += ["governed", "governed_by=" + o.category]
            elif j != i and heads[j] != j and _governs(heads, i, j):
                out.append("governs")
        elif (o.category == e.category and o.evidence.start < e.evidence.start
              and ({x.code for x in o.actor}, {x.code for x in o.recipient}) == dyad):
            out.append("repeat")
    out.append("others=" + _bin(same, (0, 1, 2)))


def _governs(heads: list[int], top: int, j: int) -> bool:
    for _ in range(12):
        if heads[j] == j:
            return False
        j = heads[j]
        if j == top:
            return True
    return False


def event_features(view: ParseView, e: Event, others: list[tuple[Event, int]] | None = None) -> frozenset[str]:
    """The named features of one event (``others``: the article's events with their trigger positions)."""
    i = _trigger(view, e) if view.starts else 0
    cat = e.category
    out = ["lang=" + view.language, "cat=" + cat, f"cat={cat}|lang={view.language}",
           "mode=" + (e.mode or "-"), "conf=%.1f" % min(e.confidence, 0.9)]
    out += [name for name, on in (("negated", e.negated), ("future", e.future), ("hypothetical", e.hypothetical),
                                  ("historical", e.historical)) if on]
    sent = e.evidence.sentence_index
    out.append("sent=" + _bin(sent, (0, 1, 3, 8)))
    if view.sentences and sent >= view.sentences - 2:
        out.append("sent=last")
    before = e.evidence.sentence[: max(0, e.evidence.trigger_start - e.evidence.start)]
    if sum(ch in _QUOTES for ch in before) % 2:
        out.append("in_quote")
    _party_features(e, out)
    if view.starts:
        if others is not None:
            _neighbour_features(view, e, i, others, out)
        out += [f"cat={cat}|{cue}" for cue in _clause_cues(view, i)]
    out += [f"cat={cat}|{f}" for f in out if f in _CROSSED]
    return frozenset(out)


# features also read per category: a governed SANCTION is not a governed ACCUSE
_CROSSED = frozenset({"governed", "future", "negated", "hypothetical", "nr=0"})


def filter_events(events: list[Event], view: ParseView, model: LinearModel) -> list[Event]:
    """The events the model keeps, in the rules' order.

    An article the rules found events in keeps at least its most likely one: a text is coded because it
    reports something, and a caller that codes one sentence (the GSR, ``code_text``) asks for its best
    reading, not for none (in the folds this cost nothing: the model never emptied a whole article there).
    """
    if not events or not view.starts:
        return events
    placed = [(e, _trigger(view, e)) for e in events]
    scores = [model.probability(event_features(view, e, placed)) for e in events]
    if max(scores) < model.threshold:
        best = scores.index(max(scores))
        return [events[best]]
    return [e for e, p in zip(events, scores) if p >= model.threshold]


@lru_cache(maxsize=4)
def load_keep_model(name: str) -> LinearModel | None:
    """The model named by ``Config.keep_model``: the shipped one, a path, or none (empty)."""
    if not name:
        return None
    path = Path(__file__).parent / "data" / "keep.json" if name == BUILTIN else Path(name)
    if name == BUILTIN and not path.is_file():
        return None  # a checkout before the model was trained: the rules alone
    try:
        return LinearModel.load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise make("E802", where=str(path), key="keep_model", value=repr(name),
                   reason=f"{exc}; use 'builtin', '' (the rules alone) or a model written by bench/train_keep.py") from exc


def keep_events(events: list[Event], ctx: Any, language: str, model_name: str) -> list[Event]:
    """The events of one article that the filter keeps; all of them without a model."""
    model = load_keep_model(model_name)
    if model is None or not events:
        return events
    return filter_events(events, view_of(ctx, language), model)
