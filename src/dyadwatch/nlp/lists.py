"""The parse of one Doc as plain Python lists, read once from spaCy's arrays.

Every stage after the parse reads the same few attributes of every token
(text, lowercase form, lemma, part of speech, head, dependency label) many
times. Reading them from ``Token`` objects builds a new object and a new
string at each access; reading them here costs one ``Doc.to_array`` call per
article and one string lookup per distinct value. The lists are kept in the
Doc's ``user_data`` (plain data only: no reference back to the Doc), so the
actor table, the event coder and the place finder share one copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, MORPH, ORTH, POS, SENT_START, SPACY

_KEY = "dyadwatch.lists"


class SentenceBounds(NamedTuple):
    """A sentence's ``Span.start``, ``Span.end``, ``Span.start_char`` and ``Span.end_char``."""

    start: int
    end: int
    start_char: int
    end_char: int


@dataclass(frozen=True)
class ParseLists:
    """Per token position: what the stages after the parse read of it."""

    texts: list[str]  # Token.text
    lower: list[str]  # Token.lower_
    lemmas: list[str]  # Token.lemma_, lowercased
    lemma_ids: list[int]  # Token.lemma: the hash of the lemma as the model wrote it
    pos: list[str]  # Token.pos_
    heads: list[int]  # Token.head.i (a root is its own head)
    deps: list[str]  # Token.dep_
    kids: list[list[int]]  # the indices of Token.children, in text order
    sents: list[tuple[int, int]]  # (start, end) of each sentence, in text order
    sent_of: list[int]  # per token, the index of its sentence in ``sents``
    morphs: list[str]  # str(Token.morph): "Number=Plur|Tense=Fut,Past" ("_" for none)
    # read in the same array call as the columns above: each further ``to_array`` or ``Doc.ents`` costs tens of µs
    starts: list[int]  # Token.idx: each token's character offset
    spaces: list[bool]  # whether a space follows the token (Token.whitespace_ is " " or "")
    ent_types: list[str]  # Token.ent_type_ ("" outside an entity)
    ent_iob: list[int]  # Token.ent_iob: 0 unset, 1 inside, 2 outside, 3 begins an entity
    ents: list[tuple[int, int, str]]  # (start, end, label) of each of Doc.ents, without building its Span

    def feature(self, i: int, field: str) -> tuple[str, ...]:
        """The values of one morphological feature of token ``i``: ``Token.morph.get(field)``, without building a MorphAnalysis."""
        return _features(self.morphs[i]).get(field, ())

    def subtree_has(self, top: int, i: int) -> bool:
        """Whether token ``i`` lies in the subtree of token ``top`` (itself included): ``top`` is on its way to the root."""
        heads = self.heads
        while i != top:
            if heads[i] == i:
                return False
            i = heads[i]
        return True

    def bounds(self, n: int) -> SentenceBounds:
        """Sentence ``n``'s token and character offsets: what the coder reads of its Span, without building it."""
        start, end = self.sents[n]
        return SentenceBounds(start, end, self.starts[start], self.starts[end - 1] + len(self.texts[end - 1]))

    def subtree(self, top: int) -> list[int]:
        """The positions of ``Token.subtree`` of token ``top``, in its order: each word's left dependents'
        subtrees, the word, then its right dependents' subtrees (text order, unless the parse crosses)."""
        out: list[int] = []
        kids = self.kids

        def walk(i: int) -> None:
            for k in kids[i]:
                if k < i:
                    walk(k)
            out.append(i)
            for k in kids[i]:
                if k > i:
                    walk(k)

        walk(top)
        return out

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` for start < end: the words and the spaces between them, no Span built."""
        texts, spaces = self.texts, self.spaces
        return "".join([w + " " if spaces[k] else w for k, w in enumerate(texts[start : end - 1], start)]) + texts[end - 1]


def parse_lists(doc: Any) -> ParseLists:
    """The lists of a parsed Doc, built on first use and kept in ``doc.user_data``."""
    found = doc.user_data.get(_KEY)
    if found is None:
        found = doc.user_data[_KEY] = _build(doc)
    return found


def _build(doc: Any) -> ParseLists:
    if not len(doc):
        return ParseLists([], [], [], [], [], [], [], [], [], [], [], [], [], [], [], [])
    columns = doc.to_array([ORTH, LOWER, POS, DEP, MORPH, ENT_TYPE, LEMMA, HEAD, IDX, SPACY, ENT_IOB])
    strings = doc.vocab.strings
    ids = columns[:, :7].T.tolist()  # one conversion for the seven columns of hashes
    texts, lower, pos, deps, morphs, ent_types = (_strings(ids[k], strings, _NAMES) for k in range(6))
    lemma_ids = ids[6]
    lemmas = _strings(lemma_ids, strings, _LOWERED, str.lower)
    # HEAD: an offset, stored unsigned (a negative one wraps round, and comes back through int64)
    heads = (columns[:, 7].astype("int64") + numpy.arange(len(doc))).tolist()
    starts, spaces, ent_iob = columns[:, 8:].T.tolist()
    kids: list[list[int]] = [[] for _ in heads]
    for i, h in enumerate(heads):
        if h != i:
            kids[h].append(i)
    sents, sent_of = doc.user_data.get(_SENTS) or sentence_bounds(doc)
    spaces = list(map(bool, spaces))
    return ParseLists(
        texts, lower, lemmas, lemma_ids, pos, heads, deps, kids, sents, sent_of, morphs, starts, spaces, ent_types, ent_iob,
        _entities(ent_iob, ent_types),
    )


def _entities(iob: list[int], types: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) of the entities, as ``Doc.ents`` reads them: a "B" with a type opens one, "I"
    continues it, anything else closes it (an "I" with nothing open, which spaCy refuses, opens none here)."""
    out: list[tuple[int, int, str]] = []
    start = -1
    for i in [i for i, v in enumerate(iob) if v != 1]:  # the few positions where an entity may open or close
        if start != -1:
            out.append((start, i, types[start]))
            start = -1
        if iob[i] == 3 and types[i]:
            start = i
    if start != -1:
        out.append((start, len(iob), types[start]))
    return out


# hash (or symbol id) -> string, for every model of the process: a hash names the same string in every
# vocabulary, and the StringStore decodes a new Python string at each lookup (the lookups were most of
# the cost of these lists); emptied when full, like the gazetteer's phrase cache
_NAMES: dict[int, str] = {}
_LOWERED: dict[int, str] = {}
_MEMO_SIZE = 200_000


def _strings(ids: list[int], strings: Any, memo: dict[int, str], change: Any = None) -> list[str]:
    """The strings of a column of hashes (``change``: applied to each, e.g. lowercasing), through ``memo``."""
    try:
        return list(map(memo.__getitem__, ids))  # most columns: every hash seen before
    except KeyError:
        pass
    missing = set(ids).difference(memo)
    if len(memo) + len(missing) > _MEMO_SIZE:
        memo.clear()
        missing = set(ids)
    for h in missing:
        memo[h] = change(strings[h]) if change is not None else strings[h]
    return list(map(memo.__getitem__, ids))


_SENTS = "dyadwatch.sents"


@lru_cache(maxsize=4096)
def _features(morph: str) -> dict[str, tuple[str, ...]]:
    """"Number=Plur|Tense=Fut,Past" -> {"Number": ("Plur",), "Tense": ("Fut", "Past")} (a few hundred distinct strings)."""
    out: dict[str, tuple[str, ...]] = {}
    for feature in morph.split("|") if morph and morph != "_" else ():
        field, _, values = feature.partition("=")
        out[field] = tuple(values.split(","))
    return out


def sentence_bounds(doc: Any) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentences' (start, end) and each token's sentence, as ``Doc.sents`` finds them (kept in ``doc.user_data``)."""
    found = doc.user_data.get(_SENTS)
    if found is None:
        found = doc.user_data[_SENTS] = _sentence_bounds(doc)
    return found


def _sentence_bounds(doc: Any) -> tuple[list[tuple[int, int]], list[int]]:
    size = len(doc)
    if not size:
        return [], []
    if not doc.has_annotation("SENT_START"):
        bounds = [(s.start, s.end) for s in doc.sents]  # spaCy raises its own error here
    else:
        flags = doc.to_array(SENT_START)
        starts = [0, *(numpy.flatnonzero(flags[1:] == 1) + 1).tolist()]
        bounds = list(zip(starts, starts[1:] + [size]))
    lengths = [end - start for start, end in bounds]
    return bounds, numpy.repeat(numpy.arange(len(bounds)), lengths).tolist()
