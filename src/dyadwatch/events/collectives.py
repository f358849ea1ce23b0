"""Collective nouns that stand for parties named before ("the two governments", "the bloc", "talks between A and B")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Callable

from dyadwatch.actors.gazetteer import read_data
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.events.arguments import PASS_SUBJ, SUBJ
from dyadwatch.events.places import LOCATIVE_PREPS
from dyadwatch.records import Entity

if TYPE_CHECKING:
    from dyadwatch.events.context import Context


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
    distributive: frozenset[str]  # "each side", "either country": a singular noun for the two sides

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
    return CollectiveWords(
        words("states"), words("sides"), numbers, words("bodies"), words("between"), words("mediation"), words("documents"), words("distributive")
    )


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
    if lemma not in words.states and lemma not in words.sides:
        return []
    if any(c.lower_ in words.distributive for c in head.children if c.i < head.i):
        count = 2  # "each side blamed the other": one of the two, either one: both are parties
    elif "Plur" in head.morph.get("Number"):
        count = max((words.numbers.get(c.lower_, 0) for c in head.children if c.i < head.i), default=0)
    else:
        return []
    if count < 2:
        return []
    wanted: frozenset[str] | None = None if lemma in words.sides else frozenset()  # None: any party; empty: states only
    return _last_named(head.left_edge.i, count, wanted, head, actors, _own_subject(head))


def _own_subject(head: Any) -> frozenset[int]:
    """The words of the subject of the verb a collective object hangs on: « Trump a reçu les deux
    délégations »: the host is no delegation, however close it stands."""
    if head.dep_ not in ("dobj", "obj", "pobj", "obl", "obl:arg") or head.head.i == head.i:
        return frozenset()
    verb = head.head.head if head.dep_ == "pobj" else head.head
    subject = next((c for c in verb.children if c.dep_ in SUBJ), None)
    return frozenset(range(subject.left_edge.i, subject.right_edge.i + 1)) if subject is not None else frozenset()


def _last_named(
    before: int, count: int, codes: frozenset[str] | None, head: Any, actors: ArticleActors, skip: frozenset[int] = frozenset()
) -> list[Entity]:
    """Entities of the last ``count`` different parties named before token ``before`` (less the words
    of ``skip``): states when ``codes`` is empty, the bodies of ``codes`` when it is not, any party when it is None."""
    found: list[str] = []
    entries, people, spans = actors.tok_entry, actors.tok_person, actors.tok_span
    for i in range(before - 1, max(-1, before - 250), -1):
        if i in skip:
            continue
        person = people.get(i)
        if person is not None:
            code = None if person.guessed else person.country
        else:
            entry = entries.get(i)
            if entry is None or spans[i][0] != i or entry.kind not in ("country", "capital", "adjective", "institution"):
                continue
            if entry.kind == "capital" and _placed(actors.toks[i]):
                continue  # "signed in Washington": a city where it happened is no party
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


def _placed(t: Any) -> bool:
    """A city after a locative preposition ("in Washington", « à Washington »): a place, not a party."""
    prep = t.head if t.dep_ == "pobj" else next((c for c in t.children if c.dep_ == "case"), None)
    return prep is not None and prep.lower_ in LOCATIVE_PREPS


def between_parties(t: Any, actors: ArticleActors, meeting: Callable[[Any], bool]) -> list[Entity]:
    """The sides of a meeting named by "between A and B" / « entre A et B » on the trigger or on a
    meeting noun under it (``meeting``: "hosted talks between Israel and Hamas"): two parties or
    more of different countries; none for a mediation, whose mediator acts on both sides."""
    words = collective_words(actors.gaz.language)
    if t.lemma_.lower() in words.mediation:
        return []
    parse, toks = actors.lists, actors.toks
    start, end = parse.sents[parse.sent_of[t.i]]
    if words.between.isdisjoint(parse.lower[start:end]):
        return []  # most sentences: no "between" / « entre », no subtree to walk
    for k in parse.subtree(t.i):  # read from the lists: a Token only for "between" / « entre »
        if parse.lower[k] not in words.between or parse.deps[k] not in ("prep", "case"):
            continue
        w = toks[k]
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

