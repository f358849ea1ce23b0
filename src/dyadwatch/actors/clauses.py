"""What the clause around a name says about the person: possessives, postings, complements.

The actor finder reads titles in the words right next to a name. Some
constructions put the country of an office further away, or put a country
next to a name that is not the person's, and the parse (or the comma) tells
which:

- a possessive relative: "Slovakia, whose Prime Minister Robert Fico ..." or
  "la Slovaquie, dont le Premier ministre ...": the office belongs to the noun
  phrase before the comma;
- a possessive before a role points to the subject of the clause: "France
  recalled its ambassador, X" (X is French); "X held talks with his Algerian
  counterpart, Y" (Y holds X's office);
- a place after a role is a posting, not a nationality: "Algeria's ambassador
  to France", "l'ambassadeur de France en Algérie";
- a predicative complement: "Nawaf Salam is Lebanon's prime minister",
  "Lai Ching-te was sworn in as Taiwan's president", "Mark Carney, who became
  Canada's prime minister": the complement describes the subject, so its
  office and country are the person's.

An object is not a complement: in "Starmer met Lebanon's prime minister" the
prime minister is someone else. The function words of these constructions
("whose", "dont"; "its", "son"; "to", "en"; "as", "comme") are per-language
data in ``roles.{lang}.yaml``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import Any

from dyadwatch.actors.gazetteer import GazEntry, read_data

_PLACE_KINDS = ("country", "adjective", "capital", "institution")
_SUBJECTS = ("nsubj", "nsubjpass", "nsubj:pass")
_COMPLEMENTS = ("attr", "oprd", "xcomp")


@lru_cache(maxsize=4)
def predicative_markers(language: str) -> frozenset[str]:
    """Words that introduce a predicative complement ("as Taiwan's president")."""
    data = read_data("dyadwatch.actors", f"roles.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("predicative_markers") or [])


@lru_cache(maxsize=4)
def possessive_pronouns(language: str) -> frozenset[str]:
    """Possessive determiners that point back to a person ("his counterpart", "son homologue")."""
    data = read_data("dyadwatch.actors", f"roles.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("possessive_pronouns") or [])


def possessor_subject(toks: Sequence[Any], window: Sequence[int], pronouns: frozenset[str], owned: Sequence[int]) -> list[int]:
    """The subject a possessive points to: "France ... recalled its ambassador" -> France.

    ``owned`` are the tokens a possessive must stand just before ("its
    ambassador", "his Algerian counterpart"). In news prose such a
    possessive almost always points back to the subject of its clause (or of
    the first of two coordinated verbs). Returns the token indices of the
    subject and of the name words under it ("M. Nuñez" has the name under
    the honorific); empty when there is none.
    """
    pron = [i for i in window if toks[i].lower_ in pronouns and any(0 < r - i <= 3 for r in owned)]
    if not pron:
        return []
    t = toks[pron[0]]
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            break
        t = t.head
    subject = next((c for c in t.children if c.dep_ in _SUBJECTS), None)
    if subject is None and t.dep_ == "conj":  # "France ordered ... and recalled its ambassador"
        subject = next((c for c in t.head.children if c.dep_ in _SUBJECTS), None)
    if subject is None and t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
        subject = t.head  # « le président, reçu par son homologue X »: the participle's noun is whose it is
    if subject is None:
        return []
    return [subject.i, *(c.i for c in subject.children if c.dep_ in ("flat", "flat:name", "compound", "appos"))]


def counterpart_anchor(
    toks: Sequence[Any], window: Sequence[int], relational: AbstractSet[str], pronouns: frozenset[str]
) -> list[int]:
    """The subject that "his" points to in "X held talks with his counterpart, Y"."""
    return possessor_subject(toks, window, pronouns, [i for i in window if toks[i].lower_ in relational])


def is_posting(tok: Any, entries: Mapping[int, GazEntry], prepositions: frozenset[str]) -> bool:
    """Whether a place word names where an official is posted: "ambassador to France", "ambassadeur en Algérie"."""
    prep = tok.head if tok.dep_ == "pobj" else next((c for c in tok.children if c.dep_ == "case"), None)
    if prep is None or prep.lower_ not in prepositions:
        return False
    role = entries.get((prep.head if tok.dep_ == "pobj" else tok.head).i)
    return role is not None and role.kind == "role"


@lru_cache(maxsize=4)
def attribution_markers(language: str) -> frozenset[str]:
    """Words that attribute a statement to its source ("according to X", « selon X »)."""
    data = read_data("dyadwatch.actors", f"sources.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("attribution_markers") or [])


@lru_cache(maxsize=4)
def body_titles(language: str) -> frozenset[str]:
    """Canonical roles that take the sector of the body they are in ("president of the FNSEA")."""
    data = read_data("dyadwatch.actors", f"roles.{language}.yaml") or {}
    return frozenset(str(w) for w in data.get("body_titles") or [])


@lru_cache(maxsize=4)
def pair_nouns(language: str) -> frozenset[str]:
    """Nouns for people that, counted as two ("the two leaders"), refer back to two named people."""
    data = read_data("dyadwatch.actors", f"roles.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("pair_nouns") or [])


@lru_cache(maxsize=4)
def posting_prepositions(language: str) -> frozenset[str]:
    """Prepositions that introduce the place an official serves in ("ambassador to")."""
    data = read_data("dyadwatch.actors", f"roles.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("posting_prepositions") or [])


def relative_owner(toks: Sequence[Any], entries: Mapping[int, GazEntry], left: Sequence[int]) -> tuple[int | None, str | None]:
    """The owner before a possessive relative that opens the words left of a name.

    Returns the token index of the owner when it may be a person (the caller
    knows which tokens are people), or the country code of the owner.
    """
    if not left:
        return None, None
    first = min(left)
    entry = entries.get(first)
    if entry is None or entry.kind != "relative" or first < 2 or toks[first - 1].text != ",":
        return None, None
    for i in range(first - 2, max(first - 7, -1), -1):
        t = toks[i]
        if t.is_punct or t.pos_ in ("VERB", "AUX") or "\n" in t.text:
            break
        found = entries.get(i)
        if found is not None and found.kind in _PLACE_KINDS and found.code:
            return None, found.code
        if t.pos_ == "PROPN":
            return i, None
    return None, None


def _clause_heads(name_head: Any) -> list[Any]:
    """The predicates a name is the subject of, directly or through "who"."""
    out = [
        child for child in name_head.children
        if child.dep_ in ("relcl", "acl:relcl") and any(g.dep_ in _SUBJECTS and g.lower_ in ("who", "qui") for g in child.children)
    ]
    if name_head.dep_ in _SUBJECTS:
        out.append(name_head.head)
    return out


def _complements(pred: Any, markers: frozenset[str]) -> list[Any]:
    if pred.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "cop" for c in pred.children):
        return [pred]  # UD puts the copula under the noun: "Salam est le Premier ministre"
    out = [c for c in pred.children if c.dep_ in _COMPLEMENTS]
    for c in pred.children:
        if c.dep_ in ("prep", "case", "obl", "advcl") and c.lower_ in markers:
            out += [g for g in c.children if g.dep_ in ("pobj", "obj", "nmod")]
        elif c.dep_.split(":")[0] in ("obl", "nmod") and any(g.dep_ == "case" and g.lower_ in markers for g in c.children):
            out.append(c)
    return out


def predicative(
    name_head: Any, entries: Mapping[int, GazEntry], markers: frozenset[str], postings: frozenset[str] = frozenset()
) -> tuple[GazEntry | None, str | None]:
    """Office (a role entry) and country that a predicative complement gives the subject ``name_head``."""
    for comp in (c for pred in _clause_heads(name_head) for c in _complements(pred, markers)):
        role = entries.get(comp.i)
        if role is None or role.kind != "role":
            continue
        country = None
        for t in comp.subtree:
            found = entries.get(t.i)
            if found is None or is_posting(t, entries, postings):  # "became ambassador to France"
                continue
            if found.kind in _PLACE_KINDS and found.code and abs(t.i - comp.i) <= 5:
                country = country or found.code
        return role, country
    return None, None
