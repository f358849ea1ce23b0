"""The lexicon coder: from a parsed article to PLOVER events with their evidence.

For every sentence it finds trigger tokens (the most specific lexicon pattern
wins), folds a trigger into the one that governs it ("agreed to relaunch
cooperation" is one AGREE, "refused to meet" one REJECT with mode meet),
reads actor and recipient from the parse, then sets the auxiliary flags,
the date, the place and the contexts. It returns small records only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.events.arguments import SUBJ, climb_subject, cue_words, direct_arguments, dyad_subject, host_verbs, nearest_mentions
from dyadwatch.events.dates import DateSpan, ahead
from dyadwatch.events.lexicon import Lexicon, Trigger, match_contexts
from dyadwatch.events.places import DESTINATION_PREPS, LOCATIVE_PREPS, place_near, place_within
from dyadwatch.records import Article, Entity, Event, Evidence, Place

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
NEAR_WINDOW = 5
# below this, an event that is not its sentence's best reading is dropped (see _attested)
MIN_CONFIDENCE = 0.36
# dependents that open a clause of their own (both label schemes)
CLAUSES = {"advcl", "ccomp", "conj", "parataxis", "relcl", "acl:relcl", "csubj", "cc"}
# cooperative events whose announced future negation is a refusal
REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
# categories that are done to someone: an event of these with no named target gets the article's other side
# events done together: their parties are interchangeable when repeats are merged
JOINT = {"AGREE", "CONSULT", "COOPERATE"}
# acts of a state's police and courts: when none is named, the state where it happened acted
STATE_ACTS = {"COERCE", "SANCTION"}
# acts of crowds, whose unnamed members belong to the country where they act
CROWD_ACTS = {"PROTEST"}
DIRECTED = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SANCTION", "COERCE", "CONCEDE", "SUPPORT", "RETREAT", "AID", "COOPERATE", "PROTEST", "ASSAULT"}


@dataclass
class Candidate:
    token: Any
    trigger: Trigger
    consumed: set[int] = field(default_factory=set)
    mode: str | None = None
    intent: bool = False


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


def _near(t: Any, window: bool = True) -> dict[str, Any]:
    """Lemmas close to a trigger: its dependents two levels down and (with ``window``) the next few tokens.

    Exclusions (a pattern's ``not`` words) are read without the window and
    without other clauses: in "expelled the envoy as migrants waited" the
    migrants are not the ones expelled.
    """
    out: dict[str, Any] = {}
    for c in t.children:
        if not window and c.dep_ in CLAUSES:
            continue
        out.setdefault(c.lemma_.lower(), c)
        out.setdefault(c.lower_, c)
        for g in c.children:
            out.setdefault(g.lemma_.lower(), g)
            out.setdefault(g.lower_, g)
            for gg in g.children:
                if gg.dep_ in ("pobj", "dobj", "obj", "compound", "fixed", "flat"):
                    out.setdefault(gg.lemma_.lower(), gg)
    for tok in t.doc[t.i + 1 : min(t.i + 1 + NEAR_WINDOW, t.sent.end)] if window else ():
        out.setdefault(tok.lemma_.lower(), tok)
        out.setdefault(tok.lower_, tok)
    if t.dep_ in ("acl", "amod") and t.head.i != t.i:
        # "a video released by the presidency": the noun a participle modifies is its object
        out.setdefault(t.head.lemma_.lower(), t.head)
    return out


def find_candidates(sent: Any, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    for t in sent:
        if t.pos_ not in ("VERB", "NOUN", "ADJ", "AUX") or t.i in ctx.actors.tok_person:
            continue
        entry = ctx.actors.tok_entry.get(t.i)
        if entry is not None and entry.kind in ("role", "institution", "country", "media"):
            continue
        options = ctx.lexicon.candidates(ctx.lemmas[t.i]) or ctx.lexicon.candidates(t.lower_)
        near: dict[str, Any] | None = None
        deps: dict[str, Any] | None = None
        for trig in options:
            if trig.pos and trig.pos != ("NOUN" if t.pos_ in ("NOUN", "PROPN") else "VERB" if t.pos_ in ("VERB", "AUX") else t.pos_):
                continue
            if trig.not_words:
                deps = deps if deps is not None else _near(t, window=False)
                if trig.not_words & deps.keys():
                    continue
            if len(trig.words) > 1:
                near = near if near is not None else _near(t)
                if not all(w in near for w in trig.words[1:]):
                    continue
                found.append(Candidate(t, trig, {near[w].i for w in trig.words[1:]}))
            else:
                found.append(Candidate(t, trig))
            break
    consumed = {i for c in found for i in c.consumed}
    return [c for c in found if c.token.i not in consumed]


def fold_governed(cands: list[Candidate], lexicon: Lexicon) -> list[Candidate]:
    """Fold triggers governed by another trigger (or by an intent verb) into one event."""
    by_token = {c.token.i: c for c in cands}
    kept: list[Candidate] = []
    for c in cands:
        gov = _governor(c.token, by_token, c.trigger.category)
        if gov is not None and gov is not c:
            key = (gov.trigger.category, c.trigger.category)
            if gov.mode is None and gov.trigger.mode is None:
                # "a meeting during a visit to Algiers": one CONSULT, with the more specific mode
                gov.mode = c.mode or c.trigger.mode if key[0] == key[1] else GOVERNED_MODE.get(key)
            continue
        if _under_intent(c.token, lexicon):
            c.intent = True
        kept.append(c)
    return kept


# prepositions that attach circumstances (time, place, manner), not the content of a governing event
ADJUNCT_PREPS = {
    "in", "at", "during", "after", "before", "following", "since", "amid", "by", "via", "through", "despite",
    "lors", "pendant", "après", "avant", "dans", "en", "malgré", "depuis", "par",
}


def _governor(t: Any, by_token: dict[int, Candidate], category: str) -> Candidate | None:
    """The trigger whose content (object, complement) a trigger is, up to five links up.

    Across a circumstantial preposition only the same event folds ("killed
    him in an air strike", "a meeting during a visit"); "talks after the
    strike" are two events.
    """
    cur, adjunct = t, False
    for _ in range(5):
        # clause complements ("..., which Algiers has suspended") are events of their own, not folded
        if cur.dep_ not in ("xcomp", "dobj", "obj", "pobj", "pcomp", "prep", "obl", "nmod", "acl"):
            return None
        if cur.dep_ == "prep" and cur.lower_ in ADJUNCT_PREPS or any(c.dep_ == "case" and c.lower_ in ADJUNCT_PREPS for c in cur.children):
            adjunct = True
        cur = cur.head
        if cur.i in by_token:
            gov = by_token[cur.i]
            return gov if not adjunct or gov.trigger.category == category else None
    return None


def _under_intent(t: Any, lexicon: Lexicon) -> bool:
    cur = t
    for _ in range(3):
        # "plans to visit", "with the aim of resuming", « dans le but de relancer »
        if cur.dep_ not in ("xcomp", "ccomp", "acl", "pcomp", "prep", "mark") or cur.head.i == cur.i:
            return False
        verbal = cur.dep_ in ("xcomp", "ccomp", "acl")
        cur = cur.head
        if cur.lemma_.lower() in lexicon.intent or verbal and cur.lower_ in ("due", "set", "expected", "to"):
            return True
    return False


def _clause_verbs(t: Any) -> list[Any]:
    """The trigger and the verbs that govern it within its clause."""
    out = [t]
    cur = t
    for _ in range(3):
        if cur.dep_ in ("xcomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl", "conj") and cur.head.i != cur.i:
            cur = cur.head
            out.append(cur)
        else:
            break
    return out


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    obligation: bool = False


def flags(t: Any, cand: Candidate, lexicon: Lexicon, date: DateSpan | None) -> Modality:
    """Negation, future or intent, hypothesis and obligation for a trigger, from its clause."""
    verbs = _clause_verbs(t)
    negated = hypothetical = obligation = False
    future = cand.intent or (date.future if date else False)
    reported = any(v.dep_ in ("ccomp", "parataxis") and v.head.lemma_.lower() in lexicon.reporting for v in verbs)
    for v in verbs:
        if v.i != t.i and v.lemma_.lower() in lexicon.negation:
            negated = True  # "failed to reach agreement"
        if v.i != t.i and v.lemma_.lower() in lexicon.obligation:
            obligation = True  # « doit retirer ses troupes »: devoir governs the infinitive
        for c in v.children:
            low, lem = c.lower_, c.lemma_.lower()
            if c.dep_ in ("neg", "advmod") and (lem in lexicon.negation or low in lexicon.negation):
                negated = True
            if c.dep_ in ("aux", "aux:tense") and (lem in lexicon.future_aux or low in lexicon.future_aux):
                future = True
            if c.dep_ in ("aux", "mark") and (low in lexicon.hypothetical or lem in lexicon.hypothetical):
                hypothetical = True
            if c.dep_ == "aux" and (low in lexicon.obligation or lem in lexicon.obligation):
                obligation = True
        if "Fut" in v.morph.get("Tense") or any(c.lemma_ == "aller" and c.dep_ in ("aux", "aux:tense") for c in v.children):
            future = True
        # fr_core_news_md tags many conditionals ("recevrait") as imperfect: the ending says it
        conditional = "Cnd" in v.morph.get("Mood") or lexicon.language == "fr" and v.lower_.endswith(("rait", "raient"))
        if conditional:
            # the conditional of reported speech is a future ("il a dit qu'il viendrait")
            future, hypothetical = (True, hypothetical) if reported else (future, True)
    return Modality(negated, future, hypothetical, obligation)


def _tree_distance(a: Any, b: Any) -> int:
    pa = [a, *a.ancestors]
    pb = [b, *b.ancestors]
    ia = {t.i: n for n, t in enumerate(pa)}
    for n, t in enumerate(pb):
        if t.i in ia:
            return ia[t.i] + n
    return 99


BOUNDARY = {"ccomp", "advcl", "relcl", "acl:relcl", "parataxis", "csubj"}


def _clause_head(t: Any) -> Any:
    """The head of the clause a token belongs to (the first ancestor that starts a clause)."""
    cur = t
    while cur.head.i != cur.i and cur.dep_ not in BOUNDARY and not (cur.dep_ == "conj" and cur.pos_ in ("VERB", "AUX")):
        cur = cur.head
    return cur


def pick_date(t: Any, ctx: Context) -> DateSpan | None:
    """The date expression of the trigger's clause (or of the reporting verb that governs it)."""
    own = _clause_head(t)
    allowed = {own.i}
    if own.head.i != own.i and (own.dep_ == "conj" or own.dep_ in ("ccomp", "parataxis") and own.head.lemma_.lower() in ctx.lexicon.reporting):
        # "began on February 16 and included meetings": conjoined clauses share a date, as do reported ones
        allowed.add(_clause_head(own.head).i)
    for c in own.children:
        # "X sont convenues de ..., a annoncé le 17 février Y": the date of the attached report
        if c.dep_ in ("conj", "parataxis") and c.lemma_.lower() in ctx.lexicon.reporting:
            allowed.add(c.i)
    # "the trip, planned months ago, began on February 16": a participle describing the event
    # noun dates the plan; the predicate's own date wins over it
    modifiers = {x.i for c in t.children if c.dep_ == "acl" for x in c.subtree}
    best: tuple[int, DateSpan] | None = None
    for span in ctx.dates:
        if not (t.sent.start_char <= span.start < t.sent.end_char):
            continue
        toks = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
        if toks is None or not any(_clause_head(x).i in allowed for x in toks):
            continue
        d = min(_tree_distance(t, x) for x in toks) + (3 if toks[0].i in modifiers else 0)
        if best is None or d < best[0]:
            best = (d, span)
    return best[1] if best else None


def _dedupe(entities: list[Entity]) -> tuple[Entity, ...]:
    out: list[Entity] = []
    for e in entities:
        if e.code in (None, "UNK") and e.kind != "person":
            continue
        if all((x.code, x.canonical) != (e.code, e.canonical) for x in out):
            out.append(e)
    return tuple(out)


def _country(code: str, name: str | None, ctx: Context, guessed: bool = False) -> Entity:
    canonical = ctx.actors.gaz.country_names.get(code, code)
    return Entity(code, None, name or canonical, canonical, None, "country", guessed=guessed)


def _parse_parties(cand: Candidate, ctx: Context) -> tuple[list[Entity], list[Entity], bool] | None:
    """Actor and recipient read from the parse, then from the nearest mentions; None for no event."""
    t = cand.token
    actor, recipient = direct_arguments(t, ctx.actors, ctx.lexicon.etre_verbs)
    if not actor and not recipient and _anaphoric(t, ctx.lexicon):
        return None
    if _reduced_relative(t) or _circumstantial(t, ctx.lexicon):
        return None
    # "after gunmen killed 26 people": a subject of its own that names no known party is still
    # the actor; the main clause's subject ("India suspended the treaty after ...") is not
    named = t.dep_ == "advcl" and any(c.dep_ in SUBJ and c.pos_ in ("NOUN", "PROPN") for c in t.children)
    if not actor and not named:
        actor, undergoer = climb_subject(t, ctx.actors, ctx.lexicon.patient, ctx.lexicon.etre_verbs)
        recipient = recipient or undergoer
    actor = actor or dyad_subject(t, ctx.actors, ctx.lexicon.language)
    via_parse = bool(actor)
    if not actor and cand.trigger.category in STATE_ACTS and (_agentless(t) or _unnamed_agent(t)):
        # "was detained", "his detention", "the court sentenced him": police and courts act for their state
        actor, recipient = _acting_state(t, recipient, ctx)
    elif not actor and cand.trigger.category in CROWD_ACTS:
        # "100,000 people marched through Belgrade": unnamed crowds are civilians of the country they
        # march in, and their protest, with no target named, is addressed to its state
        spot = place_near(t, ctx.actors.gaz, LOCATIVE_PREPS)
        if spot is not None and spot.country:
            state = _country(spot.country, spot.name, ctx)
            actor = [replace(state, sector="CVL", kind="group", canonical=f"civilians ({state.canonical})")]
            recipient = recipient or [state]
    if not actor or not recipient:
        before, after = nearest_mentions(t, ctx.actors, actor + recipient, ctx.lexicon.reporting)
        actor = actor or ([] if named else before)
        single = len({e.code for e in actor}) == 1
        if not recipient and after and (ctx.onto.category(cand.trigger.category).recipient_required or single):
            recipient = after
    if _hosted(cand, ctx.lexicon) and (actor or recipient):
        actor, recipient = recipient, actor  # "Tebboune received Barrot": Barrot is the visitor
    if not recipient and (cand.mode or cand.trigger.mode) == "visit":
        # "a visit to Algiers": the country visited hosts it
        spot = place_near(t, ctx.actors.gaz, DESTINATION_PREPS)
        if spot is not None and spot.country and spot.country not in {e.code for e in actor}:
            recipient = [_country(spot.country, spot.name, ctx)]
    return actor, recipient, via_parse


def _parties(cand: Candidate, ctx: Context) -> tuple[tuple[Entity, ...], tuple[Entity, ...], bool, bool] | None:
    """(actor, recipient, read from the parse, unresolved) of an event, or None when it has no party."""
    found = _parse_parties(cand, ctx)
    if found is None:
        return None
    actor, recipient, via_parse = found
    actor_t = _dedupe(actor)
    recipient_t = tuple(e for e in _dedupe(recipient) if all((e.code, e.canonical) != (a.code, a.canonical) for a in actor_t))
    rcodes = {e.code for e in recipient_t}
    actor_t = tuple(_unguess(e, rcodes, ctx) for e in actor_t)
    if not recipient_t and len({a.code for a in actor_t}) == 1 and cand.trigger.category in DIRECTED:
        # "Algiers denounced the decision": the target is the other side of the article's dyad;
        # in a story about one country only, the event is domestic (government and protesters)
        other = ctx.actors.partner(actor_t[0].code) or ctx.actors.domestic(actor_t[0].code)
        if other is None and actor_t[0].kind == "organisation" and ctx.last_actor != actor_t[0].code:
            other = ctx.last_actor
        if other is not None:
            recipient_t = (_country(other, None, ctx, guessed=True),)
    if actor_t or recipient_t:
        return actor_t, recipient_t, via_parse, False
    subject = _main_subject(cand.token)
    if subject is None:
        return None
    # the main predicate of its sentence, with a subject we cannot place: keep the event, with an unknown actor
    span = ctx.doc[subject.left_edge.i : subject.i + 1]
    return (Entity("UNK", None, span.text, span.text, None, "group", span.start_char, span.end_char),), (), via_parse, True


def build_event(cand: Candidate, sent_index: int, ctx: Context) -> Event | None:
    t = cand.token
    parties = _parties(cand, ctx)
    if parties is None:
        return None
    actor_t, recipient_t, via_parse, unresolved = parties
    place = place_near(t, ctx.actors.gaz) or ctx.default_place
    date = pick_date(t, ctx)
    modality = flags(t, cand, ctx.lexicon, date)
    negated, future, hypothetical = modality.negated, modality.future, modality.hypothetical
    if date is not None and future and ctx.published is not None:
        date = ahead(date, ctx.published)
    if date is not None and not _historical(date.date, ctx.published):
        ctx.last_date = date
    elif date is None and ctx.last_date is not None:
        date = ctx.last_date
    category = cand.trigger.category
    mode = cand.mode or cand.trigger.mode
    speaker = _reporting_subject(t, ctx) if modality.obligation and t.pos_ in ("VERB", "AUX") else []
    if speaker:
        # "Russia said Sudan must return the helicopter": the speaker demands it of the subject
        category, mode = "REQUEST", GOVERNED_MODE.get(("REQUEST", category))
        actor_t, recipient_t = _dedupe(speaker), actor_t or recipient_t
    elif future and negated and category in REFUSABLE:
        # "will not accept", "would not meet the demands": a refusal
        category, mode, negated = "REJECT", GOVERNED_MODE.get(("REJECT", category)), False
    elif future and category in FUTURE_CATEGORY:
        category, mode = FUTURE_CATEGORY[category], GOVERNED_MODE.get(("THREATEN", category))
    if not ctx.onto.is_valid(category, mode):
        mode = None
    date_str, precision = (date.date, date.precision) if date else _default_date(ctx)
    historical = _historical(date_str, ctx.published)
    sent = t.sent
    contexts = _sentence_contexts(sent, ctx) or ctx.article_contexts
    end = t.idx + len(t.text)
    for i in cand.consumed:
        end = max(end, ctx.doc[i].idx + len(ctx.doc[i].text))
    trig_text = ctx.article.text[t.idx:end] if end - t.idx < 80 else t.text
    confidence = 0.55 + 0.05 * min(len(cand.trigger.words) - 1, 2) + (0.15 if via_parse else 0) + (0.05 if recipient_t else 0)
    confidence -= 0.07 * min(_depth(t, ctx.lexicon.reporting), 5) + (0.3 if unresolved else 0)
    key = f"{ctx.article.id}:{sent_index}:{t.idx}:{category}"
    return Event(
        id=hashlib.sha256(key.encode()).hexdigest()[:20],
        article_id=ctx.article.id,
        doc_id=ctx.article.doc_id,
        category=category,
        mode=mode,
        contexts=tuple(contexts),
        actor=actor_t,
        recipient=recipient_t,
        date=date_str,
        date_precision=precision,
        location=place,
        negated=negated,
        future=future,
        hypothetical=hypothetical,
        historical=historical,
        score=ctx.onto.score(category, mode),
        quad=ctx.onto.quad(category),
        evidence=Evidence(sent.text, sent_index, sent.start_char, sent.end_char, trig_text, t.idx, end),
        confidence=round(min(confidence, 0.99), 3),
        coder=ctx.coder,
    )


def _acting_state(t: Any, recipient: list[Entity], ctx: Context) -> tuple[list[Entity], list[Entity]]:
    """Who arrested or sentenced, and whom, when a passive or a noun leaves the agent out.

    The one named just before undergoes it ("Gleizes, serving a sentence
    confirmed on appeal"); the state where it happened acted ("detained at
    Algiers airport", not "flown to Germany"), else the other side of the
    article's dyad from the one who undergoes it.
    """
    if not recipient:
        recipient = nearest_mentions(t, ctx.actors, [], ctx.lexicon.reporting)[0]
    subject = [x for c in t.children if c.dep_ in SUBJ for x in c.subtree]
    spot = place_within(subject, ctx.actors.gaz) or place_near(t, ctx.actors.gaz, LOCATIVE_PREPS) or ctx.default_place
    if spot is not None and spot.country:
        return [_country(spot.country, spot.name, ctx)], recipient
    other = ctx.actors.partner(recipient[0].code) if recipient else None
    return ([_country(other, None, ctx, guessed=True)] if other else []), recipient


def _unnamed_agent(t: Any) -> bool:
    """An active verb whose subject is a common noun that names no party ("the court", « le tribunal »)."""
    return any(c.dep_ in SUBJ and c.pos_ == "NOUN" for c in t.children)


def _hosted(cand: Candidate, lexicon: Lexicon) -> bool:
    """A visit told from the host's side ("received", "accueilli par"): the visitor is the actor."""
    if cand.trigger.invert:
        return True
    visit = cand.trigger.category == "CONSULT" and (cand.mode or cand.trigger.mode) == "visit"
    return visit and cand.token.lemma_.lower() in host_verbs(lexicon.language)


def _agentless(t: Any) -> bool:
    """A passive verb, a participle or an event noun: forms that can leave out who acted."""
    if t.pos_ in ("NOUN", "PROPN"):
        return True
    passive = any(c.dep_ in ("nsubjpass", "nsubj:pass", "auxpass", "aux:pass") for c in t.children)
    return passive or t.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in t.children)


def _depth(t: Any, reporting: frozenset[str]) -> int:
    """How deep a trigger sits below its sentence's main predicate (reports and control verbs are free)."""
    depth, cur = 0, t
    while cur.head.i != cur.i:
        if not (cur.dep_ in ("xcomp", "conj") or cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in reporting):
            depth += 1
        cur = cur.head
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


def _main_subject(t: Any) -> Any | None:
    """The subject of a trigger that is its sentence's main predicate (or governed by it through xcomp)."""
    cur = t
    while cur.dep_ == "xcomp" and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ != "ROOT" or cur.pos_ not in ("VERB", "AUX"):
        return None
    subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
    return subj[0] if subj and subj[0].pos_ in ("NOUN", "PROPN") else None


def _unguess(e: Entity, recipients: set[str], ctx: Context) -> Entity:
    """A person whose country was only guessed from the article does not act against that same country."""
    if not e.guessed or e.code not in recipients:
        return e
    other = ctx.actors.partner(e.code)
    return replace(e, code=other) if other else e


def _sentence_contexts(sent: Any, ctx: Context) -> list[str]:
    """The contexts named in a sentence (by lemma, then by word form), once per sentence."""
    if sent.start not in ctx._contexts:
        found = match_contexts(ctx.lemmas[sent.start : sent.end], ctx.lexicon)
        ctx._contexts[sent.start] = found or match_contexts([x.lower_ for x in sent], ctx.lexicon)
    return ctx._contexts[sent.start]


def _reduced_relative(t: Any) -> bool:
    """A participle describing a noun ("nationals ordered to leave", "a journalist jailed in Algeria").

    It names a state of the noun, not a reported act, unless it says who did it ("detained by police").
    """
    if t.dep_ not in ("acl", "amod") or t.pos_ != "VERB":
        return False
    participle = t.tag_ == "VBN" or "Part" in t.morph.get("VerbForm")
    has_agent = any(c.dep_ in ("agent", "obl:agent") or c.lower_ in ("by", "par") for c in t.children)
    return participle and not has_agent


def _circumstantial(t: Any, lexicon: Lexicon) -> bool:
    """An event noun that only frames another statement ("at Sayoud's invitation", "confirmed on appeal",
    "as the basis for negotiations"): the circumstance, not a reported event."""
    if t.pos_ != "NOUN":
        return False
    prep = t.head.lower_ if t.dep_ == "pobj" and t.head.dep_ == "prep" else next((c.lower_ for c in t.children if c.dep_ == "case"), None)
    if prep in cue_words(lexicon.language, "circumstance_preps"):
        return True
    # "at Sayoud's invitation", "at the request of Paris" (but "agreed at a summit")
    owned = any(c.dep_ in ("poss", "nmod:poss") or c.dep_ == "prep" and c.lower_ == "of" for c in t.children)
    return owned and prep in cue_words(lexicon.language, "framing_preps")


def _anaphoric(t: Any, lexicon: Lexicon) -> bool:
    """A bare event noun with a definite determiner ("the visit") refers back to an event already coded."""
    return t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in lexicon.anaphoric for c in t.children)


def _default_date(ctx: Context) -> tuple[str | None, str | None]:
    if ctx.published is None:
        return None, None
    return ctx.published.isoformat(), "day"


def _historical(date: str | None, published: dt.date | None) -> bool:
    """Background events: dated more than 30 days before publication."""
    if not date or published is None:
        return False
    try:
        year = int(date[:4])
        month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 12
        day = int(date[8:10]) if len(date) >= 10 else 28
        return (published - dt.date(year, month, min(day, 28))).days > 30
    except ValueError:
        return False


def code_events(ctx: Context) -> list[Event]:
    """All events of one article, at most one per category and actor pair per sentence."""
    events: list[Event] = []
    verbal: set[str] = set()
    for index, sent in enumerate(ctx.doc.sents):
        cands = fold_governed(find_candidates(sent, ctx), ctx.lexicon)
        best: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], Event] = {}
        for cand in cands:
            if cand.token.lemma_.lower() in ctx.lexicon.reporting and len(cand.trigger.words) == 1:
                continue  # saying is not an event; "stressed the need to" (a longer pattern) is a demand
            event = build_event(cand, index, ctx)
            if event is None:
                continue
            if _finite(cand.token):
                verbal.add(event.id)
            # "expelled staff and recalled its ambassador": two modes, two events
            key = (event.category, event.mode or "", tuple(e.code for e in event.actor), tuple(e.code for e in event.recipient))
            best[key] = _better(best.get(key), event, ctx.onto)
        found = _attested(sorted(best.values(), key=lambda e: e.evidence.trigger_start))
        events.extend(found)
        ctx.last_actor = _main_actor(found) or ctx.last_actor
    return merge_repeats(events, ctx.onto, verbal)


def _finite(t: Any) -> bool:
    """A verb that asserts an act of its own ("also agreed", "a signé"), not a gerund or infinitive of purpose."""
    if t.pos_ not in ("VERB", "AUX"):
        return False
    aux = [c for c in t.children if c.dep_ in ("aux", "aux:tense", "auxpass", "aux:pass") and c.tag_ != "TO"]
    return "Fin" in t.morph.get("VerbForm") or bool(aux)


def _main_actor(events: list[Event]) -> str | None:
    """The country that acts in a sentence's best-attested event, if one does."""
    ranked = sorted((e for e in events if e.actor and e.actor[0].kind != "organisation"), key=lambda e: -e.confidence)
    return ranked[0].actor[0].code if ranked and ranked[0].actor[0].code != "UNK" else None


def _attested(events: list[Event]) -> list[Event]:
    """The events of one sentence, without weak side readings.

    An event buried deep below the sentence's predicate, with parties found
    only by proximity, is background to the sentence's main event; it is kept
    only when it is the sentence's one reading.
    """
    if not events:
        return events
    top = max(e.confidence for e in events)
    return [e for e in events if e.confidence >= MIN_CONFIDENCE or e.confidence == top]


def _better(old: Event | None, new: Event, onto: Any) -> Event:
    """Of two triggers for one event in a sentence, the better attested, with the more specific mode."""
    if old is None:
        return new
    keep, other = (old, new) if old.confidence >= new.confidence else (new, old)
    if keep.mode is None and other.mode is not None:
        # "a meeting ... during a visit to Algiers": the second trigger says how it happened
        return replace(keep, mode=other.mode, score=onto.score(keep.category, other.mode))
    return keep


def _party_codes(ev: Event) -> tuple[frozenset[str], frozenset[str]]:
    """Actor and recipient countries; for a joint event, all parties on one side.

    "France and Algeria agreed" and "France agreed with Algeria" are one agreement.
    """
    a, r = frozenset(e.code for e in ev.actor), frozenset(e.code for e in ev.recipient)
    return (a | r, frozenset()) if ev.category in JOINT else (a, r)


def merge_repeats(events: list[Event], onto: Any, verbal: set[str] = frozenset()) -> list[Event]:  # type: ignore[assignment]
    """Drop an event that repeats another of the same article.

    A report often names one event twice ("met ... the first visit by a
    French minister"): same category, same date, and actor and recipient
    countries contained in the other's. The better-attested one is kept.
    Two clauses with their own verbs in two sentences ("agreed to cut
    tariffs. ... also agreed to set up a mechanism") report two events.
    """
    ranked = sorted(events, key=lambda e: (-(len(e.actor) + len(e.recipient)), -e.confidence))
    kept: list[Event] = []
    for ev in ranked:
        a, r = _party_codes(ev)
        same = next(
            (n for n, k in enumerate(kept) if k.category == ev.category and k.date == ev.date and k.negated == ev.negated
             and a <= _party_codes(k)[0] and r <= _party_codes(k)[1] and (k.mode == ev.mode or None in (k.mode, ev.mode))
             and not (k.id in verbal and ev.id in verbal and k.evidence.sentence_index != ev.evidence.sentence_index)),
            None,
        )
        if same is None:
            kept.append(ev)
        elif kept[same].mode is None and ev.mode is not None:
            # "a meeting ... during a visit to Algiers": the repeat says how it happened
            kept[same] = replace(kept[same], mode=ev.mode, score=onto.score(ev.category, ev.mode))
    return sorted(kept, key=lambda e: e.evidence.trigger_start)
