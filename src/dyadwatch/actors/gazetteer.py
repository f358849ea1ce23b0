"""The per-language gazetteer: country names, demonyms, capitals, institutions, roles.

It is built once per process and language from three sources: pycountry
(official and common names, and French names from its translations),
countryinfo (English demonyms, capitals and alternative spellings) and our own
data files in ``actors/data`` (aliases, French adjectives, institutions,
roles, media). Phrases are tokenised with the language's own tokenizer so that
a phrase matches exactly the tokens the parser sees.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from dyadwatch.records import _quick_init

_MAX_PHRASE = 8


@dataclass(frozen=True)
class GazEntry:
    """What a phrase means: a country name or adjective, a capital, an institution, a role..."""

    kind: str  # country | adjective | capital | seat | institution | role | group | rank | honorific | media | relative
    code: str | None
    sector: str | None
    canonical: str
    case_sensitive: bool = False


@_quick_init  # tens per article: the records' constructor that fills the slots directly
@dataclass(frozen=True, slots=True)
class GazMatch:
    """One phrase found in a text: its tokens and its entry."""

    start: int  # token index
    end: int  # token index, exclusive
    entry: GazEntry


def read_data(package: str, name: str) -> Any:
    """Read one YAML data file shipped in the package (None when absent)."""
    path = resources.files(package).joinpath("data", name)
    if not path.is_file():
        return None
    # libyaml's C loader where PyYAML has it: the lexicons and tables load about ten times faster
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_LOOKUP_CACHE = 100_000  # phrases remembered by Gazetteer.lookup before it starts again


class Gazetteer:
    """Longest-match lookup of phrases over token sequences."""

    def __init__(self, language: str, tokenize: Any) -> None:
        self.language = language
        self._tokenize = tokenize
        self._index: dict[tuple[str, ...], GazEntry] = {}
        self._exact: dict[tuple[str, ...], set[str]] = {}
        # first word -> longest phrase that starts with it: match() skips the other words at once
        self._longest: dict[str, int] = {}
        # every beginning of two words or more of a phrase: match() tries no phrase longer than the text's
        # words allow ("de la" begins phrases, "de ce" none), instead of every length from the longest down
        self._prefixes: set[tuple[str, ...]] = set()
        self.country_names: dict[str, str] = {}
        # seat city (as its entry's canonical name) -> (host state, canonical names of the bodies it hosts,
        # codes of bodies whose naming makes the city stand for the first of them)
        self.seats: dict[str, tuple[str, tuple[str, ...], frozenset[str]]] = {}
        # lookup() answers by phrase: tokenising a phrase builds a spaCy Doc, and the coder asks about
        # the same names again and again (it was 12% of the event stage's time)
        self._looked_up: dict[str, GazEntry | None] = {}
        # kind -> every two words that follow each other in a phrase of that kind (``inner_pairs``)
        self._pairs: dict[str, frozenset[tuple[str, str]]] = {}

    def add(self, phrase: str, entry: GazEntry, override: bool = False) -> None:
        phrase = phrase.strip()
        if not phrase:
            return
        tokens = list(self._tokenize(phrase))
        key = tuple(_fold(t) for t in tokens)
        if not key or len(key) > _MAX_PHRASE:
            return
        if override or key not in self._index:
            self._index[key] = entry
            if self._looked_up:
                self._looked_up.clear()
            self._pairs.clear()
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))
            self._prefixes.update(key[:n] for n in range(2, len(key) + 1))
        if entry.case_sensitive:
            self._exact.setdefault(key, set()).add(" ".join(tokens))

    def lookup(self, phrase: str) -> GazEntry | None:
        if phrase in self._looked_up:
            return self._looked_up[phrase]
        found = self._index.get(tuple(_fold(t) for t in self._tokenize(phrase)))
        if len(self._looked_up) >= _LOOKUP_CACHE:
            self._looked_up.clear()
        self._looked_up[phrase] = found
        return found

    def inner_pairs(self, kind: str) -> frozenset[tuple[str, str]]:
        """Every two words (folded) that follow each other in a phrase whose entry is of ``kind`` (listed on first use)."""
        found = self._pairs.get(kind)
        if found is None:
            found = self._pairs[kind] = frozenset(
                pair for key, entry in self._index.items() if entry.kind == kind for pair in zip(key, key[1:])
            )
        return found

    def match(self, words: Sequence[str], folded: Sequence[str] | None = None) -> list[GazMatch]:
        """Find non-overlapping longest matches in a list of token texts (``folded``: the same, through ``fold``)."""
        lowered = folded if folded is not None else [_fold(w) for w in words]
        longest, index, prefixes = self._longest, self._index.get, self._prefixes
        out: list[GazMatch] = []
        size = len(words)
        end = 0
        # only words that begin some entry can start a match: most words of a text begin none
        for i in [i for i, w in enumerate(lowered) if w in longest]:
            if i < end:
                continue  # inside the previous match
            first = lowered[i]
            reach, limit = 1, min(longest[first], size - i)
            if limit > 1:
                # the phrase grows one word at a time while it still begins some entry
                grown: tuple[str, ...] = (first, lowered[i + 1])
                while grown in prefixes:
                    reach += 1
                    if reach == limit:
                        break
                    grown += (lowered[i + reach],)
            for n in range(reach, 0, -1):
                key = (first,) if n == 1 else tuple(lowered[i : i + n])
                entry = index(key)
                if entry is not None and self._case_ok(words[i : i + n], key, entry):
                    out.append(GazMatch(i, i + n, entry))
                    end = i + n
                    break
        return out

    def _case_ok(self, words: Sequence[str], key: tuple[str, ...], entry: GazEntry) -> bool:
        if entry.case_sensitive:
            return " ".join(words) in self._exact.get(key, ())
        if entry.kind in ("country", "capital", "institution", "media") or (
            entry.kind == "adjective" and self.language == "en"
        ):
            # "turkey", "chad", "nice" and "us" are words before they are places; « le monde » and
            # « la presse » are words before they are newspapers (a loop: no generator per match)
            for w in words:
                if w[:1].isupper() and w.lower() not in _ARTICLES:
                    return True
            return False
        return True


_ARTICLES = {"the", "la", "le", "l'", "les", "l’"}


def fold(word: str) -> str:
    """The form Gazetteer.match compares: lowercase, typographic apostrophes straightened."""
    return _fold(word)


def _fold(word: str) -> str:
    """Lowercase, with typographic apostrophes folded to the straight one."""
    return word.lower().replace("’", "'")


def _acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) and len(letters) <= 5 or "." in phrase)


def _add_all(gaz: Gazetteer, phrases: Iterable[str], entry: GazEntry, override: bool = False) -> None:
    for phrase in phrases:
        if not phrase:
            continue
        if _acronym(phrase):
            sensitive = GazEntry(entry.kind, entry.code, entry.sector, entry.canonical, case_sensitive=True)
            gaz.add(phrase, sensitive, override=True)
        else:
            gaz.add(phrase, entry, override=override)


def _pycountry_names(language: str) -> dict[str, list[str]]:
    import gettext

    import pycountry

    translate = (lambda s: s)
    if language != "en":
        try:
            translate = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language]).gettext
        except OSError:
            pass
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        forms = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
        out: list[str] = []
        for form in forms:
            if not form:
                continue
            form = translate(form)
            # pycountry writes "Korea, Republic of": the part before the comma is a usable name
            out.append(form.split(",")[0].strip() if "," in form and language != "en" else form)
        names[country.alpha_3] = out
    return names


def _countryinfo_en() -> dict[str, dict[str, Any]]:
    from countryinfo import all_countries

    out: dict[str, dict[str, Any]] = {}
    for info in all_countries():
        try:
            code = info.iso().get("alpha3")
            if not code or code in out:
                continue
            out[code] = {
                "name": info.name(),
                "demonym": info.demonym() if isinstance(info.demonym(), str) else None,
                "capital": info.capital(),
                "alt": [a for a in (info.alt_spellings() or []) if len(a) > 3],
            }
        except Exception:  # noqa: BLE001 - a broken record in a third-party table is skipped, not fatal
            continue
    return out


@lru_cache(maxsize=4)
def build_gazetteer(language: str, model: str) -> Gazetteer:
    """Build the gazetteer for a language, tokenised by ``model``'s tokenizer."""
    from dyadwatch.nlp.models import _cached

    nlp = _cached("spacy.v1", model)
    return build_with_tokenizer(language, lambda s: [t.text for t in nlp.tokenizer(s)])


def build_with_tokenizer(language: str, tokenize: Any) -> Gazetteer:
    gaz = Gazetteer(language, tokenize)
    canonical: dict[str, str] = {}
    # 1. our own files win: they carry the short names people actually write
    own = read_data("dyadwatch.actors", f"countries.{language}.yaml") or {}
    for code, spec in (own.get("countries") or {}).items():
        names = spec.get("names") or []
        canonical.setdefault(code, names[0] if names else code)
        _add_all(gaz, names, GazEntry("country", code, None, canonical[code]), override=True)
        _add_all(gaz, spec.get("adjectives") or [], GazEntry("adjective", code, None, canonical[code]), override=True)
        capitals = spec.get("capital") or []
        for capital in [capitals] if isinstance(capitals, str) else capitals:  # the official one first, then spellings and seats
            gaz.add(capital, GazEntry("capital", code, None, capital), override=True)
    # 2. pycountry names, in the language where it has them
    for code, names in _pycountry_names(language).items():
        canonical.setdefault(code, names[0])
        _add_all(gaz, names, GazEntry("country", code, None, canonical[code]))
    # 3. countryinfo: English demonyms, capitals and alternative spellings
    if language == "en":
        for code, info in _countryinfo_en().items():
            name = canonical.setdefault(code, info["name"])
            if info["demonym"]:
                _add_all(gaz, [info["demonym"]], GazEntry("adjective", code, None, name))
            capitals = info["capital"] if isinstance(info["capital"], list) else [info["capital"]]
            for capital in capitals:
                if isinstance(capital, str) and capital:
                    gaz.add(capital, GazEntry("capital", code, None, capital))
            _add_all(gaz, info["alt"], GazEntry("country", code, None, name))
    gaz.country_names = canonical
    _add_institutions(gaz)
    _add_seats(gaz)
    _add_roles(gaz, language)
    return gaz


def _add_seats(gaz: Gazetteer) -> None:
    """Cities that host bodies (``seats.yaml``): a city with no entry yet gets a "seat" entry of its host
    state, which the actor table turns into its body or drops; a capital keeps its entry."""
    data = read_data("dyadwatch.actors", "seats.yaml") or {}
    for item in data.get("seats") or []:
        bodies = tuple(str(b) for b in item.get("bodies") or ())
        seat = (str(item["host"]), bodies, frozenset(str(c) for c in item.get("codes") or ()))
        for name in item.get("names") or []:
            entry = gaz.lookup(name)
            if entry is None:
                gaz.add(name, GazEntry("seat", item["host"], None, name))
                gaz.seats[name] = seat
            elif entry.kind == "capital" and entry.code == item["host"]:
                gaz.seats[entry.canonical] = seat


def _add_institutions(gaz: Gazetteer) -> None:
    data = read_data("dyadwatch.actors", "institutions.yaml") or {}
    items = data.get("institutions", data) if isinstance(data, dict) else data
    for item in items or []:
        entry = GazEntry("institution", item.get("code"), item.get("sector"), item["name"])
        _add_all(gaz, [item["name"], *(item.get("aliases") or [])], entry, override=True)
    media = read_data("dyadwatch.actors", "media.yaml") or {}
    items = media.get("media", media) if isinstance(media, dict) else media
    for item in items or []:
        entry = GazEntry("media", None, "JRN", item["name"])
        _add_all(gaz, [item["name"], *(item.get("aliases") or [])], entry, override=True)


def _add_roles(gaz: Gazetteer, language: str) -> None:
    data = read_data("dyadwatch.actors", f"roles.{language}.yaml") or {}
    for item in data.get("roles") or []:
        gaz.add(item["phrase"], GazEntry("role", None, item.get("sector"), item.get("role") or item["phrase"]))
    for item in data.get("ranks") or []:
        gaz.add(item["phrase"], GazEntry("rank", None, item.get("sector"), item["phrase"]))
    for item in data.get("groups") or []:
        gaz.add(item["phrase"], GazEntry("group", None, item.get("sector"), item["phrase"]))
    for word in data.get("honorifics") or []:
        gaz.add(word, GazEntry("honorific", None, None, word))
    for word in data.get("possessive_relatives") or []:
        gaz.add(word, GazEntry("relative", None, None, word))
