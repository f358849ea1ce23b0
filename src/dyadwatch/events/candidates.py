"""Trigger finding: the lexicon's candidates in a sentence, and the folding of a trigger into the one that governs it."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Any

from dyadwatch.events.anchoring import (
    _conditions,
    _enacted,
    _enactor,
    _own_risk,
    _protest_demand,
    _said_by_event,
    _standing,
    _unanchored,
    _unrealised,
    _vowed,
)
from dyadwatch.events.context import _SUBJECTS, Candidate, Context, _cues, _near
from dyadwatch.events.lexicon import Trigger

# the mode a governing verbal event takes from the event it governs ("refused to meet")
GOVERNED_MODE = {
    ("REJECT", "CONSULT"): "meet", ("REQUEST", "CONSULT"): "meet",
    ("REJECT", "AID"): "assist", ("REQUEST", "AID"): "assist", ("REJECT", "COOPERATE"): "assist",
    ("REQUEST", "COOPERATE"): "assist", ("REQUEST", "RETREAT"): "yield", ("REQUEST", "CONCEDE"): "yield",
    ("REJECT", "RETREAT"): "yield", ("REJECT", "CONCEDE"): "yield",
    ("THREATEN", "ASSAULT"): "violence", ("THREATEN", "COERCE"): "restrict", ("THREATEN", "SANCTION"): "relations",
    ("THREATEN", "MOBILIZE"): "violence",
}
# what a future or intended event becomes (ontology: future cooperation is AGREE)
# and an announced future act of conflict is a threat
FUTURE_CATEGORY = {
    "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE",
    "PROTEST": "THREATEN", "SANCTION": "THREATEN", "COERCE": "THREATEN", "ASSAULT": "THREATEN", "MOBILIZE": "THREATEN",
}
# what someone said another party must do is a demand whatever the verb ("Russia said Sudan must return
# the helicopter", « X a dit que Y devait retirer ses troupes »): build_event makes the speaker its actor
DEMAND = Trigger(("must",), "REQUEST", None, None, frozenset(), -1)


def _reported_obligation(ctx: Context, i: int) -> bool:
    """A verb under an obligation modal ("must drop", « devait retirer »), in a clause a reporting verb governs."""
    obligation, heads, lemmas = ctx.lexicon.obligation, ctx.heads, ctx.lemmas
    bound = any(ctx.deps[c] == "aux" and (ctx.lower[c] in obligation or lemmas[c] in obligation) for c in ctx.kids[i])
    bound = bound or ctx.deps[i] == "xcomp" and lemmas[heads[i]] in obligation
    if not bound:
        return False
    cur = i
    for _ in range(4):
        if heads[cur] == cur:
            return False
        cur = heads[cur]
        if lemmas[cur] in ctx.lexicon.reporting:
            return True
    return False


_NOT_TRIGGERS = frozenset({"role", "institution", "country", "media"})


def find_candidates(sent: Any, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    tok_person, tok_entry, triggers = ctx.actors.tok_person, ctx.actors.tok_entry, ctx.lexicon.triggers
    all_pos, lemmas, lower, spots = ctx.pos, ctx.lemmas, ctx.lower, ctx.spots
    for i in spots[bisect_left(spots, sent.start) : bisect_left(spots, sent.end)]:
        # read from the per-token lists: a Token object is made only for a word the lexicon knows
        if i in tok_person:
            continue
        entry = tok_entry.get(i)
        if entry is not None and entry.kind in _NOT_TRIGGERS:
            continue
        pos = all_pos[i]
        options = triggers.get(lemmas[i]) or triggers.get(lower[i])
        if not options:
            if pos == "VERB" and _reported_obligation(ctx, i):
                found.append(Candidate(ctx.toks[i], DEMAND))
            continue
        t = ctx.toks[i]
        word_class = "NOUN" if pos in ("NOUN", "PROPN") else "VERB" if pos in ("VERB", "AUX") else pos
        near: dict[str, int] | None = None
        deps: dict[str, int] | None = None
        for trig in options:
            if trig.pos and trig.pos != word_class:
                continue
            if trig.not_words:
                if deps is None:
                    deps = _near(ctx, i, sent.end, window=False)
                    head = ctx.heads[i]
                    if pos == "NOUN" and ctx.deps[i] in ("obj", "dobj") and head != i:
                        # "declared a state of emergency after the earthquake": the verb carries the circumstances
                        # (not its subject: "the International Labour Office reiterated its demand")
                        deps = {**_near(ctx, head, sent.end, window=False, skip=_SUBJECTS), **deps}
                if trig.not_words & deps.keys():
                    continue
            if len(trig.words) > 1:
                near = near if near is not None else _near(ctx, i, sent.end)
                if not trig.rest <= near.keys():
                    continue
                found.append(Candidate(t, trig, {near[w] for w in trig.words[1:]}))
            else:
                found.append(Candidate(t, trig))
            break
        else:
            if pos == "VERB" and _reported_obligation(ctx, i):
                found.append(Candidate(t, DEMAND))
    consumed = {i for c in found for i in c.consumed}
    return [c for c in found if c.token.i not in consumed] if consumed else found


def fold_governed(cands: list[Candidate], ctx: Context, sent: Any = None) -> list[Candidate]:
    """Fold triggers governed by another trigger (or by an intent verb) into one event; drop those
    that name a condition, a hope or a protest's demand (``sent``: the sentence, for its conditions)."""
    moved: dict[int, Candidate] = {}
    for n, c in enumerate(cands):
        enactor = _enactor(ctx, c.token.i)
        if enactor is not None and all(x.token.i != enactor for x in cands):
            # "adopted a resolution condemning the attacks": the text's act, told at the verb that enacts it
            cands[n] = moved[c.token.i] = Candidate(ctx.toks[enactor], c.trigger, c.consumed | {c.token.i}, c.mode)
    by_token = {c.token.i: c for c in cands}
    by_token.update(moved)  # what the participle governs ("the attacks") folds into the moved act
    conditions = _conditions(ctx, sent) if sent is not None and len(cands) > 1 else []
    kept: list[Candidate] = []
    for c in cands:
        if ctx.deps[c.token.i] == "oprd":
            continue  # "calling it blackmail": a word that judges another act names no act of its own
        if c.trigger.category == "THREATEN" and _own_risk(ctx, c.token.i):
            continue
        if _unrealised(ctx, c.token.i, conditions) or _protest_demand(ctx, c, by_token) or _standing(ctx, c):
            continue
        gov = _governor(ctx, c.token.i, by_token, c.trigger.category)
        if gov is not None and gov is not c and _enacted(ctx, gov, c):
            # "signed into law a bill suspending cooperation": the act the law makes is the event, and
            # the signer does it (told at the signing verb: a participle describing a bill has no subject)
            gov.trigger = replace(gov.trigger, category=c.trigger.category, mode=c.mode or c.trigger.mode, invert=False)
            continue
        if gov is not None and gov is not c:
            key = (gov.trigger.category, c.trigger.category)
            if gov.trigger.category == "AGREE" and FUTURE_CATEGORY.get(c.trigger.category) == "THREATEN" and _vowed(ctx, gov):
                # "vowed to retake the city": a promise of force against someone is a threat
                gov.trigger = replace(gov.trigger, category="THREATEN", mode=None, not_words=frozenset())
                key = ("THREATEN", c.trigger.category)
            if gov.mode is None and gov.trigger.mode is None:
                # "a meeting during a visit to Algiers": one CONSULT, with the more specific mode
                gov.mode = c.mode or c.trigger.mode if key[0] == key[1] else GOVERNED_MODE.get(key)
            continue
        if _unanchored(ctx, c) or _said_by_event(ctx, c):
            continue
        if c.trigger.category == "ASSAULT" and _prepared(ctx, c.token.i):
            # "the army prepared an offensive", « l'armée prépare une offensive »: forces readied, not yet used
            c.prepared = True
        elif _under_intent(ctx, c.token.i):
            c.intent = True
        kept.append(c)
    return kept


# prepositions that attach circumstances (time, place, manner), not the content of a governing event
ADJUNCT_PREPS = {
    "in", "at", "during", "after", "before", "following", "since", "amid", "by", "via", "through", "despite",
    "lors", "pendant", "après", "avant", "dans", "en", "malgré", "depuis", "par",
}


def _governor(ctx: Context, i: int, by_token: dict[int, Candidate], category: str) -> Candidate | None:
    """The trigger whose content (object, complement) the trigger at ``i`` is, up to five links up.

    Across a circumstantial preposition only the same event folds ("killed
    him in an air strike", "a meeting during a visit"); "talks after the
    strike" are two events.
    """
    heads, deps, lower, kids = ctx.heads, ctx.deps, ctx.lower, ctx.kids
    cur, adjunct, clausal, terms = i, False, False, False
    for _ in range(5):
        # clause complements ("..., which Algiers has suspended") are events of their own, not folded,
        # except the act a demand, refusal or threat names ("demanded that Kyiv withdraw its troops")
        dep = deps[cur]
        if dep == "ccomp":
            clausal = True
        elif dep == "conj" and ctx.pos[cur] in ("NOUN", "PROPN"):
            pass  # "traded drone, missile and artillery attacks": a coordinated object is the object too
        elif dep in ("relcl", "acl:relcl") and _modal(ctx, cur):
            # "agreed to a scheme under which migrants can be sent back": the terms of the agreement
            terms = True
        elif dep not in _FOLD_LINKS:
            return None
        if dep == "prep" and lower[cur] in ADJUNCT_PREPS or any(deps[c] == "case" and lower[c] in ADJUNCT_PREPS for c in kids[cur]):
            adjunct = True
        cur = heads[cur]
        if cur in by_token:
            gov = by_token[cur]
            if dep == "conj":
                return None  # "shelling and assault attempts": coordinated event nouns are events of equal rank
            if clausal and (gov.trigger.category not in CLAUSE_TAKERS or "Past" in ctx.toks[i].morph.get("Tense")):
                return None  # "warned that Russia had attacked": a past act told, not the content of a threat
            if terms and gov.trigger.category not in TERMS_TAKERS:
                return None
            return gov if not adjunct or gov.trigger.category == category else None
    return None


def _modal(ctx: Context, v: int) -> bool:
    """A verb with a modal or future auxiliary ("can be sent", "would be returned", « pourront être renvoyés »)."""
    lexicon = ctx.lexicon
    return any(
        ctx.deps[c] in ("aux", "aux:tense") and (ctx.lower[c] in lexicon.future_aux or ctx.lower[c] in lexicon.hypothetical or ctx.lemmas[c] in ("pouvoir", "devoir"))
        for c in ctx.kids[v]
    )


# events whose terms a relative clause may state ("a deal under which ... would")
TERMS_TAKERS = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})
_FOLD_LINKS = frozenset({"xcomp", "dobj", "obj", "pobj", "pcomp", "prep", "obl", "obl:arg", "obl:mod", "nmod", "acl"})


# events whose content may be a whole clause: the demand, refusal or threat is the event, the clause its object
CLAUSE_TAKERS = frozenset({"REQUEST", "REJECT", "THREATEN"})


def _prepared(ctx: Context, i: int) -> bool:
    """A trigger that is what a verb of preparing readies: its object or its complement, two links up."""
    heads, deps, prep = ctx.heads, ctx.deps, _cues(ctx.lexicon.language, "preparation")
    cur = i
    for _ in range(2):
        if deps[cur] not in _PREPARED_LINKS or heads[cur] == cur:
            return False
        cur = heads[cur]
        if ctx.lemmas[cur] in prep:
            return True
    return False


_PREPARED_LINKS = frozenset({"obj", "dobj", "xcomp", "pcomp", "prep", "obl", "obl:arg", "mark"})


def _under_intent(ctx: Context, i: int) -> bool:
    heads, deps, lemmas, lower, intent = ctx.heads, ctx.deps, ctx.lemmas, ctx.lower, ctx.lexicon.intent
    cur = i
    for _ in range(3):
        # "plans to visit", "with the aim of resuming", « dans le but de relancer »
        dep = deps[cur]
        if dep not in _INTENT_LINKS or heads[cur] == cur:
            return False
        cur = heads[cur]
        if lemmas[cur] in intent or dep in ("xcomp", "ccomp", "acl") and lower[cur] in ("due", "set", "expected", "to"):
            return True
    return False


_INTENT_LINKS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "prep", "mark"})

