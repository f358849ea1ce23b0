"""Parties that a neighbouring clause names: the clause a relative pronoun stands for ("which
Kigali denies"), the clause over an event a participle says was hosted ("at a ceremony hosted by X"),
the complement of a finding ("ruled that Colombia had violated ..."), the object a governing verb
tells to act ("prompting Peru to expel ..."), the people a state holds or frees when nothing places
them ("Nicaragua released two bishops"), and the sentence that first told a text a reaction
answers ("the Commission presented a plan ... Hungary rejected the plan").

``parties.py`` calls these when the trigger's own dependents (``arguments.py``) leave a side out.
They read the parse lists, so most triggers build no Token.
"""

from __future__ import annotations

from typing import Any, Callable

from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.events.arguments import _OWN_MODIFIERS, OBJ, PASS_SUBJ, SUBJ, _author, _own, pronominal
from dyadwatch.records import Entity

# relative pronouns that may stand for the clause before them ("which Kigali denies", « ce que Tunis dément »)
_RELATIVES = frozenset({"which", "that", "que", "qu'", "qu’"})


def answered_clause(t: Any, actors: ArticleActors) -> list[Entity]:
    """Who did what a reaction told in a relative clause answers: "Kenya accuses Somalia of harbouring
    militants, which Mogadishu denies", « le Mali a libéré vingt prisonniers, ce que le Niger a salué »:
    the subject of the nearest clause above, for a relative pronoun whose antecedent names no party."""
    parse = actors.lists
    deps, heads, kids = parse.deps, parse.heads, parse.kids
    ti = t.i
    if deps[ti] not in ("relcl", "acl:relcl") or not any(deps[k] in OBJ and parse.lower[k] in _RELATIVES for k in kids[ti]):
        return []
    if actors.entities_for(actors.toks[heads[ti]]):
        return []  # "Poland, which Russia accuses": the pronoun stands for the party itself
    return _clause_subject(heads[ti], actors)


def gathered(t: Any, actors: ArticleActors) -> list[Entity]:
    """Who meet at an event that a participle says someone hosted: "A and B signed the accord at a
    ceremony hosted by X", "agreed after talks hosted by X": the subject of the clause over the event noun."""
    return _clause_subject(actors.lists.heads[t.i], actors) if actors.lists.deps[t.i] == "acl" else []


def told_author(obj: int, actors: ArticleActors, reacts: Callable[[int], bool]) -> list[Entity]:
    """Who made the text that an object told before names ("rejected the plan", « a rejeté ce plan »):
    where the article last named the same noun, its owner ("the Commission's plan", "a plan drafted by
    Paris") or the subject of the verb it was the object of ("the Commission presented a plan"); a
    verb that ``reacts`` to it ("Poland criticised the plan") tells who answered it, not who made it."""
    parse, toks = actors.lists, actors.toks
    lemmas, deps, kids = parse.lemmas, parse.deps, parse.kids
    lemma = lemmas[obj]
    for i in range(obj - 1, max(-1, obj - 400), -1):
        if lemmas[i] != lemma or deps[i] in ("dobj", "obj") and reacts(parse.heads[i]):
            continue
        owner = [e for k in kids[i] if deps[k] in _OWN_MODIFIERS for e in actors.entities_for(toks[k])] or _author(toks[i], actors)
        if owner:
            return owner
        return _clause_subject(parse.heads[i], actors) if deps[i] in ("dobj", "obj") else []
    return []


def _clause_subject(cur: int, actors: ArticleActors) -> list[Entity]:
    """The parties of the subject of the nearest verb at or above token ``cur`` that has one."""
    parse = actors.lists
    deps, heads, kids, pos = parse.deps, parse.heads, parse.kids, parse.pos
    for _ in range(6):
        if pos[cur] in ("VERB", "AUX"):
            subj = next((k for k in kids[cur] if deps[k] in SUBJ), None)
            if subj is not None:
                return actors.entities_for(actors.toks[subj])
        if heads[cur] == cur:
            return []
        cur = heads[cur]
    return []


def object_controller(t: Any, actors: ArticleActors) -> list[Entity]:
    """The actor of a verb that its governor's object is told, made or allowed to do: "prompting Peru to
    expel the ambassador", « a poussé le Pérou à expulser », « a demandé à Israël de cesser »: the one
    the governor acts on does the act; the governor's subject does not."""
    parse = actors.lists
    deps, kids, lower = parse.deps, parse.kids, parse.lower
    ti = t.i
    # the French parser often hangs « à expulser » on « pousser » as an adjunct, marked by its preposition
    infinitive = deps[ti] == "advcl" and any(deps[g] == "mark" and lower[g] in ("à", "de", "d'", "d’") for g in kids[ti])
    if deps[ti] != "xcomp" and not infinitive or parse.pos[ti] != "VERB":
        return []
    for k in kids[parse.heads[ti]]:
        if k > ti:
            break
        told = deps[k] in ("dobj", "obj", "dative") or deps[k] in ("iobj", "obl:arg") and any(deps[g] == "case" and lower[g] in ("à", "au", "aux") for g in kids[k])
        if told and not _own(actors.toks[k]):
            found = actors.entities_for(actors.toks[k])
            if found:
                return found
    return []


def finding_target(t: Any, actors: ArticleActors, actor: list[Entity]) -> list[Entity]:
    """The party a finding or an allegation says is at fault: the subject of its clausal complement
    ("a tribunal ruled that Colombia had violated ...", « a jugé que la Hongrie avait enfreint »),
    or the party that subject belongs to ("that China's claims had no basis"); not the speaker's own."""
    parse = actors.lists
    deps, kids = parse.deps, parse.kids
    own = {e.code for e in actor}
    for k in kids[t.i]:
        if deps[k] != "ccomp":
            continue
        subj = next((g for g in kids[k] if deps[g] in SUBJ or deps[g] in PASS_SUBJ), None)
        if subj is None or _own(actors.toks[subj]):
            continue
        found = [e for e in actors.entities_for(actors.toks[subj]) if e.code not in own]
        if not found:
            found = [e for g in kids[subj] if deps[g] in ("poss", "nmod:poss") for e in actors.entities_for(actors.toks[g]) if e.code not in own]
        return found
    return []


# gazetteer kinds of nouns that name people by what they are ("bishops", « journalistes », "soldiers")
_PEOPLE_KINDS = frozenset({"role", "group", "rank"})
# "the release of two bishops", « l'arrestation de trois militants »: the people an event noun is done to
_OF = frozenset({"of", "de", "du", "des", "d'", "d’"})


def _undergoer(t: Any, actors: ArticleActors) -> int | None:
    """The token for whom an act is done: the object of an active verb, the subject of a passive one,
    the "of" phrase of an event noun."""
    parse = actors.lists
    deps, kids, lower = parse.deps, parse.kids, parse.lower
    ti = t.i
    for k in kids[ti]:
        if deps[k] in OBJ or deps[k] in PASS_SUBJ and not pronominal(ti, parse):
            return k
        if parse.pos[ti] == "NOUN" and deps[k] == "prep" and lower[k] in _OF:
            return next((g for g in kids[k] if deps[g] == "pobj"), None)
        if parse.pos[ti] == "NOUN" and deps[k] == "nmod" and any(deps[g] == "case" and lower[g] in _OF for g in kids[k]):
            return k
    return None


def unplaced_people(t: Any, actors: ArticleActors) -> list[Entity]:
    """People an act is done to whom nothing in the text places in a country: "two jailed bishops",
    « 152 personnes », "Chinmoy Das, a Hindu monk", not "the two men". A state that arrests, frees or sentences such people
    acts on its own (``parties.py``); none when any of them is placed ("two French journalists").
    People: a noun the gazetteer knows as such, a person, or a counted noun (what one arrests or frees
    by the number is people); their code is left ``UNK`` for the caller to set."""
    k = _undergoer(t, actors)
    if k is None:
        return []
    found = actors.entities_for(actors.toks[k])
    if any(e.code not in ("UNK", None, "") for e in found):
        return []
    if found and all(e.kind == "person" for e in found):
        return found
    parse = actors.lists
    entry = actors.tok_entry.get(k)
    counted = parse.pos[k] == "NOUN" and any(parse.deps[g] == "nummod" for g in parse.kids[k])
    if not counted and (entry is None or entry.kind not in _PEOPLE_KINDS):
        return []
    if any(parse.deps[g] == "det" and ("Def" in parse.feature(g, "Definite") or "Dem" in parse.feature(g, "PronType")) for g in parse.kids[k]):
        return []  # « les deux gendarmes », "the two men": people the story told before, whose country it said there
    phrase = actors.toks[k]
    span = phrase.doc[phrase.left_edge.i : k + 1]
    sector = entry.sector if entry is not None else None
    return [Entity("UNK", sector, span.text, span.text, None, "group", span.start_char, span.end_char)]
