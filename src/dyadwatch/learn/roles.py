"""The learned recipient choice: which party of its sentence an event is done to.

It runs on the events ``code_events`` returns, once repeats are merged. The rules
(``events.parties``) pick the recipient from the parse, the nearest names and the
article's dyad; their commonest error is the right event with the wrong side. A
logistic model (``learn.linear``) trained on our development gold
(``bench/train_roles.py``) scores every country the sentence names, the rules'
pick and the other side of the article's dyad by where each stands relative to
the trigger: the dependency path, the preposition that introduces it, its clause,
its kind and sector, how often the article names it. The model is trained on pairs
(another option, the rules' pick), and the pick is replaced only where an option
beats it with the probability the model's threshold asks.

Features are read from the parse as plain lists (``Slot``, picklable, no spaCy
objects), so a choice costs a few dict lookups per event. Without a model
(``Config.roles_model`` empty) the rules' recipient stands.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.learn.linear import BUILTIN, LinearModel, load_named
from dyadwatch.records import Entity, Event

if TYPE_CHECKING:
    from dyadwatch.events.context import Context

# Config.roles_model's value for the model shipped in learn/data
# path steps a feature spells out; longer paths read as "long"
MAX_PATH = 4
_SUBJ = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj", "agent", "obl:agent"})
_OBJ = frozenset({"dobj", "obj", "iobj", "dative"})
# labels that open a clause of their own: a party past one stands in another clause
_CLAUSE = frozenset({"advcl", "ccomp", "conj", "parataxis", "relcl", "acl:relcl", "csubj", "xcomp", "acl"})
_PREP_OBJECTS = frozenset({"pobj", "obl", "obl:arg", "obl:mod", "nmod", "obl:agent"})


@dataclass(frozen=True)
class Option:
    """One country the event may be done to, and how the article names it."""

    code: str
    at: int  # the token of its nearest mention in the sentence; -1: not named there
    kind: str
    sector: str | None
    rule: bool  # among the rules' recipients
    guessed: bool  # the rules' pick was inferred from the article, not read in the sentence
    partner: bool  # the other side of the article's main dyad from the actor
    rank: int  # its rank among the countries the article names most (0: first)
    speaker: bool = False  # the subject of a reporting verb ("..., Paris said")


@dataclass(frozen=True)
class Slot:
    """An event's trigger in the parse as plain lists, its sentence and the options for its recipient."""

    language: str
    category: str
    trigger: int
    heads: Sequence[int]  # the article's parse as plain lists (``Context``): a root is its own head
    deps: Sequence[str]
    lower: Sequence[str]
    actor: frozenset[str]
    options: tuple[Option, ...]
    start: int = 0  # the sentence's first token, and the one after its last (-1: the end of the lists)
    end: int = -1


def _ancestors(heads: Sequence[int], i: int) -> list[int]:
    out = [i]
    while heads[out[-1]] != out[-1] and len(out) < 40:
        out.append(heads[out[-1]])
    return out


def path(slot: Slot, j: int) -> tuple[list[str], list[str]]:
    """The labels from the trigger up to the common head, and from there down to token ``j``."""
    up_chain, down_chain = _ancestors(slot.heads, slot.trigger), _ancestors(slot.heads, j)
    below = set(down_chain)
    common = next((a for a in up_chain if a in below), None)
    if common is None:
        return [slot.deps[a] for a in up_chain], ["?"]
    up = [slot.deps[a] for a in up_chain[: up_chain.index(common)]]
    down = [slot.deps[a] for a in down_chain[: down_chain.index(common)]]
    return up, list(reversed(down))


def _preposition(slot: Slot, j: int) -> str | None:
    """The preposition introducing token ``j`` ("with", « avec », « à »), if any."""
    heads, deps, lower = slot.heads, slot.deps, slot.lower
    for k in range(slot.start, slot.end if slot.end >= 0 else len(heads)):
        if heads[k] == j and k != j and deps[k] == "case":
            return lower[k]
    if deps[j] in _PREP_OBJECTS and heads[j] != j and deps[heads[j]] in ("prep", "agent", "dative"):
        return lower[heads[j]]
    return None


def _bin(n: int, edges: tuple[int, ...]) -> str:
    return next((str(e) for e in edges if n <= e), f">{edges[-1]}")


def option_features(slot: Slot, o: Option) -> list[str]:
    """The named features of one option relative to the event's trigger."""
    cat, lang = slot.category, slot.language
    out = ["kind=" + o.kind, "sector=" + (o.sector or "-"), "rank=" + _bin(o.rank, (0, 1, 2))]
    if o.rule:
        out += ["rule", "rule|cat=" + cat, "rule|guessed" if o.guessed else "rule|named"]
    if o.partner:
        out += ["partner", "partner|cat=" + cat]
    if o.code in slot.actor:
        out.append("actor_country")
    if o.speaker:
        out.append("speaker")
    if o.at < 0:
        return out + ["absent", "absent|cat=" + cat]
    up, down = path(slot, o.at)
    steps = len(up) + len(down)
    shape = "^".join(up) + ">" + "v".join(down) if steps <= MAX_PATH else "long"
    own = slot.deps[o.at]
    out += ["path=" + shape, "plen=" + _bin(steps, (1, 2, 3, 5)), "own=" + own, f"own={own}|cat={cat}",
            "after" if o.at > slot.trigger else "before", "dist=" + _bin(abs(o.at - slot.trigger), (2, 5, 10, 20))]
    if not any(d in _CLAUSE for d in up + down):
        out.append("same_clause")
    if up and up[0] in _SUBJ or not up and down and down[0] in _SUBJ:
        out.append("subject")
    if not up and down and down[0] in _OBJ:
        out.append("object")
    prep = _preposition(slot, o.at)
    if prep is not None:
        out += [f"prep={prep}|{lang}", f"prep={prep}|{lang}|cat={cat}"]
    return out


def pair_features(slot: Slot, alt: Option, held: Option | None) -> frozenset[str]:
    """The features of putting ``alt`` in place of the rules' pick ``held`` (None: the rules found none):
    the alternative's own features, marked "+", and the pick's, marked "-"."""
    return frozenset(["+" + f for f in option_features(slot, alt)] + ["-" + f for f in _held_features(slot, held)])


def _held_features(slot: Slot, held: Option | None) -> list[str]:
    if held is None:
        return ["none", "none|cat=" + slot.category, "none|actors=" + _bin(len(slot.actor), (1,))]
    return option_features(slot, held)


def choose(model: LinearModel, slot: Slot) -> Option | None:
    """The option to put in place of the rules' recipient, or None to keep theirs.

    The model scores each pair (an option the rules did not pick, the rules' first
    pick): the probability that the first is right where the second is wrong. The
    best option replaces the pick at the model's threshold; where the rules found no
    recipient, the article's dyad partner is added at ``meta["add_threshold"]`` (above 1: never).
    """
    if all(o.rule for o in slot.options):
        return None  # nothing to put in the pick's place (most events): no features to read
    held = next((o for o in slot.options if o.rule), None)
    w = model.weights
    kept = model.bias + sum(w.get("-" + f, 0.0) for f in _held_features(slot, held))
    best, top = None, -math.inf
    for o in slot.options:
        # where the rules found none, only the other side of the article's dyad may be added: a third
        # party the sentence names is one they left out on purpose (a mediator, a venue, a source)
        if not o.rule and (held is not None or o.partner):
            z = kept + sum(w.get("+" + f, 0.0) for f in option_features(slot, o))
            if z > top:
                best, top = o, z
    needed = model.threshold if held is not None else float(model.meta.get("add_threshold", 2.0))
    # the logit against the threshold's: the same test as the probability's, without the exponential
    return best if best is not None and needed < 1 and (needed <= 0 or top >= math.log(needed / (1 - needed))) else None


class Tables:
    """What the events of one article read, built once per sentence or per country: each sentence's
    plain lists and the tokens in it that name a party, the countries by how often the article names
    them, and the other side of the article's dyad."""

    def __init__(self, ctx: Context) -> None:
        self.ctx, self.actors = ctx, ctx.actors
        self.ranks = {code: n for n, (code, _) in enumerate(ctx.actors.country_counts())}
        self._named: dict[int, list[int]] = {}
        self._parties: list[int] | None = None
        self._partners: dict[str, str | None] = {}
        self._dyad: set[str] = set()

    def partner(self, code: str) -> str | None:
        """The other side of the article's main dyad (``events.unnamed._partner``, which counts every
        word of the article: asked once per side, since the answer for one side gives the other's)."""
        if code not in self._partners:
            if self._dyad:
                self._partners[code] = next((c for c in self._dyad if c != code), None) if code in self._dyad else None
            else:
                from dyadwatch.events.unnamed import _partner

                other = self._partners[code] = _partner(code, self.ctx)
                if other is not None:
                    self._dyad, self._partners[other] = {code, other}, code
        return self._partners[code]

    def named(self, s: int, e: int) -> list[int]:
        """The tokens of the sentence s..e that name a party."""
        if s not in self._named:
            actors = self.actors
            if self._parties is None:  # the article's tokens in a person or a word-table entry, in text order
                self._parties = sorted({*actors.tok_person, *actors.tok_entry})
            parties = self._parties
            within = parties[bisect_left(parties, s) : bisect_left(parties, e)]
            self._named[s] = [i for i in within if actors.entity_at(i) is not None]
        return self._named[s]

    def trigger(self, e: Event) -> int:
        """The token an event's trigger starts at, looked for in its sentence."""
        lists = self.actors.lists
        s, end = lists.sents[e.evidence.sentence_index]
        return min(bisect_left(lists.starts, e.evidence.trigger_start, lo=s, hi=end), end - 1)  # Token.idx, from the lists

    def open_choice(self, e: Event) -> bool:
        """Whether the event's sentence or the article's dyad offers a country besides its parties: most
        events have none, and need no slot."""
        s, end = self.actors.lists.sents[e.evidence.sentence_index]
        taken = {None, "UNK", *(r.code for r in e.recipient), *(a.code for a in e.actor)}
        entity_at = self.actors.entity_at
        if any(getattr(entity_at(i), "code", None) not in taken for i in self.named(s, end)):
            return True
        acting = {a.code for a in e.actor}
        return len(acting) == 1 and self.partner(e.actor[0].code) not in taken


def _distances(heads: Sequence[int], i: int) -> dict[int, int]:
    """Token ``i`` and its heads, each with how many links up it lies."""
    out = {i: 0}
    while heads[i] != i and len(out) < 40:
        i = heads[i]
        out[i] = len(out)
    return out


def build_slot(ti: int, tables: Tables, category: str, actor: tuple[Entity, ...],
               recipient: tuple[Entity, ...]) -> tuple[Slot, list[Entity]]:
    """The slot of one event read by the rules (``ti``: its trigger token), and the entity that each of
    its options stands for."""
    from dyadwatch.events.unnamed import _country

    ctx, actors = tables.ctx, tables.actors
    s, e = actors.lists.sents[actors.lists.sent_of[ti]]
    heads = ctx.heads
    ruled = {r.code: r for r in recipient if r.code not in (None, "UNK")}
    acting = {a.code for a in actor}
    above = _distances(heads, ti)
    # the closest mention of each country the sentence names: (path length, distance, token, entity)
    named: dict[str, tuple[int, int, int, Entity]] = {}
    for i in tables.named(s, e):
        ent = actors.entity_at(i)
        if i == ti or ent is None or ent.code in (None, "UNK") or ent.code in acting and ent.code not in ruled:
            continue  # a state does not act on itself unless the rules say so (police and protesters)
        j, down = i, 0
        while j not in above and heads[j] != j:
            j, down = heads[j], down + 1
        near = (down + above.get(j, 40), abs(i - ti), i, ent)
        if ent.code not in named or near[:2] < named[ent.code][:2]:
            named[ent.code] = near
    partner = tables.partner(actor[0].code) if len(acting) == 1 else None
    codes = list(ruled) + [c for c in named if c not in ruled]
    if partner and partner not in codes and partner not in acting:
        codes.append(partner)
    options, entities = [], []
    for code in codes:
        at = named[code][2] if code in named else -1
        ent = ruled.get(code) or (named[code][3] if code in named else _country(code, None, ctx, guessed=True))
        speaker = at >= 0 and ctx.deps[at] in _SUBJ and ctx.lemmas[ctx.heads[at]] in ctx.lexicon.reporting
        options.append(Option(code, at, ent.kind, ent.sector, code in ruled,
                              code in ruled and ent.guessed, code == partner, tables.ranks.get(code, 9), speaker))
        entities.append(ent)
    slot = Slot(ctx.lexicon.language, category, ti, heads, ctx.deps, ctx.lower, frozenset(acting), tuple(options), s, e)
    return slot, entities


@lru_cache(maxsize=4)
def load_roles_model(name: str) -> LinearModel | None:
    """The model named by ``Config.roles_model``: the shipped one, a path, or none (empty)."""
    return load_named(name, "roles", "roles_model")


def choose_recipients(events: list[Event], ctx: Context) -> list[Event]:
    """The events of one article, each with the rules' recipient or the option the model prefers to it.

    It runs on the coder's merged events: a recipient chosen earlier would change which
    repeats merge, which the model was not trained on.
    """
    model = ctx.roles_model
    if model is None or not events:
        return events
    tables = Tables(ctx)
    out = []
    for e in events:
        if e.actor and tables.open_choice(e):
            slot, entities = build_slot(tables.trigger(e), tables, e.category, e.actor, e.recipient)
            best = choose(model, slot) if slot.options else None
            if best is not None:
                e = replace(e, recipient=(entities[slot.options.index(best)],))
        out.append(e)
    return out
