"""One person of an article, as the actor finder builds it up from the mentions."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Person:
    name: str
    start: int  # token index of the name
    end: int
    role: str | None = None
    sector: str | None = None
    country: str | None = None
    relation_to: "Person | None" = None
    relation: str | None = None  # counterpart (shares the office) | of (belongs to the other's country)
    byline: bool = False
    guessed: bool = False
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]
