"""Cut evidence sentences and article texts into segments for highlighting.

Pure functions: the templates render each segment as escaped text, a
``<mark>`` for a trigger, or a span for the focused evidence sentence, so
no article text is ever inserted as markup. Offsets come from the store:
triggers and sentences are character offsets into the article text; when
an offset does not match its text (an older coder), the trigger is looked
up in its sentence instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    event_id: str | None = None  # set when the segment is (part of) a trigger
    category: str | None = None
    focus: bool = False  # inside the evidence sentence of the focused event
    anchor: str | None = None  # an id to jump to


def split_trigger(evidence: dict[str, Any]) -> tuple[str, str, str]:
    """(before, trigger, after) of an evidence sentence; the trigger is '' when it cannot be placed."""
    sentence = evidence.get("sentence") or ""
    trigger = evidence.get("trigger") or ""
    if not trigger:
        return sentence, "", ""
    rel = (evidence.get("trigger_start") or 0) - (evidence.get("start") or 0)
    if not (0 <= rel and sentence[rel: rel + len(trigger)] == trigger):
        rel = sentence.find(trigger)
    if rel < 0:
        return sentence, "", ""
    return sentence[:rel], trigger, sentence[rel + len(trigger):]


def trigger_span(text: str, event: dict[str, Any]) -> tuple[int, int] | None:
    """Where the event's trigger sits in the article text."""
    ev = event["evidence"]
    trigger = ev.get("trigger") or ""
    start = ev.get("trigger_start")
    if trigger and isinstance(start, int) and text[start: start + len(trigger)] == trigger:
        return start, start + len(trigger)
    sentence = ev.get("sentence") or ""
    base = text.find(sentence) if sentence else -1
    if trigger and base >= 0 and (rel := sentence.find(trigger)) >= 0:
        return base + rel, base + rel + len(trigger)
    return None


def sentence_span(text: str, event: dict[str, Any]) -> tuple[int, int] | None:
    ev = event["evidence"]
    sentence = ev.get("sentence") or ""
    start = ev.get("start")
    if sentence and isinstance(start, int) and text[start: start + len(sentence)] == sentence:
        return start, start + len(sentence)
    found = text.find(sentence) if sentence else -1
    return (found, found + len(sentence)) if found >= 0 else None


def article_segments(text: str, events: list[dict[str, Any]], focus: str | None = None) -> list[Segment]:
    """The article text cut at every trigger and at the focused event's sentence."""
    triggers: list[tuple[int, int, dict[str, Any]]] = []
    for e in events:
        span = trigger_span(text, e)
        if span and not any(s < span[1] and span[0] < t for s, t, _ in triggers):
            triggers.append((span[0], span[1], e))
    focus_span = None
    for e in events:
        if e["id"] == focus:
            focus_span = sentence_span(text, e)
    cuts = {0, len(text)}
    for s, t, _ in triggers:
        cuts |= {s, t}
    if focus_span:
        cuts |= set(focus_span)
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[Segment] = []
    anchored: set[str] = set()
    for lo, hi in zip(points, points[1:]):
        hit = next((e for s, t, e in triggers if s <= lo and hi <= t), None)
        in_focus = bool(focus_span and focus_span[0] <= lo and hi <= focus_span[1])
        anchor = None
        if in_focus and "focus" not in anchored:
            anchor = f"ev-{focus}"
            anchored.add("focus")
        elif hit and hit["id"] not in anchored:
            anchor = f"t-{hit['id']}"
            anchored.add(hit["id"])
        out.append(Segment(text[lo:hi], hit["id"] if hit else None, hit["category"] if hit else None, in_focus, anchor))
    return out
