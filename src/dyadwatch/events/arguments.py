"""Actor and recipient of a trigger, read from the dependency parse.

English (ClearNLP labels) and French (Universal Dependencies labels) parses
name the same relations differently; the label sets below cover both. When
the parse gives no subject we climb the clause chain (conjoined and
controlled verbs share their subject), and as a last resort take the nearest
actor mention before the trigger and after it, which is how a human reads a
short headline-style sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from dyadwatch.actors.clauses import attribution_markers, pair_nouns
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
CLIMB = {"xcomp", "conj", "advcl", "ccomp", "dobj", "obj", "pobj", "pcomp", "prep", "acl", "obl", "nmod", "obl:arg", "obl:mod", "appos", "advmod"}


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
    cur = t
    for _ in range(4):
        subj = [c for c in cur.children if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ]
        if subj:
            return subj[0]
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def dyad_subject(t: Any, actors: ArticleActors, language: str) -> list[Entity]:
    """"The two sides agreed", « les deux pays ont signé »: both countries of the article's main dyad."""
    subj = subject_of(t)
    if subj is None or subj.lemma_.lower() not in cue_words(language, "dyad_nouns"):
        return []
    numbers = cue_words(language, "dyad_numbers")
    if not any(c.lemma_.lower() in numbers or c.lower_ in numbers for c in subj.children):
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
    heads = [c for c in t.children if c.dep_ in SUBJ]
    cur = t
    while cur.dep_ in ("ccomp", "conj", "xcomp", "parataxis") and cur.head.i != cur.i:
        cur = cur.head
        if cur.lemma_.lower() in reporting or cur.dep_ not in ("conj", "xcomp"):
            heads += [c for c in cur.children if c.dep_ in SUBJ]
            break
    numbers = cue_words(language, "dyad_numbers")
    for subj in heads:
        if subj.lemma_.lower() not in pair_nouns(language) or "Plur" not in subj.morph.get("Number"):
            continue
        if not any(c.lemma_.lower() in numbers or c.lower_ in numbers for c in subj.children):
            continue
        return _last_pair(subj.i, actors)
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
    if tok.ent_type_ not in PLACE_ENTS:
        return False
    start = tok.i
    while start > tok.sent.start and tok.doc[start].ent_iob_ == "I":
        start -= 1
    return actors.entity_at(tok.i) is None or start != tok.i and actors.entity_at(start) is None


def _actors_of(tok: Any, actors: ArticleActors) -> list[Entity]:
    """The entities an argument names, none when it is a place ("into the Sea of Japan")."""
    return [] if in_place_name(tok, actors) else actors.entities_for(tok)


def _author(obj: Any, actors: ArticleActors) -> list[Entity]:
    """Who did the act or wrote the text an object noun names, when a "by" / « par » phrase says it:
    "condemned the detention of a citizen by Chinese police", « la loi votée par le Parlement
    algérien »; the one it was done to, or the place, is not whom the reaction answers."""
    if actors.lists.pos[obj.i] != "NOUN" or obj.i in actors.tok_entry or obj.i in actors.tok_person:
        return []
    for c in obj.children:
        if c.dep_ == "prep" and c.lower_ == "by":
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_ in ("nmod", "obl:agent") and any(g.dep_ == "case" and g.lower_ == "par" for g in c.children):
            agent = c
        elif c.dep_ == "acl" and (c.tag_ == "VBN" or "Part" in c.morph.get("VerbForm")):
            found = _participle_agent(c, actors)  # "the law passed by parliament"
            if found:
                return found
            continue
        else:
            continue
        found = actors.entities_for(agent) if agent is not None else []
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


def _passive_at(i: int, parse: Any) -> bool:
    """``_passive`` of token ``i``, read from the parse lists."""
    deps = parse.deps
    return any(deps[c] in PASS_SUBJ or deps[c] in ("auxpass", "aux:pass") for c in parse.kids[i])


# "a request from Kyiv", « la demande de Kiev », "the offer of Paris": who makes an addressed act
SOURCE_PREPS = frozenset({"from", "of", "de", "du", "des", "d'", "d’"})


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
    toks, deps, kids, lower = actors.toks, parse.deps, parse.kids, parse.lower
    ti = t.i
    is_noun = parse.pos[ti] in ("NOUN", "PROPN")
    addressed = addressed and is_noun
    not_passive = parse.lemmas[ti] in etre_verbs  # "sont convenues": être as auxiliary, not a passive
    for ci in kids[ti]:
        dep = deps[ci]
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
        elif is_noun and dep in ("poss", "nmod:poss") or is_noun and dep in ("amod", "compound") and ci < ti:
            actor += actors.entities_for(toks[ci])
        elif is_noun and dep == "acl" and (toks[ci].tag_ == "VBN" or "Part" in parse.feature(ci, "VerbForm")):
            actor += _participle_agent(toks[ci], actors)  # "a request made by the German president"
        else:
            # the preposition and its object (``_prep_object``), from the lists
            if dep == "prep":
                obj = next((g for g in kids[ci] if deps[g] in ("pobj", "pcomp")), None)
                if obj is None:
                    continue
                prep = lower[ci]
            elif dep in ("obl", "obl:arg", "obl:mod", "nmod", "iobj"):
                prep = next((lower[g] for g in kids[ci] if deps[g] == "case"), "")
                obj = ci
            else:
                continue
            if prep == "by" or prep == "par" and (_passive_at(ti, parse) or "Part" in parse.feature(ti, "VerbForm")):
                actor += actors.entities_for(toks[obj])
            elif addressed and prep in SOURCE_PREPS:
                actor += _actors_of(toks[obj], actors)
            elif prep in (NOUN_RECIPIENT_PREPS if is_noun else RECIPIENT_PREPS):
                if prep == "with" and recipient and _no_party(toks[obj], actors):
                    continue  # "threatened Lithuania with trade measures over ...": the means, not a second target
                recipient += _actors_of(toks[obj], actors)
    if not actor and _passive_at(ti, parse):
        actor = _stray_agent(t, actors)
    return actor, recipient


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
        if tok.i == t.i or tok.dep_ not in ("nmod", "obl", "pobj") or tok.i in undergoer:
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


def climb_subject(
    t: Any, actors: ArticleActors, patient: frozenset[str], etre_verbs: frozenset[str] = frozenset()
) -> tuple[list[Entity], list[Entity]]:
    """(actor, recipient) from the nearest governing clause, for triggers with no subject of their own.

    When the governing verb is one whose subject undergoes the event ("X is
    serving a sentence", "X faces arrest"), that subject is the recipient.
    """
    cur = t
    for _ in range(5):
        if cur.dep_ not in CLIMB or cur.head.i == cur.i or cur.dep_ == "relcl":
            return [], []
        first = cur.i == t.i
        cur = cur.head
        undergoes = first and t.pos_ in ("NOUN", "PROPN") and cur.lemma_.lower() in patient
        subj = [c for c in cur.children if c.dep_ in SUBJ or c.dep_ in PASS_SUBJ and cur.lemma_.lower() in etre_verbs]
        if subj:
            found = actors.entities_for(subj[0])
            return ([], found) if undergoes else (found, [])
        if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN"):
            # "journalist X, serving a sentence": the noun the clause describes undergoes the event
            return ([], actors.entities_for(cur.head)) if undergoes else ([], [])
    return [], []


def _present_participle(t: Any) -> bool:
    """"..., calling it blackmail", « ..., dénonçant la méthode »: a present participle that opens an adjunct."""
    if t.pos_ != "VERB" or t.i == 0 or t.doc[t.left_edge.i - 1].text != ",":
        return False
    return t.tag_ == "VBG" or "Part" in t.morph.get("VerbForm") and "Pres" in t.morph.get("Tense")


def participle_subject(t: Any, actors: ArticleActors) -> list[Entity] | None:
    """The actor of a participle adjunct with no subject of its own: the subject of its sentence's
    main clause, wherever the parser hung the adjunct.

    In "Algeria rejected a list of nationals that France wants to deport,
    denouncing the method", whoever denounces is Algeria, not the subject of
    the relative clause nearest the participle. None when ``t`` is not such
    an adjunct, or when the main clause names no subject.
    """
    if not _present_participle(t) or any(c.dep_ in SUBJ or c.dep_ in PASS_SUBJ for c in t.children):
        return None
    # the main clause, or the clause a report quotes ("X declared ..., suspending ..., a spokeswoman said")
    main = t.head
    while main.dep_ not in _MAIN_CLAUSES and main.head.i != main.i:
        main = main.head
    if main.i == t.i or main.pos_ not in ("VERB", "AUX"):
        return None
    subj = [c for c in main.children if c.dep_ in SUBJ]
    return actors.entities_for(subj[0]) if subj else None


_MAIN_CLAUSES = frozenset({"ROOT", "ccomp", "parataxis"})


def small_clause(t: Any, actors: ArticleActors) -> tuple[list[Entity], list[Entity]] | None:
    """(actor, recipient) of an event noun that a verb predicates of its object: in "Ankara
    declared two attachés persona non grata" the parser makes "attachés" the noun's subject,
    but they undergo it, and whoever declares it acts. None for any other reading."""
    if t.pos_ != "NOUN" or t.dep_ not in ("ccomp", "xcomp", "oprd") or t.head.pos_ != "VERB":
        return None
    if any(c.dep_ in ("cop", "aux", "auxpass", "aux:pass") for c in t.children):
        return None  # "the move is a violation": a clause of its own
    undergoer = [c for c in t.children if c.dep_ in SUBJ]
    declarer = [c for c in t.head.children if c.dep_ in SUBJ]
    if not undergoer or not declarer:
        return None
    return actors.entities_for(declarer[0]), actors.entities_for(undergoer[0])


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
    if not any(texts[j] == "," for j in range(i - 1, max(0, i - 10) - 1, -1)):
        return None  # most words have no comma just before them: no need to find their sentence
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


# the relations a name sits under within the phrase of a speaker: "sources in neighbouring
# Pakistan said", "a member of the Chadian team said", "Thai military sources said"
SPEAKER_PATH = {"appos", "flat", "flat:name", "compound", "conj", "amod", "nmod", "prep", "pobj", "nmod:poss", "poss"}


def _speaker(tok: Any, reporting: frozenset[str], t: Any = None, sources: frozenset[str] = frozenset()) -> bool:
    """Whether a token names the one who reports (in the subject of a reporting verb, or after
    ``sources`` words: "according to X", « selon X »), or the actor of another coordinated clause
    ("X regretted the ruling, and RSF condemned it"), not a party to t's event."""
    cur = tok
    for _ in range(6):
        if cur.lower_ in sources or cur.dep_ == "pobj" and cur.head.head.lower_ in sources:
            return True
        if any(c.dep_ == "case" and c.lower_ in sources for c in cur.children):
            return True
        if cur.dep_ in SUBJ:
            other_clause = t is not None and cur.head.i != t.i and cur.head.dep_ in ("conj", "parataxis") and cur.head.i > t.i
            return cur.head.lemma_.lower() in reporting and (t is None or cur.head.i != t.i) or other_clause
        if cur.dep_ not in SPEAKER_PATH or cur.head.i == cur.i or t is not None and cur.head.i == t.i:
            return False
        cur = cur.head
    return False


def _people(e: Entity, actors: ArticleActors) -> bool:
    """A country entity named by its people ("Young Algerians", « des Algériens »), not by the state."""
    entry = actors.gaz.lookup(e.name)
    if entry is None or entry.kind != "adjective":
        return False  # most parties are no people's name: no Span to build
    span = actors.doc.char_span(e.start, e.end, alignment_mode="expand") if e.start >= 0 else None
    return span is not None and "Plur" in span.root.morph.get("Number") and span.root.pos_ in ("NOUN", "PROPN")


def nearest_mentions(
    t: Any, actors: ArticleActors, exclude: list[Entity], reporting: frozenset[str] = frozenset()
) -> tuple[list[Entity], list[Entity]]:
    """The nearest entity named before the trigger in its sentence, and the first one after it that is not a speaker.

    The one after must be another party than a state actor: "China rejected
    the ultimatum, saying Beijing would fight" has no recipient in the sentence.
    """
    before: list[Entity] = []
    later: list[Entity] = []
    sources = attribution_markers(actors.gaz.language)
    seen = {(e.code, e.canonical) for e in exclude}
    parse, toks, ti = actors.lists, actors.toks, t.i
    start, end = parse.sents[parse.sent_of[ti]]  # t.sent, without building the Span
    named, entries = actors.tok_person, actors.tok_entry
    for i in range(start, end):
        if i not in named and i not in entries:
            continue  # most words name no one: skip them without building a Token
        ent = actors.entity_at(i)
        if ent is None:
            continue
        at = i
        described = apposition_anchor(i, actors) if i < ti else None
        if described is not None:  # "Algiers, the main backer of X, recalled": Algiers, not X
            ent, at = actors.entity_at(described), described
            if ent is None:
                continue
        if at > ti and _speaker(toks[at], reporting, t, sources):
            seen.add((ent.code, ent.canonical))  # the rest of the name ("Reporters Without Borders") too
            continue
        if ent.code in (None, "UNK") or (ent.code, ent.canonical) in seen or in_place_name(toks[at], actors):
            continue
        if parse.pos[at] == "ADJ" and (parse.heads[at] in named or parse.heads[at] in entries):
            continue  # "French" in "French journalist X" belongs to X, not to the event
        if at < ti:
            before = [ent]
        elif at > ti:
            later.append(ent)
    # a state does not act on itself ("China ..., saying Beijing would"), but its people may address
    # their own government ("Young Algerians ... demands from President Bouteflika's government"),
    # and its police or government act on its society ("opposition groups in Zimbabwe demanded that
    # President Mugabe ...", "Egyptian police dispersed Egyptian students")
    own: dict[str, set[str | None]] = {}
    for e in exclude or before:  # the parties found, else the one named before, who will stand for the actor
        if not _people(e, actors):
            own.setdefault(e.code, set()).add(sphere(e))
    after = next(([e] for e in later if e.code not in own or _other_sphere(sphere(e), own[e.code])), [])
    return before, after


# sectors of the state; the others (opposition, rebels, civilians, business...) are its society
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})


def sphere(e: Entity) -> str | None:
    """"state" or "society" for an entity of a country, None when the text does not say which."""
    if e.sector in STATE_SECTORS or e.sector is None and e.kind in ("country", "capital"):
        return "state"
    return "society" if e.sector else None


def _other_sphere(side: str | None, taken: set[str | None]) -> bool:
    """Whether a mention stands on the other side of a domestic dyad from all the parties already taken."""
    return side is not None and None not in taken and side not in taken


@dataclass(frozen=True)
class CollectiveWords:
    """The word lists of ``collectives.{lang}.yaml``."""

    states: frozenset[str]  # "the two governments"
    sides: frozenset[str]  # "both sides": states or groups
    numbers: dict[str, int]  # "two", "both", « deux »
    bodies: frozenset[str]  # "the bloc": the intergovernmental body named before
    between: frozenset[str]  # "talks between A and B"
    mediation: frozenset[str]  # "mediated between": the mediator acts, it hosts no one
    documents: frozenset[str]  # "rejected the plan": the last one told, made by whoever made it

    @property
    def nouns(self) -> frozenset[str]:
        """Every noun that may stand for parties named before."""
        return self.states | self.sides | self.bodies


@lru_cache(maxsize=4)
def collective_words(language: str) -> CollectiveWords:
    data = read_data("dyadwatch.actors", f"collectives.{language}.yaml") or {}

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(key) or ())

    numbers = {str(k).lower(): int(v) for k, v in (data.get("numbers") or {}).items()}
    return CollectiveWords(words("states"), words("sides"), numbers, words("bodies"), words("between"), words("mediation"), words("documents"))


# codes that are no state: "the two governments" are never these, "the bloc" is one of the first three
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC", "UNK"})
BODY_CODES = frozenset({"IGO", "UNO", "EUR"})
_DEFINITE = frozenset({"the", "this", "le", "la", "l'", "l’", "ce", "cet", "cette"})


def collective(head: Any, actors: ArticleActors) -> list[Entity]:
    """The parties a collective noun stands for, from the article before it.

    "The three juntas", "both sides", « les deux capitales »: a counted plural
    of a state or side noun is the last parties of that many different
    countries named before it. "The bloc", "the alliance's secretary": a
    definite body noun is the intergovernmental body last named. Nothing when
    the article has not named enough of them.
    """
    if head.pos_ != "NOUN":
        return []
    words = collective_words(actors.gaz.language)
    lemma = head.lemma_.lower()
    body = head if lemma in words.bodies else next((c for c in head.children if c.dep_ in ("poss", "nmod:poss") and c.lemma_.lower() in words.bodies), None)
    if body is not None:
        if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in body.children):
            return []  # "a new alliance" names none that came before
        return _last_named(head.left_edge.i, 1, BODY_CODES, head, actors)
    if lemma not in words.states and lemma not in words.sides or "Plur" not in head.morph.get("Number"):
        return []
    count = max((words.numbers.get(c.lower_, 0) for c in head.children if c.i < head.i), default=0)
    if count < 2:
        return []
    wanted = None if lemma in words.sides else frozenset()  # None: any party; empty: states only
    return _last_named(head.left_edge.i, count, wanted, head, actors)


def _last_named(before: int, count: int, codes: frozenset[str] | None, head: Any, actors: ArticleActors) -> list[Entity]:
    """Entities of the last ``count`` different parties named before token ``before``: states when
    ``codes`` is empty, the bodies of ``codes`` when it is not, any party when it is None."""
    found: list[str] = []
    entries, people, spans = actors.tok_entry, actors.tok_person, actors.tok_span
    for i in range(before - 1, max(-1, before - 250), -1):
        person = people.get(i)
        if person is not None:
            code = None if person.guessed else person.country
        else:
            entry = entries.get(i)
            if entry is None or spans[i][0] != i or entry.kind not in ("country", "capital", "adjective", "institution"):
                continue
            if entry.kind == "adjective" and actors.stance(i):
                continue  # "pro-Russian rebels" name no side
            code = entry.code
        if not code or code == "UNK" or code in found:
            continue
        if codes is not None and (code not in codes if codes else code in NON_STATE_CODES):
            continue
        found.append(code)
        if len(found) == count:
            break
    if len(found) < count:
        return []
    names = actors.gaz.country_names
    text = actors.doc[head.left_edge.i : head.i + 1].text
    kind = "organisation" if codes else "country"
    return [Entity(c, None, text, names.get(c, c), None, kind, head.idx, head.idx + len(head.text)) for c in reversed(found)]


def between_parties(t: Any, actors: ArticleActors, meeting: Callable[[Any], bool]) -> list[Entity]:
    """The sides of a meeting named by "between A and B" / « entre A et B » on the trigger or on a
    meeting noun under it (``meeting``: "hosted talks between Israel and Hamas"): two parties or
    more of different countries; none for a mediation, whose mediator acts on both sides."""
    words = collective_words(actors.gaz.language)
    if t.lemma_.lower() in words.mediation:
        return []
    for w in t.subtree:
        if w.lower_ not in words.between or w.dep_ not in ("prep", "case"):
            continue
        obj = next((c for c in w.children if c.dep_ == "pobj"), None) if w.dep_ == "prep" else w.head
        if obj is None:
            continue
        owner = w.head if w.dep_ == "prep" else obj.head
        if owner.lemma_.lower() in words.mediation or owner.i != t.i and not meeting(owner):
            continue
        found = actors.entities_for(obj)
        if len({e.code for e in found if e.code not in (None, "UNK")}) >= 2:
            return found
    return []
