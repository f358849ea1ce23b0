"""Parties the parse does not attach to the trigger: the subject of a governing clause or of the main clause, and the nearest mentions."""

from __future__ import annotations

from typing import Any

from dyadwatch.actors.clauses import attribution_markers
from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.events.arguments import PASS_SUBJ, SUBJ, apposition_anchor, in_place_name, instigator, pronominal
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Entity

CLIMB = {"xcomp", "conj", "advcl", "ccomp", "dobj", "obj", "pobj", "pcomp", "prep", "acl", "obl", "nmod", "obl:arg", "obl:mod", "appos", "advmod"}


def climb_subject(
    t: Any, actors: ArticleActors, patient: frozenset[str], etre_verbs: frozenset[str] = frozenset()
) -> tuple[list[Entity], list[Entity]]:
    """(actor, recipient) from the nearest governing clause, for triggers with no subject of their own.

    When the governing verb is one whose subject undergoes the event ("X is
    serving a sentence", "X faces arrest"), that subject is the recipient.
    """
    parse, toks = actors.lists, actors.toks  # read from the lists: a Token only for the subject found
    deps, heads, lemmas, pos = parse.deps, parse.heads, parse.lemmas, parse.pos
    cur = t.i
    for _ in range(5):
        if deps[cur] not in CLIMB or heads[cur] == cur or deps[cur] == "relcl":
            return [], []
        first = cur == t.i
        cur = heads[cur]
        undergoes = first and pos[t.i] in ("NOUN", "PROPN") and lemmas[cur] in patient
        active = lemmas[cur] in etre_verbs or pronominal(cur, parse)  # « s'est engagé à »: its subject acts
        subj = next((c for c in parse.kids[cur] if deps[c] in SUBJ or deps[c] in PASS_SUBJ and active), None)
        if subj is not None:
            found = actors.entities_for(toks[subj])
            return ([], found) if undergoes else (found, [])
        if deps[cur] in ("acl", "relcl") and pos[heads[cur]] in ("NOUN", "PROPN"):
            # "journalist X, serving a sentence": the noun the clause describes undergoes the event
            return ([], actors.entities_for(toks[heads[cur]])) if undergoes else ([], [])
    return [], []


def _present_participle(t: Any, parse: Any) -> bool:
    """"..., calling it blackmail", « ..., dénonçant la méthode »: a present participle that opens an adjunct."""
    if parse.pos[t.i] != "VERB" or t.i == 0 or parse.texts[t.left_edge.i - 1] != ",":
        return False
    return t.tag_ == "VBG" or "Part" in parse.feature(t.i, "VerbForm") and "Pres" in parse.feature(t.i, "Tense")


def participle_subject(t: Any, actors: ArticleActors) -> list[Entity] | None:
    """The actor of a participle adjunct with no subject of its own: the subject of its sentence's
    main clause, wherever the parser hung the adjunct.

    In "Algeria rejected a list of nationals that France wants to deport,
    denouncing the method", whoever denounces is Algeria, not the subject of
    the relative clause nearest the participle. None when ``t`` is not such
    an adjunct, or when the main clause names no subject.
    """
    parse = actors.lists  # read from the lists: a Token only for the subject found
    deps, heads, kids = parse.deps, parse.heads, parse.kids
    if not _present_participle(t, parse) or any(deps[c] in SUBJ or deps[c] in PASS_SUBJ for c in kids[t.i]):
        return None
    # the main clause, or the clause a report quotes ("X declared ..., suspending ..., a spokeswoman said")
    main = heads[t.i]
    while deps[main] not in _MAIN_CLAUSES and heads[main] != main:
        main = heads[main]
    if main == t.i or parse.pos[main] not in ("VERB", "AUX"):
        return None
    subj = next((c for c in kids[main] if deps[c] in SUBJ), None)
    return actors.entities_for(actors.toks[subj]) if subj is not None else None


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


def cut_subject(t: Any, actors: ArticleActors, actor: list[Entity]) -> list[Entity]:
    """The actor of a trigger whose first coordinated subject the parser made the sentence's root
    (« Athènes et Ankara ont convenu », see ``_root_conjunct``). ``actor``: the parties found.

    A subject cut off into a sentence of its own (« Pékin | a condamné ») no longer happens: the
    sentence bounds set before the parse (``nlp/models.py``) start no sentence without a closing
    mark or a line break before it.
    """
    return _root_conjunct(_told_verb(t, actors), actors, actor)


def _told_verb(t: Any, actors: ArticleActors) -> int | None:
    """The verb of the trigger's clause that has a subject, climbing at most eight links to the root."""
    parse = actors.lists
    heads, deps, kids = parse.heads, parse.deps, parse.kids
    cur = t.i
    for _ in range(8):
        if any(deps[k] in SUBJ or deps[k] in PASS_SUBJ for k in kids[cur]):
            return cur
        if heads[cur] == cur:
            return None
        cur = heads[cur]
    return None


def _root_conjunct(told: int | None, actors: ArticleActors, actor: list[Entity]) -> list[Entity]:
    """The first of two coordinated subjects that the parser made the sentence's root, with the verb as
    its conjunct: « Athènes(root) et Ankara ont convenu(conj) », so that the verb's own subject is only
    the second name. The root must be a name or noun before « et »/"and", with only its own words
    between it and the conjunction, and name a party."""
    parse = actors.lists
    pos, heads, deps, kids, lower = parse.pos, parse.heads, parse.deps, parse.kids, parse.lower
    if not actor or told is None or deps[told] != "conj":
        return actor
    root = heads[told]
    if root >= told or heads[root] != root or pos[root] not in ("PROPN", "NOUN"):
        return actor
    cc = next((k for k in kids[told] if deps[k] == "cc" and lower[k] in ("et", "and")), None)
    subj = next((k for k in kids[told] if deps[k] in SUBJ or deps[k] in PASS_SUBJ), None)
    if cc is None or subj is None or not root < cc < subj < told:
        return actor
    if any(heads[j] != root for j in range(root + 1, cc)):
        return actor
    # the root's own entity only: its conjuncts are the verb and what hangs on it
    named = actors.entities_for(actors.toks[root])[:1]
    if not named or lower[root] not in named[0].name.lower() or any(e.code == named[0].code for e in actor):
        return actor
    return [*named, *actor]


# the relations a name sits under within the phrase of a speaker: "sources in neighbouring
# Pakistan said", "a member of the Chadian team said", "Thai military sources said"
SPEAKER_PATH = {"appos", "flat", "flat:name", "compound", "conj", "amod", "nmod", "prep", "pobj", "nmod:poss", "poss"}


def _speaker(tok: Any, reporting: frozenset[str], t: Any = None, sources: frozenset[str] = frozenset()) -> bool:
    """Whether a token names the one who reports (in the subject of a reporting verb, or after
    ``sources`` words: "according to X", « selon X »), or the actor of another coordinated clause
    ("X regretted the ruling, and RSF condemned it"), not a party to t's event."""
    # read from the parse lists (``nlp.lists``): it runs for every party named after a trigger
    parse = parse_lists(tok.doc)
    heads, deps, lower, kids = parse.heads, parse.deps, parse.lower, parse.kids
    ti = None if t is None else t.i
    cur = tok.i
    for _ in range(6):
        dep, head = deps[cur], heads[cur]
        if lower[cur] in sources or dep == "pobj" and lower[heads[head]] in sources:
            return True
        if any(deps[c] == "case" and lower[c] in sources for c in kids[cur]):
            return True
        if dep in SUBJ:
            other_clause = ti is not None and head != ti and deps[head] in ("conj", "parataxis") and head > ti
            return parse.lemmas[head] in reporting and (ti is None or head != ti) or other_clause
        if dep not in SPEAKER_PATH or head == cur or ti is not None and head == ti:
            return False
        cur = head
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
        if instigator(at, actors):
            continue  # "pardoned the writer at Germany's request": Germany asked, it is no party to the act
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

