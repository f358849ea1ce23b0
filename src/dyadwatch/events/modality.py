"""The auxiliary flags of an event: negated, hypothetical, future, reported, historical; and whether a
future act is announced as decided or held out as leverage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from dyadwatch.events.candidates import intent_head
from dyadwatch.events.context import _AUX, Candidate, Context, _clause_verbs, _cues
from dyadwatch.events.dates import DateSpan


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


def announcement(ctx: Context, cand: Candidate, modality: Modality) -> str | None:
    """How a prospective act is told (ruling on announced sanctions, issue 5): "decided" when announced
    as decided and definite ("will halt imports", "is set to recall", "announced it would close",
    « va fermer », « seront expulsés », « doit rappeler »); "leverage" when held out on a condition or as
    a possibility ("would", "could", « pourrait », the conditional, "if", "unless", « à moins que », an
    intention only weighed: "is considering"); None when it is told as done, or is itself the condition
    or the question ("if Algeria expels ...", "whether")."""
    i, language, kids, deps = cand.token.i, ctx.lexicon.language, ctx.kids, ctx.deps
    verbs = _clause_verbs(ctx, i)
    if any(deps[c] == "mark" and ctx.lower[c] in ctx.lexicon.hypothetical for c in kids[i]):
        return None
    conditioned = _on_condition(ctx, set(verbs))
    if not (modality.future or modality.hypothetical or conditioned):
        return None
    if modality.hypothetical or conditioned:
        return "leverage"
    if any(v != i and ctx.lower[v] in ctx.lexicon.hypothetical for v in verbs):
        return "leverage"  # « a déclaré qu'il pourrait suspendre »: a possibility, even in reported speech
    own_conditional = _cues(language, "conditional_aux")
    if not modality.reported and any(deps[c] == "aux" and ctx.lower[c] in own_conditional for v in verbs for c in kids[v]):
        return "leverage"  # "Algeria would expel the ambassador": the conditional of one's own voice, not of reported speech
    head = intent_head(ctx, i) if cand.intent else None
    if head is not None and ctx.lemmas[head] not in _cues(language, "decided_intent"):
        return "leverage"  # "is considering expelling", « envisage d'expulser »: weighed, not decided
    return "decided"


def _on_condition(ctx: Context, verbs: set[int]) -> bool:
    """A word of leverage ("unless", "if", « à moins que », « sinon ») in a clause that depends on one of
    the trigger's clause verbs: the act hangs on another's conduct. Not "even if", and not a mark of the
    verb itself (then the act is the condition, which folding drops)."""
    cues, lower, heads, deps = _cues(ctx.lexicon.language, "leverage"), ctx.lower, ctx.heads, ctx.deps
    sent = ctx.toks[min(verbs)].sent
    for j in range(sent.start, sent.end):
        pair = f"{lower[j]} {lower[j + 1]}" if j + 1 < sent.end else ""
        if lower[j] not in cues and pair not in cues or j > sent.start and lower[j - 1] in ("even", "même"):
            continue
        if pair not in cues and lower[j] in ctx.lexicon.condition and deps[j] not in ("mark", "case"):
            continue  # « une mesure si grave »: « si » as an adverb of degree
        if deps[j] == "mark" and heads[j] in verbs:
            continue
        cur = j
        for _ in range(3):
            if heads[cur] == cur:
                break
            cur = heads[cur]
            if cur in verbs:
                return True
    return False


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


@lru_cache(maxsize=4096)
def _historical(date: str | None, published: dt.date | None) -> bool:
    """Background events: dated more than 30 days before publication (asked several times per event,
    with few distinct dates: kept per process)."""
    if not date or published is None:
        return False
    try:
        year = int(date[:4])
        month = int(date[5:7]) if len(date) >= 7 and date[5:7].isdigit() else 12
        day = int(date[8:10]) if len(date) >= 10 else 28
        return (published - dt.date(year, month, min(day, 28))).days > 30
    except ValueError:
        return False

