"""Trigger finding: the lexicon's candidates in a sentence, and the folding of a trigger into the one that governs it."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from typing import Any

from dyadwatch.events.anchoring import (
    _body_left,
    _conditions,
    _enacted,
    _enactor,
    _envoys_leaving,
    _held_people,
    _in_date,
    _own_risk,
    _protest_demand,
    _reason_given,
    _refined,
    _reversals,
    _said_by_event,
    _standing,
    _unanchored,
    _unrealised,
    _vowed,
)
from dyadwatch.events.context import _SUBJECTS, Candidate, Context, _cues, _near
from dyadwatch.events.lexicon import Trigger

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
# and an announced future act of conflict is a threat, but for the acts of ``ANNOUNCED``
FUTURE_CATEGORY = {
    "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE",
    "PROTEST": "THREATEN", "SANCTION": "THREATEN", "COERCE": "THREATEN", "ASSAULT": "THREATEN", "MOBILIZE": "THREATEN",
}
# acts that, announced as decided ("will expel", "is set to recall", « va fermer »), are coded as the act with the
# future flag, like an announced retreat (CONCEDE); told as a condition or leverage they stay threats (ruling, issue 5)
ANNOUNCED = frozenset({"SANCTION"})
# what someone said another party must do is a demand whatever the verb ("Russia said Sudan must return
# the helicopter", « X a dit que Y devait retirer ses troupes »): build_event makes the speaker its actor
DEMAND = Trigger(("must",), "REQUEST", None, None, frozenset(), -1)


def _reported_obligation(ctx: Context, i: int) -> bool:
    """A verb under an obligation modal ("must drop", « devait retirer »), in a clause a reporting verb governs."""
    obligation, heads, lemmas = ctx.lexicon.obligation, ctx.heads, ctx.lemmas
    bound = any(ctx.deps[c] == "aux" and (ctx.lower[c] in obligation or lemmas[c] in obligation) for c in ctx.kids[i])
    bound = bound or ctx.deps[i] == "xcomp" and lemmas[heads[i]] in obligation
    if not bound:
        return False
    cur = i
    for _ in range(4):
        if heads[cur] == cur:
            return False
        cur = heads[cur]
        if lemmas[cur] in ctx.lexicon.reporting:
            return True
    return False


_NOT_TRIGGERS = frozenset({"role", "institution", "country", "media"})


def _unlisted(ctx: Context, i: int) -> Candidate | None:
    """A verb's event that no lexicon pattern gives: a demand told as an obligation, a visitor
    received by name ("received Modi", « a reçu Giorgia Meloni »: CONSULT visit, the host its
    recipient) or an act judged by the name given to it (ACCUSE disapprove)."""
    if _reported_obligation(ctx, i):
        return Candidate(ctx.toks[i], DEMAND)
    lemma, language = ctx.lemmas[i], ctx.lexicon.language
    if lemma in _cues(language, "leaving") and _envoys_leaving(ctx, i):
        # "the French diplomats left Niamey", « l'ambassadeur a quitté Alger »: envoys withdrawn (SANCTION withdraw)
        return Candidate(ctx.toks[i], Trigger((lemma,), "SANCTION", "withdraw", "VERB", frozenset(), 0))
    if lemma in _cues(language, "leaving") and _body_left(ctx, i):
        # "left the Economic Community of West African States", « a quitté l'Union africaine »
        return Candidate(ctx.toks[i], Trigger((lemma,), "SANCTION", "withdraw", "VERB", frozenset(), 0))
    if lemma in _cues(language, "holding") and _held_people(ctx, i):
        # "two French citizens have been held in Iran since 2022", « sont détenus à Bakou »: a detention
        return Candidate(ctx.toks[i], Trigger((lemma,), "COERCE", "arrest", "VERB", frozenset(), 0))
    if lemma in _cues(language, "host") and _guest(ctx, i):
        return Candidate(ctx.toks[i], Trigger((lemma,), "CONSULT", "visit", "VERB", frozenset(), 0))
    named = _named_as(ctx, i, False) if lemma in _cues(language, "naming") else None
    if named is None and lemma in ctx.lexicon.reporting:
        named = _named_as(ctx, i, True)
    if named is None:
        return None
    word, judged = named
    # two words, so that a reporting verb carrying the judgement is not skipped as mere saying
    trig = Trigger((lemma, ctx.lemmas[word]), "ACCUSE", "disapprove", "VERB", frozenset(), 0)
    return Candidate(ctx.toks[i], trig, {word} | judged)


def _addressed(ctx: Context, i: int, trig: Trigger) -> Trigger:
    """A concession ordered to another state ("ordered France to withdraw its troops", « a ordonné à la
    France de retirer ses troupes ») is a demand that it yield (REQUEST covers orders); ordering one's
    own forces back stays a concession."""
    if trig.category != "CONCEDE" or ctx.pos[i] != "VERB" or ctx.lemmas[i] not in _cues(ctx.lexicon.language, "ordering"):
        return trig  # "removed Cuba from the list": a concession done to a state, not one ordered of it
    entry = ctx.actors.tok_entry
    for k in ctx.kids[i]:
        if ctx.deps[k] in _ADDRESSEES and entry.get(k) is not None and entry[k].kind in ("country", "capital"):
            return replace(trig, category="REQUEST", mode="yield")
    return trig


_ADDRESSEES = frozenset({"dobj", "obj", "iobj", "obl:arg"})



def _subject_of(ctx: Context, j: int, i: int) -> bool:
    """``j`` is the subject of a verb ``i`` that has an object of its own ("the minister received a
    letter"); an intransitive verb's pattern may name its subject ("soldiers moved into the villages")."""
    if ctx.heads[j] != i or ctx.deps[j] not in _SUBJECTS:
        return False
    # not a date parsed as the object (« les négociations reprendraient le mois prochain »)
    return any(ctx.deps[k] in ("obj", "dobj") and not _in_date(ctx, k) for k in ctx.kids[i])


def _guest(ctx: Context, i: int) -> bool:
    """A host verb's object (or its passive subject) is a person named by name."""
    people = ctx.actors.tok_person
    for c in ctx.kids[i]:
        if ctx.deps[c] in _GUEST_DEPS and (c in people or any(g in people for g in ctx.kids[c] if ctx.deps[g] in _NAME_LINKS)):
            return True
    return False


_GUEST_DEPS = frozenset({"obj", "dobj", "nsubjpass", "nsubj:pass"})
_NAME_LINKS = frozenset({"flat", "flat:name", "compound", "appos"})


def _named_as(ctx: Context, i: int, reported: bool) -> tuple[int, set[int]] | None:
    """The word of disapproval a verb gives an act, and the event nouns it judges.

    A naming verb carries it in its complement ("called the expulsion an unfriendly act", "described
    the strikes as a violation", « a qualifié l'expulsion d'acte inamical »); a reporting verb in
    what its clause says the act is ("said the sanctions were illegal"). The act judged is the
    reaction's object, not an event of its own.
    """
    words, deps, kids, pos = _cues(ctx.lexicon.language, "disapproval"), ctx.deps, ctx.kids, ctx.pos
    if reported:
        tops = _copular(ctx, i)
    else:
        # "described the move as hasty": the parser may hang the "as" complement as a clause of its own
        tops = [c for c in kids[i] if deps[c] not in _SUBJECTS and (deps[c] not in _NOT_NAMED or _as_complement(ctx, c))]
    seen, todo = 0, list(tops)
    while todo and seen < 24:
        j = todo.pop()
        seen += 1
        if pos[j] in ("NOUN", "ADJ") and (ctx.lemmas[j] in words or ctx.lower[j] in words or deps[j] == "oprd" and _hostile_act(ctx, j) and not _names_what(ctx, i)) and not (
            deps[j] in ("obj", "dobj") and ctx.heads[j] == i
        ):
            return j, _judged(ctx, tops) if reported else set()
        todo.extend(k for k in kids[j] if deps[k] not in _NOT_NAMED)
    return None


def _names_what(ctx: Context, i: int) -> bool:
    """"In what it called a warning": the naming verb names a thing of the sentence, it judges no act."""
    return any(ctx.deps[k] in ("dobj", "obj") and ctx.lower[k] in _WH for k in ctx.kids[i])


_WH = frozenset({"what", "which", "whatever"})


def _hostile_act(ctx: Context, j: int) -> bool:
    """A noun the lexicon reads as an act of conflict ("an attack", "an invasion"): naming another's act so judges it."""
    return any(len(t.words) == 1 and t.category in _HOSTILE for t in ctx.lexicon.triggers.get(ctx.lemmas[j], ()))


_HOSTILE = frozenset({"ASSAULT", "COERCE", "THREATEN"})


def _as_complement(ctx: Context, c: int) -> bool:
    return ctx.deps[c] == "advcl" and ctx.pos[c] in ("ADJ", "NOUN") and any(ctx.lower[g] == "as" for g in ctx.kids[c])


def _copular(ctx: Context, i: int) -> list[int]:
    """The clauses a reporting verb governs that say what something is ("said the sanctions were illegal")."""
    deps, kids = ctx.deps, ctx.kids
    tops = [c for c in kids[i] if deps[c] == "ccomp"]
    return [v for v in tops if ctx.lemmas[v] in _COPULAS or any(deps[k] == "cop" for k in kids[v])]


def _judged(ctx: Context, tops: list[int]) -> set[int]:
    """The event nouns those clauses judge: the object of the judgement, not an event told anew."""
    return {k for v in tops for k in ctx.kids[v] if ctx.deps[k] in _SUBJECTS and ctx.pos[k] == "NOUN"}


_COPULAS = frozenset({"be", "être", "constitute", "constituer", "represent", "représenter"})
# the parts of a sentence that are not a naming verb's complement: other clauses, and what qualifies the verb itself
_NOT_NAMED = frozenset({"ccomp", "advcl", "relcl", "acl:relcl", "parataxis", "conj", "cc", "punct", "mark", "advmod", "csubj"})


def find_candidates(sent: Any, ctx: Context) -> list[Candidate]:
    """The trigger candidates of a sentence: for each word the lexicon knows, its most specific pattern
    that matches, or else the event a verb names without a pattern (``_unlisted``)."""
    found: list[Candidate] = []
    tok_person, tok_entry, lexicon = ctx.actors.tok_person, ctx.actors.tok_entry, ctx.lexicon
    triggers = lexicon.triggers
    all_pos, lemmas, lower, spots = ctx.pos, ctx.lemmas, ctx.lower, ctx.spots
    sent_words: set[str] | None = None  # the sentence's lemmas and forms, read once a pattern needs them
    for i in spots[bisect_left(spots, sent.start) : bisect_left(spots, sent.end)]:
        # read from the per-token lists: a Token object is made only for a word the lexicon knows
        if i in tok_person:
            continue
        entry = tok_entry.get(i)
        if entry is not None and entry.kind in _NOT_TRIGGERS:
            continue
        pos = all_pos[i]
        head_word = lemmas[i] if lemmas[i] in triggers else lower[i]
        options = triggers.get(head_word)
        if options and pos == "VERB" and any(ctx.deps[k] == "oprd" for k in ctx.kids[i]) and not _names_what(ctx, i):
            options = ()  # "called the memorandum an attack": a verb that names, read by _unlisted, not "call on"
        cand = None
        if options:
            word_class = "NOUN" if pos in ("NOUN", "PROPN") else "VERB" if pos in ("VERB", "AUX") else pos
            gate = lexicon.gate(head_word, word_class)
            # the words near the trigger, when a pattern of several words may match: only the patterns whose
            # other words are all there are tried (most of a common verb's hundred patterns are not); the
            # words near a trigger are words of its sentence, so where the sentence has none of the patterns'
            # other words (most verbs) they are not read at all
            near: dict[str, int] | None = None
            if gate.by_word:
                if sent_words is None:
                    sent_words = set(lemmas[sent.start : sent.end]).union(lower[sent.start : sent.end])
                if not gate.by_word.keys().isdisjoint(sent_words):
                    near = _near(ctx, i, sent.end)
            cand = _first_match(ctx, i, sent.end, options, gate.open(near), near)
        if cand is None and pos == "VERB":
            cand = _unlisted(ctx, i)
        if cand is not None:
            found.append(cand)
    return _settled(ctx, found) if found else found


def _first_match(
    ctx: Context, i: int, sent_end: int, options: tuple[Trigger, ...], order: list[int], near: dict[str, int] | None
) -> Candidate | None:
    """The first pattern of ``options`` (tried in ``order``, most specific first) that the words near the
    trigger at ``i`` complete and none of its ``not`` words cancels."""
    pos, t = ctx.pos[i], ctx.toks[i]
    deps: dict[str, int] | None = None
    for n in order:
        trig = options[n]
        if trig.not_words:
            if deps is None:
                # « les autorités ont interpellé Karim Benali »: an arrest's exclusions (« interpeller les
                # autorités », to call on them) are about whom it addresses, not who does it, once it names a person
                skip = _SUBJECTS if trig.mode == "arrest" and pos == "VERB" and _names_person(ctx, i) else frozenset()
                deps = _near(ctx, i, sent_end, window=False, skip=skip)
                head = ctx.heads[i]
                if pos == "NOUN" and ctx.deps[i] in ("obj", "dobj") and head != i:
                    # "declared a state of emergency after the earthquake": the verb carries the circumstances
                    # (not its subject: "the International Labour Office reiterated its demand")
                    deps = {**_near(ctx, head, sent_end, window=False, skip=_SUBJECTS), **deps}
            if not trig.not_words.isdisjoint(deps):
                continue
        if len(trig.words) > 1:
            near = near if near is not None else _near(ctx, i, sent_end)
            if not trig.rest <= near.keys() or pos == "VERB" and any(_subject_of(ctx, near[w], i) for w in trig.words[1:]):
                continue  # a pattern's other words are the verb's complement: not "the minister received a letter"
            return Candidate(t, _refined(ctx, i, _addressed(ctx, i, trig)), {near[w] for w in trig.words[1:]})
        return Candidate(t, _refined(ctx, i, trig))
    return None


def _names_person(ctx: Context, i: int) -> bool:
    """Whether the verb at ``i`` has a person's name for its object (a proper noun that is no place or body)."""
    return any(
        ctx.deps[k] in ("obj", "dobj") and ctx.pos[k] == "PROPN" and ctx.toks[k].ent_type_ in ("PER", "") for k in ctx.kids[i]
    )


def _settled(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """The candidates less those another one consumes: the act a judgement judges, the reversed measure."""
    for c in found:
        if c.trigger.category == "ACCUSE" and ctx.lemmas[c.token.i] in ctx.lexicon.reporting:
            c.consumed |= _judged(ctx, _copular(ctx, c.token.i))  # « a estimé que les sanctions étaient illégales »
    found = _reversals(ctx, found)
    consumed = {i for c in found for i in c.consumed}
    return [c for c in found if c.token.i not in consumed] if consumed else found


def fold_governed(cands: list[Candidate], ctx: Context, sent: Any = None) -> list[Candidate]:
    """Fold triggers governed by another trigger (or by an intent verb) into one event; drop those
    that name a condition, a hope or a protest's demand (``sent``: the sentence, for its conditions)."""
    moved: dict[int, Candidate] = {}
    for n, c in enumerate(cands):
        enactor = _enactor(ctx, c.token.i)
        if enactor is not None and all(x.token.i != enactor for x in cands):
            # "adopted a resolution condemning the attacks": the text's act, told at the verb that enacts it
            cands[n] = moved[c.token.i] = Candidate(ctx.toks[enactor], c.trigger, c.consumed | {c.token.i}, c.mode)
    by_token = {c.token.i: c for c in cands}
    by_token.update(moved)  # what the participle governs ("the attacks") folds into the moved act
    conditions = _conditions(ctx, sent) if sent is not None and len(cands) > 1 else []
    kept: list[Candidate] = []
    for c in cands:
        if ctx.deps[c.token.i] == "oprd":
            continue  # "calling it blackmail": a word that judges another act names no act of its own
        if c.trigger.category == "THREATEN" and _own_risk(ctx, c.token.i):
            continue
        if _unrealised(ctx, c.token.i, conditions) or _protest_demand(ctx, c, by_token) or _standing(ctx, c):
            continue
        if _reason_given(ctx, c, by_token):
            continue
        gov = _governor(ctx, c.token.i, by_token, c.trigger.category)
        if gov is not None and gov is not c and _enacted(ctx, gov, c):
            # "signed into law a bill suspending cooperation": the act the law makes is the event, and
            # the signer does it (told at the signing verb: a participle describing a bill has no subject)
            gov.trigger = replace(gov.trigger, category=c.trigger.category, mode=c.mode or c.trigger.mode, invert=False)
            continue
        if gov is not None and gov is not c and _cut_agreed(ctx, gov, c):
            # "the ministers agreed to suspend visa-free travel", « a proposé une pause des relations »: a cut
            # that a party agrees or proposes is announced, not a commitment to cooperate (a vow stays a threat)
            gov.trigger = replace(gov.trigger, category="SANCTION", mode=c.mode or c.trigger.mode, not_words=frozenset())
            continue
        if gov is not None and gov is not c:
            key = (gov.trigger.category, c.trigger.category)
            if gov.trigger.category == "AGREE" and FUTURE_CATEGORY.get(c.trigger.category) == "THREATEN" and _vowed(ctx, gov):
                # "vowed to retake the city": a promise of force against someone is a threat
                gov.trigger = replace(gov.trigger, category="THREATEN", mode=None, not_words=frozenset())
                key = ("THREATEN", c.trigger.category)
            if gov.mode is None and gov.trigger.mode is None:
                # "a meeting during a visit to Algiers": one CONSULT, with the more specific mode
                gov.mode = c.mode or c.trigger.mode if key[0] == key[1] else GOVERNED_MODE.get(key)
            continue
        if _unanchored(ctx, c) or _said_by_event(ctx, c):
            continue
        if c.trigger.category == "ASSAULT" and _prepared(ctx, c.token.i):
            # "the army prepared an offensive", « l'armée prépare une offensive »: forces readied, not yet used
            c.prepared = True
        elif intent_head(ctx, c.token.i) is not None:
            # "decided to expel the envoy" too: an announced sanction, which _recategorise keeps (ruling, issue 5)
            c.intent = True
        kept.append(c)
    return kept


def _cut_agreed(ctx: Context, gov: Candidate, c: Candidate) -> bool:
    """A sanction that is the content of an agreement or a proposal (not of a vow: "vowed to cut ties" threatens)."""
    return gov.trigger.category == "AGREE" and c.trigger.category == "SANCTION" and not _vowed(ctx, gov)


# prepositions that attach circumstances (time, place, manner), not the content of a governing event
ADJUNCT_PREPS = {
    "in", "at", "during", "after", "before", "following", "since", "amid", "by", "via", "through", "despite",
    "lors", "pendant", "après", "avant", "dans", "en", "malgré", "depuis", "par",
}


def _governor(ctx: Context, i: int, by_token: dict[int, Candidate], category: str) -> Candidate | None:
    """The trigger whose content (object, complement) the trigger at ``i`` is, up to five links up.

    Across a circumstantial preposition only the same event folds ("killed
    him in an air strike", "a meeting during a visit"); "talks after the
    strike" are two events.
    """
    heads, deps, lower, kids = ctx.heads, ctx.deps, ctx.lower, ctx.kids
    if _detached_participle(ctx, i):
        return None
    cur, adjunct, clausal, terms = i, False, False, False
    for _ in range(5):
        # clause complements ("..., which Algiers has suspended") are events of their own, not folded,
        # except the act a demand, refusal or threat names ("demanded that Kyiv withdraw its troops")
        dep = deps[cur]
        if dep == "ccomp":
            clausal = True
        elif dep == "conj" and ctx.pos[cur] in ("NOUN", "PROPN"):
            pass  # "traded drone, missile and artillery attacks": a coordinated object is the object too
        elif dep in ("relcl", "acl:relcl") and _modal(ctx, cur):
            # "agreed to a scheme under which migrants can be sent back": the terms of the agreement
            terms = True
        elif dep not in _FOLD_LINKS:
            return None
        if dep == "prep" and lower[cur] in ADJUNCT_PREPS or any(deps[c] == "case" and lower[c] in ADJUNCT_PREPS for c in kids[cur]):
            adjunct = True
        cur = heads[cur]
        if cur in by_token:
            gov = by_token[cur]
            if dep == "conj":
                return None  # "shelling and assault attempts": coordinated event nouns are events of equal rank
            if clausal and (gov.trigger.category not in CLAUSE_TAKERS or "Past" in ctx.toks[i].morph.get("Tense")):
                return None  # "warned that Russia had attacked": a past act told, not the content of a threat
            if terms and gov.trigger.category not in TERMS_TAKERS:
                return None
            return gov if not adjunct or gov.trigger.category == category else None
    return None


def _detached_participle(ctx: Context, i: int) -> bool:
    """A present participle set off by a comma (« a fermé sa frontière, accusant le Bénin de ... »,
    "closed the border, accusing Benin of ..."): a second act of the same subject, not the content of
    the first, even where the parser hangs it as a complement."""
    if i == 0 or ctx.lower[i - 1] != "," or ctx.pos[i] != "VERB" or ctx.deps[i] not in ("xcomp", "advcl"):
        return False
    parse = ctx.actors.lists  # the morphology from the lists: no MorphAnalysis
    return "Part" in parse.feature(i, "VerbForm") and "Pres" in parse.feature(i, "Tense")


def _modal(ctx: Context, v: int) -> bool:
    """A verb with a modal or future auxiliary ("can be sent", "would be returned", « pourront être renvoyés »)."""
    lexicon = ctx.lexicon
    return any(
        ctx.deps[c] in ("aux", "aux:tense") and (ctx.lower[c] in lexicon.future_aux or ctx.lower[c] in lexicon.hypothetical or ctx.lemmas[c] in ("pouvoir", "devoir"))
        for c in ctx.kids[v]
    )


# events whose terms a relative clause may state ("a deal under which ... would")
TERMS_TAKERS = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})
_FOLD_LINKS = frozenset({"xcomp", "dobj", "obj", "pobj", "pcomp", "prep", "obl", "obl:arg", "obl:mod", "nmod", "acl"})


# events whose content may be a whole clause: the demand, refusal or threat is the event, the clause its object
CLAUSE_TAKERS = frozenset({"REQUEST", "REJECT", "THREATEN"})


def _prepared(ctx: Context, i: int) -> bool:
    """A trigger that is what a verb of preparing readies: its object or its complement, two links up."""
    heads, deps, prep = ctx.heads, ctx.deps, _cues(ctx.lexicon.language, "preparation")
    cur = i
    for _ in range(2):
        if deps[cur] not in _PREPARED_LINKS or heads[cur] == cur:
            return False
        cur = heads[cur]
        if ctx.lemmas[cur] in prep:
            return True
    return False


_PREPARED_LINKS = frozenset({"obj", "dobj", "xcomp", "pcomp", "prep", "obl", "obl:arg", "mark"})


def intent_head(ctx: Context, i: int) -> int | None:
    """The verb or adjective of intent that governs the trigger at ``i`` ("plans to visit", "with the
    aim of resuming", « dans le but de relancer », "is to expel"), or None."""
    heads, deps, lemmas, lower, intent = ctx.heads, ctx.deps, ctx.lemmas, ctx.lower, ctx.lexicon.intent
    decided = _cues(ctx.lexicon.language, "decided_intent")
    cur = i
    for _ in range(3):
        dep = deps[cur]
        if dep not in _INTENT_LINKS or heads[cur] == cur:
            return None
        cur = heads[cur]
        if lemmas[cur] in intent or dep in ("xcomp", "ccomp", "acl") and lower[cur] in ("due", "set", "expected", "to"):
            return cur
        if dep == "xcomp" and lemmas[cur] in decided:
            return cur  # "Algeria is to expel the envoy": only as the verb's complement, not "the point is that ..."
    return None


_INTENT_LINKS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "prep", "mark"})

