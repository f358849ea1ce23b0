"""Pruning: drop coded events that record no relation the ontology would count.

It runs once per article, after ``coder.code_events`` and before the events
leave the stage. A PLOVER event says who did what to whom; the coder reads
triggers, and some of its readings name no relation at all. Two kinds are
dropped here, each on what the event record itself says (its parties, its
flags, the words of its own sentence just before the trigger):

- a negated act with one actor and no one it was not done to ("Turkish
  exporters said they had not been consulted", « Ottawa n'a pris aucun
  engagement »). The ontology keeps negated events for the dyad they speak
  of ("did not pardon the writer"); a joint act that failed ("the two sides
  did not agree") still has its two parties and stays.
- an agentless passive with no party on either side ("Those sanctions were
  lifted", « la vidéo a ensuite été retirée »): the text names neither who
  acted nor whom it was done to, so the record has no place in any dyad. An
  active clause whose subject the actor stage could not resolve is kept: the
  text names a party there, only the resolution failed.

The pass is linear in the number of events and reads no parse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from dyadwatch.actors.gazetteer import read_data
from dyadwatch.errors import make
from dyadwatch.records import Entity, Event

# the code the actor stage gives a party it could not resolve to a country or body
UNRESOLVED = "UNK"
_KEYS = frozenset({"version", "language", "passive_auxiliaries", "between"})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@dataclass(frozen=True)
class PruningWords:
    """The words of one language that the pruning rules read (lowercase forms)."""

    passive_auxiliaries: frozenset[str] = frozenset()
    between: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def load_pruning_words(language: str) -> PruningWords:
    """The pruning words of a language; none for a language without a file (its passive rule stays off)."""
    name = f"pruning.{language}.yaml"
    data = read_data("dyadwatch.events", name)
    if data is None:
        return PruningWords()
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise make("E412", file=f"events/data/{name}", problem=f"unknown keys {unknown}; valid keys: {sorted(_KEYS)}")
    return PruningWords(
        passive_auxiliaries=frozenset(str(w).lower() for w in data.get("passive_auxiliaries") or ()),
        between=frozenset(str(w).lower() for w in data.get("between") or ()),
    )


def prune_events(events: list[Event], language: str = "en") -> list[Event]:
    """The events of one article without those that name no relation (see the module's rules)."""
    words = load_pruning_words(language)
    return [e for e in events if not (_lone_negation(e) or _agentless_passive(e, words))]


def _named(side: tuple[Entity, ...]) -> bool:
    return any(e.code != UNRESOLVED for e in side)


def _lone_negation(e: Event) -> bool:
    """A negated act of one party with no one on the other side."""
    return e.negated and not e.recipient and len(e.actor) <= 1


def _agentless_passive(e: Event, words: PruningWords) -> bool:
    """No actor resolved, no recipient at all, and the trigger is a passive participle.

    A recipient the actor stage could not place ("Aristide has been accused", code UNK) is still a party
    the text names: the event stays."""
    if _named(e.actor) or e.recipient or not words.passive_auxiliaries:
        return False
    ev = e.evidence
    before = _WORD.findall(ev.sentence[: max(ev.trigger_start - ev.start, 0)][-60:].lower())
    while before and before[-1] in words.between:
        before.pop()  # "were later lifted": the adverb stands between the auxiliary and the participle
    return bool(before) and before[-1] in words.passive_auxiliaries
