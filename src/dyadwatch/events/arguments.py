"""Actor and recipient of a trigger, read from the dependency parse.

English (ClearNLP labels) and French (Universal Dependencies labels) parses
name the same relations differently; the label sets below cover both. When
the parse gives no subject, ``mentions.py`` climbs the clause chain
(conjoined and controlled verbs share their subject), and as a last resort
takes the nearest actor mention before the trigger and after it, which is
how a human reads a short headline-style sentence.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from dyadwatch.actors.clauses import pair_nouns
from dyadwatch.actors.gazetteer import read_data
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Entity

SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "nsubj:pass"}
AGENT = {"agent", "obl:agent"}
OBJ = {"dobj", "obj", "iobj", "dative"}
OBL = {"obl", "obl:arg", "obl:mod", "nmod", "prep"}
RECIPIENT_PREPS = {
    "with", "to", "against", "on", "toward", "towards", "into", "from", "upon", "over",
    "avec", "à", "au", "aux", "contre", "envers", "vers", "auprès", "sur",
}
NOUN_RECIPIENT_PREPS = RECIPIENT_PREPS | {"of", "de", "du", "des"}
# named-entity types of places: "the Sea of Japan" names water, not Japan
PLACE_ENTS = {"LOC", "FAC"}


def _prep_object(child: Any) -> tuple[str, Any] | None:
    """For a prepositional child, return (preposition, object) in either label scheme."""
    if child.dep_ == "prep":
        objs = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
        return (child.lower_, objs[0]) if objs else None
    if child.dep_ in ("obl", "obl:arg", "obl:mod", "nmod", "iobj"):
        case = [c for c in child.children if c.dep_ == "case"]
        return (case[0].lower_ if case else "", child)
    return None


@lru_cache(maxsize=32)
def cue_words(language: str, key: str) -> frozenset[str]:
    """One cue list of modality.<lang>.yaml read by the argument rules (``host``, ``dyad_nouns``, ``dyad_numbers``)."""
    data = read_data("dyadwatch.events", f"modality.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get(key) or ())


def host_verbs(language: str) -> frozenset[str]:
    """Verbs whose subject hosts a visit: the visitor is the actor."""
    return cue_words(language, "host")


def subject_of(t: Any) -> Any | None:
    """The subject of a trigger's clause, climbing controlled and conjoined verbs ("agreed to ...")."""
    i = subject_at(t.i, parse_lists(t.doc))
    return None if i is None else t.doc[i]


def subject_at(i: int, parse: Any) -> int | None:
    """``subject_of`` of token ``i``, read from the parse lists: the position of the subject, or None."""
    deps, heads, kids = parse.deps, parse.heads, parse.kids
    cur = i
    for _ in range(4):
        subj = next((c for c in kids[cur] if deps[c] in SUBJ or deps[c] in PASS_SUBJ), None)
        if subj is not None:
            return subj
        if deps[cur] not in ("xcomp", "conj") or heads[cur] == cur:
            return None
        cur = heads[cur]
    return None


def dyad_subject(t: Any, actors: ArticleActors, language: str) -> list[Entity]:
    """"The two sides agreed", « les deux pays ont signé »: both countries of the article's main dyad."""
    parse = actors.lists  # read from the lists: no Token per child
    subj = subject_at(t.i, parse)
    if subj is None or parse.lemmas[subj] not in cue_words(language, "dyad_nouns"):
        return []
    numbers = cue_words(language, "dyad_numbers")
    if not any(parse.lemmas[c] in numbers or parse.lower[c] in numbers for c in parse.kids[subj]):
        return []
    top = [code for code, n in actors.country_counts()[:2] if n >= 2]
    if len(top) < 2:
        return []
    names = actors.gaz.country_names
    return [Entity(code, None, names.get(code, code), names.get(code, code), None, "country", guessed=True) for code in top]


def pair_subject(t: Any, actors: ArticleActors, language: str, reporting: frozenset[str]) -> list[Entity]:
    """"The two leaders said cooperation would resume", « les deux dirigeants ont annoncé »: the
    countries of the last two people of different countries named before, for an office holder
    noun counted as two (or "both"), the subject of the trigger or of the report that states it."""
    parse = actors.lists  # read from the lists: no Token per child
    deps, heads, kids, lemmas = parse.deps, parse.heads, parse.kids, parse.lemmas
    subjects = [c for c in kids[t.i] if deps[c] in SUBJ]
    cur = t.i
    while deps[cur] in ("ccomp", "conj", "xcomp", "parataxis") and heads[cur] != cur:
        cur = heads[cur]
        if lemmas[cur] in reporting or deps[cur] not in ("conj", "xcomp"):
            subjects += [c for c in kids[cur] if deps[c] in SUBJ]
            break
    numbers = cue_words(language, "dyad_numbers")
    for subj in subjects:
        if lemmas[subj] not in pair_nouns(language) or "Plur" not in parse.feature(subj, "Number"):
            continue
        if not any(lemmas[c] in numbers or parse.lower[c] in numbers for c in kids[subj]):
            continue
        return _last_pair(subj, actors)
    return []


def _last_pair(before: int, actors: ArticleActors) -> list[Entity]:
    """Entities of the last two people of two different countries named before token ``before``."""
    last: dict[str, tuple[int, Any]] = {}
    for person in actors.people:
        for start, _ in person.mentions:
            code = person.country
            if start < before and code and code not in ("UNK",) and (code not in last or last[code][0] < start):
                last[code] = (start, person)
    pair = sorted(last.values(), key=lambda sp: -sp[0])[:2]
    if len(pair) < 2:
        return []
    return [actors.person_entity(p, actors.toks[s].text) for s, p in sorted(pair, key=lambda sp: sp[0])]


def in_place_name(tok: Any, actors: ArticleActors) -> bool:
    """Whether a token sits in a place name that merely contains a country name ("the Sea of Japan").

    The place entity begins with a word that is not itself an actor ("Sea",
    "the"), while "Western Sahara" begins with its own country entry.
    """
    parse, i = actors.lists, tok.i  # read from the parse lists: no Token, no sentence Span
    if parse.ent_types[i] not in PLACE_ENTS:
        return False
    start, first = i, parse.sents[parse.sent_of[i]][0]
    while start > first and parse.ent_iob[start] == 1:  # 1: inside an entity ("I")
        start -= 1
    return actors.entity_at(i) is None or start != i and actors.entity_at(start) is None


def _actors_of(tok: Any, actors: ArticleActors) -> list[Entity]:
    """The entities an argument names, none when it is a place ("into the Sea of Japan")."""
    return [] if in_place_name(tok, actors) else actors.entities_for(tok)


def _author(obj: Any, actors: ArticleActors) -> list[Entity]:
    """Who did the act or wrote the text an object noun names, when a "by" / « par » phrase says it:
    "condemned the detention of a citizen by Chinese police", « la loi votée par le Parlement
    algérien »; the one it was done to, or the place, is not whom the reaction answers."""
    parse, toks = actors.lists, actors.toks  # read from the lists: a Token only for a dependent that names the author
    if parse.pos[obj.i] != "NOUN" or obj.i in actors.tok_entry or obj.i in actors.tok_person:
        return []
    deps, kids, lower = parse.deps, parse.kids, parse.lower
    for c in kids[obj.i]:
        dep = deps[c]
        if dep == "prep" and lower[c] == "by":
            agent = next((g for g in kids[c] if deps[g] == "pobj"), None)
        elif dep in ("nmod", "obl:agent") and any(deps[g] == "case" and lower[g] == "par" for g in kids[c]):
            agent = c
        elif dep == "acl" and (toks[c].tag_ == "VBN" or "Part" in parse.feature(c, "VerbForm")):
            if parse.lemmas[c] in mediation_words(actors.gaz.language):
                continue  # "the deal brokered by Qatar": the mediator made it for others, it is no side of it
            found = _participle_agent(toks[c], actors)  # "the law passed by parliament"
            if found:
                return found
            continue
        else:
            continue
        found = actors.entities_for(toks[agent]) if agent is not None else []
        if found:
            return found
    return []


def _no_party(tok: Any, actors: ArticleActors) -> bool:
    """A common noun that is no party itself and whose own modifiers name none ("trade measures")."""
    if actors.lists.pos[tok.i] != "NOUN" or tok.i in actors.tok_entry or tok.i in actors.tok_person:
        return False
    return not any(c.i in actors.tok_entry or c.i in actors.tok_person for c in tok.children if c.dep_ in _OWN_MODIFIERS)


def _own(tok: Any) -> bool:
    """"recalled its ambassador", « a rappelé ses troupes »: the actor's own agents, not its target."""
    parse = parse_lists(tok.doc)
    return any(
        parse.pos[c] in ("PRON", "DET") and (parse.deps[c] == "poss" or "Yes" in parse.feature(c, "Poss")) for c in parse.kids[tok.i]
    )


def _passive(t: Any) -> bool:
    return any(c.dep_ in PASS_SUBJ or c.dep_ in ("auxpass", "aux:pass") for c in t.children)


def _after_noun(ci: int, actors: ArticleActors) -> bool:
    """A nationality adjective after an event noun, where French puts it (« les frappes israéliennes »,
    « l'offensive russe »): who did it, as "Israeli strikes" says before the noun in English."""
    entry = actors.tok_entry.get(ci)
    return entry is not None and entry.kind == "adjective" and actors.gaz.language == "fr"


def _active_perfect(i: int, parse: Any) -> bool:
    """A verb in a perfect tense built with "have" / « avoir » and no passive auxiliary: active, whatever
    label the parser gave its subject (« Il a condamné » parsed with « Il » as a passive subject)."""
    deps, lemmas, kids = parse.deps, parse.lemmas, parse.kids[i]
    return any(deps[k] in ("aux", "aux:tense") and lemmas[k] in ("avoir", "have") for k in kids) and not any(
        deps[k] in ("auxpass", "aux:pass") for k in kids
    )


def pronominal(i: int, parse: Any) -> bool:
    """A French pronominal verb (« s'est retiré de », « se sont engagés à », « s'est opposé à »): the
    parser often labels its subject a passive one beside the reflexive pronoun, yet the subject acts.
    Read from the pronoun's ``Reflex`` feature, so no word list is needed; a passive auxiliary
    (« a été expulsé ») still makes it a true passive."""
    deps, kids = parse.deps, parse.kids[i]
    reflexive = any(deps[k].startswith("expl") and "Yes" in parse.feature(k, "Reflex") for k in kids)
    return reflexive and not any(deps[k] in ("auxpass", "aux:pass") for k in kids)


def _passive_at(i: int, parse: Any) -> bool:
    """``_passive`` of token ``i``, read from the parse lists; a pronominal verb is active."""
    deps = parse.deps
    return any(deps[c] in PASS_SUBJ or deps[c] in ("auxpass", "aux:pass") for c in parse.kids[i]) and not pronominal(i, parse)


# prepositions that may name the city where something is done, as well as a party it is done to
_PLACE_PREPS = frozenset({"à", "in", "at"})
# "a request from Kyiv", « la demande de Kiev », "the offer of Paris": who makes an addressed act
SOURCE_PREPS = frozenset({"from", "of", "de", "du", "des", "d'", "d’"})
# oblique and nominal-modifier dependents, whose case marker is their preposition
_OBLIQUES = frozenset({"obl", "obl:arg", "obl:mod", "nmod", "iobj"})


def direct_arguments(
    t: Any, actors: ArticleActors, etre_verbs: frozenset[str] = frozenset(), addressed: bool = False
) -> tuple[list[Entity], list[Entity]]:
    """Actor and recipient entities attached to the trigger token itself.

    ``addressed``: the trigger is a noun for an act addressed to someone (a
    request, an offer, an ultimatum), whose "from" or "of" names who made it.
    """
    actor: list[Entity] = []
    recipient: list[Entity] = []
    # read from the parse lists: a Token is built only for a dependent that leads to a party
    parse = actors.lists
    toks, deps, kids = actors.toks, parse.deps, parse.kids
    ti = t.i
    is_noun = parse.pos[ti] in ("NOUN", "PROPN")
    addressed = addressed and is_noun
    # "sont convenues": être as auxiliary, not a passive; « s'est retiré »: a pronominal verb, active
    # (read once a passive subject asks for it: most triggers have none)
    not_passive: bool | None = None
    for ci in kids[ti]:
        dep = deps[ci]
        if not_passive is None and dep in PASS_SUBJ:
            not_passive = parse.lemmas[ti] in etre_verbs or _active_perfect(ti, parse) or pronominal(ti, parse)
        if dep in SUBJ or dep in PASS_SUBJ and not_passive:
            described = apposition_anchor(ci, actors) if ci < ti else None
            if described is not None:  # « Moscou, principal allié de X, a rappelé »: Moscou
                actor += actors.entities_for(toks[described])
            else:
                c = toks[ci]
                actor += [] if _proxy(c, actors) else actors.entities_for(c)
        elif dep in PASS_SUBJ:
            recipient += actors.entities_for(toks[ci])
        elif dep in AGENT:
            objs = [g for g in kids[ci] if deps[g] == "pobj"] or [ci]
            actor += actors.entities_for(toks[objs[0]])
        elif dep in OBJ:
            c = toks[ci]
            recipient += [] if _own(c) else _author(c, actors) or _actors_of(c, actors)
        elif is_noun and dep in ("poss", "nmod:poss") or is_noun and dep in ("amod", "compound") and (ci < ti or _after_noun(ci, actors)):
            actor += actors.entities_for(toks[ci])
        elif is_noun and dep == "acl" and (toks[ci].tag_ == "VBN" or "Part" in parse.feature(ci, "VerbForm")):
            actor += _participle_agent(toks[ci], actors)  # "a request made by the German president"
        elif dep == "prep" or dep in _OBLIQUES:
            by, to = _prep_parties(ci, ti, actors, addressed, is_noun, bool(recipient))
            actor += by
            recipient += to
    if not actor and _passive_at(ti, parse):
        actor = _stray_agent(t, actors)
    return actor, recipient


def agentless_passive(t: Any, actors: ArticleActors) -> bool:
    """A passive verb that names no agent of its own ("30 journalists were arrested", « ont été expulsés »):
    the subject of a clause above it is not who acted ("Amnesty said 30 journalists were arrested")."""
    parse = actors.lists
    return parse.pos[t.i] == "VERB" and _passive_at(t.i, parse) and not direct_arguments(t, actors)[0]


def coordinated_agent(t: Any, actors: ArticleActors) -> list[Entity]:
    """The agent of an agentless passive read from a passive it is coordinated with: "two diplomats were
    declared persona non grata by Paris and expelled", « ont été arrêtés puis expulsés par la police »."""
    parse = actors.lists
    ti = t.i
    others = [k for k in parse.kids[ti] if parse.deps[k] == "conj"]
    if parse.deps[ti] == "conj":
        others.insert(0, parse.heads[ti])
    for k in others:
        if parse.pos[k] == "VERB" and _passive_at(k, parse) and not any(parse.deps[c] in SUBJ for c in parse.kids[k]):
            found = direct_arguments(actors.toks[k], actors)[0]
            if found:
                return found
    return []


def _prep_parties(ci: int, ti: int, actors: ArticleActors, addressed: bool, is_noun: bool, has_recipient: bool) -> tuple[list[Entity], list[Entity]]:
    """(actor, recipient) named by a prepositional or oblique dependent ``ci`` of trigger ``ti`` and its
    object (``_prep_object``, read from the lists): "by"/« par » of a passive, "from" of an addressed act, "to"."""
    parse, toks = actors.lists, actors.toks
    deps, kids, lower = parse.deps, parse.kids, parse.lower
    if deps[ci] == "prep":
        obj = next((g for g in kids[ci] if deps[g] in ("pobj", "pcomp")), None)
        if obj is None:
            return [], []
        prep = lower[ci]
    else:
        prep = next((lower[g] for g in kids[ci] if deps[g] == "case"), "")
        obj = ci
    if prep == "by" or prep == "par" and (_passive_at(ti, parse) or "Part" in parse.feature(ti, "VerbForm")):
        return actors.entities_for(toks[obj]), []
    if addressed and prep in SOURCE_PREPS:
        return _actors_of(toks[obj], actors), []
    if prep in (NOUN_RECIPIENT_PREPS if is_noun else RECIPIENT_PREPS):
        if prep in _PLACE_PREPS and actors.tok_entry.get(obj) is not None and actors.tok_entry[obj].kind == "capital" and _passive_at(ti, parse):
            return [], []  # « a été reçu à Varsovie par ... »: where the passive's subject underwent it
        if parse.lemmas[obj] in instigation_nouns(actors.gaz.language):
            return [], []  # « gracié à la demande de Berlin »: Berlin asked for it, it is not done to Berlin
        if prep == "with" and has_recipient and _no_party(toks[obj], actors):
            return [], []  # "threatened Lithuania with trade measures over ...": the means, not a second target
        return [], _actors_of(toks[obj], actors)
    return [], []


@lru_cache(maxsize=4)
def instigation_nouns(language: str) -> frozenset[str]:
    """Nouns whose owner asked for the act they frame ("at Germany's request"), of ``collectives.{lang}.yaml``."""
    data = read_data("dyadwatch.actors", f"collectives.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("instigation") or ())


def instigator(i: int, actors: ArticleActors) -> bool:
    """Whether the party named at token ``i`` stands outside the act: it owns a noun that frames the
    act as asked for ("at Germany's request", "at the invitation of Paris", « à la demande de
    l'Allemagne »), or it brokered it for others (``mediator``)."""
    if mediator(i, actors):
        return True
    parse, words = actors.lists, instigation_nouns(actors.gaz.language)
    cur = i
    for _ in range(3):
        if parse.deps[cur] not in ("poss", "nmod:poss", "pobj", "prep", "nmod") or parse.heads[cur] == cur:
            return False
        cur = parse.heads[cur]
        if parse.lemmas[cur] in words:
            return True
    return False


@lru_cache(maxsize=4)
def mediation_words(language: str) -> frozenset[str]:
    """Words of a mediation ("brokered", "mediated"), of ``collectives.{lang}.yaml``."""
    data = read_data("dyadwatch.actors", f"collectives.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("mediation") or ())


# prepositions of who made a thing: "brokered by Qatar", "the mediation of Egypt", « la médiation du Qatar »
_MAKER_PREPS = frozenset({"by", "of", "from", "par", "de", "du", "des", "d'", "d’"})


def mediator(i: int, actors: ArticleActors) -> bool:
    """Whether the party named at token ``i`` is the mediator of a deal or a talk ("the truce brokered by
    Qatar and Egypt", "with Omani mediation", « grâce à la médiation du Qatar »): it made it for others.
    Not the sides a mediation is between ("offered to mediate between Iran and Pakistan")."""
    parse = actors.lists
    deps, heads, lower = parse.deps, parse.heads, parse.lower
    while deps[i] == "conj" and heads[i] != i:
        i = heads[i]
    dep, head = deps[i], heads[i]
    if dep == "pobj":
        if lower[head] not in _MAKER_PREPS:
            return False
        head = heads[head]
    elif dep in ("nmod", "obl", "obl:agent"):
        if not any(deps[k] == "case" and lower[k] in _MAKER_PREPS for k in parse.kids[i]):
            return False
    elif dep not in ("poss", "nmod:poss", "compound", "amod"):
        return False
    return parse.lemmas[head] in mediation_words(actors.gaz.language)


@lru_cache(maxsize=4)
def partitive_nouns(language: str) -> frozenset[str]:
    """Nouns for a part or a number of the group after "of" (``partitives.{lang}.yaml``)."""
    data = read_data("dyadwatch.actors", f"partitives.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("nouns") or ())


# modifiers that may name the party of a noun phrase themselves ("French mediation", "Moscow's ultimatum")
_OWN_MODIFIERS = frozenset({"amod", "compound", "poss", "nmod:poss", "flat", "flat:name", "appos"})


def _proxy(subj: Any, actors: ArticleActors) -> bool:
    """A subject that only stands near its party: a common noun that names none, whose party sits
    in an "of" phrase ("the case of French journalist X was confirmed", « l'affaire de X »).

    Not a part or a number of a group ("thousands of protesters", "a group of
    diplomats"), and not a noun whose own modifier names a party.
    """
    if actors.lists.pos[subj.i] != "NOUN" or subj.i in actors.tok_entry or subj.i in actors.tok_person or subj.like_num:
        return False
    if subj.ent_type_ in ("CARDINAL", "QUANTITY", "PERCENT") or subj.lemma_.lower() in partitive_nouns(actors.gaz.language):
        return False
    entry = actors.gaz.lookup(subj.lemma_.lower())
    if entry is not None and entry.kind in ("role", "group", "rank"):
        return False  # "the foreign ministers of India and Pakistan": office holders of those states
    own = [c for c in subj.children if c.dep_ in _OWN_MODIFIERS]
    if any(x.i in actors.tok_entry or x.i in actors.tok_person for c in own for x in c.subtree):
        return False
    return any(c.dep_ in ("prep", "nmod") and c.lower_ in ("of", "de", "du", "des") or _case_of(c) for c in subj.children)


def _case_of(c: Any) -> bool:
    """A French "de" phrase under a noun: « l'affaire de X »."""
    return c.dep_ == "nmod" and any(g.dep_ == "case" and g.lower_ in ("de", "du", "des", "d'", "d’") for g in c.children)


def _participle_agent(participle: Any, actors: ArticleActors) -> list[Entity]:
    """The "by" agent of a participle that describes an event noun (« une demande formulée par Berlin »)."""
    for c in participle.children:
        if c.dep_ in AGENT:
            return actors.entities_for(next((g for g in c.children if g.dep_ == "pobj"), c))
        po = _prep_object(c)
        if po is not None and po[0] in ("by", "par"):
            return actors.entities_for(po[1])
    return []


def _stray_agent(t: Any, actors: ArticleActors) -> list[Entity]:
    """The agent of a passive that the parser hung on an adjunct: « bloqué pendant des semaines par la Slovaquie ».

    Not a "by" inside the passive's own subject: in "any attempt by India to divert the
    water would be treated as an act of war", India undergoes the threat.
    """
    undergoer = {x.i for c in t.children if c.dep_ in PASS_SUBJ for x in c.subtree}
    for tok in t.subtree:
        if tok.i == t.i or tok.dep_ not in ("nmod", "obl", "pobj", "obl:agent") or tok.i in undergoer:
            continue
        prep = tok.head if tok.dep_ == "pobj" else next((c for c in tok.children if c.dep_ == "case"), None)
        if prep is None or prep.lower_ not in ("by", "par"):
            continue
        cur = tok.head
        while cur.i != t.i and cur.pos_ not in ("VERB", "AUX"):
            cur = cur.head
        if cur.i == t.i:  # no other verb in between: the agent belongs to the trigger
            found = actors.entities_for(tok)
            if found:
                return found
    return []


def apposition_anchor(i: int, actors: ArticleActors) -> int | None:
    """The party that a comma-bounded description opening the sentence describes, for a token inside it.

    In "Algiers, the main backer of the Polisario Front, recalled its
    ambassador" or « Moscou, principal allié du régime syrien, a rappelé »,
    the words between the commas describe the first party and name no actor
    of their own; the parsers often hang the clause on them. Returns the
    index of the party's last token, or None when ``i`` is not in such a
    description (one with a verb of its own, or one after a later word).
    """
    parse = actors.lists
    texts, pos = parse.texts, parse.pos
    if "," not in texts[max(0, i - 10) : i]:
        return None  # most words have no comma in the ten before them: no need to find their sentence
    start, end = parse.sents[parse.sent_of[i]]
    if 0 < start and texts[start] == ",":
        start = parse.sents[parse.sent_of[start - 1]][0]  # the French parser ends a sentence after « Alger » of « Alger, ... »
    left = next((j for j in range(i - 1, max(start, i - 10) - 1, -1) if texts[j] == ","), None)
    right = next((k for k in range(i + 1, min(end, i + 12)) if texts[k] == ","), None)
    if left is None or right is None or left - 1 < start:
        return None
    if any(pos[x] in ("VERB", "AUX") for x in range(left + 1, right)):
        return None
    anchor = left - 1
    if actors.entity_at(anchor) is None or anchor - start > 5:
        return None
    if any(pos[x] in ("VERB", "AUX", "PUNCT", "ADP") for x in range(start, anchor)):
        return None  # the party opens the sentence: "Algiers, ..." or "Le président algérien, ..."
    return anchor

