"""Spot date expressions in a sentence and resolve them against the publication date.

Each resolved date keeps its precision (day, week, month, season, year,
period), because "in December" and "on December 3" are different claims.
The words come from ``events/data/dates.<lang>.yaml``; the patterns are
built from them once per process. We do our own spotting rather than trust
NER DATE spans: the French models have no DATE label, and the English one
labels "seven-year" as a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from dyadwatch.actors.gazetteer import read_data


@dataclass(frozen=True)
class DateSpan:
    start: int  # character offsets in the text searched
    end: int
    text: str
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY, truncated to the precision
    precision: str  # day | week | month | season | year | period
    future: bool = False
    # a bare weekday ("on Tuesday") was resolved to the past one: a future clause means the coming one
    weekday: int | None = None


def ahead(span: DateSpan, published: dt.date) -> DateSpan:
    """The same bare weekday, read forwards ("will travel to Algiers on Sunday")."""
    if span.weekday is None:
        return span
    day = published + dt.timedelta(days=(span.weekday - published.weekday()) % 7)
    return replace(span, date=day.isoformat(), future=day > published, weekday=None)


def _alt(words: Any) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


@dataclass(frozen=True)
class _Grammar:
    data: dict[str, Any]
    # (name, pattern, the kind of word every match of it contains)
    patterns: tuple[tuple[str, re.Pattern[str], str], ...]
    # lowercase word -> its kinds (month, weekday, season, unit, relative): a pattern runs only near a
    # word of its kind, which spares ten regular-expression scans of every character of the text
    anchors: dict[str, frozenset[str]]
    # the anchor words, and four-character words that may be years ("19xx", "20xx"), as whole words:
    # one scan finds them, instead of a Python loop over every word of the text
    spotter: re.Pattern[str]


# how far a date expression reaches on either side of its anchor word ("depuis plusieurs derniers mois")
_REACH = 48
_WORD = re.compile(r"\w+")
# the kind of anchor word each pattern needs; a period phrase names a unit ("in recent months", « ces dernières semaines »)
_NEEDS = {
    "month_day": "month", "day_month": "month", "lead_month": "month", "month_year": "month", "season": "season",
    "unit": "unit", "week_part": "unit", "relative": "relative", "weekday": "weekday", "period": "unit", "year": "year",
}


@lru_cache(maxsize=4)
def _grammar(language: str) -> _Grammar:
    d = read_data("dyadwatch.events", f"dates.{language}.yaml") or read_data("dyadwatch.events", "dates.en.yaml")
    mon = _alt(d["months"])
    wd = _alt(d["weekdays"])
    sea = _alt(d["seasons"])
    yr = r"(?P<year>(?:19|20)\d{2})(?![\d-])"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
    lead = _alt(d["month_lead"])
    ylead = _alt(d["year_lead"])
    units = _alt(d["units"])
    dirs = _alt(d["directions"])
    rel = _alt(d["relative_days"])
    period_alts = "|".join(f"(?:{p})" for p, _ in d["periods"])
    # « en début de semaine », "at the start of the week": the current week, said before its end
    week_parts = "|".join(f"(?:{p})" for p in d.get("week_parts") or ["(?!)"])
    raw = [
        ("month_day", rf"(?:(?P<wd0>{wd})\s+)?(?P<month>{mon})\.?\s+{day}(?!\d)(?:,?\s+{yr})?"),
        ("day_month", rf"(?:(?:le|the)\s+)?(?:(?P<wd0>{wd})\s+)?{day}\s+(?:of\s+)?(?P<month>{mon})\.?(?:\s+{yr})?"),
        ("season", rf"(?:(?:the|l'|l’)\s*)?(?P<season>{sea})\s+(?:of\s+|de\s+|d'|d’)?{yr}"),
        # "in December", "mid-November", « à la mi-novembre », « fin juillet »
        ("lead_month", rf"(?:{lead})(?:\s+|(?<=-))(?P<month>{mon})(?:\s+{yr})?"),
        ("month_year", rf"(?P<month>{mon})\s+{yr}"),
        ("week_part", rf"(?P<part>{week_parts})"),
        ("unit", rf"(?:(?P<dir1>{dirs})\s+(?P<unit1>{units})|(?:la|le|l'|l’)\s*(?P<unit2>{units})\s+(?P<dir2>{dirs}))"),
        ("relative", rf"(?P<rel>{rel})"),
        ("weekday", rf"(?:(?:on|last|this|ce|le)\s+)?(?P<wd>{wd})(?:\s+(?P<wddir>{dirs}))?"),
        ("period", rf"(?P<period>{period_alts})"),
        ("year", rf"(?:{ylead})\s+{yr}"),
    ]
    flags = re.IGNORECASE | re.UNICODE
    patterns = tuple((name, re.compile(rf"(?<![\w-])(?:{p})(?![\w-])", flags), _NEEDS[name]) for name, p in raw)
    anchors: dict[str, set[str]] = {}
    for kind, key in (("month", "months"), ("weekday", "weekdays"), ("season", "seasons"), ("unit", "units"), ("relative", "relative_days")):
        for entry in d[key]:
            for piece in _WORD.findall(str(entry).lower()):  # « aujourd'hui », « avant-hier »: each word anchors
                anchors.setdefault(piece, set()).add(kind)
                anchors.setdefault(piece + "s", set()).add(kind)  # "months", « semaines »
    spotter = re.compile(rf"\b(?:{_trie(anchors)}|(?:19|20)\w\w)\b")
    return _Grammar(d, patterns, {w: frozenset(k) for w, k in anchors.items()}, spotter)


def _trie(words: Any) -> str:
    """One pattern for a set of words, shared prefixes written once ("jan(?:uary|vier)"): the regular
    expression engine then tries a few letters at each word of the text, not every word of the set."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + pattern(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return pattern(tree)


def _windows(text: str, grammar: _Grammar) -> dict[str, list[tuple[int, int]]]:
    """Per kind of anchor word, the disjoint stretches of ``text`` around such words, wide enough for any date."""
    out: dict[str, list[tuple[int, int]]] = {}
    lower = text.lower()
    for m in grammar.spotter.finditer(lower):
        word = m.group()
        kinds = grammar.anchors.get(word)
        if kinds is None:
            if not (len(word) == 4 and word[:2] in ("19", "20") and word.isdigit()):
                continue
            kinds = frozenset({"year"})
        start, end = max(0, m.start() - _REACH), min(len(text), m.end() + _REACH)
        for kind in kinds:
            spans = out.setdefault(kind, [])
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return out


def find_dates(text: str, published: dt.date, language: str) -> list[DateSpan]:
    """All non-overlapping date expressions in ``text``, resolved."""
    grammar = _grammar(language)
    windows = _windows(text, grammar)
    taken: list[tuple[int, int]] = []
    out: list[DateSpan] = []
    for name, pattern, kind in grammar.patterns:
        # the look-behind still sees the text before a window's start (finditer's pos does not cut the string)
        for m in (m for start, end in windows.get(kind, ()) for m in pattern.finditer(text, start, end)):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            span = _resolve(name, m, published, grammar.data)
            if span is not None:
                taken.append((m.start(), m.end()))
                out.append(span)
    return sorted(out, key=lambda s: s.start)


def _month(data: dict[str, Any], word: str) -> int:
    return int(data["months"][word.lower().rstrip(".")])


def _resolve(name: str, m: re.Match[str], pub: dt.date, d: dict[str, Any]) -> DateSpan | None:
    g = m.groupdict()
    text = m.group(0)

    def span(date: str, precision: str, future: bool = False) -> DateSpan:
        return DateSpan(m.start(), m.end(), text, date, precision, future)

    if name in ("month_day", "day_month"):
        month, day = _month(d, g["month"]), int(g["day"])
        year = int(g["year"]) if g.get("year") else _nearest_past_year(pub, month, day)
        try:
            return span(dt.date(year, month, day).isoformat(), "day")
        except ValueError:
            return None
    if name == "season":
        return span(f"{int(g['year']):04d}-{int(d['seasons'][g['season'].lower()]):02d}", "season")
    if name in ("lead_month", "month_year"):
        month = _month(d, g["month"])
        year = int(g["year"]) if g.get("year") else (pub.year if month <= pub.month else pub.year - 1)
        return span(f"{year:04d}-{month:02d}", "month")
    if name == "unit":
        unit = d["units"][(g.get("unit1") or g.get("unit2") or "").lower()]
        step = int(d["directions"][(g.get("dir1") or g.get("dir2") or "").lower()])
        return _unit_span(span, pub, unit, step)
    if name == "week_part":
        return _unit_span(span, pub, "week", 0)
    if name == "relative":
        delta = int(d["relative_days"][g["rel"].lower()])
        return span((pub + dt.timedelta(days=delta)).isoformat(), "day", future=delta > 0)
    if name == "weekday":
        target = int(d["weekdays"][g["wd"].lower()])
        direction = int(d["directions"].get((g.get("wddir") or "").lower(), -1))
        if direction > 0 or text.lower().startswith("next"):
            ahead = (target - pub.weekday()) % 7 or 7
            return span((pub + dt.timedelta(days=ahead)).isoformat(), "day", future=True)
        back = (pub.weekday() - target) % 7
        bare = not g.get("wddir") and not text.lower().startswith("last")
        return replace(span((pub - dt.timedelta(days=back)).isoformat(), "day"), weekday=target if bare else None)
    if name == "period":
        phrase = g["period"].lower()
        for pat, months_back in d["periods"]:
            if re.fullmatch(pat, phrase, re.IGNORECASE):
                return span(_months_back(pub, int(months_back)), "period")
        return span(_months_back(pub, 3), "period")
    if name == "year":
        return span(g["year"], "year")
    return None


def _unit_span(span: Any, pub: dt.date, unit: str, step: int) -> DateSpan:
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=step)
        return span(monday.isoformat(), "week", future=step > 0)
    if unit == "month":
        return span(_months_back(pub, -step), "month", future=step > 0)
    return span(f"{pub.year + step:04d}", "year", future=step > 0)


def _months_back(pub: dt.date, n: int) -> str:
    index = pub.year * 12 + (pub.month - 1) - n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _nearest_past_year(pub: dt.date, month: int, day: int) -> int:
    """The year that puts month/day nearest before (or on) the publication date.

    A few days ahead is allowed, for articles announcing a dated event.
    """
    try:
        candidate = dt.date(pub.year, month, day)
    except ValueError:
        return pub.year
    return pub.year if candidate <= pub + dt.timedelta(days=7) else pub.year - 1


def parse_published(value: str | None) -> dt.date | None:
    """Parse a publication date given as YYYY-MM-DD (a time part is ignored)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
