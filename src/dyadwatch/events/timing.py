"""The date of an event: the date expression of its own clause, else the article's default."""

from __future__ import annotations

from typing import Any

from dyadwatch.events.context import Context
from dyadwatch.events.dates import DateSpan


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
    spans = ctx._sentence_dates.get(sent.start_char)
    if spans is None:
        # the same for every candidate of the sentence: listed once
        spans = ctx._sentence_dates[sent.start_char] = [span for span in ctx.dates if sent.start_char <= span.start < sent.end_char]
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


def in_content(ctx: Context, i: int, span: DateSpan) -> bool:
    """A date inside what a trigger's complement says ("agreed to meet again on March 3", "threatened
    to strike on Friday"): the date of the act agreed on or threatened, not of the trigger's own."""
    toks = ctx._date_tokens.get((span.start, span.end))
    if toks is None:
        return False
    heads, deps = ctx.heads, ctx.deps
    cur = toks[0]
    for _ in range(8):
        if heads[cur] == cur:
            return False
        if heads[cur] == i:
            return deps[cur] in _CONTENT
        cur = heads[cur]
    return False


_CONTENT = frozenset({"xcomp", "ccomp"})


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


def _default_date(ctx: Context) -> tuple[str | None, str | None]:
    if ctx.published is None:
        return None, None
    return ctx.published.isoformat(), "day"

