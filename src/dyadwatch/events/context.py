"""The coder's view of one article: the parse as plain lists, the candidates, and the words near a trigger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.attrs import DEP, HEAD

from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.events.arguments import cue_words
from dyadwatch.events.dates import DateSpan
from dyadwatch.events.lexicon import Lexicon, Trigger
from dyadwatch.records import Article, Place

NEAR_WINDOW = 5
# dependents that open a clause of their own (both label schemes)
CLAUSES = {"advcl", "ccomp", "conj", "parataxis", "relcl", "acl:relcl", "csubj", "cc"}


@dataclass
class Candidate:
    token: Any
    trigger: Trigger
    consumed: set[int] = field(default_factory=set)
    mode: str | None = None
    intent: bool = False
    # violence prepared, not done ("prepared to resume shelling"): forces put in position (MOBILIZE)
    prepared: bool = False


@dataclass
class Context:
    """Everything the coder needs about one article besides the lexicon."""

    doc: Any
    article: Article
    actors: ArticleActors
    lexicon: Lexicon
    onto: Any
    published: dt.date | None
    dates: list[DateSpan]
    default_place: Place | None
    coder: str
    article_contexts: list[str]
    # lowercase lemmas of the whole document, computed once (spaCy builds a new string per access)
    lemmas: list[str] = field(default_factory=list)
    # the last explicit, recent date seen: later undated events in a report usually share it
    last_date: DateSpan | None = None
    # the actor of the last sentence's main event: what a non-state reaction ("RSF condemned the verdict") answers
    last_actor: str | None = None
    _contexts: dict[int, list[str]] = field(default_factory=dict)
    # each date expression's tokens (start, end), found once per article
    _date_tokens: dict[tuple[int, int], tuple[int, int] | None] = field(default_factory=dict)
    # each sentence's date expressions (by its first character's offset), listed once per article
    _sentence_dates: dict[int, list[DateSpan]] = field(default_factory=dict)
    # the article's two main countries (``unnamed._partner``), counted once per article
    _dyad: list[str] | None = None
    # per token, computed once: one Token object per position (indexing a Doc builds a new one each
    # time), its part of speech and its lowercase form; find_candidates reads these, not the Doc
    toks: list[Any] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    # the parse as plain lists: each token's head, dependency label and children (in text order)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    kids: list[list[int]] = field(default_factory=list)
    spots: list[int] = field(init=False, default_factory=list)
    # the learned recipient choice (learn/roles.py, Config.roles_model); None: the rules' recipient stands
    roles_model: Any = None
    recall_model: Any = None  # the learned recall step (learn/recall.py, Config.recall_model)
    actor_model: Any = None  # the learned actor choice (learn/actor.py, Config.actor_model)

    def __post_init__(self) -> None:
        if not self.toks:
            self.toks = list(getattr(self.actors, "toks", None) or self.doc)
        if not self.lemmas:
            self.lemmas = [t.lemma_.lower() for t in self.toks]
        if not self.pos:
            self.pos = [t.pos_ for t in self.toks]
        if not self.lower:
            self.lower = [t.lower_ for t in self.toks]
        if not self.heads:
            self.heads, self.deps, self.kids = parse_lists(self.doc)
        # the positions find_candidates looks at: words the lexicon knows, and verbs (a reported obligation)
        known, lemmas, lower = self.lexicon.triggers, self.lemmas, self.lower
        self.spots = [
            i for i, p in enumerate(self.pos) if p in _TRIGGER_POS and (p == "VERB" or lemmas[i] in known or lower[i] in known)
        ]


def parse_lists(doc: Any) -> tuple[list[int], list[str], list[list[int]]]:
    """Heads, labels and children of every token, read from the Doc in one pass (no Token objects)."""
    if not len(doc):
        return [], [], []
    arr = doc.to_array([HEAD, DEP])
    heads = [i + h for i, h in enumerate(arr[:, 0].astype("int64").tolist())]  # HEAD: an offset, stored unsigned
    strings = doc.vocab.strings
    deps = [strings[d] for d in arr[:, 1].tolist()]
    kids: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            kids[h].append(i)
    return heads, deps, kids


def _near(ctx: Context, i: int, sent_end: int, window: bool = True, skip: frozenset[str] = frozenset()) -> dict[str, int]:
    """Lemmas and forms close to a trigger, with their positions: its dependents two levels down and
    (with ``window``) the next few tokens.

    Exclusions (a pattern's ``not`` words) are read without the window and
    without other clauses: in "expelled the envoy as migrants waited" the
    migrants are not the ones expelled.
    """
    out: dict[str, int] = {}
    kids, deps, lemmas, lower = ctx.kids, ctx.deps, ctx.lemmas, ctx.lower
    for c in kids[i]:
        if not window and deps[c] in CLAUSES or deps[c] in skip:
            continue
        out.setdefault(lemmas[c], c)
        out.setdefault(lower[c], c)
        for g in kids[c]:
            out.setdefault(lemmas[g], g)
            out.setdefault(lower[g], g)
            if deps[g] in _RELATIVE:
                continue  # "Zelensky, who attended the talks, urged ...": a relative clause's words are not the trigger's
            for gg in kids[g]:
                if deps[gg] in _NEAR_DEPS:
                    out.setdefault(lemmas[gg], gg)
    for j in range(i + 1, min(i + 1 + NEAR_WINDOW, sent_end)) if window else ():
        out.setdefault(lemmas[j], j)
        out.setdefault(lower[j], j)
    head = ctx.heads[i]
    if deps[i] in ("acl", "amod") and head != i:
        # "a video released by the presidency": the noun a participle modifies is its object
        out.setdefault(lemmas[head], head)
    return out


_RELATIVE = frozenset({"relcl", "acl:relcl"})
_NEAR_DEPS = frozenset({"pobj", "dobj", "obj", "compound", "fixed", "flat"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
_AUX = frozenset({"aux", "auxpass", "aux:pass", "aux:tense"})


@lru_cache(maxsize=64)
def _cues(language: str, key: str) -> frozenset[str]:
    """One cue list of modality.<lang>.yaml, read once per process."""
    return cue_words(language, key)


_VERB_LINKS = frozenset({"xcomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl", "conj"})


def _clause_verbs(ctx: Context, i: int) -> list[int]:
    """The trigger and the verbs that govern it within its clause."""
    heads, deps = ctx.heads, ctx.deps
    out = [i]
    cur = i
    for _ in range(3):
        if deps[cur] in _VERB_LINKS and heads[cur] != cur:
            cur = heads[cur]
            out.append(cur)
        else:
            break
    return out

