"""Direct and reported speech with its speaker.

A quote is the text between quotation marks (“ ”, « », " ") in a sentence
whose reporting verb has a resolvable subject, or, without quotation marks,
the clause that a reporting verb introduces ("X said that ..."). The speaker
comes from the actor table, so "he said" resolves to the person named before.
"""

from __future__ import annotations

import re
from typing import Any

from dyadwatch.pipeline import BaseStage, Work
from dyadwatch.records import Entity, Quote

_CLOSERS = frozenset({"»", "”", '"'})
_QUOTED = re.compile(r"“([^”]{3,})”|«\s*([^»]{3,}?)\s*»|\"([^\"]{3,})\"")


def _speaker(start: int, end: int, actors: Any, reporting: frozenset[str]) -> Entity | None:
    """The first resolvable subject of a reporting verb among tokens ``start``..``end``-1."""
    parse = actors.lists
    for i in range(start, end):
        if parse.lemmas[i] in reporting:
            for c in parse.kids[i]:
                if parse.deps[c] in ("nsubj", "nsubj:pass"):
                    found = actors.entities_for(actors.toks[c])
                    if found:
                        return found[0]
    return None


def find_quotes(work: Work, reporting: frozenset[str]) -> list[Quote]:
    quotes: list[Quote] = []
    text, lemmas = work.article.text, work.actors.lemmas
    toks = work.actors.toks
    # the sentences, offsets and words from the parse lists: no Span or Token is read for a sentence without speech
    parse = work.actors.lists
    sents, starts, tokens = parse.sents, parse.starts, parse.texts
    for index, (first, last) in enumerate(sents):
        start_char, end_char = starts[first], starts[last - 1] + len(tokens[last - 1])
        if index + 1 < len(sents) and tokens[sents[index + 1][0]] in _CLOSERS:
            end_char = starts[sents[index + 1][0]] + 1  # the parser put the closing mark in the next sentence
        matches = list(_QUOTED.finditer(text, start_char, end_char))
        said = not reporting.isdisjoint(lemmas[first:last])  # some lemma of the sentence is a reporting verb's
        speaker = _speaker(first, last, work.actors, reporting) if matches or said else None
        for m in matches:
            group = next(g for g in (1, 2, 3) if m.group(g))
            start = m.start(group)
            words = m.group(group).strip().rstrip(",")
            quotes.append(Quote(work.article.id, index, speaker, words, start, start + len(words), True))
        if not matches and speaker is not None:
            for t in toks[first:last]:
                if lemmas[t.i] in reporting:
                    clause = [c for c in t.children if c.dep_ in ("ccomp", "xcomp")]
                    if clause:
                        span = work.doc[clause[0].left_edge.i : clause[0].right_edge.i + 1]
                        quotes.append(Quote(work.article.id, index, speaker, span.text, span.start_char, span.end_char, False))
                    break
    return quotes


class QuoteStage(BaseStage):
    name = "quotes"
    requires = ("actors",)
    assigns = ("quotes",)

    def __call__(self, work: Work) -> Work:
        from dyadwatch.events.lexicon import load_lexicon

        work.quotes = find_quotes(work, load_lexicon(work.language or "en").reporting)
        return work
