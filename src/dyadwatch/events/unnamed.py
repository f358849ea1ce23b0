"""Parties a sentence leaves unnamed: the state behind a court or police, the armed group behind an attack, the people of the place."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from dyadwatch.actors.gazetteer import read_data
from dyadwatch.events.arguments import AGENT, RECIPIENT_PREPS, SUBJ, subject_of
from dyadwatch.events.mentions import nearest_mentions
from dyadwatch.events.places import LOCATIVE_PREPS, geocode, place_near, place_within, sovereign
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Entity, Place

if TYPE_CHECKING:
    from dyadwatch.events.context import Context


def _country(code: str, name: str | None, ctx: Context, guessed: bool = False) -> Entity:
    canonical = ctx.actors.gaz.country_names.get(code, code)
    return Entity(code, None, name or canonical, canonical, None, "country", guessed=guessed)


def _governing(spot: Place, ctx: Context) -> Entity:
    """The state that acts in a place: its country, or the state that governs it when it is a
    territory ("police in Nouméa" are the French state's)."""
    code = sovereign(spot.country or "")
    return _country(code, spot.name if code == spot.country else None, ctx)


def _partner(code: str, ctx: Context) -> str | None:
    """The other side of the article's main dyad, for a party from one side of it.

    A country is counted by its names, adjectives and capitals (not those of
    a stance or an origin: "ethnic Albanians", "pro-Russian rebels"), and by
    the mentions of its people: "US President Donald Trump ... Trump said"
    makes the United States a side of a story that names it once.
    """
    top = ctx._dyad
    if top is None:
        # counted once per article (the rules ask for every event): the actor table does not change once built
        top = ctx._dyad = _main_dyad(ctx)
    if len(top) == 2 and code in top:
        return top[1] if top[0] == code else top[0]
    return None


def _main_dyad(ctx: Context) -> list[str]:
    """The article's two most named countries (by ``_partner``'s count), where each is named twice or more."""
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
    return [c for c, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:2] if n >= 2]


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
    if subj is None or entry is None or entry.kind != "group" or entry.sector not in HOME_SECTORS or entry.code:
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
    parse = parse_lists(t.doc)  # read from the lists: no Token per child
    return any(parse.deps[c] in SUBJ and parse.pos[c] == "NOUN" for c in parse.kids[t.i])


def _agentless(t: Any) -> bool:
    """A passive verb, a participle or an event noun: forms that can leave out who acted."""
    parse = parse_lists(t.doc)  # read from the lists: no Token per child
    deps, kids = parse.deps, parse.kids[t.i]
    if parse.pos[t.i] in ("NOUN", "PROPN"):
        return True
    passive = any(deps[c] in ("nsubjpass", "nsubj:pass", "auxpass", "aux:pass") for c in kids)
    return passive or t.tag_ == "VBN" and not any(deps[c] in ("nsubj", "aux") for c in kids)


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

