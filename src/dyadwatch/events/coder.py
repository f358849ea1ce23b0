"""The lexicon coder: from a parsed article to PLOVER events with their evidence.

For every sentence it finds trigger tokens (the most specific lexicon pattern
wins), folds a trigger into the one that governs it ("agreed to relaunch
cooperation" is one AGREE, "refused to meet" one REJECT with mode meet),
reads actor and recipient from the parse, then sets the auxiliary flags,
the date, the place and the contexts. It returns small records only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.attrs import DEP, HEAD

from dyadwatch.actors.resolve import ArticleActors
from dyadwatch.events.arguments import cue_words
from dyadwatch.events.dates import DateSpan, ahead
from dyadwatch.events.lexicon import Lexicon, Trigger, match_contexts
from dyadwatch.events.parties import dedupe, resolve_parties
from dyadwatch.events.places import place_near
from dyadwatch.events.repeats import (  # noqa: F401
    MIN_CONFIDENCE,
    _attested,
    _better,
    _finite,
    _main_actor,
    merge_repeats,
)
from dyadwatch.records import Article, Entity, Event, Evidence, Place

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
# and an announced future act of conflict is a threat
FUTURE_CATEGORY = {
    "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE", "RETREAT": "CONCEDE",
    "PROTEST": "THREATEN", "SANCTION": "THREATEN", "COERCE": "THREATEN", "ASSAULT": "THREATEN", "MOBILIZE": "THREATEN",
}
NEAR_WINDOW = 5
# dependents that open a clause of their own (both label schemes)
CLAUSES = {"advcl", "ccomp", "conj", "parataxis", "relcl", "acl:relcl", "csubj", "cc"}
# verbal judgements: with a trigger whose subject is the one judged (lexicon ``invert``), the speaker judges
JUDGEMENTS = frozenset({"ACCUSE", "SUPPORT"})
# cooperative events whose announced future negation is a refusal
REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}


@dataclass
class Candidate:
    token: Any
    trigger: Trigger
    consumed: set[int] = field(default_factory=set)
    mode: str | None = None
    intent: bool = False
    # violence prepared, not done ("prepared to resume shelling"): forces put in position (MOBILIZE)
    prepared: bool = False


@dataclass
class Context:
    """Everything the coder needs about one article besides the lexicon."""

    doc: Any
    article: Article
    actors: ArticleActors
    lexicon: Lexicon
    onto: Any
    published: dt.date | None
    dates: list[DateSpan]
    default_place: Place | None
    coder: str
    article_contexts: list[str]
    # lowercase lemmas of the whole document, computed once (spaCy builds a new string per access)
    lemmas: list[str] = field(default_factory=list)
    # the last explicit, recent date seen: later undated events in a report usually share it
    last_date: DateSpan | None = None
    # the actor of the last sentence's main event: what a non-state reaction ("RSF condemned the verdict") answers
    last_actor: str | None = None
    _contexts: dict[int, list[str]] = field(default_factory=dict)
    # each date expression's tokens (start, end), found once per article
    _date_tokens: dict[tuple[int, int], tuple[int, int] | None] = field(default_factory=dict)
    # per token, computed once: one Token object per position (indexing a Doc builds a new one each
    # time), its part of speech and its lowercase form; find_candidates reads these, not the Doc
    toks: list[Any] = field(default_factory=list)
    pos: list[str] = field(default_factory=list)
    lower: list[str] = field(default_factory=list)
    # the parse as plain lists: each token's head, dependency label and children (in text order)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    kids: list[list[int]] = field(default_factory=list)
    spots: list[int] = field(init=False, default_factory=list)

    def __post_init__(self) -> None:
        if not self.toks:
            self.toks = list(getattr(self.actors, "toks", None) or self.doc)
        if not self.lemmas:
            self.lemmas = [t.lemma_.lower() for t in self.toks]
        if not self.pos:
            self.pos = [t.pos_ for t in self.toks]
        if not self.lower:
            self.lower = [t.lower_ for t in self.toks]
        if not self.heads:
            self.heads, self.deps, self.kids = parse_lists(self.doc)
        # the positions find_candidates looks at: words the lexicon knows, and verbs (a reported obligation)
        known = self.lexicon.triggers
        self.spots = [
            i for i, (p, lemma, low) in enumerate(zip(self.pos, self.lemmas, self.lower))
            if p in _TRIGGER_POS and (p == "VERB" or lemma in known or low in known)
        ]


def parse_lists(doc: Any) -> tuple[list[int], list[str], list[list[int]]]:
    """Heads, labels and children of every token, read from the Doc in one pass (no Token objects)."""
    if not len(doc):
        return [], [], []
    arr = doc.to_array([HEAD, DEP])
    heads = [i + h for i, h in enumerate(arr[:, 0].astype("int64").tolist())]  # HEAD: an offset, stored unsigned
    strings = doc.vocab.strings
    deps = [strings[d] for d in arr[:, 1].tolist()]
    kids: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            kids[h].append(i)
    return heads, deps, kids


def _near(ctx: Context, i: int, sent_end: int, window: bool = True, skip: frozenset[str] = frozenset()) -> dict[str, int]:
    """Lemmas and forms close to a trigger, with their positions: its dependents two levels down and
    (with ``window``) the next few tokens.

    Exclusions (a pattern's ``not`` words) are read without the window and
    without other clauses: in "expelled the envoy as migrants waited" the
    migrants are not the ones expelled.
    """
    out: dict[str, int] = {}
    kids, deps, lemmas, lower = ctx.kids, ctx.deps, ctx.lemmas, ctx.lower
    for c in kids[i]:
        if not window and deps[c] in CLAUSES or deps[c] in skip:
            continue
        out.setdefault(lemmas[c], c)
        out.setdefault(lower[c], c)
        for g in kids[c]:
            out.setdefault(lemmas[g], g)
            out.setdefault(lower[g], g)
            if deps[g] in _RELATIVE:
                continue  # "Zelensky, who attended the talks, urged ...": a relative clause's words are not the trigger's
            for gg in kids[g]:
                if deps[gg] in _NEAR_DEPS:
                    out.setdefault(lemmas[gg], gg)
    for j in range(i + 1, min(i + 1 + NEAR_WINDOW, sent_end)) if window else ():
        out.setdefault(lemmas[j], j)
        out.setdefault(lower[j], j)
    head = ctx.heads[i]
    if deps[i] in ("acl", "amod") and head != i:
        # "a video released by the presidency": the noun a participle modifies is its object
        out.setdefault(lemmas[head], head)
    return out


_RELATIVE = frozenset({"relcl", "acl:relcl"})
_NEAR_DEPS = frozenset({"pobj", "dobj", "obj", "compound", "fixed", "flat"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "nsubj:pass", "csubj"})
_TRIGGER_POS = frozenset({"VERB", "NOUN", "ADJ", "AUX"})
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


def find_candidates(sent: Any, ctx: Context) -> list[Candidate]:
    found: list[Candidate] = []
    tok_person, tok_entry, triggers = ctx.actors.tok_person, ctx.actors.tok_entry, ctx.lexicon.triggers
    all_pos, lemmas, lower, spots = ctx.pos, ctx.lemmas, ctx.lower, ctx.spots
    for i in spots[bisect_left(spots, sent.start) : bisect_left(spots, sent.end)]:
        # read from the per-token lists: a Token object is made only for a word the lexicon knows
        if i in tok_person:
            continue
        entry = tok_entry.get(i)
        if entry is not None and entry.kind in _NOT_TRIGGERS:
            continue
        pos = all_pos[i]
        options = triggers.get(lemmas[i]) or triggers.get(lower[i])
        if not options:
            if pos == "VERB" and _reported_obligation(ctx, i):
                found.append(Candidate(ctx.toks[i], DEMAND))
            continue
        t = ctx.toks[i]
        word_class = "NOUN" if pos in ("NOUN", "PROPN") else "VERB" if pos in ("VERB", "AUX") else pos
        near: dict[str, int] | None = None
        deps: dict[str, int] | None = None
        for trig in options:
            if trig.pos and trig.pos != word_class:
                continue
            if trig.not_words:
                if deps is None:
                    deps = _near(ctx, i, sent.end, window=False)
                    head = ctx.heads[i]
                    if pos == "NOUN" and ctx.deps[i] in ("obj", "dobj") and head != i:
                        # "declared a state of emergency after the earthquake": the verb carries the circumstances
                        # (not its subject: "the International Labour Office reiterated its demand")
                        deps = {**_near(ctx, head, sent.end, window=False, skip=_SUBJECTS), **deps}
                if trig.not_words & deps.keys():
                    continue
            if len(trig.words) > 1:
                near = near if near is not None else _near(ctx, i, sent.end)
                if not trig.rest <= near.keys():
                    continue
                found.append(Candidate(t, trig, {near[w] for w in trig.words[1:]}))
            else:
                found.append(Candidate(t, trig))
            break
        else:
            if pos == "VERB" and _reported_obligation(ctx, i):
                found.append(Candidate(t, DEMAND))
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
        gov = _governor(ctx, c.token.i, by_token, c.trigger.category)
        if gov is not None and gov is not c and _enacted(ctx, gov, c):
            # "signed into law a bill suspending cooperation": the act the law makes is the event, and
            # the signer does it (told at the signing verb: a participle describing a bill has no subject)
            gov.trigger = replace(gov.trigger, category=c.trigger.category, mode=c.mode or c.trigger.mode, invert=False)
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
        elif _under_intent(ctx, c.token.i):
            c.intent = True
        kept.append(c)
    return kept


@lru_cache(maxsize=64)
def _cues(language: str, key: str) -> frozenset[str]:
    """One cue list of modality.<lang>.yaml, read once per process."""
    return cue_words(language, key)


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


# "even if" concedes and "as if" compares: neither opens a condition
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
_AUX = frozenset({"aux", "auxpass", "aux:pass", "aux:tense"})
_EVEN = frozenset({"even", "même", "as", "comme"})


def _protest_demand(ctx: Context, c: Candidate, by_token: dict[int, Candidate]) -> bool:
    """A demand that says what a protest is for ("marched through Belgrade, demanding accountability",
    « ont manifesté pour réclamer »): the protest is the event, the demand its purpose."""
    i = c.token.i
    if c.trigger.category != "REQUEST" or ctx.deps[i] not in ("advcl", "xcomp", "acl") or ctx.heads[i] == i:
        return False
    gov = by_token.get(ctx.heads[i])
    return gov is not None and gov.trigger.category == "PROTEST" and not any(ctx.deps[k] in _SUBJECTS for k in ctx.kids[i])


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


def _under_intent(ctx: Context, i: int) -> bool:
    heads, deps, lemmas, lower, intent = ctx.heads, ctx.deps, ctx.lemmas, ctx.lower, ctx.lexicon.intent
    cur = i
    for _ in range(3):
        # "plans to visit", "with the aim of resuming", « dans le but de relancer »
        dep = deps[cur]
        if dep not in _INTENT_LINKS or heads[cur] == cur:
            return False
        cur = heads[cur]
        if lemmas[cur] in intent or dep in ("xcomp", "ccomp", "acl") and lower[cur] in ("due", "set", "expected", "to"):
            return True
    return False


_INTENT_LINKS = frozenset({"xcomp", "ccomp", "acl", "pcomp", "prep", "mark"})


_VERB_LINKS = frozenset({"xcomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl", "conj"})


def _clause_verbs(ctx: Context, i: int) -> list[int]:
    """The trigger and the verbs that govern it within its clause."""
    heads, deps = ctx.heads, ctx.deps
    out = [i]
    cur = i
    for _ in range(3):
        if deps[cur] in _VERB_LINKS and heads[cur] != cur:
            cur = heads[cur]
            out.append(cur)
        else:
            break
    return out


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    obligation: bool = False
    # the clause is what a reporting verb says ("X said it could ...")
    reported: bool = False


def flags(ctx: Context, cand: Candidate, date: DateSpan | None) -> Modality:
    """Negation, future or intent, hypothesis and obligation for a trigger, from its clause."""
    lexicon, heads, deps, kids, lemmas, lower = ctx.lexicon, ctx.heads, ctx.deps, ctx.kids, ctx.lemmas, ctx.lower
    parse = ctx.actors.lists  # morphology from the parse lists: no MorphAnalysis per word
    i = cand.token.i
    verbs = _clause_verbs(ctx, i)
    negated = hypothetical = obligation = False
    future = cand.intent or (date.future if date else False)
    reported = any(deps[v] in ("ccomp", "parataxis") and lemmas[heads[v]] in lexicon.reporting for v in verbs)
    for v in verbs:
        if v != i and lemmas[v] in lexicon.negation:
            negated = True  # "failed to reach agreement"
        if v != i and lemmas[v] in lexicon.obligation:
            obligation = True  # « doit retirer ses troupes »: devoir governs the infinitive
        for c in kids[v]:
            low, lem, dep = lower[c], lemmas[c], deps[c]
            if dep in ("neg", "advmod") and (lem in lexicon.negation or low in lexicon.negation):
                negated = True
            elif dep == "advmod" and any(deps[g] == "neg" for g in kids[c]):
                negated = True  # "no longer delivers": the negation hangs on the adverb
            if dep in ("aux", "aux:tense") and (lem in lexicon.future_aux or low in lexicon.future_aux or lem == "aller"):
                future = True
            elif dep in ("aux:pass", "aux:tense") and "Fut" in parse.feature(c, "Tense"):
                future = True  # « il sera accueilli », « ils seront expulsés »: the auxiliary carries the future
            if dep in ("aux", "mark") and (low in lexicon.hypothetical or lem in lexicon.hypothetical):
                hypothetical = True
            if dep == "aux" and (low in lexicon.obligation or lem in lexicon.obligation):
                obligation = True
        tense = parse.feature(v, "Tense")
        if "Fut" in tense:
            future = True
        elif v == i and deps[v] == "advcl" and _present_under_future(ctx, v, tense):
            future = True  # "Israel will withdraw while Hezbollah pulls its fighters back": the clause's time is the main one's
        # fr_core_news_md tags many conditionals ("recevrait") as imperfect: the ending says it
        conditional = "Cnd" in parse.feature(v, "Mood") or lexicon.language == "fr" and _french_conditional(lower[v], lemmas[v])
        if conditional:
            # the conditional of reported speech is a future ("il a dit qu'il viendrait")
            future, hypothetical = (True, hypothetical) if reported else (future, True)
    return Modality(negated, future, hypothetical, obligation, reported)


def _french_conditional(form: str, lemma: str) -> bool:
    """A French verb form ending like a conditional (« recevrait », « pourraient »), but not the imperfect
    of a verb whose stem ends in r (« ignorait », « déshonorait », « tirait »: stem + -ait)."""
    if not form.endswith(("rait", "raient")):
        return False
    return not (lemma.endswith("er") and form in (lemma[:-2] + "ait", lemma[:-2] + "aient"))


def _present_under_future(ctx: Context, v: int, tense: tuple[str, ...]) -> bool:
    """A simple present in an adverbial clause of a future verb ("will withdraw while X pulls back"):
    English puts such clauses in the present for a future time (``tense``: the verb's Tense values)."""
    if ctx.lexicon.language != "en" or "Pres" not in tense:
        return False
    if any(ctx.deps[c] in _AUX or ctx.lower[c] in ctx.lexicon.hypothetical for c in ctx.kids[v]):
        return False  # "if Iran attacks": a condition, hypothetical rather than future
    head, future_aux = ctx.heads[v], ctx.lexicon.future_aux
    return any(ctx.deps[c] == "aux" and ctx.lower[c] in future_aux for c in ctx.kids[head])


def _tree_distance(ctx: Context, a: int, b: int) -> int:
    """Links between two tokens through their nearest common ancestor (99: none)."""
    heads = ctx.heads
    path = {a: 0}
    cur, n = a, 0
    while heads[cur] != cur:
        cur, n = heads[cur], n + 1
        path[cur] = n
    cur, n = b, 0
    while cur not in path:
        if heads[cur] == cur:
            return 99
        cur, n = heads[cur], n + 1
    return path[cur] + n


BOUNDARY = {"ccomp", "advcl", "relcl", "acl:relcl", "parataxis", "csubj"}


def _clause_head(ctx: Context, i: int) -> int:
    """The head of the clause a token belongs to (the first ancestor that starts a clause)."""
    heads, deps, pos = ctx.heads, ctx.deps, ctx.pos
    cur = i
    while heads[cur] != cur and deps[cur] not in BOUNDARY and not (deps[cur] == "conj" and pos[cur] in ("VERB", "AUX")):
        cur = heads[cur]
    return cur


def pick_date(t: Any, ctx: Context, sent: Any = None) -> DateSpan | None:
    """The date expression of the trigger's clause (or of the reporting verb that governs it); ``sent``: its sentence."""
    if sent is None:
        sent = t.sent
    spans = [span for span in ctx.dates if sent.start_char <= span.start < sent.end_char]
    if not spans:
        return None
    heads, deps, lemmas, reporting = ctx.heads, ctx.deps, ctx.lemmas, ctx.lexicon.reporting
    own = _clause_head(ctx, t.i)
    allowed = {own}
    up = heads[own]
    if up != own and (deps[own] == "conj" or deps[own] in ("ccomp", "parataxis") and lemmas[up] in reporting):
        # "began on February 16 and included meetings": conjoined clauses share a date, as do reported ones
        allowed.add(_clause_head(ctx, up))
    for c in ctx.kids[own]:
        # "X sont convenues de ..., a annoncé le 17 février Y": the date of the attached report
        if deps[c] in ("conj", "parataxis") and lemmas[c] in reporting:
            allowed.add(c)
    # "the trip, planned months ago, began on February 16": a participle describing the event
    # noun dates the plan; the predicate's own date wins over it
    modifiers = _subtrees(ctx, [c for c in ctx.kids[t.i] if deps[c] == "acl"])
    best: tuple[int, DateSpan] | None = None
    for span in spans:
        key = (span.start, span.end)
        if key not in ctx._date_tokens:
            found = ctx.doc.char_span(span.start, span.end, alignment_mode="expand")
            ctx._date_tokens[key] = (found.start, found.end) if found is not None else None
        toks = ctx._date_tokens[key]
        if toks is None or not any(_clause_head(ctx, x) in allowed for x in range(*toks)) or _dates_other_event(ctx, t.i, toks):
            continue
        d = min(_tree_distance(ctx, t.i, x) for x in range(*toks)) + (3 if toks[0] in modifiers else 0)
        if best is None or d < best[0]:
            best = (d, span)
    return best[1] if best else None


def _dates_other_event(ctx: Context, i: int, toks: tuple[int, int]) -> bool:
    """A date that modifies another event noun of the clause ("three years after the invasion of
    February 2022", « depuis le coup d'État de juillet 2023 »): that event's date, not the trigger's.
    Not the trigger's own object ("launched strikes on Monday" tells when it launched them)."""
    heads, deps, pos = ctx.heads, ctx.deps, ctx.pos
    top = next((x for x in range(*toks) if not toks[0] <= heads[x] < toks[1]), toks[0])
    h = heads[top]
    while pos[h] == "ADP" and heads[h] != h:
        h = heads[h]  # "the invasion of February 2022": the preposition's head
    if h == i or pos[h] != "NOUN" or heads[h] == i and deps[h] in _CORE:
        return False
    known = ctx.lexicon.triggers
    if known.get(ctx.lemmas[h]) or known.get(ctx.lower[h]):
        return True
    # "since the coup in July 2023", « après le scrutin de mars »: a noun that dates the background
    return ctx.lower[heads[h]] in _BACKGROUND or any(deps[g] == "case" and ctx.lower[g] in _BACKGROUND for g in ctx.kids[h])


_BACKGROUND = frozenset({"since", "after", "before", "following", "depuis", "après", "avant"})
_CORE = frozenset({"obj", "dobj", "nsubj", "nsubjpass", "nsubj:pass", "xcomp"})


def _subtrees(ctx: Context, tops: list[int]) -> set[int]:
    """The tokens under ``tops`` (each included), from the parse lists."""
    out: set[int] = set()
    todo = list(tops)
    while todo:
        i = todo.pop()
        if i not in out:
            out.add(i)
            todo.extend(ctx.kids[i])
    return out


def build_event(cand: Candidate, sent_index: int, ctx: Context, sent: Any = None) -> Event | None:
    """The event of one candidate, or None (``sent``: its sentence's Span, when the caller has it)."""
    t = cand.token
    parties = resolve_parties(cand, ctx)
    if parties is None:
        return None
    actor_t, recipient_t, via_parse, unresolved = parties
    if sent is None or not sent.start <= t.i < sent.end:
        sent = t.sent
    place = place_near(t, ctx.actors.gaz) or ctx.default_place
    date = pick_date(t, ctx, sent)
    modality = flags(ctx, cand, date)
    negated, future, hypothetical = modality.negated, modality.future, modality.hypothetical
    if date is not None and future and ctx.published is not None:
        date = ahead(date, ctx.published)
    if date is not None and not _historical(date.date, ctx.published):
        ctx.last_date = date
    elif date is None and ctx.last_date is not None:
        date = ctx.last_date
    category = cand.trigger.category
    mode = cand.mode or cand.trigger.mode
    if category == "AID" and _own_deployment(ctx, cand):
        # "would send a missile system to the Batanes islands": weapons moved to a place, not given to a state
        category, mode, recipient_t = "MOBILIZE", "weapons", ()
    speaker = _reporting_subject(t, ctx) if modality.obligation and ctx.pos[t.i] in ("VERB", "AUX") else []
    if cand.trigger is DEMAND and (not speaker or {e.code for e in actor_t or recipient_t} <= {e.code for e in speaker}):
        return None  # no one else was told to act ("France said it must act" is its own intention)
    if cand.trigger.invert and category in JUDGEMENTS and not speaker:
        # « X a estimé que l'Algérie se déshonorait »: the subject is judged, whoever says so judges it
        judge = dedupe(_reporting_subject(t, ctx))
        if judge:
            judged = {e.code for e in judge}
            actor_t, recipient_t = judge, tuple(e for e in (*recipient_t, *actor_t) if e.code not in judged) or recipient_t
    if negated and not future and category in _CUTTABLE and _ceased(ctx, t.i):
        # "France no longer delivers arms to Niger", « ne livre plus d'armes »: cooperation cut (SANCTION)
        category, mode, negated = "SANCTION", "discontinue", False
    if speaker:
        # "Russia said Sudan must return the helicopter": the speaker demands it of the subject
        category, mode = "REQUEST", GOVERNED_MODE.get(("REQUEST", category))
        actor_t, recipient_t = dedupe(speaker), actor_t or recipient_t
    elif future and negated and category in REFUSABLE:
        # "will not accept", "would not meet the demands": a refusal
        category, mode, negated = "REJECT", GOVERNED_MODE.get(("REJECT", category)), False
    elif cand.prepared and category == "ASSAULT":
        # readying forces for an attack is a show of force (MOBILIZE), not yet violence nor a spoken threat
        category, mode = "MOBILIZE", None
    elif future and category in FUTURE_CATEGORY and not (category == "MOBILIZE" and not recipient_t):
        if FUTURE_CATEGORY[category] == "THREATEN" and _event_subject(ctx, t.i):
            return None  # "the aid would strengthen his forces": what an event will do, no one's threat
        category, mode = FUTURE_CATEGORY[category], GOVERNED_MODE.get(("THREATEN", category))
    elif hypothetical and modality.reported and FUTURE_CATEGORY.get(category) == "THREATEN":
        # "Islamabad said it could hold the treaty in abeyance": saying one may strike is a threat, made now
        category, mode, hypothetical = "THREATEN", GOVERNED_MODE.get(("THREATEN", category)), False
    if category == "MOBILIZE" and any(ctx.lemmas[j] in cue_words(ctx.lexicon.language, "exercises") for j in (t.i, *cand.consumed)):
        forces = _exercising_forces(ctx, t.i, actor_t)
        if len(forces) >= 2:
            # exercises of two countries' forces together: mutual military cooperation (ontology)
            category, mode = "COOPERATE", None
            if len(actor_t) < 2 and not {e.code for e in recipient_t} - {e.code for e in actor_t}:
                # "thousands of American and Filipino troops began exercises": the first named, with the other
                actor_t, recipient_t = forces[:1], forces[1:]
    if not ctx.onto.is_valid(category, mode):
        mode = None
    date_str, precision = (date.date, date.precision) if date else _default_date(ctx)
    historical = _historical(date_str, ctx.published)
    contexts = _sentence_contexts(sent, ctx) or ctx.article_contexts
    end = t.idx + len(t.text)
    for i in cand.consumed:
        end = max(end, ctx.toks[i].idx + len(ctx.toks[i].text))
    if end - t.idx >= 80:
        end = t.idx + len(t.text)  # the pattern's words lie far apart: the head word alone is the evidence
    trig_text = ctx.article.text[t.idx:end]
    confidence = 0.55 + 0.05 * min(len(cand.trigger.words) - 1, 2) + (0.15 if via_parse else 0) + (0.05 if recipient_t else 0)
    confidence -= 0.07 * min(_depth(ctx, t.i), 5) + (0.3 if unresolved else 0)
    key = f"{ctx.article.id}:{sent_index}:{t.idx}:{category}"
    return Event(
        id=hashlib.sha256(key.encode()).hexdigest()[:20],
        article_id=ctx.article.id,
        doc_id=ctx.article.doc_id,
        category=category,
        mode=mode,
        contexts=tuple(contexts),
        actor=actor_t,
        recipient=recipient_t,
        date=date_str,
        date_precision=precision,
        location=place,
        negated=negated,
        future=future,
        hypothetical=hypothetical,
        historical=historical,
        score=ctx.onto.score(category, mode),
        quad=ctx.onto.quad(category),
        evidence=Evidence(ctx.article.text[sent.start_char : sent.end_char], sent_index, sent.start_char, sent.end_char, trig_text, t.idx, end),
        confidence=round(min(confidence, 0.99), 3),
        coder=ctx.coder,
    )


# material cooperation whose stopping cuts it ("no longer delivers arms"): SANCTION (discontinue)
_CUTTABLE = frozenset({"AID", "COOPERATE"})


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


def _event_subject(ctx: Context, i: int) -> bool:
    """The trigger's subject is itself an event noun ("the aid", "the sanctions"), not a party."""
    known = ctx.lexicon.triggers
    return any(
        ctx.deps[c] in _SUBJECTS and ctx.pos[c] == "NOUN" and (ctx.lemmas[c] in known or ctx.lower[c] in known) for c in ctx.kids[i]
    )


def _depth(ctx: Context, i: int) -> int:
    """How deep a trigger sits below its sentence's main predicate (reports and control verbs are free)."""
    heads, deps, lemmas, reporting = ctx.heads, ctx.deps, ctx.lemmas, ctx.lexicon.reporting
    depth, cur = 0, i
    while heads[cur] != cur:
        dep = deps[cur]
        if not (dep in ("xcomp", "conj") or dep in ("ccomp", "parataxis") and lemmas[heads[cur]] in reporting):
            depth += 1
        cur = heads[cur]
    return depth


def _reporting_subject(t: Any, ctx: Context) -> list[Entity]:
    """The subject of the reporting verb above a trigger, if any."""
    cur = t
    for _ in range(4):
        if cur.head.i == cur.i:
            return []
        cur = cur.head
        if cur.lemma_.lower() in ctx.lexicon.reporting:
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubj:pass", "nsubjpass")]
            return ctx.actors.entities_for(subj[0]) if subj else []
    return []


def _sentence_contexts(sent: Any, ctx: Context) -> list[str]:
    """The contexts named in a sentence (by lemma, then by word form), once per sentence."""
    if sent.start not in ctx._contexts:
        found = match_contexts(ctx.lemmas[sent.start : sent.end], ctx.lexicon)
        ctx._contexts[sent.start] = found or match_contexts(ctx.lower[sent.start : sent.end], ctx.lexicon)
    return ctx._contexts[sent.start]


def _acts_on_thing(t: Any) -> bool:
    """A reporting verb used for an act on a thing, not for a statement: « a reconnu un plan d'autonomie »."""
    clause = any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in t.children)
    return not clause and any(c.dep_ in ("obj", "dobj") and c.pos_ in ("NOUN", "PROPN") for c in t.children)


def _default_date(ctx: Context) -> tuple[str | None, str | None]:
    if ctx.published is None:
        return None, None
    return ctx.published.isoformat(), "day"


def _historical(date: str | None, published: dt.date | None) -> bool:
    """Background events: dated more than 30 days before publication."""
    if not date or published is None:
        return False
    try:
        year = int(date[:4])
        month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 12
        day = int(date[8:10]) if len(date) >= 10 else 28
        return (published - dt.date(year, month, min(day, 28))).days > 30
    except ValueError:
        return False


def code_events(ctx: Context) -> list[Event]:
    """All events of one article, at most one per category and actor pair per sentence."""
    events: list[Event] = []
    verbal: set[str] = set()
    for index, sent in enumerate(ctx.doc.sents):
        cands = fold_governed(find_candidates(sent, ctx), ctx, sent)
        best: dict[tuple[str, str, tuple[str, ...], tuple[str, ...]], Event] = {}
        for cand in cands:
            if ctx.lemmas[cand.token.i] in ctx.lexicon.reporting and len(cand.trigger.words) == 1 and not _acts_on_thing(cand.token):
                continue  # saying is not an event; "stressed the need to" (a longer pattern) is a demand
            event = build_event(cand, index, ctx, sent)
            if event is None:
                continue
            if _finite(cand.token):
                verbal.add(event.id)
            # "expelled staff and recalled its ambassador": two modes, two events
            key = (event.category, event.mode or "", tuple(e.code for e in event.actor), tuple(e.code for e in event.recipient))
            best[key] = _better(best.get(key), event, ctx.onto)
        found = _attested(sorted(best.values(), key=lambda e: e.evidence.trigger_start))
        events.extend(found)
        ctx.last_actor = _main_actor(found) or ctx.last_actor
    return merge_repeats(events, ctx.onto, verbal)

