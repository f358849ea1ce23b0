"""The learned recall step: events told by words that no lexicon pattern knows.

It runs inside ``code_events``, per sentence, after the lexicon's candidates are
found and folded. The lexicon is the coder's core, but most required events the
rules miss on new text are told by other words for the same acts ("slapped
duties on", « a renvoyé dans ses foyers »), so no pattern fires. A logistic model
(``learn.linear``) trained on our development gold (``bench/train_recall.py``)
scores each verb, and each noun a party qualifies, of a sentence that names a
country or a person, when no lexicon pattern knows the word: first whether it
tells an event the eval would count, then which PLOVER category. A word scored
above the model's threshold becomes a ``Candidate`` with that category, so its
parties, date, place, flags and evidence come from the same code as a lexicon
event's, and it goes through the same merge, recipient choice and filter. Its
event is marked by a lower confidence (``PROPOSED_CONFIDENCE`` at most).

One JSON model holds both scorers: the event scorer's weights are named
``ev|<feature>`` (with the model's bias and threshold), the category scorer's
``<CATEGORY>|<feature>`` and ``<CATEGORY>|bias``. Features are read from the
``Context`` lists, never from spaCy tokens. Without a model (``Config.recall_model``
empty, the default) the rules' candidates pass unchanged.

Measured leave one set out on the seven development sets, the proposals are right
about as often as the break-even F1 / 2 and no more (3 of 7 folds helped, mean
event F1 -0.001): the words that tell a missed event recur too little across sets
for a model trained on ours to name their category. No model is shipped; the step
stays for a model that passes, trained on more gold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dyadwatch.events.arguments import cue_words
from dyadwatch.learn.linear import LinearModel, load_named

if TYPE_CHECKING:
    from dyadwatch.events.context import Candidate, Context
    from dyadwatch.records import Event

CATEGORIES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
              "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT")
# an event the learned step proposed is worth less than a lexicon event: merges and the filter prefer the rules'
PROPOSED_CONFIDENCE = 0.45
# both label schemes: English (ClearNLP-style) and French (UD)
_SUBJ = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "agent", "obl:agent"})
_OBJ = frozenset({"dobj", "obj", "iobj", "dative", "obl:arg"})
_PREP = frozenset({"prep", "obl", "obl:mod", "nmod"})
_CASE = frozenset({"case", "pobj"})
_RELATIVE = frozenset({"relcl", "acl:relcl"})
_REPORTED = frozenset({"ccomp", "parataxis"})
_NEG = frozenset({"neg", "advmod:neg"})
_AUX = frozenset({"aux", "aux:tense", "aux:pass", "auxpass"})
# what names a party on a word: itself, or its modifiers and the name it is headed by
_QUALIFIERS = frozenset({"compound", "amod", "flat", "flat:name", "nmod", "nmod:poss", "poss", "appos"})
_STATE_KINDS = frozenset({"country", "capital", "seat", "adjective"})
_BODY_KINDS = frozenset({"institution", "role", "group"})
_SKIP_KINDS = frozenset({"role", "institution", "country", "media", "capital", "seat", "adjective"})


@lru_cache(maxsize=8)
def _cues(language: str, key: str) -> frozenset[str]:
    return cue_words(language, key)


def party_kind(ctx: Context, k: int) -> str | None:
    """What kind of party a token names: a state (country, capital, demonym), a person, a body, or none."""
    if k in ctx.actors.tok_person:
        return "person"
    entry = ctx.actors.tok_entry.get(k)
    if entry is None:
        return None
    return "state" if entry.kind in _STATE_KINDS else "body" if entry.kind in _BODY_KINDS else None


def _party_near(ctx: Context, k: int) -> str | None:
    """The party a word or one of its qualifiers names ("the French minister", « le président algérien »)."""
    kind = party_kind(ctx, k)
    if kind is not None:
        return kind
    for g in ctx.kids[k]:
        if ctx.deps[g] in _QUALIFIERS:
            kind = party_kind(ctx, g)
            if kind is not None:
                return kind
    return None


def _preposition(ctx: Context, k: int) -> str:
    """The preposition that introduces ``k`` (French: its ``case`` child) or ``k`` itself (English ``prep``)."""
    if ctx.deps[k] == "prep":
        return ctx.lemmas[k]
    return next((ctx.lemmas[g] for g in ctx.kids[k] if ctx.deps[g] == "case"), "-")


def _prep_object(ctx: Context, k: int) -> int:
    """The noun a preposition governs (English ``prep`` → ``pobj``), or ``k`` itself (French ``obl``)."""
    if ctx.deps[k] == "prep":
        return next((g for g in ctx.kids[k] if ctx.deps[g] in _CASE), k)
    return k


def token_features(ctx: Context, i: int, parties: int) -> frozenset[str]:
    """The named features of the word at ``i`` (``parties``: how many party words its sentence has)."""
    lemmas, deps, pos, kids = ctx.lemmas, ctx.deps, ctx.pos, ctx.kids
    language = ctx.lexicon.language
    lemma, dep = lemmas[i], deps[i].split(":")[0]
    out = ["lang=" + language, "pos=" + pos[i], "dep=" + dep, f"pos={pos[i]}|dep={dep}", "lemma=" + lemma,
           f"lemma={lemma}|dep={dep}", "parties=" + ("1" if parties == 1 else "2" if parties == 2 else ">2")]
    roles = []
    for k in kids[i]:
        d = deps[k]
        if d in _SUBJ:
            roles.append("subj=" + (_party_near(ctx, k) or "other"))
            out.append("subj_lemma=" + lemmas[k])
        elif d in _OBJ:
            roles.append("obj=" + (_party_near(ctx, k) or "other"))
            out.append("obj=" + lemmas[k])
            out.append(f"lemma={lemma}|obj={lemmas[k]}")
        elif d in _PREP:
            p, o = _preposition(ctx, k), _prep_object(ctx, k)
            kind = _party_near(ctx, o)
            out.append("prep=" + p)
            out.append(f"prep={p}|{lemmas[o]}")
            if kind is not None:
                roles.append(f"prep={p}|party={kind}")
        elif d in _NEG or lemmas[k] in _cues(language, "negation") and d == "advmod":
            out.append("negated")
        elif d in _AUX and lemmas[k] in _cues(language, "future_aux"):
            out.append("future")
        elif d in _AUX and d.endswith("pass"):
            out.append("passive")
    lex = lexicon_categories(language)
    out += lex.get(lemma, ()) or lex.get(ctx.lower[i], ())
    out += roles
    if not any(r.startswith("subj=") for r in roles):
        out.append("subj=none")
    head = ctx.heads[i]
    if head == i:
        out.append("root")
    elif deps[i] in _RELATIVE:
        out.append("relcl")
    elif deps[i] in _REPORTED and lemmas[head] in ctx.lexicon.reporting:
        out.append("reported")
    elif deps[i] == "xcomp":
        out.append("under=" + lemmas[head])
    elif pos[i] == "NOUN" and deps[i] in _OBJ:
        out.append("obj_of=" + lemmas[head])
    return frozenset(out)


def sentence_parties(ctx: Context, start: int, end: int) -> int:
    """How many words of the sentence name a state or a person (a body alone is no one's country)."""
    return sum(1 for k in range(start, end) if party_kind(ctx, k) in ("state", "person"))


def eligible(ctx: Context, start: int, end: int, taken: set[int]) -> list[int]:
    """The words of a sentence the step reads: verbs, and nouns a party qualifies or that the lexicon
    knows, that gave no lexicon candidate (a pattern whose other words are missing, a dropped reading)."""
    known, reporting, entries = ctx.lexicon.triggers, ctx.lexicon.reporting, ctx.actors.tok_entry
    out = []
    for i in range(start, end):
        p = ctx.pos[i]
        if p not in ("VERB", "NOUN") or i in taken or i in ctx.actors.tok_person or ctx.deps[i] in _SUBJ:
            continue
        lemma = ctx.lemmas[i]
        if lemma in reporting:
            continue  # saying is not an event (the rules read what is said)
        entry = entries.get(i)
        if entry is not None and entry.kind in _SKIP_KINDS:
            continue
        if p == "NOUN" and not (lemma in known or ctx.lower[i] in known) and not _qualified(ctx, i):
            continue
        out.append(i)
    return out


def _qualified(ctx: Context, i: int) -> bool:
    """A party qualifies the noun: "French strikes", « la visite à Alger »."""
    for k in ctx.kids[i]:
        d = ctx.deps[k]
        if d in _PREP and _party_near(ctx, _prep_object(ctx, k)) or d not in _SUBJ and _party_near(ctx, k):
            return True
    return False


@lru_cache(maxsize=4)
def lexicon_categories(language: str) -> dict[str, tuple[str, ...]]:
    """Per word, the categories the lexicon gives it: as a pattern's head (``lex=C``) or one of its
    other words (``lexpart=C``). The rules' own knowledge, read as evidence where their gates said no."""
    from dyadwatch.events.lexicon import load_lexicon

    found: dict[str, set[str]] = {}
    for head, triggers in load_lexicon(language).triggers.items():
        for t in triggers:
            found.setdefault(head, set()).add("lex=" + t.category)
            for w in t.words[1:]:
                found.setdefault(w, set()).add("lexpart=" + t.category)
    return {w: tuple(sorted(cs)) for w, cs in found.items()}


@dataclass(frozen=True)
class RecallModel:
    """Both scorers of one JSON model, split once: the event scorer and each category's weights."""

    event: dict[str, float]
    bias: float
    threshold: float
    categories: dict[str, dict[str, float]]

    @classmethod
    def of(cls, model: LinearModel) -> RecallModel:
        """Split a model's weights by their names (``ev|f``, ``CAT|f``, ``CAT|bias``)."""
        event: dict[str, float] = {}
        cats: dict[str, dict[str, float]] = {}
        for name, w in model.weights.items():
            head, _, feat = name.partition("|")
            if head == "ev":
                event[feat] = w
            elif head in CATEGORIES:
                cats.setdefault(head, {})[feat] = w
        return cls(event, model.bias, model.threshold, cats)

    def score(self, feats: frozenset[str], floor: float = 0.0) -> tuple[float, str]:
        """The probability that the word tells an event the eval would count in the category the model
        gives it (the event scorer's probability times the category scorer's), and that category.

        Below ``floor`` the event scorer alone settles it (the product is no higher): no category is read."""
        event = self.event
        p = _sigmoid(self.bias + sum(event[f] for f in feats & event.keys()))
        if p < floor:
            return p, ""
        best, top = "", -math.inf
        for cat, w in sorted(self.categories.items()):
            s = w.get("bias", 0.0) + sum(w[f] for f in feats & w.keys())
            if s > top:
                best, top = cat, s
        return (p * _sigmoid(top), best) if best else (0.0, "")


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def propose(ctx: Context, sent: Any, cands: list[Candidate]) -> list[Candidate]:
    """The candidates the model adds to a sentence's lexicon candidates (none without a model)."""
    model = getattr(ctx, "recall_model", None)
    if model is None:
        return []
    from dyadwatch.events.context import Candidate
    from dyadwatch.events.lexicon import Trigger

    parties = sentence_parties(ctx, sent.start, sent.end)
    if not parties:
        return []
    taken = {c.token.i for c in cands}.union(*(c.consumed for c in cands))
    out: list[Candidate] = []
    for i in eligible(ctx, sent.start, sent.end, taken):
        p, cat = model.score(token_features(ctx, i, parties), model.threshold)
        if p >= model.threshold and cat:
            trig = Trigger((ctx.lemmas[i],), cat, None, ctx.pos[i], frozenset(), LEARNED)
            out.append(Candidate(ctx.toks[i], trig))
    return out


# the priority that marks a learned trigger (lexicon patterns have priorities >= -1)
LEARNED = -9


def marked(event: Event | None, cand: Candidate) -> Event | None:
    """A proposed event with its lower confidence (lexicon events pass unchanged)."""
    if event is None or cand.trigger.priority != LEARNED:
        return event
    from dataclasses import replace

    return replace(event, confidence=min(event.confidence, PROPOSED_CONFIDENCE))


@lru_cache(maxsize=4)
def load_recall_model(name: str) -> RecallModel | None:
    """The model named by ``Config.recall_model``: the shipped one, a path, or none (empty)."""
    model = load_named(name, "recall", "recall_model")
    return RecallModel.of(model) if model is not None else None
