"""What the clause around a trigger says about its event: whether a noun names an act of its own, and the
adjustments to its category (people deported, a body left, a measure cancelled, a wrong admitted)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from dyadwatch.events.arguments import cue_words
from dyadwatch.events.collectives import BODY_CODES
from dyadwatch.events.context import (
    _AUX,
    _SUBJECTS,
    Candidate,
    Context,
    _clause_verbs,
    _cues,
)
from dyadwatch.events.lexicon import Trigger
from dyadwatch.events.timing import _clause_head
from dyadwatch.records import Entity

# what an enacting verb may carry as its content and still be the event itself: signing a deal, approving support
_ENACTED_SELF = frozenset({"SUPPORT", "AGREE", "CONSULT"})


def _enacted(ctx: Context, gov: Candidate, c: Candidate) -> bool:
    """A signing, adoption or approval whose content is an act of its own ("signed a decree imposing a
    curfew", « a promulgué une loi suspendant la coopération »): the act decided is the event, done by
    the signer's state; signing or approving an agreement stays the signing (ontology: SUPPORT)."""
    if gov.trigger.category != "SUPPORT" or c.trigger.category in _ENACTED_SELF:
        return False
    return ctx.lemmas[gov.token.i] in _cues(ctx.lexicon.language, "enact")


def _enactor(ctx: Context, i: int) -> int | None:
    """The enacting verb ("adopted", « a voté ») whose object a participle describes ("a resolution
    condemning ...", « une loi interdisant ... »): the act is the text's, its author the enactor."""
    heads, deps = ctx.heads, ctx.deps
    if deps[i] != "acl" or ctx.pos[i] != "VERB" or "Past" in ctx.toks[i].morph.get("Tense"):
        return None
    text = heads[i]
    verb = heads[text]
    if text == i or verb == text or deps[text] not in ("obj", "dobj") or ctx.lemmas[verb] not in _cues(ctx.lexicon.language, "enact"):
        return None
    return verb


def _vowed(ctx: Context, gov: Candidate) -> bool:
    """An AGREE trigger that is a vow or a promise ("vowed", "pledged", « a juré »), not an accord."""
    return ctx.lemmas[gov.token.i] in _cues(ctx.lexicon.language, "vow") and ctx.pos[gov.token.i] == "VERB"


# acts of speech whose subject is the speaker ("the talks resumed" is an event, "the fighting threatens" no speech)
_VERBAL = frozenset({"SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"})


def _said_by_event(ctx: Context, c: Candidate) -> bool:
    """A verbal act whose subject is an event noun ("the fighting threatens the region", « les combats
    menacent la région »): a consequence told, not something a party said or did."""
    i = c.token.i
    if c.trigger.category not in _VERBAL or ctx.pos[i] != "VERB":
        return False
    known, entry = ctx.lexicon.triggers, ctx.actors.tok_entry
    for s in ctx.kids[i]:
        if s in c.consumed or ctx.deps[s] != "nsubj" or ctx.pos[s] != "NOUN":  # "the attack was condemned": its patient
            continue
        if s not in ctx.actors.tok_person and entry.get(s) is None:
            options = known.get(ctx.lemmas[s]) or known.get(ctx.lower[s]) or ()
            if any(t.pos == "NOUN" and len(t.words) == 1 for t in options):
                return True
    return False


def _reason_given(ctx: Context, c: Candidate, by_token: dict[int, Candidate]) -> bool:
    """What the speaker of a judgement says the judged act did ("condemned the move, saying it
    violated international law", « a dénoncé cette mesure, estimant qu'elle violait les accords »):
    the judgement's reason, no event of its own. Not when a party is named as doing a new act
    ("condemned the raid, saying Somali militants killed three officers")."""
    i = c.token.i
    heads, deps = ctx.heads, ctx.deps
    say = heads[i]
    if deps[i] != "ccomp" or say == i or ctx.lemmas[say] not in ctx.lexicon.reporting or deps[say] not in _REASON_LINKS:
        return False
    gov = by_token.get(heads[say])
    if gov is None or gov.trigger.category not in _JUDGING:
        return False
    entry, people = ctx.actors.tok_entry, ctx.actors.tok_person
    for k in ctx.kids[i]:
        if deps[k] in _SUBJECTS and (k in people or entry.get(k) is not None or ctx.pos[k] == "PROPN"):
            return False
        if deps[k] in _SUBJECTS and any(g in people or entry.get(g) is not None for g in ctx.kids[k]):
            return False  # "Russian forces", « l'armée malienne »: a party named
    return True


_REASON_LINKS = frozenset({"advcl", "acl"})
_JUDGING = frozenset({"ACCUSE", "REJECT", "SUPPORT"})


def _unanchored(ctx: Context, c: Candidate) -> bool:
    """An event noun used for a topic or a state of affairs ("dialogue remains the only way", « les
    combats ont fait fuir »): it names no event unless something anchors it to one.

    A noun is anchored by a participant (possessive, "of/with/between/by/against", a party named
    as its modifier), by a number, a time or a place of its own, or by a verb of which it is the
    object or subject and which is not a verb of being or of talking about ("held talks", "the
    talks resumed", but not "sanctions remain a tool", "described dialogue as").
    """
    i = c.token.i
    if ctx.pos[i] != "NOUN" or len(c.trigger.words) > 1:
        return False
    deps, heads, lower = ctx.deps, ctx.heads, ctx.lower
    if deps[i] == "conj" and heads[i] != i:
        i = heads[i]  # "sanctions and an embargo against Iran": the first noun's anchors
    if _own_anchor(ctx, i):
        return False
    head, language = heads[i], ctx.lexicon.language
    if head == i:
        return deps[i] not in ("ROOT", "root")
    if ctx.pos[head] == "ADP" or any(deps[g] == "case" for g in ctx.kids[i]):
        # under a preposition: "amid the fighting", "talked about dialogue" name a circumstance or a
        # topic; "came for talks", "remained on alert", "died as a result of torture" tell the event
        prep = lower[head] if ctx.pos[head] == "ADP" else next(lower[g] for g in ctx.kids[i] if deps[g] == "case")
        if prep in _cues(language, "topic_preps"):
            return True
        # "had grown used to living under sanctions": a state, unless the verb says when or where
        # ("troops remained on alert in the West Bank today")
        verb = heads[head] if ctx.pos[head] == "ADP" else head
        return ctx.lemmas[verb] in _cues(language, "state_verbs") and not _own_anchor(ctx, verb, when_where_only=True)
    if ctx.pos[head] not in ("VERB", "AUX"):
        return False  # under another noun (« la reprise du dialogue »): that noun's reading decides
    if ctx.lemmas[head] in _cues(language, "state_verbs") or ctx.lemmas[head] in _cues(language, "topic_verbs"):
        return True
    return deps[i] not in _ANCHORING_DEPS


_ANCHORING_DEPS = frozenset({"obj", "dobj", "nsubj", "nsubjpass", "nsubj:pass", "ROOT", "root", "appos"})
_OWN_DEPS = frozenset({"poss", "nmod:poss", "nummod", "npadvmod", "obl:tmod", "nmod:tmod"})
_MODIFIERS = frozenset({"compound", "amod", "nmod", "flat", "flat:name", "det"})
_WHEN_WHERE = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC"})


def _own_anchor(ctx: Context, i: int, when_where_only: bool = False) -> bool:
    """A participant, a number, a time or a place attached to an event noun (``when_where_only``:
    a time or a place attached to a verb)."""
    deps, kids, lower = ctx.deps, ctx.kids, ctx.lower
    anchors = _cues(ctx.lexicon.language, "anchor_preps")
    entry, people = ctx.actors.tok_entry, ctx.actors.tok_person
    for k in kids[i]:
        dep = deps[k]
        if when_where_only:
            if ctx.toks[k].ent_type_ in _WHEN_WHERE or dep in ("npadvmod", "obl:tmod", "nmod:tmod", "advmod") and ctx.toks[k].ent_type_:
                return True
            if any(ctx.toks[g].ent_type_ in _WHEN_WHERE for g in kids[k]) and dep in ("prep", "obl", "obl:mod", "nmod"):
                return True
            continue
        if dep in _OWN_DEPS or ctx.pos[k] in ("NUM", "PROPN"):
            return True
        if dep == "prep" and (lower[k] in anchors or any(ctx.toks[g].ent_type_ in _WHEN_WHERE for g in kids[k])):
            return True  # "talks with Iran", "clashes on Monday", "strikes in Gaza"
        if dep == "det" and "Yes" in ctx.toks[k].morph.get("Poss"):
            return True  # « son offensive », « leur dialogue »
        if dep in _MODIFIERS and (k in people or entry.get(k) is not None):
            return True  # "Israeli strikes", « les frappes israéliennes », "the Doha talks"
        if dep.startswith(("nmod", "obl", "acl")) and (
            k in people or entry.get(k) is not None or any(deps[g] == "case" and lower[g] in anchors for g in kids[k])
        ):
            return True  # « le dialogue avec Alger », « les combats dans le nord »
        if dep in ("acl", "relcl", "acl:relcl"):
            return True  # "the strikes that killed ten", « les frappes menées jeudi »: told as happened
    return False


def _conditions(ctx: Context, sent: Any) -> list[tuple[int, int]]:
    """Each condition word of a sentence ("unless", « si ») with the head of the clause it opens.

    The French model often attaches « si » to a noun of its clause (as ``case``), so the clause is
    found from the word's head, not from a ``mark`` child of the verb.
    """
    lower, deps, cond = ctx.lower, ctx.deps, ctx.lexicon.condition
    found = [
        (c, _clause_head(ctx, ctx.heads[c]))
        for c in range(sent.start, sent.end)
        if lower[c] in cond and deps[c] in ("mark", "case") and not (c > sent.start and lower[c - 1] in _EVEN)
    ]
    # "asked if Iran would resume talks": an indirect question is the content of its verb, not a condition
    return [(c, top) for c, top in found if deps[top] != "ccomp"]


def _unrealised(ctx: Context, i: int, conditions: list[tuple[int, int]]) -> bool:
    """A trigger that names no act: the condition of another ("unless Beijing withdrew its duties",
    « si Alger maintenait son refus ») or what someone hopes for ("hopes of an early release")."""
    heads, deps = ctx.heads, ctx.deps
    if conditions and any(c < i and _clause_head(ctx, i) == top for c, top in conditions):
        return True
    if ctx.pos[i] != "NOUN":
        return False
    cur = i
    for _ in range(2):
        # "hopes of a release", « l'espoir d'une libération »: the event noun under a hope noun
        if deps[cur] not in ("pobj", "prep", "nmod") or heads[cur] == cur:
            return False
        cur = heads[cur]
        if ctx.lemmas[cur] in ctx.lexicon.wishes:
            return True
    return False


def _own_risk(ctx: Context, i: int) -> bool:
    """A warning that one's own side may suffer ("warned that his country could face retaliation",
    « a averti que son pays risquait des représailles »): a risk told, no threat to anyone."""
    kids, deps, lower, lemmas = ctx.kids, ctx.deps, ctx.lower, ctx.lemmas
    # the warned clause: a complement, or (when the model hangs it lower, "warned for weeks that ...")
    # a clause with its own "that" up to three links down
    near = [c for c in kids[i]]
    near += [g for c in near for g in kids[c]]
    near += [g for c in near for g in kids[c]]
    for v in near:
        if lemmas[v] not in ctx.lexicon.patient or not (deps[v] == "ccomp" or any(deps[k] == "mark" for k in kids[v])):
            continue
        for subj in (k for k in kids[v] if deps[k] in _SUBJECTS):
            if ctx.pos[subj] == "PRON" or any(deps[k] in ("poss", "nmod:poss", "det") and lower[k] in _OWN for k in kids[subj]):
                return True
    return False


# possessives that make a noun the speaker's own ("his country", « son pays »)
_OWN = frozenset({"his", "her", "its", "their", "our", "my", "son", "sa", "ses", "leur", "leurs", "notre", "nos"})


def _standing(ctx: Context, c: Candidate) -> bool:
    """Support told in the simple present of a relative clause is a party's standing alliance, not an
    act ("Algeria, which backs the Polisario Front", « Alger, qui soutient le Polisario »); a demand
    told so is still being made (« les agriculteurs, qui réclament de meilleurs revenus »)."""
    i = c.token.i
    if ctx.pos[i] == "VERB" and any(
        ctx.deps[k] == "advmod" and ctx.lower[k] in _DURATIVE and ctx.lower[k + 1 : k + 2] not in (["as"], ["que"]) for k in ctx.kids[i]
    ):
        return True  # "had long opposed the plan", « le texte, longtemps bloqué par la Slovaquie »: a stance held, no act
    if c.trigger.category != "SUPPORT" or ctx.deps[i] not in ("relcl", "acl:relcl") or ctx.pos[i] != "VERB":
        return False
    morph = ctx.toks[i].morph
    return "Pres" in morph.get("Tense") and "Fin" in morph.get("VerbForm") and not any(ctx.deps[c] in _AUX for c in ctx.kids[i])


_DURATIVE = frozenset({"long", "longtemps"})
# "even if" concedes and "as if" compares: neither opens a condition
_EVEN = frozenset({"even", "même", "as", "comme"})


def _protest_demand(ctx: Context, c: Candidate, by_token: dict[int, Candidate]) -> bool:
    """A demand that says what a protest is for ("marched through Belgrade, demanding accountability",
    « ont manifesté pour réclamer »): the protest is the event, the demand its purpose."""
    i = c.token.i
    if c.trigger.category != "REQUEST" or ctx.deps[i] not in ("advcl", "xcomp", "acl") or ctx.heads[i] == i:
        return False
    gov = by_token.get(ctx.heads[i])
    return gov is not None and gov.trigger.category == "PROTEST" and not any(ctx.deps[k] in _SUBJECTS for k in ctx.kids[i])


def _ceased(ctx: Context, i: int) -> bool:
    """A negated trigger whose negation says it stopped ("no longer", "not ... anymore", « ne ... plus »)."""
    cues = _cues(ctx.lexicon.language, "cessation")
    return any(ctx.lower[c] in cues for v in _clause_verbs(ctx, i) for c in ctx.kids[v] if ctx.deps[c] in ("advmod", "neg"))


def _exercising_forces(ctx: Context, i: int, actor: tuple[Entity, ...]) -> tuple[Entity, ...]:
    """The countries whose forces hold an exercise: its actors, or those named in a subject that
    counts them ("thousands of American and Filipino troops")."""
    found = [e for e in actor if e.code != "UNK"]
    for s in (c for c in ctx.kids[i] if ctx.deps[c] in _SUBJECTS):
        for of in (k for k in ctx.kids[s] if ctx.deps[k] == "prep" and ctx.lower[k] in ("of", "de")):
            for obj in (g for g in ctx.kids[of] if ctx.deps[g] == "pobj"):
                found += ctx.actors.entities_for(ctx.toks[obj])
    out: list[Entity] = []
    for e in found:
        if e.code not in ("UNK", None) and all(x.code != e.code for x in out):
            out.append(e)
    return tuple(out)


def _own_deployment(ctx: Context, cand: Candidate) -> bool:
    """Weapons sent to a place that is no state ("to the islands", "to the front"): a party moving its
    own arms, which the ontology calls MOBILIZE; sent to a country they are AID."""
    weapons = cue_words(ctx.lexicon.language, "weapons")
    if not any(ctx.lemmas[j] in weapons for j in cand.consumed):
        return False
    kids, deps, lower = ctx.kids, ctx.deps, ctx.lower
    spots = [g for c in kids[cand.token.i] if deps[c] == "prep" and lower[c] in _TOWARDS for g in kids[c] if deps[g] == "pobj"]
    # « envoyer des missiles vers l'archipel »: the French destination is an oblique with its preposition
    spots += [c for c in kids[cand.token.i] if deps[c].startswith("obl") and any(deps[g] == "case" and lower[g] in _TOWARDS for g in kids[c])]
    if not spots:
        return False
    entry = ctx.actors.tok_entry
    # the place's own name (its head and compounds), not what it is near: "the islands, close to Taiwan"
    names = [j for g in spots for j in (g, *(k for k in kids[g] if deps[k] in _NAME_PARTS))]
    return not any(entry.get(j) is not None and entry[j].kind in _STATES for j in names)


_NAME_PARTS = frozenset({"compound", "flat", "flat:name", "amod", "nmod", "det"})
_TOWARDS = frozenset({"to", "into", "à", "au", "aux", "vers"})
_STATES = frozenset({"country", "capital", "adjective", "institution"})


def _refined(ctx: Context, i: int, trig: Trigger) -> Trigger:
    """What the trigger's complement makes of its category: people deported, a body left."""
    if trig.category == "SANCTION":
        return _deported(ctx, i, trig)
    if trig.category == "RETREAT" and trig.mode in ("withdraw", "resign") and ctx.pos[i] == "VERB" and _body_left(ctx, i):
        # "withdrew from the African Union", « s'est retiré de la Cédéao »: leaving a body of states cuts
        # cooperation with it (SANCTION withdraw), not a retreat of forces from ground
        return replace(trig, category="SANCTION", mode="withdraw")
    return trig


def _held_people(ctx: Context, i: int) -> bool:
    """A passive verb of holding whose subject is people: a person by name, people by their
    nationality ("French citizens", « deux Français »), or a word for people held."""
    deps, kids, entry, people = ctx.deps, ctx.kids, ctx.actors.tok_entry, _cues(ctx.lexicon.language, "detainees")
    if not any(deps[k] in ("auxpass", "aux:pass") for k in kids[i]):
        return False
    for k in kids[i]:
        if deps[k] not in ("nsubjpass", "nsubj:pass"):
            continue
        if k in ctx.actors.tok_person or ctx.lemmas[k] in people:
            return True
        e = entry.get(k)
        if e is not None and (e.kind == "adjective" or e.kind == "person"):
            return True
    return False


def _envoys_leaving(ctx: Context, i: int) -> bool:
    """A verb of leaving whose subject is a state's envoys (diplomats, an ambassador) and whose object,
    if any, is a place: they are withdrawn from the country they leave."""
    deps, kids, envoys = ctx.deps, ctx.kids, _cues(ctx.lexicon.language, "envoys")
    subject = any(deps[k] in ("nsubj", "nsubj:pass") and ctx.lemmas[k] in envoys for k in kids[i])
    if not subject:
        return False
    entry = ctx.actors.tok_entry
    return all(entry.get(k) is not None and entry[k].kind in ("country", "capital") for k in kids[i] if deps[k] in ("obj", "dobj"))


def _body_left(ctx: Context, i: int) -> bool:
    """The verb's object or its "from" / « de » complement names an intergovernmental body."""
    deps, kids, entry = ctx.deps, ctx.kids, ctx.actors.tok_entry
    found = False
    for k in kids[i]:
        dep = deps[k]
        if dep in ("dobj", "obj") and not _is_body(entry.get(k)):
            return False  # "withdrew its troops from the UN mission": forces pulled back, a retreat
        heads = [p for p in kids[k] if deps[p] == "pobj"] if dep == "prep" and ctx.lower[k] in ("from", "out") else [k] if dep in _LEFT else []
        found = found or any(_is_body(entry.get(h)) for h in heads)
    return found


def _is_body(e: Any) -> bool:
    return e is not None and e.kind == "institution" and e.code in BODY_CODES


# what a leaving verb leaves: its object, or its « de » complement (« se retirer de »)
_LEFT = frozenset({"dobj", "obj", "obl:arg", "obl"})


def _deported(ctx: Context, i: int, trig: Trigger) -> Trigger:
    """An expulsion of people named by their nationality ("expelled thousands of Afghans", « a expulsé
    200 000 Haïtiens ») is a deportation (COERCE, as the ontology lists deport); expelling a state's
    envoys ("expelled two Russian diplomats", the nationality an adjective) stays a cut in relations
    (SANCTION expel)."""
    if trig.mode != "expel" or trig.category != "SANCTION":
        return trig
    deps, kids, pos, entry = ctx.deps, ctx.kids, ctx.pos, ctx.actors.tok_entry
    expelled = [k for k in kids[i] if deps[k] in _EXPELLED]
    for k in list(expelled):
        expelled.extend(g for g in kids[k] if deps[g] in _OF_LINKS)
        expelled.extend(p for g in kids[k] if deps[g] == "prep" for p in kids[g] if deps[p] == "pobj")
    for k in expelled:
        e = entry.get(k)
        if e is not None and e.kind == "adjective" and pos[k] in ("NOUN", "PROPN"):
            return replace(trig, category="COERCE", mode="deport")
    return trig


# the people an expulsion moves: a verb's object or passive subject, a noun's complement (« l'expulsion de »)
_EXPELLED = frozenset({"dobj", "obj", "nsubjpass", "nsubj:pass", "nmod"})
_OF_LINKS = frozenset({"nmod", "pobj"})

def _in_date(ctx: Context, k: int) -> bool:
    at = ctx.toks[k].idx
    return any(span.start <= at < span.end for span in ctx.dates)


def _reversals(ctx: Context, found: list[Candidate]) -> list[Candidate]:
    """A measure against someone that a verb cancels ("cancelled the expulsion", « a annulé l'expulsion »,
    "suspended the deportations") is that measure eased: a concession (CONCEDE), told at the cancelling
    verb, not the measure itself."""
    language = ctx.lexicon.language
    cancelling, admitting = _cues(language, "cancelling"), _cues(language, "admitting")
    lemmas = ctx.lemmas
    moved: dict[int, Candidate] = {}
    for c in found:
        i, category = c.token.i, c.trigger.category
        if category not in _MEASURES and category not in _HARMS:
            continue
        v = _object_of(ctx, i)
        if v is not None and (category in _MEASURES and lemmas[v] in cancelling or category in _HARMS and lemmas[v] in admitting):
            # "admitted the killings", « a reconnu la violence de la colonisation »: a wrong owned up to
            moved[v] = Candidate(ctx.toks[v], Trigger((lemmas[v], lemmas[i]), "CONCEDE", None, "VERB", frozenset(), 0), c.consumed | {i})
            continue
        v = _clause_of(ctx, i) if category in _HARMS else None
        if v is not None and lemmas[v] in admitting and v not in moved:
            # "admitted that its agents had abducted ...": the admission is a concession, the act told an event of its own
            moved[v] = Candidate(ctx.toks[v], Trigger((lemmas[v], "that"), "CONCEDE", None, "VERB", frozenset(), 0))
    if not moved:
        return found
    return [c for c in found if c.token.i not in moved] + list(moved.values())


def _object_of(ctx: Context, i: int) -> int | None:
    """The verb whose object a noun is (a date the parser put between them is skipped:
    « a levé mercredi la suspension »)."""
    if ctx.pos[i] != "NOUN":
        return None
    heads, deps = ctx.heads, ctx.deps
    v = heads[i]
    if deps[i] == "nmod" and _in_date(ctx, v) and heads[v] != v:
        return heads[v] if ctx.pos[heads[v]] == "VERB" else None
    return v if deps[i] in ("obj", "dobj") and ctx.pos[v] == "VERB" else None


def _clause_of(ctx: Context, i: int) -> int | None:
    """The verb whose complement clause holds the trigger, two links up at most."""
    heads, deps = ctx.heads, ctx.deps
    cur = i
    for _ in range(3):
        if heads[cur] == cur:
            return None
        if deps[cur] == "ccomp":
            return heads[cur]
        cur = heads[cur]
    return None


# measures taken against someone, whose cancelling eases them; wrongs done, whose admission is a concession
_MEASURES = frozenset({"SANCTION", "COERCE"})
_HARMS = frozenset({"ASSAULT", "COERCE"})
