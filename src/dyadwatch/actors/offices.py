"""Who held which office when: prior knowledge of heads of state, government and diplomacy.

A reader knows that "Prime Minister Robert Fico" is Slovak, and that Gabriel
Attal was France's prime minister in spring 2024 but not in 2025. This module
loads that knowledge from ``actors/data/office_holders.yaml`` and answers one
question for the actor finder: is the person named here a known office holder,
and which office (country, role, sector) did they hold on the article's date?

A name found in the table is trusted only with some evidence that the article
means that person, so that a namesake is not turned into a head of state:
the text gives the same office, or the article names the holder's country, or
(for a full name of two words or more) the person held the office on the
article's date. A one-word name ("Macron", "Lula") never counts on the date
alone. It runs after the mentions are described and before the article's
focus country is used as a guess; a known holder is never a guess.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from dyadwatch.actors.gazetteer import read_data


@dataclass(frozen=True)
class Holding:
    """One person in one office for one stretch of time."""

    name: str
    code: str
    office: str
    sector: str
    since: str  # ISO date, YYYY-MM-DD or YYYY-MM
    until: str | None  # None: in office as far as the table knows
    needs_title: bool = False  # the one-word name counts only next to the office title ("King Philippe")

    def held_on(self, when: dt.date | None) -> bool:
        """Whether the office was held on ``when`` (no date: whether it is still held)."""
        if when is None:
            return self.until is None
        day = when.isoformat()
        return self.since[: len(day)] <= day[: len(self.since)] and (self.until is None or day[: len(self.until)] <= self.until)

    def distance(self, when: dt.date | None) -> int:
        """Days between ``when`` and this holding (0 while held): the nearest holding tells a person's country."""
        if self.held_on(when):
            return 0
        if when is None:  # no date: the latest holding is the nearest
            return (dt.date(9999, 1, 1) - _day(self.until or self.since)).days
        since, until = _day(self.since), _day(self.until) if self.until else None
        return (since - when).days if when < since else (when - until).days if until is not None else 0


def _day(text: str) -> dt.date:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


@lru_cache(maxsize=8192)
def fold(name: str) -> str:
    """A name for comparison: no accents, no case, hyphens and apostrophes as spaces.

    Remembered: the actor table folds each person's name and role several times per article, and
    the same names come back from article to article.
    """
    decomposed = unicodedata.normalize("NFKD", name.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for mark in ("-", "’", "'", "."):
        plain = plain.replace(mark, " ")
    return " ".join(plain.split())


class OfficeHolders:
    """Holdings indexed by full name, alias and family name."""

    def __init__(self, holdings: Iterable[tuple[Holding, list[str], str | None]]) -> None:
        self._full: dict[str, list[Holding]] = {}
        self._family: dict[str, list[Holding]] = {}
        self._short: dict[str, str] = {}  # full name or alias → the family name written first ("Wang" of "Wang Yi")
        for holding, aliases, short in holdings:
            if short:
                self._short.update((fold(n), short) for n in (holding.name, *aliases))
            for key in {fold(holding.name), *(fold(a) for a in aliases)}:
                self._full.setdefault(key, []).append(holding)
            words = fold(holding.name).split()
            if len(words) > 1:
                self._family.setdefault(fold(short) if short else words[-1], []).append(holding)

    def family_name(self, name: str) -> str | None:
        """The family name of ``name`` where the table gives one that is not its last word ("Xi" of "Xi Jinping")."""
        return self._short.get(fold(name))

    def candidates(self, name: str) -> list[Holding]:
        """Holdings whose name, alias or (for a one-word name) family name is ``name``, of one person only."""
        key = fold(name)
        found = self._full.get(key, [])
        if not found and len(key.split()) == 1:
            found = self._family.get(key, [])
        return found if len({h.name for h in found}) == 1 else []

    def find(self, name: str, when: dt.date | None, role: str | None, named: set[str]) -> Holding | None:
        """The holding that tells who ``name`` is, given the article's date, the text's role and countries named."""
        found = self.candidates(name)
        if not found:
            return None
        one_word = len(fold(name).split()) == 1
        by_role = [h for h in found if role is not None and fold(h.office) == fold(role)]
        if by_role:
            return min(by_role, key=lambda h: h.distance(when))
        if one_word and any(h.needs_title for h in found):
            return None
        best = min(found, key=lambda h: h.distance(when))
        if best.code in named or not one_word and best.held_on(when) and when is not None:
            return best
        return None


def _date(value: Any) -> str | None:
    return None if value is None else str(value)


@lru_cache(maxsize=1)
def office_holders() -> OfficeHolders:
    """The office-holder table shipped with the package (read once per process, on first use)."""
    data = read_data("dyadwatch.actors", "office_holders.yaml") or {}
    rows = []
    for rec in data.get("holders") or []:
        holding = Holding(
            str(rec["name"]), str(rec["code"]), str(rec["office"]), str(rec.get("sector") or "GOV"),
            str(_date(rec["since"])), _date(rec.get("until")), bool(rec.get("needs_title")),
        )
        rows.append((holding, [str(a) for a in rec.get("aliases") or []], rec.get("short")))
    return OfficeHolders(rows)
