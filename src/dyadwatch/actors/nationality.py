"""Compound nationalities before or after a name: "Franco-Algerian writer", "l'écrivain franco-algérien".

An entity carries one country, and a compound demonym names two. The rules
that pick one live with the data, in ``actors/data/nationalities.{lang}.yaml``:
the citizenship of the "hyphenated American" pattern ("Iranian-American")
where the language has it, and otherwise the first element, the nationality
the story is about ("Franco-Algerian writer held in Algiers"). The actor finder
asks this module, once per article, which tokens are part of such a compound
and which country the compound stands for; it uses the answer only when it
describes a person or a group of people, since "Franco-Algerian relations"
names both countries.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from dyadwatch.actors.gazetteer import read_data

_HYPHENS = ("-", "‑", "–")


@dataclass(frozen=True)
class CompoundRules:
    prefixes: dict[str, str]  # combining form (lowercase, no accents) -> country code
    citizenship_last: frozenset[str]  # demonyms that, last in a compound, are the citizenship


@lru_cache(maxsize=4)
def compound_rules(language: str) -> CompoundRules:
    """The rules for ``language`` (none when the language has no file)."""
    data = read_data("dyadwatch.actors", f"nationalities.{language}.yaml") or {}
    prefixes = {_plain(str(k)): str(v) for k, v in (data.get("prefixes") or {}).items() if v}
    return CompoundRules(prefixes, frozenset(_plain(str(w)) for w in data.get("citizenship_last") or []))


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _pick(first: str, second: str, second_word: str, rules: CompoundRules) -> str:
    return second if _plain(second_word) in rules.citizenship_last else first


def compound_codes(
    words: Sequence[str], spaced: Sequence[bool], adjective: Callable[[str], str | None], rules: CompoundRules
) -> dict[int, str]:
    """Token index -> country for every token of a compound nationality.

    ``words`` are the token texts, ``spaced[i]`` whether whitespace follows
    token i, and ``adjective(word)`` the country of a nationality word (None
    if it is not one). "Franco - Algerian" as three tokens (English) and
    "franco-algérien" as one (French) are both found.
    """
    out: dict[int, str] = {}

    def first_code(word: str) -> str | None:
        return rules.prefixes.get(_plain(word)) or adjective(word)

    last = len(words) - 2
    for i in _near_hyphens(words):
        word = words[i]
        if "-" not in word and "‑" not in word and "–" not in word and not (i < last and words[i + 1] in _HYPHENS):
            continue  # no hyphen in or after the word
        parts = _split(word)
        if len(parts) == 2:
            one, two = first_code(parts[0]), adjective(parts[1])
            if one and two and one != two:
                out[i] = _pick(one, two, parts[1], rules)
            continue
        if i + 2 < len(words) and words[i + 1] in _HYPHENS and not spaced[i] and not spaced[i + 1]:
            one, two = first_code(word), adjective(words[i + 2])
            if one and two and one != two:
                code = _pick(one, two, words[i + 2], rules)
                out.update({i: code, i + 1: code, i + 2: code})
    return out


def _near_hyphens(words: Sequence[str]) -> list[int]:
    """The positions of the words with a hyphen mark in them or in the word after them, in text order.

    Found in the words joined once (an article has a hyphen or two, many none), instead of looking
    into every word; each mark's word is the one whose start is the last at or before it.
    """
    joined = " ".join(words)
    marks = []
    for mark in _HYPHENS:
        at = joined.find(mark)
        while at != -1:
            marks.append(at)
            at = joined.find(mark, at + 1)
    if not marks:
        return []
    starts = list(accumulate(map((1).__add__, map(len, words)), initial=0))  # each word and the space after it
    found = {bisect_right(starts, k) - 1 for k in marks}
    return sorted(found | {i - 1 for i in found if i > 0})


def _split(word: str) -> list[str]:
    for mark in _HYPHENS:
        if mark in word.strip(mark):
            return word.split(mark)
    return [word]
