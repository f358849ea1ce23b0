"""Where the people of an article are named: the name-finding half of the actor table.

``ArticleActors`` (``resolve``) inherits these methods to find people before
it describes them: the spans NER tags as persons, trimmed of titles and
possessive endings; names after a title ("Major-General X"); names set off
by a comma before or after a role ("Saïd Sayoud, Nuñez's Algerian
counterpart"); surnames repeated later; and bylines, which are authors, not
actors. The attributes declared below are the word table it reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Any

from dyadwatch.actors.gazetteer import GazEntry, read_data
from dyadwatch.actors.offices import OfficeHolders
from dyadwatch.actors.person import Person

_NAME_LABELS = {"PERSON", "PER", "ORG", "MISC", "GPE", "LOC", "NORP"}
RELATIONAL = {"counterpart", "counterparts", "homologue", "homologues"}
# word-table kinds that are never part of a person's name
_TITLES = frozenset({"role", "rank", "honorific"})
_NOT_NAMES = frozenset({"country", "adjective", "institution", "role", "rank", "honorific", "media", "capital"})


@lru_cache(maxsize=1)
def article_prefixes() -> tuple[str, ...]:
    """The article prefixes a family name is written again without ("al-" of "al-Sissi"), of ``names.yaml``."""
    data = read_data("dyadwatch.actors", "names.yaml") or {}
    return tuple(str(p).lower() for p in data.get("article_prefixes") or ())


def _glued(toks: list[Any], i: int) -> bool:
    """A lowercase word at the end of a name is no part of it ("Lai Ching-te" aside: a hyphen joins it)."""
    return bool(toks[i].is_lower and toks[i].is_alpha and i > 0 and toks[i - 1].text != "-" and toks[i - 1].whitespace_)


def _finite_verb(t: Any) -> bool:
    """A verb that makes a clause of its own: finite or modal, not a participle or gerund."""
    return t.tag_ in ("VBD", "VBZ", "VBP", "MD") or "Fin" in t.morph.get("VerbForm")


class NameFinder:
    """The name finders of the actor table, over its tokens and word-table matches."""

    doc: Any
    toks: list[Any]
    texts: list[str]
    tok_entry: dict[int, GazEntry]
    tok_span: dict[int, tuple[int, int]]
    people: list[Person]
    tok_person: dict[int, Person]
    offices: OfficeHolders

    def family_names(self, person: Person) -> set[str]:
        """The ways the article may name ``person`` again by one word: the last word of the name, without
        its article ("Sissi" of "al-Sissi"), and a family name written first ("Wang" of "Wang Yi")."""
        last = person.surname
        forms = {last}
        forms.update(last[len(p) :] for p in article_prefixes() if last.lower().startswith(p) and len(last) > len(p) + 1)
        short = self.offices.family_name(person.name)
        if short:
            forms.add(short)
        return forms

    def _is_byline(self, start: int) -> bool:
        """"By Jane Doe" on a line of its own: the author, not an actor."""
        toks = self.toks
        if start == 0 or toks[start - 1].lower_ not in ("by", "par", "de"):
            return False
        return start - 1 == 0 or "\n" in toks[start - 2].text or "\n" in toks[start - 2].whitespace_

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Drop possessive endings and titles that NER glued onto a name."""
        toks = self.toks
        # a name ends in a capitalised word: NER glues on a French weekday (« Karim Benali lundi »)
        while end > start and (toks[end - 1].tag_ == "POS" or toks[end - 1].text in ("'s", "’s", "’", "'") or _glued(toks, end - 1)):
            end -= 1
        while start < end and toks[start].i in self.tok_entry and self.tok_entry[toks[start].i].kind in (
            "role",
            "rank",
            "honorific",
            "adjective",
        ):
            start += 1
        return start, end

    @cached_property
    def _name_tokens(self) -> list[bool]:
        """Per token: could it be part of a name (capitalised word, not a known country, title or body)?

        Listed once, on first use, after the word table is complete; the name finders ask several times per token.
        """
        texts, entries = self.texts, self.tok_entry
        out = [False] * len(texts)
        # from the words, no Token read: Token.is_alpha is ``str.isalpha`` of the text, and a capitalised
        # word is never Token.is_punct (its first character is a letter) (tests/test_speed9_actors.py)
        for i in [i for i, word in enumerate(texts) if word[:1].isupper()]:
            word = texts[i]
            if word.isalpha() or "-" in word:
                entry = entries.get(i)
                out[i] = entry is None or entry.kind not in _NOT_NAMES
        return out

    def _is_name_token(self, i: int) -> bool:
        return self._name_tokens[i]

    def _name_run(self, i: int) -> int:
        """End of a run of capitalised name tokens starting at i (hyphenated names included)."""
        named, texts = self._name_tokens, self.texts  # the list once, not the cached property per word
        size = len(named)
        j = i
        while j < size and j - i < 4:
            if named[j]:
                j += 1
            elif texts[j] == "-" and j + 1 < size and named[j + 1] and j > i:
                j += 2
            else:
                break
        return j

    def _titled_names(self) -> Iterable[tuple[int, int]]:
        """Names right after a title, rank or honorific ("Major-General Abdelkader Aït-Ouarabi")."""
        size = len(self.toks)
        toks = self.toks
        nxt = 0  # the first position not inside a title already read
        for i in sorted(i for i, e in self.tok_entry.items() if e.kind in _TITLES):
            if i < nxt:
                continue
            entry = self.tok_entry[i]
            end = self.tok_span[i][1]
            j = end
            if j < size and self.texts[j] == "." and entry.kind == "honorific":
                j += 1
            stop = self._name_run(j)
            if stop - j >= 1 and (stop - j >= 2 or entry.kind != "role" or toks[j].ent_type_ in _NAME_LABELS):
                yield (j, stop)
            nxt = max(end, i + 1)

    def _apposed_names(self) -> Iterable[tuple[int, int]]:
        """Capitalised two- or three-word names followed by ", <role>" ("Saïd Sayoud, Nuñez's Algerian counterpart")."""
        toks = self.toks
        named = self._name_tokens
        nxt = 0
        # each run of name words starts where a name word follows a word that is not one
        for i in [i for i, n in enumerate(named) if n and (i == 0 or not named[i - 1])]:
            if i < nxt:
                continue
            end = self._name_run(i)
            if end - i >= 2 and toks[i].pos_ == "PROPN":
                window = self._right_apposition(end)
                if any(self.tok_entry.get(j) and self.tok_entry[j].kind in ("role", "rank") for j in window) or any(
                    toks[j].lower_ in RELATIONAL for j in window
                ) or self._apposed_to_role(i, end):
                    yield (i, end)
                nxt = end

    def _apposed_to_role(self, start: int, end: int) -> bool:
        """"its ambassador in Algiers, Stéphane Romatet,": a name set off by a comma after a role noun."""
        if start == 0 or self.toks[start - 1].text != ",":
            return False
        for t in self.toks[start:end]:
            head = self.tok_entry.get(t.head.i)
            if t.dep_ == "appos" and head is not None and head.kind == "role":
                return True
        return False

    def _match_known(self, name: str, by_name: dict[str, Person]) -> Person | None:
        if name in by_name:
            return by_name[name]
        for person in self.people:
            parts = person.name.split()
            if name == parts[-1] or (len(name.split()) == 1 and name in parts) or name.split()[-1] == parts[-1] and len(name.split()) < len(parts):
                return person
            if len(parts) > 1 and name in self.family_names(person):
                return person
            if len(parts) == 1 and name.split()[-1] == parts[0]:
                # a surname seen first, a full name later: the full name wins
                person.name = name
                return person
        return None

    def _repeated_surnames(self, by_name: dict[str, Person]) -> None:
        """Surnames seen alone elsewhere (even when NER missed them) are the same person."""
        surnames = {form: p for p in self.people if len(p.name.split()) > 1 for form in self.family_names(p)}
        if not surnames:
            return
        # a surname, or a surname with a possessive ending: the only words worth a closer look
        forms = {f for name in surnames for f in (name, name + "’s", name + "'s")}
        for i in [i for i, word in enumerate(self.texts) if word in forms]:
            word = self.texts[i]
            if i in self.tok_person or not word[:1].isupper():
                continue
            person = surnames.get(word[:-2] if word.endswith(("’s", "'s")) else word)
            if person is not None:
                person.mentions.append((i, i + 1))
                self.tok_person[i] = person

    def _right_apposition(self, end: int) -> list[int]:
        doc = self.doc
        toks = self.toks
        if end >= len(doc) or toks[end].text not in (",", "("):
            return []
        out: list[int] = []
        i = end + 1
        while i < len(doc) and len(out) < 10:
            t = toks[i]
            if t.text in (",", ".", ";", ")", "\n") or t.pos_ in ("VERB", "AUX") and _finite_verb(t):
                break  # a participle used as an adjective ("Algeria's leading activist") stays in the description
            out.append(i)
            i += 1
        return out
