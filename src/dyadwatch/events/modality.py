"""The auxiliary flags of an event: negated, hypothetical, future, reported, historical."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from dyadwatch.events.context import _AUX, Candidate, Context, _clause_verbs
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

