"""Repeats within one article: one event per sentence reading, one per reported act.

Several triggers of one sentence can name the same event ("a meeting during
a visit"), and a report often names an event twice. These rules keep the
best-attested reading, carry over the more specific mode, and drop weak side
readings buried below a sentence's main event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from dyadwatch.events.collectives import BODY_CODES
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Entity, Event

# below this, an event that is not its sentence's best reading is dropped (see _attested)
MIN_CONFIDENCE = 0.36


# categories that are done to someone: an event of these with no named target gets the article's other side
# events done together: their parties are interchangeable when repeats are merged
JOINT = {"AGREE", "CONSULT", "COOPERATE"}


def _finite(t: Any, toks: Sequence[Any] | None = None) -> bool:
    """A verb that asserts an act of its own ("also agreed", "a signé"), not a gerund or infinitive of purpose
    (``toks``: the Doc's Token per position, when the caller holds them: no Token built per auxiliary)."""
    parse = parse_lists(t.doc)  # asked for every event: the parse lists, not Token objects
    if parse.pos[t.i] not in ("VERB", "AUX"):
        return False
    if "Fin" in parse.feature(t.i, "VerbForm"):
        return True
    words = t.doc if toks is None else toks
    return any(parse.deps[c] in _AUXILIARIES and words[c].tag_ != "TO" for c in parse.kids[t.i])


_AUXILIARIES = frozenset({"aux", "aux:tense", "auxpass", "aux:pass"})


def _main_actor(events: list[Event]) -> str | None:
    """The country, or intergovernmental body, that acts in a sentence's best-attested event, if one does.

    A body's act is one the story's later reactions can answer ("The Commission proposed quotas.
    Hungary rejected the plan."); other organisations (firms, NGOs, parties) are left out.
    """
    ranked = sorted((e for e in events if e.actor and _state_or_body(e.actor[0])), key=lambda e: -e.confidence)
    return ranked[0].actor[0].code if ranked and ranked[0].actor[0].code != "UNK" else None


def _state_or_body(e: Entity) -> bool:
    return e.kind != "organisation" or e.code in BODY_CODES


def _attested(events: list[Event]) -> list[Event]:
    """The events of one sentence, without weak side readings.

    An event buried deep below the sentence's predicate, with parties found
    only by proximity, is background to the sentence's main event; it is kept
    only when it is the sentence's one reading.
    """
    if not events:
        return events
    top = max(e.confidence for e in events)
    return [e for e in events if e.confidence >= MIN_CONFIDENCE or e.confidence == top]


def _better(old: Event | None, new: Event, onto: Any) -> Event:
    """Of two triggers for one event in a sentence, the better attested, with the more specific mode."""
    if old is None:
        return new
    keep, other = (old, new) if old.confidence >= new.confidence else (new, old)
    if keep.mode is None and other.mode is not None:
        # "a meeting ... during a visit to Algiers": the second trigger says how it happened
        return replace(keep, mode=other.mode, score=onto.score(keep.category, other.mode))
    return keep


def _party_codes(ev: Event) -> tuple[frozenset[str], frozenset[str]]:
    """Actor and recipient countries; for a joint event, all parties on one side.

    "France and Algeria agreed" and "France agreed with Algeria" are one agreement.
    """
    a, r = frozenset(e.code for e in ev.actor), frozenset(e.code for e in ev.recipient)
    return (a | r, frozenset()) if ev.category in JOINT else (a, r)


def merge_repeats(events: list[Event], onto: Any, verbal: set[str] | frozenset[str] = frozenset()) -> list[Event]:
    """Drop an event that repeats another of the same article.

    A report often names one event twice ("met ... the first visit by a
    French minister"): same category, same date, and actor and recipient
    countries contained in the other's. The better-attested one is kept.
    Two clauses with their own verbs in two sentences ("agreed to cut
    tariffs. ... also agreed to set up a mechanism") report two events.
    """
    ranked = sorted(events, key=lambda e: (-(len(e.actor) + len(e.recipient)), -e.confidence))
    kept: list[Event] = []
    codes: list[tuple[frozenset[str], frozenset[str]]] = []  # _party_codes of each kept event, read once
    for ev in ranked:
        a, r = _party_codes(ev)
        same = next(
            (n for n, k in enumerate(kept) if k.category == ev.category and k.date == ev.date and k.negated == ev.negated
             and a <= codes[n][0] and r <= codes[n][1] and (k.mode == ev.mode or None in (k.mode, ev.mode))
             and not (k.id in verbal and ev.id in verbal and k.evidence.sentence_index != ev.evidence.sentence_index)),
            None,
        )
        if same is None:
            kept.append(ev)
            codes.append((a, r))
        elif kept[same].mode is None and ev.mode is not None:
            # "a meeting ... during a visit to Algiers": the repeat says how it happened
            kept[same] = replace(kept[same], mode=ev.mode, score=onto.score(ev.category, ev.mode))
    return sorted(kept, key=lambda e: e.evidence.trigger_start)
