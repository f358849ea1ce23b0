"""Checks on the actor data files: roles, countries, institutions, media, CAMEO codes.

These files hold the linguistic knowledge the actor finder uses. The tests read
them as plain YAML, so a broken file fails here before any loader or model runs.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
import pytest
import yaml

import dyadwatch

PACKAGE = Path(dyadwatch.__file__).parent
ACTOR_DATA = PACKAGE / "actors" / "data"
EVAL_DATA = PACKAGE / "eval" / "data"

SECTORS = frozenset(
    "COP GOV JUD LEG MIL SPY PTY OPP REB UAF AGR BUS CRM CVL EDU ELI JRN LAB MED REF REL SOC UNK".split()
)
NON_STATE_CODES = frozenset("IGO UNO EUR NGO ISM IMG MNC".split())
ISO_ALPHA3 = frozenset(country.alpha_3 for country in pycountry.countries)
COUNTRY_CODES = ISO_ALPHA3 | {"XKX"}
ACTOR_CODES = COUNTRY_CODES | NON_STATE_CODES

LANGUAGES = ("en", "fr")
ROLE_FILES = [f"roles.{lang}.yaml" for lang in LANGUAGES]
COUNTRY_FILES = [f"countries.{lang}.yaml" for lang in LANGUAGES]
ALL_FILES = [
    *(ACTOR_DATA / name for name in ROLE_FILES),
    *(ACTOR_DATA / name for name in COUNTRY_FILES),
    ACTOR_DATA / "institutions.yaml",
    ACTOR_DATA / "media.yaml",
    EVAL_DATA / "cameo_countries.yaml",
]

ROLE_SECTIONS = ("roles", "ranks", "groups")
MIN_ROLES = {"en": 200, "fr": 150}
MIN_GROUPS = 40


@lru_cache(maxsize=None)
def load(path: Path) -> dict[str, Any]:
    """Parse a data file once per session; tests must not mutate the result."""
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    assert isinstance(data, dict), f"{path.name}: top level must be a mapping"
    return data


def role_phrases(data: dict[str, Any]) -> list[str]:
    """Every phrase in a roles file: roles, ranks, groups and honorifics."""
    phrases = [entry["phrase"] for section in ROLE_SECTIONS for entry in data[section]]
    return phrases + list(data["honorifics"]) + list(data["possessive_relatives"])


def surface_forms(entry: dict[str, Any], keys: tuple[str, ...]) -> list[str]:
    forms: list[str] = []
    for key in keys:
        value = entry.get(key)
        if isinstance(value, str):
            forms.append(value)
        elif value:
            forms.extend(value)
    return forms


def owners_by_form(items: list[tuple[str, list[str]]]) -> dict[str, set[str]]:
    """Map each case-folded surface form to the set of entries that claim it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for owner, forms in items:
        for form in forms:
            owners[form.casefold()].add(owner)
    return owners


# --- every file ------------------------------------------------------------


@pytest.mark.parametrize("path", ALL_FILES, ids=lambda p: p.name)
def test_data_file_parses_with_version_1(path: Path) -> None:
    data = load(path)
    assert data.get("version") == 1


@pytest.mark.parametrize("name", ROLE_FILES + COUNTRY_FILES)
def test_language_file_declares_its_language(name: str) -> None:
    expected = name.split(".")[1]
    assert load(ACTOR_DATA / name)["language"] == expected


# --- roles -----------------------------------------------------------------


@pytest.mark.parametrize("name", ROLE_FILES)
def test_roles_body_titles_are_roles_of_the_file(name: str) -> None:
    data = load(ACTOR_DATA / name)
    roles = {entry["role"] for entry in data["roles"]}
    assert data["body_titles"] and set(data["body_titles"]) <= roles


@pytest.mark.parametrize("name", ROLE_FILES)
def test_roles_file_has_only_known_keys(name: str) -> None:
    data = load(ACTOR_DATA / name)
    assert set(data) == {"version", "language", *ROLE_SECTIONS, "honorifics", "possessive_relatives", "predicative_markers", "possessive_pronouns", "posting_prepositions", "body_titles", "pair_nouns"}
    for entry in data["roles"]:
        assert set(entry) == {"phrase", "role", "sector"}, entry
    for section in ("ranks", "groups"):
        for entry in data[section]:
            assert set(entry) == {"phrase", "sector"}, entry


@pytest.mark.parametrize("name", ROLE_FILES)
@pytest.mark.parametrize("section", ROLE_SECTIONS)
def test_role_sectors_are_plover_sectors(name: str, section: str) -> None:
    data = load(ACTOR_DATA / name)
    bad = [e["phrase"] for e in data[section] if e["sector"] not in SECTORS]
    assert not bad, f"{name} {section}: sectors not in PLOVER for {bad}"


@pytest.mark.parametrize("name", ROLE_FILES)
def test_role_phrases_are_lowercase_and_trimmed(name: str) -> None:
    phrases = role_phrases(load(ACTOR_DATA / name))
    bad = [p for p in phrases if not isinstance(p, str) or p != p.lower() or p != p.strip() or not p]
    assert not bad, f"{name}: phrases must be lowercase and trimmed: {bad}"


@pytest.mark.parametrize("name", ROLE_FILES)
def test_role_phrases_use_the_straight_apostrophe(name: str) -> None:
    phrases = role_phrases(load(ACTOR_DATA / name))
    bad = [p for p in phrases if "\u2019" in p]
    assert not bad, f"{name}: write ' not \u2019 (the matcher folds it): {bad}"


@pytest.mark.parametrize("name", ROLE_FILES)
def test_role_phrases_do_not_start_with_an_article(name: str) -> None:
    # Regression: the gazetteer takes the leftmost longest match, so "la ministre"
    # hid "ministre de l'intérieur" in "la ministre de l'Intérieur", and "the
    # press" hid "press secretary". Only "le pouvoir" keeps its article, because
    # bare "pouvoir" is also a verb.
    allowed = {"le pouvoir"}
    articles_by_language = {"en": ("the ", "a ", "an "), "fr": ("le ", "la ", "les ", "l'", "un ", "une ")}
    data = load(ACTOR_DATA / name)
    articles = articles_by_language[data["language"]]  # "un" is the UN in English
    bad = [p for p in role_phrases(data) if p.startswith(articles) and p not in allowed]
    assert not bad, f"{name}: drop the article from {bad}"


@pytest.mark.parametrize("name", ROLE_FILES)
def test_role_phrases_are_unique_within_a_file(name: str) -> None:
    phrases = role_phrases(load(ACTOR_DATA / name))
    seen: set[str] = set()
    duplicates = [p for p in phrases if p in seen or seen.add(p)]
    assert not duplicates, f"{name}: phrases listed twice: {duplicates}"


@pytest.mark.parametrize("name", ROLE_FILES)
def test_every_role_has_a_normalised_title(name: str) -> None:
    data = load(ACTOR_DATA / name)
    bad = [e["phrase"] for e in data["roles"] if not isinstance(e["role"], str) or not e["role"].strip()]
    assert not bad


@pytest.mark.parametrize("lang", LANGUAGES)
def test_roles_file_meets_coverage_minimums(lang: str) -> None:
    data = load(ACTOR_DATA / f"roles.{lang}.yaml")
    assert len(data["roles"]) >= MIN_ROLES[lang]
    assert len(data["groups"]) >= MIN_GROUPS
    assert data["ranks"] and data["honorifics"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_sector_family_has_a_role_phrase(lang: str) -> None:
    data = load(ACTOR_DATA / f"roles.{lang}.yaml")
    covered = {e["sector"] for e in data["roles"]}
    assert SECTORS - {"UNK"} <= covered, f"no role phrase for {sorted(SECTORS - {'UNK'} - covered)}"


@pytest.mark.parametrize(
    ("lang", "phrase", "role", "sector"),
    [
        ("en", "interior minister", "Interior Minister", "GOV"),
        ("en", "minister of the interior", "Interior Minister", "GOV"),
        ("en", "home secretary", "Interior Minister", "GOV"),
        ("en", "defense secretary", "Defence Minister", "GOV"),
        ("en", "domestic security chief", "Domestic Security Chief", "SPY"),
        ("en", "journalist", "Journalist", "JRN"),
        ("en", "novelist", "Writer", "SOC"),
        ("en", "opposition leader", "Opposition Leader", "OPP"),
        ("en", "former president", "Former President", "ELI"),
        ("fr", "ministre de l'intérieur", "Interior Minister", "GOV"),
        ("fr", "ministre des affaires étrangères", "Foreign Minister", "GOV"),
        ("fr", "chef de la diplomatie", "Foreign Minister", "GOV"),
        ("fr", "garde des sceaux", "Justice Minister", "GOV"),
        ("fr", "premier ministre", "Prime Minister", "GOV"),
        ("fr", "porte-parole du gouvernement", "Government Spokesperson", "GOV"),
        ("fr", "militant", "Activist", "SOC"),
        ("fr", "écrivain", "Writer", "SOC"),
    ],
)
def test_known_title_gives_expected_role_and_sector(lang: str, phrase: str, role: str, sector: str) -> None:
    entries = {e["phrase"]: e for e in load(ACTOR_DATA / f"roles.{lang}.yaml")["roles"]}
    assert entries[phrase]["role"] == role
    assert entries[phrase]["sector"] == sector


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("présidente", "président"),
        ("première ministre", "premier ministre"),
        ("ambassadrice", "ambassadeur"),
        ("députée", "député"),
        ("sénatrice", "sénateur"),
        ("procureure", "procureur"),
        ("conseillère", "conseiller"),
        ("écrivaine", "écrivain"),
        ("militante", "militant"),
        ("avocate", "avocat"),
        ("policière", "policier"),
        ("opposante", "opposant"),
    ],
)
def test_french_feminine_title_matches_masculine_role(feminine: str, masculine: str) -> None:
    entries = {e["phrase"]: e for e in load(ACTOR_DATA / "roles.fr.yaml")["roles"]}
    assert (entries[feminine]["role"], entries[feminine]["sector"]) == (
        entries[masculine]["role"],
        entries[masculine]["sector"],
    )


@pytest.mark.parametrize("phrase", ["ministre", "juge", "journaliste", "porte-parole"])
def test_french_epicene_titles_are_listed(phrase: str) -> None:
    assert phrase in {e["phrase"] for e in load(ACTOR_DATA / "roles.fr.yaml")["roles"]}


# --- countries -------------------------------------------------------------


@pytest.mark.parametrize("name", COUNTRY_FILES)
def test_country_keys_are_iso_alpha3_or_kosovo(name: str) -> None:
    countries = load(ACTOR_DATA / name)["countries"]
    bad = sorted(set(countries) - COUNTRY_CODES)
    assert not bad, f"{name}: not ISO 3166-1 alpha-3: {bad}"


@pytest.mark.parametrize("name", COUNTRY_FILES)
def test_country_entries_have_names_and_only_known_keys(name: str) -> None:
    countries = load(ACTOR_DATA / name)["countries"]
    for code, entry in countries.items():
        assert set(entry) <= {"names", "adjectives", "capital"}, code
        assert entry["names"], f"{code}: no names"
        assert all(isinstance(n, str) and n.strip() == n and n for n in entry["names"]), code
        capital = entry.get("capital", "")
        # one name, or a list: the official capital first, then other spellings and seats of government
        assert isinstance(capital, str) or capital and all(isinstance(c, str) and c for c in capital), code


@pytest.mark.parametrize("name", COUNTRY_FILES)
def test_country_name_or_adjective_points_to_one_country(name: str) -> None:
    countries = load(ACTOR_DATA / name)["countries"]
    owners = owners_by_form(
        [(code, surface_forms(entry, ("names", "adjectives", "capital"))) for code, entry in countries.items()]
    )
    clashes = {form: sorted(codes) for form, codes in owners.items() if len(codes) > 1}
    assert not clashes, f"{name}: ambiguous forms {clashes}"


@pytest.mark.parametrize(
    ("lang", "form", "code"),
    [
        ("en", "U.S.", "USA"),
        ("en", "Britain", "GBR"),
        ("en", "Türkiye", "TUR"),
        ("en", "Ivory Coast", "CIV"),
        ("en", "DR Congo", "COD"),
        ("en", "Burma", "MMR"),
        ("en", "Holland", "NLD"),
        ("en", "Emirati", "ARE"),
        ("en", "Palestinian", "PSE"),
        ("en", "Kosovo", "XKX"),
        ("fr", "l'Algérie", "DZA"),
        ("fr", "algérienne", "DZA"),
        ("fr", "Etats-Unis", "USA"),
        ("fr", "RDC", "COD"),
        ("fr", "émirati", "ARE"),
        ("fr", "sud-coréenne", "KOR"),
        ("fr", "Alger", "DZA"),
    ],
)
def test_country_form_resolves_to_expected_code(lang: str, form: str, code: str) -> None:
    countries = load(ACTOR_DATA / f"countries.{lang}.yaml")["countries"]
    assert form in surface_forms(countries[code], ("names", "adjectives", "capital"))


def test_english_countries_cover_newsworthy_capitals() -> None:
    countries = load(ACTOR_DATA / "countries.en.yaml")["countries"]
    assert sum(1 for entry in countries.values() if entry.get("capital")) >= 80


def test_french_countries_cover_at_least_120_states_with_capitals() -> None:
    countries = load(ACTOR_DATA / "countries.fr.yaml")["countries"]
    assert len(countries) >= 120
    assert sum(1 for entry in countries.values() if entry.get("capital")) >= 120


def test_french_country_names_include_an_articled_form() -> None:
    countries = load(ACTOR_DATA / "countries.fr.yaml")["countries"]
    # Islands and city-states take no article in French ("à Cuba", "Israël").
    no_article = {"ATG", "BHR", "CUB", "CYP", "DJI", "HTI", "ISR", "KNA", "LCA", "MCO", "MDG", "MLT",
                  "NRU", "SGP", "SMR", "STP", "TTO", "TWN", "VCT"}
    articles = ("l'", "le ", "la ", "les ")
    missing = [
        code
        for code, entry in countries.items()
        if code not in no_article and not any(n.lower().startswith(articles) for n in entry["names"])
    ]
    assert not missing, f"no articled name for {missing}"


@pytest.mark.parametrize("code", sorted(load(ACTOR_DATA / "countries.fr.yaml")["countries"]))
def test_french_adjectives_are_lowercase_with_feminine_forms(code: str) -> None:
    entry = load(ACTOR_DATA / "countries.fr.yaml")["countries"][code]
    adjectives = entry.get("adjectives") or []
    assert adjectives, f"{code}: no adjectives"
    assert all(a == a.lower() for a in adjectives), f"{code}: adjectives must be lowercase"
    # French feminine adjectives end in -e (sg) and -es (pl): "algérienne(s)", "belge(s)".
    assert any(a.endswith("e") for a in adjectives), f"{code}: no feminine singular"
    assert any(a.endswith("es") for a in adjectives), f"{code}: no feminine plural"


# --- institutions and media ------------------------------------------------


def test_institutions_have_only_known_keys_and_enough_entries() -> None:
    data = load(ACTOR_DATA / "institutions.yaml")
    assert set(data) == {"version", "institutions"}
    for entry in data["institutions"]:
        assert set(entry) == {"name", "aliases", "code", "sector"}, entry
    assert len(data["institutions"]) >= 120


@pytest.mark.parametrize(
    "entry", load(ACTOR_DATA / "institutions.yaml")["institutions"], ids=lambda e: e["name"]
)
def test_institution_code_and_sector_are_valid(entry: dict[str, Any]) -> None:
    assert entry["code"] in ACTOR_CODES, f"{entry['name']}: unknown code {entry['code']}"
    assert entry["sector"] in SECTORS, f"{entry['name']}: sector {entry['sector']} is not PLOVER"


@pytest.mark.parametrize(("name", "key"), [("institutions.yaml", "institutions"), ("media.yaml", "media")])
def test_each_name_or_alias_points_to_one_entry(name: str, key: str) -> None:
    entries = load(ACTOR_DATA / name)[key]
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names)), f"{name}: canonical names repeat"
    owners = owners_by_form([(e["name"], surface_forms(e, ("name", "aliases"))) for e in entries])
    clashes = {form: sorted(o) for form, o in owners.items() if len(o) > 1}
    assert not clashes, f"{name}: ambiguous forms {clashes}"


@pytest.mark.parametrize(
    ("form", "code", "sector"),
    [
        ("l'Élysée", "FRA", "GOV"),
        ("Quai d'Orsay", "FRA", "GOV"),
        ("Place Beauvau", "FRA", "GOV"),
        ("DGSI", "FRA", "SPY"),
        ("El Mouradia", "DZA", "GOV"),
        ("APS", "DZA", "JRN"),
        ("ANP", "DZA", "MIL"),
        ("Kremlin", "RUS", "GOV"),
        ("Pentagon", "USA", "MIL"),
        ("Hamas", "PSE", "UAF"),
        ("Hezbollah", "LBN", "UAF"),
        ("ONU", "UNO", "GOV"),
        ("OMS", "UNO", "GOV"),
        ("UE", "EUR", "GOV"),
        ("Parlement européen", "EUR", "LEG"),
        ("OTAN", "IGO", "MIL"),
        ("CPI", "IGO", "JUD"),
        ("MSF", "NGO", "MED"),
        ("RSF", "NGO", "JRN"),
    ],
)
def test_institution_name_resolves_to_code_and_sector(form: str, code: str, sector: str) -> None:
    entries = load(ACTOR_DATA / "institutions.yaml")["institutions"]
    matches = [e for e in entries if form in surface_forms(e, ("name", "aliases"))]
    assert len(matches) == 1, form
    assert (matches[0]["code"], matches[0]["sector"]) == (code, sector)


def test_media_entries_have_only_known_keys() -> None:
    data = load(ACTOR_DATA / "media.yaml")
    assert set(data) == {"version", "media"}
    for entry in data["media"]:
        assert set(entry) == {"name", "aliases"}, entry
        assert isinstance(entry["aliases"], list), entry["name"]


@pytest.mark.parametrize(
    "form", ["AFP", "Reuters", "AP", "APS", "Caliber.Az", "Le Monde", "TSA", "El Watan", "Al Jazeera",
             "BBC", "France 24", "RFI", "Le Figaro", "Libération", "Jeune Afrique", "TASS", "Xinhua"]
)
def test_wire_and_outlet_is_listed_as_media(form: str) -> None:
    entries = load(ACTOR_DATA / "media.yaml")["media"]
    assert any(form in surface_forms(e, ("name", "aliases")) for e in entries), form


# --- CAMEO codes -----------------------------------------------------------


def test_cameo_codes_map_non_iso_codes_to_actor_codes() -> None:
    data = load(EVAL_DATA / "cameo_countries.yaml")
    assert set(data) == {"version", "codes"}
    codes = data["codes"]
    already_iso = sorted(set(codes) & ISO_ALPHA3)
    assert not already_iso, f"ISO codes need no mapping: {already_iso}"
    bad = {k: v for k, v in codes.items() if v not in ACTOR_CODES}
    assert not bad, f"targets must be ISO alpha-3 or non-state codes: {bad}"


@pytest.mark.parametrize(("cameo", "target"), [("JAP", "JPN"), ("IGO", "IGO"), ("NGO", "NGO")])
def test_cameo_code_maps_to_expected_target(cameo: str, target: str) -> None:
    assert load(EVAL_DATA / "cameo_countries.yaml")["codes"][cameo] == target
