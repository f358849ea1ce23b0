"""The learned actor choice: which party of its sentence did the event.

It runs on the events ``code_events`` returns, after the recipient choice
(``learn.roles``). The rules (``events.parties``) take the actor from the parse,
the clause above, the nearest name before the trigger or the article's own state;
right category, wrong actor is one of their commonest errors. A logistic model
(``learn.linear``) trained on our development gold (``bench/train_actor.py``)
scores the rules' pick against each other candidate: every country the sentence
names, the subject of a reporting clause, the actor of the sentence before ("the
minister ... He said") and the country the article names most, by where each
stands relative to the trigger (the dependency path, the preposition that
introduces it, "by" / « par », its clause) and how the article names it. The
pick is replaced only where a candidate beats it with the probability the
model's threshold asks, and never by the event's own recipient.

Features are read from the parse as plain lists (``roles.Slot``) so that a choice
costs a few dict lookups per event. Without a model (``Config.actor_model``
empty) the rules' actor stands.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from dyadwatch.learn.linear import LinearModel, load_named
from dyadwatch.learn.roles import _CLAUSE, _OBJ, _SUBJ, MAX_PATH, Slot, Tables, _bin, _preposition, path
from dyadwatch.records import Entity, Event

if TYPE_CHECKING:
    from dyadwatch.events.context import Context

# the dependency labels of a name that qualifies another: "Moscow's ultimatum", "the French foreign minister"
_OWNER = frozenset({"poss", "nmod:poss", "compound", "amod", "nmod"})
_AGENT = frozenset({"agent", "obl:agent"})
_PASSIVE = frozenset({"nsubjpass", "nsubj:pass"})


@dataclass(frozen=True)
class Candidate:
    """One country that may have done the event, and how the article names it."""

    code: str
    at: int  # the token of its nearest mention in the sentence; -1: not named there
    kind: str
    sector: str | None
    rule: bool  # the rules' actor
    guessed: bool  # inferred from the article, not read next to a name
    rank: int  # its rank among the countries the article names most (0: first)
    speaker: bool = False  # the subject of a reporting verb ("..., Paris said")
    previous: bool = False  # the actor of the last sentence before this one that told an event
    recipient: bool = False  # the country of the event's recipient


@dataclass(frozen=True)
class ActorSlot:
    """An event's trigger in the parse (``parse``: a ``roles.Slot`` with no options) and its candidates."""

    parse: Slot
    candidates: tuple[Candidate, ...]
    swappable: bool = False  # the rules read one actor and one recipient country: the two may trade places


def candidate_features(slot: ActorSlot, c: Candidate) -> list[str]:
    """The named features of one candidate relative to the event's trigger."""
    p = slot.parse
    cat, lang = p.category, p.language
    out = ["kind=" + c.kind, "sector=" + (c.sector or "-"), "rank=" + _bin(c.rank, (0, 1, 2)), f"rank={_bin(c.rank, (0,))}|cat={cat}"]
    if c.rule:
        out += ["rule", "rule|cat=" + cat, "rule|guessed" if c.guessed else "rule|named"]
    for flag, on in (("speaker", c.speaker), ("previous", c.previous), ("recipient", c.recipient)):
        if on:
            out += [flag, f"{flag}|cat={cat}"]
    if c.at < 0:
        return out + ["absent", "absent|cat=" + cat]
    up, down = path(p, c.at)
    steps = len(up) + len(down)
    shape = "^".join(up) + ">" + "v".join(down) if steps <= MAX_PATH else "long"
    own = p.deps[c.at]
    out += ["path=" + shape, "plen=" + _bin(steps, (1, 2, 3, 5)), "own=" + own, f"own={own}|cat={cat}",
            "after" if c.at > p.trigger else "before", "dist=" + _bin(abs(c.at - p.trigger), (2, 5, 10, 20))]
    if not any(d in _CLAUSE for d in up + down):
        out.append("same_clause")
    if not up and down and down[0] in _AGENT:
        out += ["agent", "agent|cat=" + cat]  # "accused by Niger", « accusé par le Niger »: the logical subject
    elif not up and down and down[0] in _PASSIVE:
        out += ["passive_subject", "passive_subject|cat=" + cat]  # the one it was done to
    elif not up and down and down[0] in _SUBJ:
        out += ["subject", "subject|" + lang, "subject|cat=" + cat]
    elif len(down) == 1 and down[0] in _SUBJ:
        out.append("governor_subject")  # "Turkey agreed to allow", "Paris said ... would": the clause above's subject
    if not up and down and down[0] in _OBJ:
        out.append("object")
    if not up and down and down[0] in _OWNER:
        out += ["owner", "owner|cat=" + cat]
    prep = _preposition(p, c.at)
    if prep is not None:
        out += [f"prep={prep}|{lang}", f"prep={prep}|{lang}|cat={cat}"]
    return out


def _held_features(slot: ActorSlot, held: Candidate | None) -> list[str]:
    if held is None:
        return ["none", "none|cat=" + slot.parse.category]
    return candidate_features(slot, held)


def pair_features(slot: ActorSlot, alt: Candidate, held: Candidate | None) -> frozenset[str]:
    """The features of putting ``alt`` in place of the rules' actor ``held`` (None: the rules found none):
    the candidate's own features, marked "+", and the pick's, marked "-"."""
    return frozenset(["+" + f for f in candidate_features(slot, alt)] + ["-" + f for f in _held_features(slot, held)])


def eligible(slot: ActorSlot, c: Candidate, held: Candidate | None) -> bool:
    """Whether a candidate may take the pick's place: not the pick; the recipient only by trading places
    with it (an actor is never its own recipient); where the rules found no actor, only one the sentence
    names or the previous sentence's actor."""
    if c.rule:
        return False
    if c.recipient:
        return slot.swappable and held is not None
    return held is not None or c.at >= 0 or c.previous


def choose(model: LinearModel, slot: ActorSlot) -> Candidate | None:
    """The candidate to put in place of the rules' actor, or None to keep theirs.

    The model scores each pair (a candidate, the rules' pick): the probability that
    the first is right where the second is wrong. The best candidate replaces the
    pick at the model's threshold; where the rules found no actor, one is added at
    ``meta["add_threshold"]`` (above 1: never).
    """
    held = next((c for c in slot.candidates if c.rule), None)
    w = model.weights
    kept = model.bias + sum(w.get("-" + f, 0.0) for f in _held_features(slot, held))
    best, top = None, -math.inf
    for c in slot.candidates:
        if eligible(slot, c, held):
            z = kept + sum(w.get("+" + f, 0.0) for f in candidate_features(slot, c))
            if z > top:
                best, top = c, z
    needed = model.threshold if held is not None else float(model.meta.get("add_threshold", 2.0))
    # the logit against the threshold's: the same test as the probability's, without the exponential
    return best if best is not None and needed < 1 and (needed <= 0 or top >= math.log(needed / (1 - needed))) else None


def _previous_actors(events: Sequence[Event]) -> dict[int, Entity]:
    """For each sentence with an event, the single-country actor of the last earlier sentence that told one."""
    by_sentence: dict[int, Entity] = {}
    for e in events:
        if len({a.code for a in e.actor}) == 1 and e.actor[0].code not in (None, "UNK"):
            by_sentence.setdefault(e.evidence.sentence_index, e.actor[0])
    out, last = {}, None
    for s in sorted({e.evidence.sentence_index for e in events} | set(by_sentence)):
        if last is not None:
            out[s] = last
        last = by_sentence.get(s, last)
    return out


def build_slot(ti: int, tables: Tables, e: Event, previous: Entity | None) -> tuple[ActorSlot, list[Entity]] | None:
    """The slot of one event (``ti``: its trigger token) and the entity each candidate stands for; None
    where the rules' actor names two countries (sides of a meeting), which one candidate cannot replace."""
    from dyadwatch.events.unnamed import _country

    ctx, actors = tables.ctx, tables.actors
    held_codes = {a.code for a in e.actor}
    if len(held_codes) > 1:
        return None
    s, end = actors.lists.sents[actors.lists.sent_of[ti]]
    receiving = {r.code for r in e.recipient}
    found: dict[str, tuple[int, int, Entity]] = {}  # the closest mention of each country: (distance, token, entity)
    for i in tables.named(s, end):
        ent = actors.entity_at(i)
        if i != ti and ent is not None and ent.code not in (None, "UNK"):
            if ent.code not in found or abs(i - ti) < found[ent.code][0]:
                found[ent.code] = (abs(i - ti), i, ent)
    entities: dict[str, Entity] = {c: f[2] for c, f in found.items()}
    if e.actor:
        entities = {e.actor[0].code: e.actor[0], **{c: x for c, x in entities.items() if c not in held_codes}}
    if previous is not None and previous.code not in entities:
        entities[previous.code] = previous
    main = next(iter(tables.ranks), None)
    if main is not None and main not in entities:
        entities[main] = _country(main, None, ctx, guessed=True)
    deps, heads, lemmas, reporting, toks = ctx.deps, ctx.heads, ctx.lemmas, ctx.lexicon.reporting, ctx.toks
    cands = []
    for code, ent in entities.items():
        at = found[code][1] if code in found else -1
        rule = code in held_codes
        if rule and ent.start >= 0:
            # the rules' own mention: the last named token of its span ("French President Macron")
            at = max((i for i in tables.named(s, end) if ent.start <= toks[i].idx < ent.end), default=at)
        speaker = at >= 0 and deps[at] in _SUBJ and lemmas[heads[at]] in reporting
        cands.append(Candidate(code, at, ent.kind, ent.sector, rule, rule and ent.guessed, tables.ranks.get(code, 9),
                               speaker, previous is not None and code == previous.code, code in receiving))
    parse = Slot(ctx.lexicon.language, e.category, ti, heads, deps, ctx.lower, frozenset(receiving), (), s, end)
    swappable = len(held_codes) == 1 and len(receiving) == 1 and None not in receiving and "UNK" not in receiving | held_codes
    return ActorSlot(parse, tuple(cands), swappable), list(entities.values())


def open_choice(e: Event, tables: Tables, previous: Entity | None) -> bool:
    """Whether anyone besides the event's parties is in sight: most events have no one, and need no slot."""
    taken = {None, "UNK", *(r.code for r in e.recipient), *(a.code for a in e.actor)}
    if len(taken) > 4 or len({a.code for a in e.actor}) > 1:
        return False
    if len(taken) == 4:
        return True  # one actor and one recipient country, which may trade places
    if previous is not None and previous.code not in taken or next(iter(tables.ranks), None) not in taken:
        return True
    s, end = tables.actors.lists.sents[e.evidence.sentence_index]
    entity_at = tables.actors.entity_at
    return any(getattr(entity_at(i), "code", None) not in taken for i in tables.named(s, end))


def slots_of(events: list[Event], ctx: Context) -> list[tuple[ActorSlot, list[Entity]] | None]:
    """Each event's slot (None where it has no choice to make)."""
    tables = Tables(ctx)
    previous = _previous_actors(events)
    out: list[tuple[ActorSlot, list[Entity]] | None] = []
    for e in events:
        before = previous.get(e.evidence.sentence_index)
        out.append(build_slot(tables.trigger(e), tables, e, before) if open_choice(e, tables, before) else None)
    return out


@lru_cache(maxsize=4)
def load_actor_model(name: str) -> LinearModel | None:
    """The model named by ``Config.actor_model``: the shipped one, a path, or none (empty)."""
    return load_named(name, "actor", "actor_model")


def choose_actors(events: list[Event], ctx: Context, model: LinearModel | None) -> list[Event]:
    """The events of one article, each with the rules' actor or the candidate the model prefers to it."""
    if model is None or not events:
        return events
    out = []
    for e, found in zip(events, slots_of(events, ctx)):
        best = choose(model, found[0]) if found is not None else None
        out.append(e if found is None or best is None else chosen(e, found[0], found[1], best))
    return out


def chosen(e: Event, slot: ActorSlot, entities: list[Entity], best: Candidate) -> Event:
    """The event with ``best`` as its actor: the recipient trades places with the actor ("Algeria was
    accused by France" read the wrong way round), any other candidate replaces it."""
    if best.recipient:
        return replace(e, actor=e.recipient, recipient=e.actor)
    return replace(e, actor=(entities[slot.candidates.index(best)],))
