"""Who did it to whom: the parties of one coded event.

The parse gives most actors and recipients (``arguments.py``); this module
adds what a reader infers when the sentence leaves a party out: the visitor
of a hosted visit, the state behind an unnamed court or police, the civilians
of the place where a crowd protests, the other side of the article's dyad,
the state a non-state reaction answers. It also drops trigger readings that
name no event (framing nouns, reduced relatives, anaphoric nouns).
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dyadwatch.events.arguments import (
    AGENT,
    PASS_SUBJ,
    RECIPIENT_PREPS,
    SUBJ,
    apposition_anchor,
    between_parties,
    climb_subject,
    collective,
    collective_words,
    cue_words,
    direct_arguments,
    dyad_subject,
    host_verbs,
    nearest_mentions,
    pair_subject,
    participle_subject,
    small_clause,
    subject_of,
)
from dyadwatch.actors.gazetteer import read_data
from dyadwatch.events.lexicon import Lexicon
from dyadwatch.events.places import (
    DESTINATION_PREPS,
    LOCATIVE_PREPS,
    geocode,
    place_near,
    place_within,
    sovereign,
)
from dyadwatch.records import Entity, Place

if TYPE_CHECKING:
    from dyadwatch.events.coder import Candidate, Context

# acts of a state's police and courts: when none is named, the state where it happened acted
STATE_ACTS = {"COERCE", "SANCTION"}


# (category, mode) of acts that undo one of those: "was released" is done by the state that held him
STATE_UNDOING = {("RETREAT", "release")}


# acts of crowds, whose unnamed members belong to the country where they act
CROWD_ACTS = {"PROTEST"}


# violence whose unnamed perpetrators ("gunmen", "a car bomb") are an armed group of the place it struck
ARMED_ACTS = {"ASSAULT"}


# ways of striking from afar: the place struck does not tell who struck ("airstrikes killed 20 in Gaza")
STANDOFF_MODES = {"aerial", "drone", "heavy-weapons"}


# violence and coercion done to people, whose unnamed victims are people of the place
TARGETED_ACTS = {"ASSAULT", "COERCE"}


# verbal reactions, which may answer an event told before ("welcomed the release")
REACTIONS = {"SUPPORT", "ACCUSE", "REJECT"}


# acts addressed to someone, whose noun says who made them ("a request from Kyiv", "Moscow's ultimatum")
ADDRESSED = {"REQUEST", "AGREE", "THREATEN"}


# categories done to someone: with no named target, the other side of the article's dyad is it
# a show of force (MOBILIZE) included: troops put on alert in a two-country story face the other one
DIRECTED = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SANCTION", "COERCE", "CONCEDE", "SUPPORT", "RETREAT", "AID", "COOPERATE", "PROTEST", "ASSAULT", "MOBILIZE"}


def dedupe(entities: list[Entity]) -> tuple[Entity, ...]:
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


def _governing(spot: Place, ctx: Context) -> Entity:
    """The state that acts in a place: its country, or the state that governs it when it is a
    territory ("police in Nouméa" are the French state's)."""
    code = sovereign(spot.country or "")
    return _country(code, spot.name if code == spot.country else None, ctx)


def _parse_parties(cand: Candidate, ctx: Context) -> tuple[list[Entity], list[Entity], bool] | None:
    """Actor and recipient read from the parse, then from the nearest mentions; None for no event."""
    t = cand.token
    addressed = cand.trigger.category in ADDRESSED
    actor, recipient = direct_arguments(t, ctx.actors, ctx.lexicon.etre_verbs, addressed)
    declared = small_clause(t, ctx.actors)
    if declared is not None:
        actor, recipient = declared
    sides = between_parties(t, ctx.actors, lambda w: _meeting(w, ctx.lexicon)) if cand.trigger.category == "CONSULT" else []
    if sides and not cand.intent:
        # "Qatar hosted talks between Israel and Hamas": the sides meet each other; the host
        # is neither's counterpart (ontology: a meeting with no host between them, both actors)
        return sides, [], True
    # "ready to host a meeting between A and B": an offer made to both sides
    recipient = recipient or sides
    actor, recipient = actor or _collective_subject(t, ctx), recipient or _collective_object(t, ctx)
    # the tests below hold only for a verb modifying a noun or for a noun: the others skip them
    pos, dep = ctx.pos[t.i], ctx.deps[t.i]
    if not actor and not recipient and pos == "NOUN" and _anaphoric(t, ctx.lexicon):
        return None
    if pos == "VERB" and dep in ("acl", "amod") and _reduced_relative(t):
        return None
    if pos == "NOUN" and (_circumstantial(t, ctx.lexicon) or _describes(t, ctx)):
        return None
    # "after gunmen killed 26 people": a subject of its own that names no known party is still
    # the actor; the main clause's subject ("India suspended the treaty after ...") is not
    own_subject = any(ctx.deps[c] in SUBJ and ctx.pos[c] in ("NOUN", "PROPN") for c in ctx.kids[t.i])
    named = ctx.deps[t.i] == "advcl" and own_subject
    armed = cand.trigger.category in ARMED_ACTS and (cand.mode or cand.trigger.mode) not in STANDOFF_MODES
    if cand.trigger.category in ARMED_ACTS:
        actor, hidden = _attackers(t, actor, armed, ctx)
        named = named or hidden
    if not actor and not named and not own_subject:
        # "Turkey agreed to allow ...": a verb with no subject of its own shares its governor's; one
        # with a subject we cannot place does not ("Jewish settlers set fire ..., residents said")
        main = participle_subject(t, ctx.actors)
        if main:
            actor = main  # "Algeria rejected the list France sent, denouncing ...": the main subject
        else:
            actor, undergoer = climb_subject(t, ctx.actors, ctx.lexicon.patient, ctx.lexicon.etre_verbs)
            recipient = recipient or undergoer
    elif addressed and actor and not recipient and ctx.pos[t.i] in ("NOUN", "PROPN"):
        # "Hungary rejected a request from Kyiv", "Algeria granted a request made by Berlin":
        # whoever answers a request, an offer or an ultimatum is the one it was addressed to
        answer = climb_subject(t, ctx.actors, ctx.lexicon.patient, ctx.lexicon.etre_verbs)[0]
        recipient = [e for e in answer if e.code not in {a.code for a in actor}]
    actor = actor or dyad_subject(t, ctx.actors, ctx.lexicon.language) or pair_subject(t, ctx.actors, ctx.lexicon.language, ctx.lexicon.reporting)
    via_parse = bool(actor)
    state_act = cand.trigger.category in STATE_ACTS or (cand.trigger.category, cand.mode or cand.trigger.mode) in STATE_UNDOING
    if not actor and not state_act:
        # "The ministry protested ...", « le ministère a dénoncé »: the state the story is about, not
        # the nearest name in the sentence (which is often the other side)
        actor = list(_unnamed_state(t, ctx))
    if not actor and state_act and (_agentless(t) or _unnamed_agent(t)):
        # "was detained", "his detention", "the court sentenced him": police and courts act for their state
        undoing = (cand.trigger.category, cand.mode or cand.trigger.mode) in STATE_UNDOING
        actor, recipient = _acting_state(t, recipient, ctx, release=undoing)
    elif not actor and cand.trigger.category in CROWD_ACTS:
        actor, recipient = _crowd(t, recipient, ctx)
    if not recipient and cand.trigger.category in REACTIONS and ctx.last_actor and _refers_back(t, ctx.lexicon):
        # "Macron welcomed the release", « Zelensky a salué ces sanctions »: the reaction answers
        # whoever did the event the story just told
        recipient = [_country(ctx.last_actor, None, ctx, guessed=True)]
    spot = (place_near(t, ctx.actors.gaz, LOCATIVE_PREPS) or _located(t, ctx)) if not recipient and cand.trigger.category in TARGETED_ACTS else None
    unnamed_target = spot is not None and bool(spot.country) and _unnamed_target(t)
    if unnamed_target:
        # "police fired tear gas at protesters outside parliament in Tbilisi": unnamed victims are
        # people of the place it happened, not the next party the sentence names
        recipient = [replace(_country(spot.country, spot.name, ctx), sector="CVL", kind="group", canonical=spot.name)]
    if not actor or not recipient:
        before, after = nearest_mentions(t, ctx.actors, actor + recipient, ctx.lexicon.reporting)
        actor = actor or ([] if named else before)
        if not actor and armed:
            # "a car bomb explosion in Beirut killed a journalist", "three soldiers were killed in Kandahar"
            actor = _unnamed_armed(t, ctx, agentless=True)[0]
        single = len({e.code for e in actor}) == 1
        if not recipient and after and not unnamed_target and (ctx.onto.category(cand.trigger.category).recipient_required or single):
            recipient = after
    if _hosted(cand, ctx) and (actor or recipient):
        actor, recipient = recipient, actor  # "Tebboune received Barrot": Barrot is the visitor
    if cand.trigger.category == "CONSULT" and len({e.code for e in actor} - {e.code for e in recipient}) >= 2 and _sides(t, ctx):
        # "Saudi Arabia received Russian and Ukrainian delegations": delegations of two sides meet
        # each other; their host mediates, it is neither's counterpart
        return actor, [], via_parse
    if not recipient and (cand.mode or cand.trigger.mode) == "visit":
        # "a visit to Algiers": the country visited hosts it
        spot = place_near(t, ctx.actors.gaz, DESTINATION_PREPS)
        if spot is not None and spot.country and spot.country not in {e.code for e in actor}:
            recipient = [_country(spot.country, spot.name, ctx)]
    return actor, recipient, via_parse


def _meeting(w: Any, lexicon: Lexicon) -> bool:
    """A noun the lexicon reads as a meeting ("talks", « pourparlers »)."""
    return w.pos_ == "NOUN" and any(tr.category == "CONSULT" for tr in lexicon.candidates(w.lemma_.lower()))


def _collective_subject(t: Any, ctx: Context) -> list[Entity]:
    """"The two governments pledged ...", « le bloc a annoncé »: the parties named before that a
    collective subject stands for (the subject of the trigger, or of the verb it is controlled by
    or coordinated with), read on the parse lists so that most triggers build no Token."""
    heads, deps, kids = ctx.heads, ctx.deps, ctx.kids
    cur = t.i
    for _ in range(4):
        subj = next((k for k in kids[cur] if deps[k] in SUBJ or deps[k] in PASS_SUBJ), None)
        if subj is not None:
            return _collective_at(subj, ctx) if deps[subj] in SUBJ else []
        if deps[cur] not in ("xcomp", "conj") or heads[cur] == cur:
            return []
        cur = heads[cur]
    return []


def _collective_object(t: Any, ctx: Context) -> list[Entity]:
    """"Moscow accused the bloc of ...": the body or states named before that a collective object stands for."""
    obj = next((k for k in ctx.kids[t.i] if ctx.deps[k] in ("dobj", "obj")), None)
    return _collective_at(obj, ctx) if obj is not None else []


def _sides(t: Any, ctx: Context) -> bool:
    """The trigger's subject or object is a noun for the sides of a talk ("delegations", « négociateurs »)."""
    sides = collective_words(ctx.lexicon.language).sides
    return any(ctx.lemmas[k] in sides for k in ctx.kids[t.i] if ctx.deps[k] in SUBJ or ctx.deps[k] in PASS_SUBJ or ctx.deps[k] in ("dobj", "obj"))


def _collective_at(i: int, ctx: Context) -> list[Entity]:
    nouns = collective_words(ctx.lexicon.language).nouns
    if ctx.lemmas[i] not in nouns and not any(ctx.lemmas[k] in nouns for k in ctx.kids[i]):
        return []  # no collective word: most subjects and objects stop here
    return collective(ctx.toks[i], ctx.actors)


def resolve_parties(cand: Candidate, ctx: Context) -> tuple[tuple[Entity, ...], tuple[Entity, ...], bool, bool] | None:
    """(actor, recipient, read from the parse, unresolved) of an event, or None when it has no party."""
    found = _parse_parties(cand, ctx)
    if found is None:
        return None
    actor, recipient, via_parse = found
    actor_t = dedupe(actor)
    recipient_t = tuple(e for e in dedupe(recipient) if not any(_same_body(e, a) for a in actor_t))
    rcodes = {e.code for e in recipient_t}
    actor_t = tuple(_unguess(e, rcodes, ctx) for e in actor_t)
    if rcodes == {"UNK"} and len({a.code for a in actor_t}) == 1 and actor_t[0].code not in NON_STATE:
        # "an Argentine judge ordered former president X to appear": someone we cannot place, whom
        # a party acts on where no other country is in sight, is of that party's country
        home = _home(actor_t[0].code, cand.token, ctx, cand.trigger.category in ARMED_ACTS)
        if home is not None:
            recipient_t = tuple(replace(e, code=home, guessed=True) for e in recipient_t)
    if not recipient_t and len({a.code for a in actor_t}) == 1 and cand.trigger.category in DIRECTED:
        # "Algiers denounced the decision": the target is the other side of the article's dyad;
        # in a story about one country only, the event is domestic (government and protesters)
        other = _partner(actor_t[0].code, ctx) or ctx.actors.domestic(actor_t[0].code)
        if other is None and actor_t[0].kind == "organisation" and ctx.last_actor != actor_t[0].code:
            other = ctx.last_actor
        if other is None:
            other = _home(actor_t[0].code, cand.token, ctx, cand.trigger.category in ARMED_ACTS)
        if other is not None:
            recipient_t = (_country(other, None, ctx, guessed=True),)
    if not actor_t:
        # "the government endorsed a US proposal", « les autorités ont salué »: the article's own state
        actor_t = _unnamed_state(cand.token, ctx)
    if not actor_t and len({e.code for e in recipient_t}) == 1 and _unnamed_subject(cand.token):
        # "the minister held talks with his Algerian counterpart", « le gouvernement a salué l'accord
        # avec Washington »: an office named without its country, across the article's dyad
        other = _partner(recipient_t[0].code, ctx)
        if other is not None:
            actor_t = (_country(other, None, ctx, guessed=True),)
    if actor_t or recipient_t:
        return actor_t, recipient_t, via_parse, False
    subject = _main_subject(cand.token, ctx.lexicon.reporting)
    if subject is None:
        return None
    # the main predicate of its sentence, with a subject we cannot place: keep the event, with an unknown actor
    span = ctx.doc[subject.left_edge.i : subject.i + 1]
    return (Entity("UNK", None, span.text, span.text, None, "group", span.start_char, span.end_char),), (), via_parse, True


def _partner(code: str, ctx: Context) -> str | None:
    """The other side of the article's main dyad, for a party from one side of it.

    A country is counted by its names, adjectives and capitals (not those of
    a stance or an origin: "ethnic Albanians", "pro-Russian rebels"), and by
    the mentions of its people: "US President Donald Trump ... Trump said"
    makes the United States a side of a story that names it once.
    """
    counts: dict[str, int] = {}
    actors = ctx.actors
    for i, entry in actors.tok_entry.items():
        # "ethnic Albanians", "pro-Russian rebels": a stance or an origin does not make a country a side
        if entry.kind in ("country", "adjective", "capital") and entry.code and actors.tok_span[i][0] == i:
            if entry.kind != "adjective" or not actors.stance(i):
                counts[entry.code] = counts.get(entry.code, 0) + 1
    for person in ctx.actors.people:
        if person.country and not person.guessed and person.country not in NON_STATE:
            counts[person.country] = counts.get(person.country, 0) + len(person.mentions)
    top = [c for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2] if n >= 2]
    if len(top) == 2 and code in top:
        return top[1] if top[0] == code else top[0]
    return None


def _refers_back(t: Any, lexicon: Lexicon) -> bool:
    """The object is an event noun with a definite or demonstrative determiner ("the release",
    « ces sanctions »), which names an event already told, and no party of its own."""
    documents = collective_words(lexicon.language).documents
    # "refused to back the plan": the object of the verb the reaction governs
    objects = [c for c in t.children if c.dep_ in ("dobj", "obj")] or [g for c in t.children if c.dep_ == "xcomp" for g in c.children if g.dep_ in ("dobj", "obj")]
    for c in objects:
        if c.pos_ != "NOUN":
            continue
        # « ces décisions », "this move": a demonstrative points back whatever the noun
        shown = any(g.dep_ == "det" and "Dem" in g.morph.get("PronType") for g in c.children)
        if not shown and not lexicon.candidates(c.lemma_.lower()) and c.lemma_.lower() not in documents:
            continue
        if any(g.dep_ == "det" and (g.lower_ in lexicon.anaphoric or shown) for g in c.children):
            return not any(g.dep_ in ("poss", "nmod:poss", "nmod", "prep", "compound", "amod") for g in c.children)
    return False


def _same_body(e: Entity, a: Entity) -> bool:
    """The recipient is the actor itself: the same entity, or the same country's same sector
    ("China would suspend the controls it announced"), where neither is a person; parliament
    acting on the government, or police on civilians, are two bodies."""
    if (e.code, e.canonical) == (a.code, a.canonical):
        return True
    if e.kind == "person" or a.kind == "person" or e.code != a.code:
        return False
    return (e.sector or "GOV") == (a.sector or "GOV")


def _attackers(t: Any, actor: list[Entity], armed: bool, ctx: Context) -> tuple[list[Entity], bool]:
    """The actor of violence read around unnamed attackers, and whether the sentence names such attackers."""
    if actor:
        if armed and _unnamed_heads(t, ctx):
            # "killed by a roadside bomb outside the Malian town of Gao": the place gave the country
            actor = [replace(e, sector="UAF", kind="group") if e.kind != "person" else e for e in actor]
        return actor, False
    police = _unnamed_police(t, ctx)  # "police fired tear gas at protesters in Tbilisi"
    if police or not armed:
        return police, False
    # "Israel said gunmen killed two soldiers near Jenin": unnamed attackers, not the speaker
    # nor the next one named; where no place tells whose they are, they stay unknown
    return _unnamed_armed(t, ctx, agentless=False)


def _crowd(t: Any, recipient: list[Entity], ctx: Context) -> tuple[list[Entity], list[Entity]]:
    """"100,000 people marched through Belgrade": unnamed crowds are civilians of the country they
    march in, and their protest, with no target named, is addressed to its state."""
    spot = place_near(t, ctx.actors.gaz, LOCATIVE_PREPS) or _located(t, ctx)
    if spot is None or not spot.country:
        return [], recipient
    state = _country(spot.country, spot.name, ctx)
    return [replace(state, sector="CVL", kind="group", canonical=f"civilians ({state.canonical})")], recipient or [_governing(spot, ctx)]


def _acting_state(t: Any, recipient: list[Entity], ctx: Context, release: bool = False) -> tuple[list[Entity], list[Entity]]:
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
        return [_governing(spot, ctx)], recipient
    held = {e.code for e in recipient}
    if release and ctx.last_actor and ctx.last_actor not in NON_STATE and ctx.last_actor not in held:
        # "Tebboune pardoned X. ... X was released": the state whose acts the story has been telling held him
        return [_country(ctx.last_actor, None, ctx, guessed=True)], recipient
    other = _partner(recipient[0].code, ctx) if recipient else None
    return ([_country(other, None, ctx, guessed=True)] if other else []), recipient


@lru_cache(maxsize=4)
def perpetrator_words(language: str) -> tuple[frozenset[str], frozenset[str]]:
    """(unnamed attackers or devices, weapons fired from afar) of ``perpetrators.{lang}.yaml``."""
    data = read_data("dyadwatch.actors", f"perpetrators.{language}.yaml") or {}
    return tuple(frozenset(str(w).lower() for w in data.get(k) or ()) for k in ("unnamed", "standoff"))  # type: ignore[return-value]


def _agent_heads(t: Any) -> list[Any]:
    """The nouns that say who acted: the subject, or the object of "by" / « par »; those of the first
    verb for a verb coordinated with it ("a bombing killed one soldier and wounded two others")."""
    out = []
    for c in t.children:
        if c.dep_ in SUBJ:
            out.append(c)
        elif c.dep_ in AGENT or c.lower_ in ("by", "par"):
            out += [g for g in c.children if g.dep_ == "pobj"] or [c]
        elif c.dep_ in ("obl", "nmod") and any(g.dep_ == "case" and g.lower_ == "par" for g in c.children):
            out.append(c)
    if not out and t.dep_ == "conj" and t.head.i != t.i and t.head.pos_ == "VERB":
        return _agent_heads(t.head)
    return out


def _unnamed_armed(t: Any, ctx: Context, agentless: bool) -> tuple[list[Entity], bool]:
    """The armed group behind an attack that names no one, of the country where it struck, and
    whether the sentence names such attackers at all.

    Only for attackers or devices on the spot ("gunmen", "a car bomb"), or,
    when ``agentless``, for an attack told with no agent at all; an airstrike
    or a shelling does not come from the place it hits.
    """
    unnamed, standoff = perpetrator_words(ctx.lexicon.language)
    heads = _agent_heads(t)
    words = _words(heads)
    if words & standoff or t.lemma_.lower() in standoff:
        return [], False
    if not (words & unnamed if heads else agentless and _agentless(t)):
        return [], False
    agents = [x for h in heads for x in h.subtree]
    # "outside the Iraqi city of Basra", "in a residential sector of eastern Beirut": where it struck
    # "attacked a checkpoint in North Waziristan, Pakistan": or where its target stood
    around = [x for c in t.children if c.dep_ in ("prep", "obl", "obl:mod", "advmod", "nmod", "dobj", "obj") for x in c.subtree]
    spot = (
        place_within(agents, ctx.actors.gaz)
        or place_near(t, ctx.actors.gaz, LOCATIVE_PREPS)
        or place_within(around, ctx.actors.gaz)
        or ctx.default_place
    )
    if spot is None or not spot.country:
        return [], bool(heads)
    state = _country(spot.country, spot.name, ctx)
    name = ctx.doc[heads[0].left_edge.i : heads[0].i + 1].text if heads else state.name
    return [replace(state, sector="UAF", kind="group", name=name, canonical=f"armed group ({state.canonical})")], bool(heads)


def _unnamed_police(t: Any, ctx: Context) -> list[Entity]:
    """Police named by no country act for the state where they act; soldiers may be abroad, so not them."""
    for h in _agent_heads(t):
        entry = ctx.actors.tok_entry.get(h.i)
        if entry is None or entry.kind != "group" or entry.sector != "COP" or entry.code:
            continue
        spot = place_near(t, ctx.actors.gaz, LOCATIVE_PREPS) or ctx.default_place
        if spot is not None and spot.country:
            state = _governing(spot, ctx)
            return [replace(state, sector="COP", kind="group", name=h.text, canonical=f"police ({state.canonical})")]
    return []


def _words(toks: list[Any]) -> set[str]:
    return {h.lemma_.lower() for h in toks} | {h.lower_ for h in toks}


def _unnamed_heads(t: Any, ctx: Context) -> bool:
    """The subject or agent is an unnamed attacker or device ("gunmen", "a roadside bomb")."""
    unnamed, standoff = perpetrator_words(ctx.lexicon.language)
    words = _words(_agent_heads(t))
    return bool(words & unnamed) and not words & standoff


NON_STATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "UNK"}


# intergovernmental bodies: a party of their own, never at home in one state
BODIES = frozenset({"IGO", "UNO", "EUR"})


# state bodies that, named with no country, are the article's own: not the army, which may be abroad
HOME_SECTORS = {"GOV", "LEG", "JUD", "COP"}


def _unnamed_state(t: Any, ctx: Context) -> tuple[Entity, ...]:
    """The state of "the government" with no country: the dateline's, else the one whose acts the
    story has just told, else the country it names most."""
    subj = subject_of(t)
    entry = ctx.actors.tok_entry.get(subj.i) if subj is not None else None
    if entry is None or entry.kind != "group" or entry.sector not in HOME_SECTORS or entry.code:
        return ()
    code = ctx.default_place.country if ctx.default_place is not None and ctx.default_place.country else None
    if code is None and ctx.last_actor in ctx.actors.gaz.country_names and ctx.last_actor not in NON_STATE:
        code = ctx.last_actor  # the state whose acts the story has been telling
    ranked = ctx.actors.country_counts()
    if code is None and ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        code = ranked[0][0]
    if code is None:
        return ()
    state = _country(sovereign(code), None, ctx, guessed=True)
    span = ctx.doc[subj.left_edge.i : subj.i + 1]
    return (replace(state, sector=entry.sector, kind="group", name=span.text, start=span.start_char, end=span.end_char),)


def _unnamed_subject(t: Any) -> bool:
    """The subject of the trigger's clause is a common noun ("the minister", « le gouvernement »)."""
    subj = subject_of(t)
    return subj is not None and subj.pos_ == "NOUN" and subj.dep_ in SUBJ


def _unnamed_target(t: Any) -> bool:
    """The trigger's object is a common noun that names no party ("at protesters", "26 people")."""
    for c in t.children:
        if c.dep_ in ("dobj", "obj"):
            obj = c
        elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_ in ("obl", "obl:arg") and any(g.dep_ == "case" and g.lower_ in RECIPIENT_PREPS for g in c.children):
            obj = c
        else:
            continue
        if obj is not None and obj.pos_ == "NOUN":
            return True
    return False


def _unnamed_agent(t: Any) -> bool:
    """An active verb whose subject is a common noun that names no party ("the court", « le tribunal »)."""
    return any(c.dep_ in SUBJ and c.pos_ == "NOUN" for c in t.children)


def _hosted(cand: Candidate, ctx: Context) -> bool:
    """A visit told from the host's side ("received", "accueilli par"): the visitor is the actor.

    Not when what is hosted is an event ("to host a meeting between Israel and
    the PLO", « accueillir un sommet »): whoever organises it visits no one.
    """
    visit = cand.trigger.category == "CONSULT" and (cand.mode or cand.trigger.mode) == "visit"
    if not cand.trigger.invert and not (visit and ctx.lemmas[cand.token.i] in host_verbs(ctx.lexicon.language)):
        return False  # most triggers: no need to look at their objects
    lexicon, deps, pos, lemmas = ctx.lexicon, ctx.deps, ctx.pos, ctx.lemmas
    return not any(deps[c] in ("dobj", "obj") and pos[c] == "NOUN" and lexicon.candidates(lemmas[c]) for c in ctx.kids[cand.token.i])


def _agentless(t: Any) -> bool:
    """A passive verb, a participle or an event noun: forms that can leave out who acted."""
    if t.pos_ in ("NOUN", "PROPN"):
        return True
    passive = any(c.dep_ in ("nsubjpass", "nsubj:pass", "auxpass", "aux:pass") for c in t.children)
    return passive or t.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux") for c in t.children)


def _main_subject(t: Any, reporting: frozenset[str]) -> Any | None:
    """The subject of a trigger that is its sentence's main predicate (or governed by it through
    xcomp), or what a report says ("rebels refused ..., the mission said")."""
    cur = t
    while cur.dep_ == "xcomp" and cur.head.i != cur.i:
        cur = cur.head
    if cur.pos_ not in ("VERB", "AUX"):
        return None
    if cur.dep_ != "ROOT" and not (cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_.lower() in reporting):
        return None
    subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
    return subj[0] if subj and subj[0].pos_ in ("NOUN", "PROPN") else None


def _home(code: str, t: Any, ctx: Context, violent: bool = False) -> str | None:
    """The actor's own country, when it is the only country in sight.

    "President Museveni threatened to ban opposition rallies in Uganda",
    "police in Dhaka arrested dozens of activists": a directed act with no
    named target, in an article that names no other country, is done at
    home, unless its sentence names a place or a party we cannot put in
    that country ("fired shells at targets in Jericho").
    """
    counts = ctx.actors.country_counts()
    if not counts or any(c != code for c, _ in counts):
        return None
    if any(e.kind == "institution" and e.code in BODIES for e in ctx.actors.tok_entry.values()):
        return None  # "the Commission proposed a pact ... Hungary rejected the plan": a body is the other side
    spot = _located(t, ctx)
    if spot is not None and spot.country != code:
        return None  # "Russian drones struck power stations in Kharkiv": done abroad
    subj = subject_of(t)
    own = range(subj.left_edge.i, subj.right_edge.i + 1) if subj is not None else range(0)
    for ent in t.sent.ents:
        if ent.label_ not in ("GPE", "LOC", "ORG", "NORP", "PERSON") or ent.start in own:
            continue  # "Ankara's Cankaya district administration": a place in the actor's own name
        found = ctx.actors.entity_at(ent.start)
        if found is not None:
            if found.code not in (code, "UNK", None):
                return None
        elif ent.label_ in ("GPE", "LOC"):
            place = geocode(ent.text, ctx.actors.gaz)
            if place is None and (not violent and _where(ent.root) or _capitalised_only(ent)):
                # "lifted a curfew in Mombasa County": a region we cannot place is no sign of abroad,
                # nor a word the parser took for a place for its capital letter (« Vendredi, ... »)
                continue
            if place is None or place.country != code:
                return None
    return code


def _capitalised_only(ent: Any) -> bool:
    """A one-word name that opens its sentence, or a lowercase one: nothing but its case says it is a name."""
    return not ent.root.text[:1].isupper() or len(ent) == 1 and ent.start == ent.sent.start


def _where(tok: Any) -> bool:
    """The name is, or qualifies, the object of "in", "at" or « dans »: where something happened
    ("in Mombasa County", "in the Menaka region", « dans la région de Ménaka »)."""
    cur = tok
    for _ in range(3):
        prep = cur.head if cur.dep_ == "pobj" else next((c for c in cur.children if c.dep_ == "case"), None)
        if prep is not None and prep.lower_ in LOCATIVE_PREPS:
            return True
        if cur.dep_ == "pobj" and prep is not None and prep.lower_ == "of":
            cur = prep.head  # "the town of X"
        elif cur.dep_ in ("compound", "amod", "flat", "flat:name", "nmod", "appos") and cur.head.i != cur.i:
            cur = cur.head
        else:
            return False
    return False


def _located(t: Any, ctx: Context) -> Place | None:
    """A place after "in", "at" or « à » on the trigger or on its object that the parser did not
    tag as one ("struck power stations in Kharkiv"), read from its name."""
    for h in (t, *(c for c in t.children if c.dep_ in ("dobj", "obj"))):
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS:
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ in ("obl", "obl:mod", "obl:arg", "nmod") and any(g.dep_ == "case" and g.lower_ in LOCATIVE_PREPS for g in c.children):
                obj = c
            else:
                continue
            if obj is None or obj.pos_ != "PROPN":
                continue
            start = min([obj.i, *(g.i for g in obj.children if g.dep_ in ("compound", "flat", "flat:name") and g.i < obj.i)])
            place = geocode(ctx.doc[start : obj.i + 1].text, ctx.actors.gaz)
            if place is not None and place.country:
                return place
    return None


def _unguess(e: Entity, recipients: set[str], ctx: Context) -> Entity:
    """A person whose country was only guessed from the article does not act against that same country."""
    if not e.guessed or e.code not in recipients:
        return e
    other = _partner(e.code, ctx)
    return replace(e, code=other) if other else e


def _reduced_relative(t: Any) -> bool:
    """A participle describing a noun ("nationals ordered to leave", "a journalist jailed in Algeria").

    It names a state of the noun, not a reported act, unless it says who did it ("detained by police").
    """
    if t.dep_ not in ("acl", "amod") or t.pos_ != "VERB":
        return False
    morph = t.morph
    # a past participle only: a present one ("a declaration demanding", « un texte exigeant ») reports the act
    participle = t.tag_ == "VBN" or "Part" in morph.get("VerbForm") and "Pres" not in morph.get("Tense") and t.tag_ != "VBG"
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


def _describes(t: Any, ctx: Context) -> bool:
    """An event noun in a description of the party opening the sentence (« Alger, principal soutien
    du Front Polisario, a rappelé ... »): a standing role of that party, not a reported event."""
    return t.pos_ == "NOUN" and apposition_anchor(t.i, ctx.actors) is not None


def _anaphoric(t: Any, lexicon: Lexicon) -> bool:
    """A bare event noun with a definite determiner ("the visit") refers back to an event already coded.

    Not when it is what a reporting verb announces: « la France a annoncé la suspension de sa
    coopération », "Algeria announced the closure of its airspace" report the event itself.
    """
    if t.dep_ in ("obj", "dobj") and t.head.lemma_.lower() in lexicon.reporting:
        return False
    return t.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in lexicon.anaphoric for c in t.children)
