"""Who did it to whom: the parties of one coded event.

The parse gives most actors and recipients (``arguments.py``, and
``mentions.py`` when the trigger has none of its own); this module adds what
a reader infers when the sentence leaves a party out: the visitor of a
hosted visit, the parties a collective noun stands for (``collectives.py``),
the state behind an unnamed court or police, the civilians of the place
where a crowd protests (``unnamed.py``), the other side of the article's
dyad, the state a non-state reaction answers. It also drops trigger readings
that name no event (framing nouns, reduced relatives, anaphoric nouns).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from dyadwatch.events.arguments import (
    SUBJ,
    agentless_passive,
    apposition_anchor,
    coordinated_agent,
    cue_words,
    direct_arguments,
    dyad_subject,
    host_verbs,
    pair_subject,
)
from dyadwatch.events.clauses import answered_clause, finding_target, gathered, object_controller, told_author, unplaced_people
from dyadwatch.events.collectives import (
    _collective_object,
    _collective_subject,
    _sides,
    between_parties,
    collective_words,
)
from dyadwatch.events.lexicon import Lexicon
from dyadwatch.events.mentions import climb_subject, cut_subject, nearest_mentions, participle_subject, small_clause
from dyadwatch.events.places import DESTINATION_PREPS, LOCATIVE_PREPS, place_near
from dyadwatch.events.unnamed import (
    NON_STATE,
    _acting_state,
    _agentless,
    _attackers,
    _country,
    _crowd,
    _home,
    _located,
    _partner,
    _unnamed_agent,
    _unnamed_armed,
    _unnamed_state,
    _unnamed_subject,
    _unnamed_target,
)
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Entity

if TYPE_CHECKING:
    from dyadwatch.events.context import Candidate, Context


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


# (category, mode) of what a state does to people in its hands: arrest, release, pardon, sentence; people
# that nothing places are its own ("Nicaragua released two bishops"), not the other country of the story;
# None: any mode. Not deportations, whose people are foreigners.
OWN_PEOPLE_ACTS = {("COERCE", None), ("RETREAT", "release"), ("CONCEDE", None), ("SANCTION", "convict")}
FOREIGN_PEOPLE_MODES = {"deport"}


# material acts whose agentless passive a third party often reports ("Amnesty said 30 journalists were
# arrested"): the clause above names who tells it, not who did it. Not verbal acts, whose reporter is
# mostly their author ("Pakistan said any attempt would be treated as an act of war")
UNSAID_AGENT_ACTS = {"COERCE", "SANCTION", "ASSAULT", "MOBILIZE"}


# acts done to people in a state's hands: the people it arrests or sentences may be its own nationals
# (with STATE_UNDOING's releases), a group apart from the state that acts on them
PEOPLE_ACTS = {"COERCE"}


# verbal reactions, which may answer an event told before ("welcomed the release")
REACTIONS = {"SUPPORT", "ACCUSE", "REJECT"}


# acts addressed to someone, whose noun says who made them ("a request from Kyiv", "Moscow's ultimatum")
ADDRESSED = {"REQUEST", "AGREE", "THREATEN"}


# categories done to someone: with no named target, the other side of the article's dyad is it
# a show of force (MOBILIZE) included: troops put on alert in a two-country story face the other one
DIRECTED = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SANCTION", "COERCE", "CONCEDE", "SUPPORT", "RETREAT", "AID", "COOPERATE", "PROTEST", "ASSAULT", "MOBILIZE"}


# what an opposition says or does against its own state when no target is named
OPPOSING = {"ACCUSE", "REJECT", "REQUEST", "PROTEST"}


def dedupe(entities: list[Entity]) -> tuple[Entity, ...]:
    out: list[Entity] = []
    for e in entities:
        if e.code in (None, "UNK") and e.kind != "person":
            continue
        if all((x.code, x.canonical) != (e.code, e.canonical) for x in out):
            out.append(e)
    return tuple(out)


def _parse_parties(cand: Candidate, ctx: Context) -> tuple[list[Entity], list[Entity], bool] | None:
    """Actor and recipient read from the parse, then from the nearest mentions; None for no event."""
    t = cand.token
    # "the visit of the Turkish president", « la visite du président turc »: who makes it, like an offer's author
    addressed = cand.trigger.category in ADDRESSED or (cand.mode or cand.trigger.mode) == "visit"
    actor, recipient = direct_arguments(t, ctx.actors, ctx.lexicon.etre_verbs, addressed)
    declared = small_clause(t, ctx.actors)
    if declared is not None:
        actor, recipient = declared
    if cand.trigger.category in REACTIONS:
        recipient = _answered(cand, ctx, actor, recipient)
    actor = cut_subject(t, ctx.actors, actor)  # « Athènes et Ankara ont convenu »: the first subject made the root
    sides = between_parties(t, ctx.actors, lambda w: _meeting(w, ctx.lexicon)) if cand.trigger.category == "CONSULT" else []
    if sides and not cand.intent:
        # "Qatar hosted talks between Israel and Hamas": the sides meet each other; the host
        # is neither's counterpart (ontology: a meeting with no host between them, both actors)
        return sides, [], True
    # "ready to host a meeting between A and B": an offer made to both sides
    recipient = recipient or sides
    actor, recipient = actor or _collective_subject(t, ctx), recipient or _collective_object(t, ctx)
    if _names_no_event(t, ctx, bool(actor or recipient)):
        return None
    # "after gunmen killed 26 people": a subject of its own that names no known party is still
    # the actor; the main clause's subject ("India suspended the treaty after ...") is not
    own_subject = any(ctx.deps[c] in SUBJ and ctx.pos[c] in ("NOUN", "PROPN") for c in ctx.kids[t.i])
    named = ctx.deps[t.i] == "advcl" and own_subject
    armed = cand.trigger.category in ARMED_ACTS and (cand.mode or cand.trigger.mode) not in STANDOFF_MODES
    if cand.trigger.category in ARMED_ACTS:
        actor, hidden = _attackers(t, actor, armed, ctx)
        named = named or hidden
    actor, recipient = _governing_subject(cand, ctx, actor, recipient, named or own_subject)
    actor = actor or dyad_subject(t, ctx.actors, ctx.lexicon.language) or pair_subject(t, ctx.actors, ctx.lexicon.language, ctx.lexicon.reporting)
    via_parse = bool(actor)
    actor, recipient = _implicit_parties(cand, ctx, actor, recipient)
    # an agentless passive leaves its actor unsaid: the name before it is no better than a guess
    named = named or cand.trigger.category in UNSAID_AGENT_ACTS and agentless_passive(t, ctx.actors)
    actor, recipient = _nearest_parties(cand, ctx, actor, recipient, named, armed)
    if actor and ctx.deps[t.i] == "acl" and cand.trigger.category == "CONSULT" and ctx.lemmas[t.i] in host_verbs(ctx.lexicon.language):
        # "A and B signed the accord at a ceremony hosted by X", « un sommet accueilli par X »: those
        # who met there visit the host named by "by" (ontology: the visitor acts, the host receives)
        guests = [e for e in gathered(t, ctx.actors) if e.code not in {a.code for a in actor}]
        if guests:
            return guests, actor, via_parse
    if _hosted(cand, ctx) and (actor or recipient):
        actor, recipient = recipient, actor  # "Tebboune received Barrot": Barrot is the visitor
    if cand.trigger.category == "CONSULT" and len({e.code for e in actor} - {e.code for e in recipient}) >= 2 and (_sides(t, ctx) or _venue(recipient, ctx)):
        # "Saudi Arabia received Russian and Ukrainian delegations": delegations of two sides meet
        # each other; their host mediates, it is neither's counterpart; "A and B held talks in Doha":
        # the city they meet in is no party (ontology: a meeting with no host, both sides actors)
        return actor, [], via_parse
    if not recipient and (cand.mode or cand.trigger.mode) == "visit":
        # "a visit to Algiers": the country visited hosts it
        spot = place_near(t, ctx.actors.gaz, DESTINATION_PREPS)
        if spot is not None and spot.country and spot.country not in {e.code for e in actor}:
            recipient = [_country(spot.country, spot.name, ctx)]
    return actor, recipient, via_parse


def _answered(cand: Candidate, ctx: Context, actor: list[Entity], recipient: list[Entity]) -> list[Entity]:
    """Whom a reaction answers when its object is no party: whoever did what the clause before a
    relative pronoun tells ("which Mogadishu denies"), or the party a finding says is at fault."""
    t = cand.token
    if ctx.deps[t.i] in ("relcl", "acl:relcl"):
        answered = answered_clause(t, ctx.actors)
        if answered:
            return answered
    if not recipient and cand.trigger.category == "ACCUSE":
        return finding_target(t, ctx.actors, actor)
    return recipient


def _venue(recipient: list[Entity], ctx: Context) -> bool:
    """Every recipient is a place named after "in" or « à » (« à Doha »), or a meeting read as a party
    for the place it is held in ("talks in Doha"): where a meeting is held, no one met."""
    doc = ctx.actors.doc
    for e in recipient:
        span = doc.char_span(e.start, e.end, alignment_mode="expand") if e.kind in ("country", "group") and e.start >= 0 else None
        if span is None:
            return False
        root = span.root
        prep = root.head.lower_ if root.dep_ == "pobj" else next((c.lower_ for c in root.children if c.dep_ == "case"), "")
        if prep not in LOCATIVE_PREPS and not (e.kind == "group" and _meeting(root, ctx.lexicon)):
            return False
    return bool(recipient)


def _names_no_event(t: Any, ctx: Context, has_party: bool) -> bool:
    """An anaphoric noun with no party, a reduced relative, a circumstance or a description: no event told."""
    # the tests below hold only for a verb modifying a noun or for a noun: the others skip them
    pos, dep = ctx.pos[t.i], ctx.deps[t.i]
    if not has_party and pos == "NOUN" and _anaphoric(t, ctx.lexicon):
        return True
    if pos == "VERB" and dep in ("acl", "amod") and _reduced_relative(t):
        return True
    return pos == "NOUN" and (_circumstantial(t, ctx.lexicon) or _describes(t, ctx))


def _governing_subject(
    cand: Candidate, ctx: Context, actor: list[Entity], recipient: list[Entity], subject_told: bool
) -> tuple[list[Entity], list[Entity]]:
    """The actor a trigger with no subject takes from the clause above it, and the one that an addressed
    act ("a request from Kyiv") was addressed to (``subject_told``: the trigger has a subject of its own)."""
    t = cand.token
    unsaid = cand.trigger.category in UNSAID_AGENT_ACTS and agentless_passive(t, ctx.actors)
    if not actor and unsaid:
        # "Amnesty said 30 journalists were arrested": who says it, or whoever the clause above names, did
        # not do it; only a passive coordinated with it may tell the agent ("declared ... by Paris and expelled")
        actor = coordinated_agent(t, ctx.actors)
    elif not actor and not subject_told:
        # "Turkey agreed to allow ...": a verb with no subject of its own shares its governor's; one
        # with a subject we cannot place does not ("Jewish settlers set fire ..., residents said")
        main = object_controller(t, ctx.actors) or participle_subject(t, ctx.actors)
        if main:
            actor = main  # "Algeria rejected the list France sent, denouncing ...": the main subject
        else:
            actor, undergoer = climb_subject(t, ctx.actors, ctx.lexicon.patient, ctx.lexicon.etre_verbs)
            recipient = recipient or undergoer
    elif cand.trigger.category in ADDRESSED and actor and not recipient and ctx.pos[t.i] in ("NOUN", "PROPN"):
        # "Hungary rejected a request from Kyiv", "Algeria granted a request made by Berlin":
        # whoever answers a request, an offer or an ultimatum is the one it was addressed to
        answer = climb_subject(t, ctx.actors, ctx.lexicon.patient, ctx.lexicon.etre_verbs)[0]
        recipient = [e for e in answer if e.code not in {a.code for a in actor}]
    return actor, recipient


def _implicit_parties(cand: Candidate, ctx: Context, actor: list[Entity], recipient: list[Entity]) -> tuple[list[Entity], list[Entity]]:
    """The parties a reader infers for an act with no named actor (the state, its police or courts, a
    crowd of the place) or for a reaction with no named target (whoever did the event just told)."""
    t = cand.token
    state_act = cand.trigger.category in STATE_ACTS or (cand.trigger.category, cand.mode or cand.trigger.mode) in STATE_UNDOING
    if not actor and not state_act:
        # "The ministry protested ...", « le ministère a dénoncé »: the state the story is about, not
        # the nearest name in the sentence (which is often the other side)
        # a subject that names no party is not the party it acts on ("a tribunal ruled that Colombia ...")
        actor = [e for e in _unnamed_state(t, ctx) if e.code not in {r.code for r in recipient}]
    if not actor and state_act and (_agentless(t) or _unnamed_agent(t)):
        # "was detained", "his detention", "the court sentenced him": police and courts act for their state
        undoing = (cand.trigger.category, cand.mode or cand.trigger.mode) in STATE_UNDOING
        actor, recipient = _acting_state(t, recipient, ctx, release=undoing)
    elif not actor and cand.trigger.category in CROWD_ACTS:
        actor, recipient = _crowd(t, recipient, ctx)
    told = _refers_back(t, ctx.lexicon) if not recipient and cand.trigger.category in REACTIONS else None
    if told is not None:
        # "Hungary rejected the plan": whoever the article said made the plan; else, "Macron welcomed
        # the release", « Zelensky a salué ces sanctions »: whoever did the event the story just told
        own = {e.code for e in actor}
        if ctx.lemmas[told.i] in collective_words(ctx.lexicon.language).documents:
            recipient = [e for e in told_author(told.i, ctx.actors, lambda i: _reacting(i, ctx)) if e.code not in own]
        if not recipient and ctx.last_actor:
            recipient = [_country(ctx.last_actor, None, ctx, guessed=True)]
    return actor, recipient


def _nearest_parties(
    cand: Candidate, ctx: Context, actor: list[Entity], recipient: list[Entity], named: bool, armed: bool
) -> tuple[list[Entity], list[Entity]]:
    """The parties still missing: the people of the place for unnamed victims, else the nearest mentions
    (``named``: the trigger's own clause tells its actor, placed or not, so the mention before is not it;
    ``armed``: violence whose unnamed perpetrators are an armed group)."""
    t = cand.token
    spot = (place_near(t, ctx.actors.gaz, LOCATIVE_PREPS) or _located(t, ctx)) if not recipient and cand.trigger.category in TARGETED_ACTS else None
    unnamed_target = spot is not None and bool(spot.country) and _unnamed_target(t)
    if unnamed_target and spot is not None and spot.country:
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
    return actor, recipient


def _meeting(w: Any, lexicon: Lexicon) -> bool:
    """A noun the lexicon reads as a meeting ("talks", « pourparlers »)."""
    return w.pos_ == "NOUN" and any(tr.category == "CONSULT" for tr in lexicon.candidates(w.lemma_.lower()))


def resolve_parties(cand: Candidate, ctx: Context) -> tuple[tuple[Entity, ...], tuple[Entity, ...], bool, bool] | None:
    """(actor, recipient, read from the parse, unresolved) of an event, or None when it has no party."""
    found = _parse_parties(cand, ctx)
    if found is None:
        return None
    actor, recipient, via_parse = found
    actor_t = dedupe(actor)
    on_people = cand.trigger.category in PEOPLE_ACTS or (cand.trigger.category, cand.mode or cand.trigger.mode) in STATE_UNDOING
    recipient_t = tuple(e for e in dedupe(recipient) if not any(_same_body(e, a, on_people and _people_group(e, ctx)) for a in actor_t))
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
        if actor_t[0].sector == "OPP" and actor_t[0].code not in NON_STATE and cand.trigger.category in OPPOSING:
            other = actor_t[0].code  # « l'opposition gabonaise a critiqué l'élection »: the opposition faces its own state
        if other is None and actor_t[0].kind == "organisation" and ctx.last_actor != actor_t[0].code:
            other = ctx.last_actor
        if other is None:
            other = _home(actor_t[0].code, cand.token, ctx, cand.trigger.category in ARMED_ACTS)
        if other is not None:
            recipient_t = (_country(other, None, ctx, guessed=True),)
    if not actor_t:
        # "the government endorsed a US proposal", « les autorités ont salué »: the article's own state
        actor_t = tuple(e for e in _unnamed_state(cand.token, ctx) if e.code not in {r.code for r in recipient_t})
    if not actor_t and len({e.code for e in recipient_t}) == 1 and _unnamed_subject(cand.token):
        # "the minister held talks with his Algerian counterpart", « le gouvernement a salué l'accord
        # avec Washington »: an office named without its country, across the article's dyad
        other = _partner(recipient_t[0].code, ctx)
        if other is not None:
            actor_t = (_country(other, None, ctx, guessed=True),)
    recipient_t = _own_people(cand, ctx, actor_t) or recipient_t
    if actor_t or recipient_t:
        return actor_t, recipient_t, via_parse, False
    subject = _main_subject(cand.token, ctx.lexicon.reporting)
    if subject is None:
        return None
    # the main predicate of its sentence, with a subject we cannot place: keep the event, with an unknown actor
    span = ctx.doc[subject.left_edge.i : subject.i + 1]
    return (Entity("UNK", None, span.text, span.text, None, "group", span.start_char, span.end_char),), (), via_parse, True


def _own_people(cand: Candidate, ctx: Context, actor: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The state's own people, when a single state arrests, frees or sentences people nothing places."""
    mode = cand.mode or cand.trigger.mode
    category = cand.trigger.category
    if (category, mode) not in OWN_PEOPLE_ACTS and (category, None) not in OWN_PEOPLE_ACTS or mode in FOREIGN_PEOPLE_MODES:
        return ()
    if len({a.code for a in actor}) != 1 or actor[0].code in NON_STATE:
        return ()
    return tuple(replace(e, code=actor[0].code, guessed=True) for e in unplaced_people(cand.token, ctx.actors))


def _refers_back(t: Any, lexicon: Lexicon) -> Any | None:
    """The object, when it is an event noun with a definite or demonstrative determiner ("the release",
    « ces sanctions »), which names an event already told, and no party of its own."""
    documents = collective_words(lexicon.language).documents
    parse = parse_lists(t.doc)  # read from the lists: a Token only for the noun returned
    deps, kids = parse.deps, parse.kids
    # "refused to back the plan": the object of the verb the reaction governs
    # « a rejeté ce plan » parsed with the plan as a bare oblique: a noun with no preposition is the object
    objects = [c for c in kids[t.i] if deps[c] in ("dobj", "obj") or deps[c] in ("obl", "obl:mod") and not any(deps[g] == "case" for g in kids[c])] or [g for c in kids[t.i] if deps[c] == "xcomp" for g in kids[c] if deps[g] in ("dobj", "obj")]
    for c in objects:
        if parse.pos[c] != "NOUN":
            continue
        # « ces décisions », "this move": a demonstrative points back whatever the noun
        shown = any(deps[g] == "det" and "Dem" in parse.feature(g, "PronType") for g in kids[c])
        if not shown and not lexicon.candidates(parse.lemmas[c]) and parse.lemmas[c] not in documents:
            continue
        if any(deps[g] == "det" and (parse.lower[g] in lexicon.anaphoric or shown) for g in kids[c]):
            return None if any(deps[g] in ("poss", "nmod:poss", "nmod", "prep", "compound", "amod") for g in kids[c]) else t.doc[c]
    return None


def _reacting(i: int, ctx: Context) -> bool:
    """Token ``i`` is a word the lexicon reads as a reaction ("criticised", « a salué »)."""
    return any(tr.category in REACTIONS for tr in ctx.lexicon.candidates(ctx.lemmas[i]))


def _same_body(e: Entity, a: Entity, on_people: bool = False) -> bool:
    """The recipient is the actor itself: the same entity, or the same country's same sector
    ("China would suspend the controls it announced"), where neither is a person; parliament
    acting on the government, or police on civilians, are two bodies. ``on_people``: the recipient is
    a group of people that an arrest or a release acts on ("several Malian officers were arrested",
    « dix opposants togolais »): those people, not the state, even when of the acting state's own
    country; only the same words name the actor itself."""
    if on_people:
        return e.name.lower() == a.name.lower()
    if (e.code, e.canonical) == (a.code, a.canonical):
        return True
    if e.kind == "person" or a.kind == "person" or e.code != a.code:
        return False
    return (e.sector or "GOV") == (a.sector or "GOV")


def _people_group(e: Entity, ctx: Context) -> bool:
    """A group named by a plural noun ("several Malian officers", « quatre employés maliens »): people,
    not a state body nor a phrase the parse took for a party (« à la mi-novembre »)."""
    if e.kind != "group" or e.start < 0:
        return False
    span = ctx.doc.char_span(e.start, e.end, alignment_mode="expand")
    return span is not None and span.root.pos_ == "NOUN" and "Plur" in span.root.morph.get("Number")


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


def _main_subject(t: Any, reporting: frozenset[str]) -> Any | None:
    """The subject of a trigger that is its sentence's main predicate (or governed by it through
    xcomp), or what a report says ("rebels refused ..., the mission said")."""
    parse = parse_lists(t.doc)  # read from the lists: a Token only for the subject returned
    deps, heads = parse.deps, parse.heads
    cur = t.i
    while deps[cur] == "xcomp" and heads[cur] != cur:
        cur = heads[cur]
    if parse.pos[cur] not in ("VERB", "AUX"):
        return None
    if deps[cur] != "ROOT" and not (deps[cur] in ("ccomp", "parataxis") and parse.lemmas[heads[cur]] in reporting):
        return None
    subj = next((c for c in parse.kids[cur] if deps[c] in ("nsubj", "nsubj:pass", "nsubjpass")), None)
    return t.doc[subj] if subj is not None and parse.pos[subj] in ("NOUN", "PROPN") else None


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
    parse = parse_lists(t.doc)  # read from the lists: no Token per child
    deps, lower, kids, i = parse.deps, parse.lower, parse.kids[t.i], t.i
    if parse.pos[i] != "NOUN":
        return False
    head = parse.heads[i]
    prep = lower[head] if deps[i] == "pobj" and deps[head] == "prep" else next((lower[c] for c in kids if deps[c] == "case"), None)
    if prep in cue_words(lexicon.language, "circumstance_preps"):
        return True
    # "at Sayoud's invitation", "at the request of Paris" (but "agreed at a summit")
    owned = any(deps[c] in ("poss", "nmod:poss") or deps[c] == "prep" and lower[c] == "of" for c in kids)
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
    parse = parse_lists(t.doc)  # read from the lists: no Token per child
    deps, i = parse.deps, t.i
    if deps[i] in ("obj", "dobj") and parse.lemmas[parse.heads[i]] in lexicon.reporting:
        return False
    return parse.pos[i] == "NOUN" and any(deps[c] == "det" and parse.lower[c] in lexicon.anaphoric for c in parse.kids[i])

