"""The lexicon coder: from a parsed article to PLOVER events with their evidence.

For every sentence it finds trigger tokens (the most specific lexicon pattern
wins), folds a trigger into the one that governs it ("agreed to relaunch
cooperation" is one AGREE, "refused to meet" one REJECT with mode meet),
reads actor and recipient from the parse, then sets the auxiliary flags,
the date, the place and the contexts. It returns small records only.

This module builds the events; the steps live beside it, in the order of the
flow: ``context`` (the parse as lists), ``candidates`` (triggers and folding),
``anchoring`` (what the clause says about a trigger), ``parties``,
``modality`` (the flags), ``timing`` (the date) and ``repeats`` (merging).
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Any

from dyadwatch.events.anchoring import _ceased, _exercising_forces, _own_deployment
from dyadwatch.events.arguments import cue_words
from dyadwatch.events.candidates import (
    _detached_participle,
    ANNOUNCED,
    DEMAND,
    FUTURE_CATEGORY,
    GOVERNED_MODE,
    find_candidates,
    fold_governed,
)
from dyadwatch.events.context import _SUBJECTS, Candidate, Context
from dyadwatch.events.dates import DateSpan, ahead
from dyadwatch.events.lexicon import match_contexts
from dyadwatch.events.modality import Modality, _historical, announcement, flags
from dyadwatch.events.parties import dedupe, resolve_parties
from dyadwatch.events.places import place_near
from dyadwatch.events.repeats import _attested, _better, _finite, _main_actor, merge_repeats
from dyadwatch.events.timing import _default_date, in_content, pick_date
from dyadwatch.learn.actor import choose_actors
from dyadwatch.learn.recall import marked, propose
from dyadwatch.learn.roles import choose_recipients
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Entity, Event, Evidence

# verbal judgements: with a trigger whose subject is the one judged (lexicon ``invert``), the speaker judges
JUDGEMENTS = frozenset({"ACCUSE", "SUPPORT"})
# cooperative events whose announced future negation is a refusal
REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


def build_event(cand: Candidate, sent_index: int, ctx: Context, sent: Any = None) -> Event | None:
    """The event of one candidate, or None (``sent``: its sentence's Span, when the caller has it)."""
    t = cand.token
    parties = resolve_parties(cand, ctx)
    if parties is None:
        return None
    actor_t, recipient_t, via_parse, unresolved = parties
    if sent is None or not sent.start <= t.i < sent.end:
        sent = t.sent
    place = place_near(t, ctx.actors.gaz) or ctx.default_place
    date = pick_date(t, ctx, sent)
    modality = flags(ctx, cand, date)
    reading = _read_event(cand, ctx, modality, actor_t, recipient_t)
    if reading is None:
        return None
    if reading.category in _TOLD_NOW and _date_of_what_is_told(ctx, t.i, date, modality.future):
        date = None  # "agreed to meet next month": the agreement is dated when it was made, not at the meeting
    date = _told_date(ctx, date, modality.future)
    category, mode = reading.category, reading.mode
    if not ctx.onto.is_valid(category, mode):
        mode = None
    date_str, precision = (date.date, date.precision) if date else _default_date(ctx)
    contexts = _sentence_contexts(sent, ctx) or ctx.article_contexts
    end = _evidence_end(cand, ctx)
    confidence = 0.55 + 0.05 * min(len(cand.trigger.words) - 1, 2) + (0.15 if via_parse else 0) + (0.05 if reading.recipient else 0)
    confidence -= 0.07 * min(_depth(ctx, t.i), 5) + (0.3 if unresolved else 0)
    key = f"{ctx.article.id}:{sent_index}:{t.idx}:{category}"
    return Event(
        id=hashlib.sha256(key.encode()).hexdigest()[:20],
        article_id=ctx.article.id,
        doc_id=ctx.article.doc_id,
        category=category,
        mode=mode,
        contexts=tuple(contexts),
        actor=reading.actor,
        recipient=reading.recipient,
        date=date_str,
        date_precision=precision,
        location=place,
        negated=reading.negated,
        future=modality.future,
        hypothetical=reading.hypothetical,
        historical=_historical(date_str, ctx.published),
        score=ctx.onto.score(category, mode),
        quad=ctx.onto.quad(category),
        evidence=Evidence(
            ctx.article.text[sent.start_char : sent.end_char], sent_index, sent.start_char, sent.end_char, ctx.article.text[t.idx : end], t.idx, end
        ),
        confidence=round(min(confidence, 0.99), 3),
        coder=ctx.coder,
    )


@dataclass
class Reading:
    """What an event is once its clause is read: category, mode and parties, and its two flags that
    the reading may lift (a refusal is no negated act, a threat made now no hypothesis)."""

    category: str
    mode: str | None
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    negated: bool
    hypothetical: bool


# commitments, concessions and threats: made when they are told, whatever the date of the act they announce
_TOLD_NOW = frozenset({"AGREE", "CONCEDE", "THREATEN"})


def _date_of_what_is_told(ctx: Context, i: int, date: DateSpan | None, future: bool) -> bool:
    """A date that belongs to the act a commitment or a threat announces: the clause is told in the
    future ("will visit Algiers on Sunday"), the date lies after publication, or it sits in the
    trigger's complement ("agreed to meet again on March 3")."""
    if date is None:
        return False
    if future or date.future or ctx.published is not None and date.date > ctx.published.isoformat():
        return True
    return in_content(ctx, i, date)


def _told_date(ctx: Context, date: DateSpan | None, future: bool) -> DateSpan | None:
    """The date of a future event moved after publication; an undated event takes the last recent date told."""
    if date is not None and future and ctx.published is not None:
        date = ahead(date, ctx.published)
    if date is not None and not _historical(date.date, ctx.published):
        ctx.last_date = date
    elif date is None and ctx.last_date is not None:
        date = ctx.last_date
    return date


def _read_event(
    cand: Candidate, ctx: Context, modality: Modality, actor_t: tuple[Entity, ...], recipient_t: tuple[Entity, ...]
) -> Reading | None:
    """The trigger's category and parties as the clause changes them (a weapons move, a demand told by a
    speaker, a judgement, a cut, a refusal, a threat, joint exercises), or None when it names no event."""
    t = cand.token
    r = Reading(cand.trigger.category, cand.mode or cand.trigger.mode, actor_t, recipient_t, modality.negated, modality.hypothetical)
    if r.category == "AID" and _own_deployment(ctx, cand):
        # "would send a missile system to the Batanes islands": weapons moved to a place, not given to a state
        r.category, r.mode, r.recipient = "MOBILIZE", "weapons", ()
    speaker = _reporting_subject(t, ctx) if modality.obligation and ctx.pos[t.i] in ("VERB", "AUX") else []
    if cand.trigger is DEMAND and (not speaker or {e.code for e in r.actor or r.recipient} <= {e.code for e in speaker}):
        return None  # no one else was told to act ("France said it must act" is its own intention)
    if cand.trigger.invert and r.category in JUDGEMENTS and not speaker:
        # « X a estimé que l'Algérie se déshonorait »: the subject is judged, whoever says so judges it
        judge = dedupe(_reporting_subject(t, ctx))
        if judge:
            judged = {e.code for e in judge}
            r.actor, r.recipient = judge, tuple(e for e in (*r.recipient, *r.actor) if e.code not in judged) or r.recipient
    if r.negated and not modality.future and r.category in _CUTTABLE and _ceased(ctx, t.i):
        # "France no longer delivers arms to Niger", « ne livre plus d'armes »: cooperation cut (SANCTION)
        r.category, r.mode, r.negated = "SANCTION", "discontinue", False
    if not _recategorise(cand, ctx, modality, speaker, r):
        return None
    if r.category == "MOBILIZE" and any(ctx.lemmas[j] in cue_words(ctx.lexicon.language, "exercises") for j in (t.i, *cand.consumed)):
        forces = _exercising_forces(ctx, t.i, r.actor)
        if len(forces) >= 2:
            # exercises of two countries' forces together: mutual military cooperation (ontology)
            r.category, r.mode = "COOPERATE", None
            if len(r.actor) < 2 and not {e.code for e in r.recipient} - {e.code for e in r.actor}:
                # "thousands of American and Filipino troops began exercises": the first named, with the other
                r.actor, r.recipient = forces[:1], forces[1:]
    return r


def _recategorise(cand: Candidate, ctx: Context, modality: Modality, speaker: list[Entity], r: Reading) -> bool:
    """A demand told by a speaker, a refusal, a show of force, a future act, a threat made now: what the
    modality makes of the trigger's category. False when it names no event."""
    category, future = r.category, modality.future
    if speaker:
        # "Russia said Sudan must return the helicopter": the speaker demands it of the subject
        r.category, r.mode = "REQUEST", GOVERNED_MODE.get(("REQUEST", category))
        r.actor, r.recipient = dedupe(speaker), r.actor or r.recipient
    elif future and r.negated and category == "REJECT":
        # "said it would not block the accession", « ne s'opposera pas »: a commitment not to obstruct (AGREE),
        # told now even in the conditional of reported speech
        r.category, r.mode, r.negated = "AGREE", None, False
        r.hypothetical = r.hypothetical and not modality.reported
    elif future and r.negated and category in REFUSABLE:
        # "will not accept", "would not meet the demands": a refusal
        r.category, r.mode, r.negated = "REJECT", GOVERNED_MODE.get(("REJECT", category)), False
    elif cand.prepared and category == "ASSAULT":
        # readying forces for an attack is a show of force (MOBILIZE), not yet violence nor a spoken threat
        r.category, r.mode = "MOBILIZE", None
    elif category in ANNOUNCED and (told := announcement(ctx, cand, modality)) is not None:
        # "will expel the ambassador", « va fermer le consulat »: the sanction announced, with its future flag;
        # "would expel him unless ...", "could expel": leverage, a threat made now (ruling, issue 5)
        if told == "leverage":
            if _event_subject(ctx, cand.token.i):
                return False  # "the sanctions would hurt exporters": what an event will do, no one's threat
            r.category, r.mode, r.hypothetical = "THREATEN", GOVERNED_MODE.get(("THREATEN", category)), False
    elif future and category in FUTURE_CATEGORY and not (category == "MOBILIZE" and not r.recipient):
        if FUTURE_CATEGORY[category] == "THREATEN" and _event_subject(ctx, cand.token.i):
            return False  # "the aid would strengthen his forces": what an event will do, no one's threat
        r.category, r.mode = FUTURE_CATEGORY[category], GOVERNED_MODE.get(("THREATEN", category))
    elif r.hypothetical and modality.reported and FUTURE_CATEGORY.get(category) == "THREATEN":
        # "Islamabad said it could hold the treaty in abeyance": saying one may strike is a threat, made now
        r.category, r.mode, r.hypothetical = "THREATEN", GOVERNED_MODE.get(("THREATEN", category)), False
    return True


def _evidence_end(cand: Candidate, ctx: Context) -> int:
    """Where the trigger's evidence ends: after the last word of its pattern, unless they lie far apart."""
    starts, texts = ctx.actors.lists.starts, ctx.actors.lists.texts  # Token.idx and Token.text, from the lists
    i = cand.token.i
    end = own_end = starts[i] + len(texts[i])
    for k in cand.consumed:
        end = max(end, starts[k] + len(texts[k]))
    if end - starts[i] >= 80:
        end = own_end  # the pattern's words lie far apart: the head word alone is the evidence
    return end


# material cooperation whose stopping cuts it ("no longer delivers arms"): SANCTION (discontinue)
_CUTTABLE = frozenset({"AID", "COOPERATE"})


def _event_subject(ctx: Context, i: int) -> bool:
    """The trigger's subject is itself an event noun ("the aid", "the sanctions"), not a party."""
    known = ctx.lexicon.triggers
    return any(
        ctx.deps[c] in _SUBJECTS and ctx.pos[c] == "NOUN" and (ctx.lemmas[c] in known or ctx.lower[c] in known) for c in ctx.kids[i]
    )


def _depth(ctx: Context, i: int) -> int:
    """How deep a trigger sits below its sentence's main predicate (reports and control verbs are free)."""
    heads, deps, lemmas, reporting = ctx.heads, ctx.deps, ctx.lemmas, ctx.lexicon.reporting
    depth, cur = 0, i
    while heads[cur] != cur:
        dep = deps[cur]
        if not (dep in ("xcomp", "conj") or dep in ("ccomp", "parataxis") and lemmas[heads[cur]] in reporting):
            depth += 1
        cur = heads[cur]
    return depth


def _reporting_subject(t: Any, ctx: Context) -> list[Entity]:
    """The subject of the reporting verb above a trigger, if any."""
    cur = t
    for _ in range(4):
        if cur.head.i == cur.i:
            return []
        cur = cur.head
        if cur.lemma_.lower() in ctx.lexicon.reporting:
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
            return ctx.actors.entities_for(subj[0]) if subj else []
    return []


def _sentence_contexts(sent: Any, ctx: Context) -> list[str]:
    """The contexts named in a sentence (by lemma, then by word form), once per sentence."""
    if sent.start not in ctx._contexts:
        found = match_contexts(ctx.lemmas[sent.start : sent.end], ctx.lexicon)
        ctx._contexts[sent.start] = found or match_contexts(ctx.lower[sent.start : sent.end], ctx.lexicon)
    return ctx._contexts[sent.start]


def _acts_on_thing(t: Any) -> bool:
    """A reporting verb used for an act on a thing, not for a statement: « a reconnu un plan d'autonomie »."""
    parse = parse_lists(t.doc)  # read from the lists: no Token per child
    deps, kids = parse.deps, parse.kids[t.i]
    clause = any(deps[c] in ("ccomp", "xcomp", "parataxis") for c in kids)
    return not clause and any(deps[c] in ("obj", "dobj") and parse.pos[c] in ("NOUN", "PROPN") for c in kids)


def _described_targets(found: list[Event], ctx: Context) -> list[Event]:
    """A judgement told as a second act of the same subject whose target the text only describes ("cut
    ties with Chad, accusing its neighbour of ...", "..., accusing the Gulf state of ...", « a rompu avec
    Kiev, accusant le voisin de ... »): the description names the party the first act was done to."""
    if len(found) < 2:
        return found
    by_start = {e.evidence.trigger_start: e for e in found}
    starts = parse_lists(ctx.doc).starts
    out = []
    for e in found:
        t = _token_at(starts, e.evidence.trigger_start)
        if t is not None and e.category in JUDGEMENTS and _detached_participle(ctx, t) and _described_object(ctx, t):
            own = {x.code for x in e.actor}
            # the verb the participle hangs on, or the first of its coordinated verbs ("cut ties and recalled ...")
            head = ctx.heads[t]
            for v in (head, ctx.heads[head]) if ctx.deps[head] == "conj" else (head,):
                main = by_start.get(starts[v])
                if main is not None and main is not e and {x.code for x in main.actor} == own and main.recipient and not own & {x.code for x in main.recipient}:
                    e = replace(e, recipient=main.recipient)
                    break
        out.append(e)
    return out


def _token_at(starts: list[int], char: int) -> int | None:
    """The token that starts at character ``char`` (a bisect on the parse lists' offsets, no spaCy Span)."""
    i = bisect_left(starts, char)
    return i if i < len(starts) and starts[i] == char else None


def _described_object(ctx: Context, i: int) -> bool:
    """The object of the verb at ``i`` is a definite common noun that names no party ("the Gulf state")."""
    for k in ctx.kids[i]:
        if ctx.deps[k] in ("obj", "dobj"):
            if ctx.pos[k] != "NOUN" or ctx.actors.entities_for(ctx.toks[k]):
                return False
            return any(ctx.deps[g] in ("det", "poss", "nmod:poss") for g in ctx.kids[k])
    return False


def code_events(ctx: Context) -> list[Event]:
    """All events of one article, at most one per category and actor pair per sentence."""
    events: list[Event] = []
    verbal: set[str] = set()
    spots = ctx.spots
    for index, (start, end) in enumerate(parse_lists(ctx.doc).sents):
        if bisect_left(spots, start) == bisect_left(spots, end):
            continue  # no word of the sentence may trigger: no candidate, no event (most sentences of a long article)
        sent = parse_lists(ctx.doc).bounds(index)  # the offsets the steps read of the sentence, not its Span
        cands = fold_governed(find_candidates(sent, ctx), ctx, sent)
        cands += propose(ctx, sent, cands)  # the learned recall step (learn/recall.py): none without a model
        best: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], Event] = {}
        for cand in cands:
            if ctx.lemmas[cand.token.i] in ctx.lexicon.reporting and len(cand.trigger.words) == 1 and not _acts_on_thing(cand.token):
                continue  # saying is not an event; "stressed the need to" (a longer pattern) is a demand
            event = marked(build_event(cand, index, ctx, sent), cand)
            if event is None:
                continue
            if _finite(cand.token, ctx.toks):
                verbal.add(event.id)
            # "expelled staff and recalled its ambassador": two modes, two events
            key = (event.category, event.mode or "", tuple(e.code for e in event.actor), tuple(e.code for e in event.recipient))
            best[key] = _better(best.get(key), event, ctx.onto)
        found = _described_targets(_attested(sorted(best.values(), key=lambda e: e.evidence.trigger_start)), ctx)
        events.extend(found)
        ctx.last_actor = _main_actor(found) or ctx.last_actor
    # the learned recipient choice (learn/roles.py), then the actor choice (learn/actor.py), read the merged
    # events; without a model each returns them
    return choose_actors(choose_recipients(merge_repeats(events, ctx.onto, verbal), ctx), ctx, ctx.actor_model)

