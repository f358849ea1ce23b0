"""The packaged PLOVER/CAMEO ontology: facts from docs/ontology.md, look-ups, errors, loading."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from importlib import resources

import pytest
import yaml

import dyadwatch.ontology
from dyadwatch.errors import OntologyError
from dyadwatch.ontology import CameoRoot, Category, Ontology, load_ontology
from dyadwatch.ontology._model import build_ontology

# The manual's table, restated independently of the YAML so that a drifting
# data file fails here.
CATEGORIES = [
    ("AGREE", "VC", 2.5, False),
    ("CONSULT", "VC", 2.5, False),
    ("SUPPORT", "VC", 5.0, False),
    ("CONCEDE", "VC", 4.5, False),
    ("COOPERATE", "MC", 9.5, True),
    ("AID", "MC", 10.0, True),
    ("RETREAT", "MC", 6.5, False),
    ("REQUEST", "VF", 0.0, False),
    ("ACCUSE", "VF", -3.0, False),
    ("REJECT", "VF", -2.0, False),
    ("THREATEN", "VF", -3.5, False),
    ("SANCTION", "MF", -6.0, True),
    ("PROTEST", "MF", -5.0, False),
    ("MOBILIZE", "MF", -5.5, False),
    ("COERCE", "MF", -7.0, False),
    ("ASSAULT", "MF", -9.0, False),
]
CATEGORY_NAMES = [name for name, *_ in CATEGORIES]

MODES_WITH_OWN_SCORE = [
    ("CONSULT", "visit", 4.0),
    ("CONSULT", "third-party", 1.0),
    ("CONSULT", "multilateral", 4.0),
    ("CONSULT", "phone", 1.5),
    ("RETREAT", "withdraw", 8.0),
    ("RETREAT", "disarm", 10.0),
    ("RETREAT", "ceasefire", 7.5),
    ("RETREAT", "resign", 4.5),
    ("REQUEST", "assist", 0.5),
    ("REQUEST", "change", -1.0),
    ("REQUEST", "yield", -1.0),
    ("ACCUSE", "disapprove", -2.0),
    ("ACCUSE", "investigate", -3.5),
    ("ACCUSE", "allege", -3.5),
    ("REJECT", "assist", -1.5),
    ("THREATEN", "restrict", -3.0),
    ("THREATEN", "territory", -4.0),
    ("SANCTION", "expel", -5.5),
    ("PROTEST", "riot", -7.0),
    ("PROTEST", "hunger", -4.5),
    ("PROTEST", "boycott", -4.5),
    ("PROTEST", "obstruct", -4.5),
    ("MOBILIZE", "troops", -6.5),
    ("MOBILIZE", "weapons", -6.5),
    ("MOBILIZE", "militia", -6.0),
    ("COERCE", "censor", -6.5),
    ("COERCE", "curfew", -6.5),
    ("COERCE", "misinformation", -6.5),
    ("COERCE", "martial-law", -7.5),
]

ASSAULT_MODES = {
    "abduct": -8.5,
    "beat": -7.5,
    "torture": -8.5,
    "sexual": -9.0,
    "assassinate": -9.0,
    "destruction": -9.0,
    "firearms": -9.0,
    "explosives": -9.5,
    "suicide": -9.5,
    "aerial": -9.5,
    "drone": -9.5,
    "heavy-weapons": -9.5,
    "crowd-control": -7.0,
    "unconventional": -10.0,
}

MODES_WITHOUT_OWN_SCORE = [
    ("RETREAT", "release"),
    ("RETREAT", "access"),
    ("REQUEST", "meet"),
    ("REJECT", "change"),
    ("REJECT", "yield"),
    ("REJECT", "meet"),
    ("THREATEN", "arrest"),
    ("THREATEN", "relations"),
    ("THREATEN", "expel"),
    ("THREATEN", "violence"),
    ("SANCTION", "convict"),
    ("SANCTION", "withdraw"),
    ("SANCTION", "discontinue"),
    ("PROTEST", "demo"),
    ("PROTEST", "strike"),
    ("MOBILIZE", "police"),
    ("COERCE", "seize"),
    ("COERCE", "restrict"),
    ("COERCE", "arrest"),
    ("COERCE", "deport"),
    ("COERCE", "withhold"),
    ("COERCE", "cyber"),
]

CONTEXTS = (
    "military intelligence executive legislative election political_institutions "
    "pro_democracy pro_autocracy economic legal reparations human_rights "
    "rights_freedoms repression human_security gender lgbt religion_ethnicity "
    "inequality diplomatic territory peacekeeping health asylum migration disasters "
    "natural_resource environment technology terrorism cbrn cyber misinformation "
    "crime corruption illegal_drugs trafficking"
).split()

SECTOR_GROUPS = {
    "state": "COP GOV JUD LEG MIL SPY",
    "political": "PTY OPP REB UAF",
    "society": "AGR BUS CRM CVL EDU ELI JRN LAB MED REF REL SOC",
    "unknown": "UNK",
}

CAMEO_ROOTS = [
    ("01", 0.0, None),
    ("02", 3.0, None),
    ("03", 4.0, "AGREE"),
    ("04", 1.0, "CONSULT"),
    ("05", 3.5, "SUPPORT"),
    ("06", 6.0, "COOPERATE"),
    ("07", 7.0, "AID"),
    ("08", 5.0, "CONCEDE"),
    ("09", -2.0, "ACCUSE"),
    ("10", -5.0, "REQUEST"),
    ("11", -2.0, "ACCUSE"),
    ("12", -4.0, "REJECT"),
    ("13", -6.0, "THREATEN"),
    ("14", -6.5, "PROTEST"),
    ("15", -7.2, "MOBILIZE"),
    ("16", -4.0, "SANCTION"),
    ("17", -7.0, "COERCE"),
    ("18", -9.0, "ASSAULT"),
    ("19", -10.0, "ASSAULT"),
    ("20", -10.0, "ASSAULT"),
]

EXPORT_ROOTS = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "ACCUSE": "11",
    "REQUEST": "10",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
}


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology()


# --- categories, modes and scores ---------------------------------------------


def test_ontology_has_sixteen_categories_in_manual_order(onto: Ontology) -> None:
    assert list(onto.categories) == CATEGORY_NAMES


def test_ontology_modes_are_exactly_those_of_the_manual(onto: Ontology) -> None:
    expected = {(name, mode) for name, mode, _ in MODES_WITH_OWN_SCORE}
    expected |= set(MODES_WITHOUT_OWN_SCORE) | {("ASSAULT", mode) for mode in ASSAULT_MODES}
    actual = {(name, mode) for name in CATEGORY_NAMES for mode in onto.category(name).modes}
    assert actual == expected


@pytest.mark.parametrize(("name", "quad", "score", "recipient_required"), CATEGORIES)
def test_ontology_has_sixteen_categories_with_quads(
    onto: Ontology, name: str, quad: str, score: float, recipient_required: bool
) -> None:
    category = onto.category(name)
    assert isinstance(category, Category)
    assert (category.name, category.quad, category.score) == (name, quad, score)
    assert category.recipient_required is recipient_required
    assert onto.quad(name) == quad
    assert onto.score(name) == score


@pytest.mark.parametrize("name", CATEGORY_NAMES)
def test_ontology_descriptions_are_single_lines(onto: Ontology, name: str) -> None:
    description = onto.category(name).description
    assert description.strip() and "\n" not in description


@pytest.mark.parametrize(("category", "mode", "score"), MODES_WITH_OWN_SCORE)
def test_ontology_mode_score_overrides_category_score(
    onto: Ontology, category: str, mode: str, score: float
) -> None:
    assert onto.score(category, mode) == score


@pytest.mark.parametrize(("mode", "score"), sorted(ASSAULT_MODES.items()))
def test_ontology_assault_mode_scores(onto: Ontology, mode: str, score: float) -> None:
    assert onto.score("ASSAULT", mode) == score


def test_ontology_assault_has_exactly_the_fourteen_modes(onto: Ontology) -> None:
    assert dict(onto.category("ASSAULT").modes) == ASSAULT_MODES


@pytest.mark.parametrize(("category", "mode"), MODES_WITHOUT_OWN_SCORE)
def test_ontology_mode_without_own_score_has_category_score(
    onto: Ontology, category: str, mode: str
) -> None:
    assert onto.score(category, mode) == onto.score(category)


@pytest.mark.parametrize("name", ["AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID"])
def test_ontology_categories_without_modes_in_the_table_have_none(
    onto: Ontology, name: str
) -> None:
    assert dict(onto.category(name).modes) == {}


@pytest.mark.parametrize("name", CATEGORY_NAMES)
def test_ontology_mode_names_are_lower_kebab_case(onto: Ontology, name: str) -> None:
    for mode in onto.category(name).modes:
        assert mode == mode.lower() and " " not in mode and "_" not in mode


def test_ontology_unknown_category_error_lists_options(onto: Ontology) -> None:
    with pytest.raises(OntologyError) as caught:
        onto.category("ATTACK")
    assert caught.value.code == "E401"
    assert "'ATTACK'" in str(caught.value)
    for name in CATEGORY_NAMES:
        assert name in str(caught.value)


@pytest.mark.parametrize(("typed", "suggested"), [("assault", "ASSAULT"), ("CONSLUT", "CONSULT")])
def test_ontology_unknown_category_hint_suggests_the_close_name(
    onto: Ontology, typed: str, suggested: str
) -> None:
    with pytest.raises(OntologyError) as caught:
        onto.score(typed)
    assert caught.value.hint == f"Did you mean '{suggested}'?"


def test_ontology_unknown_mode_error_lists_the_category_modes(onto: Ontology) -> None:
    with pytest.raises(OntologyError) as caught:
        onto.score("CONSULT", "email")
    message = str(caught.value)
    assert caught.value.code == "E402"
    assert "'email'" in message and "'CONSULT'" in message
    assert "visit, third-party, multilateral, phone" in message


def test_ontology_mode_on_a_category_without_modes_says_it_has_none(onto: Ontology) -> None:
    with pytest.raises(OntologyError, match="has no modes"):
        onto.score("AID", "money")


@pytest.mark.parametrize(
    ("category", "mode", "valid"),
    [
        ("ASSAULT", None, True),
        ("ASSAULT", "drone", True),
        ("ASSAULT", "visit", False),
        ("CONSULT", "visit", True),
        ("AGREE", "visit", False),
        ("assault", None, False),
        ("ATTACK", None, False),
        ("", None, False),
    ],
)
def test_ontology_is_valid_checks_category_and_mode(
    onto: Ontology, category: str, mode: str | None, valid: bool
) -> None:
    assert onto.is_valid(category, mode) is valid


def test_ontology_version_is_the_dyadwatch_revision_of_plover_2(onto: Ontology) -> None:
    assert onto.version == "plover-2.0-dyadwatch.1"


# --- contexts, sectors and actor codes ----------------------------------------


def test_contexts_are_the_37_of_the_manual(onto: Ontology) -> None:
    assert onto.contexts == tuple(CONTEXTS)
    assert len(onto.contexts) == 37


@pytest.mark.parametrize(
    ("code", "group"),
    [(code, group) for group, codes in SECTOR_GROUPS.items() for code in codes.split()],
)
def test_sectors_belong_to_their_group(onto: Ontology, code: str, group: str) -> None:
    sector = onto.sectors[code]
    assert (sector.code, sector.group) == (code, group)
    assert sector.description.strip()


def test_sectors_are_exactly_the_manual_codes(onto: Ontology) -> None:
    expected = {code for codes in SECTOR_GROUPS.values() for code in codes.split()}
    assert set(onto.sectors) == expected


def test_actor_codes_are_the_non_state_codes_with_descriptions(onto: Ontology) -> None:
    assert list(onto.actor_codes) == ["IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"]
    assert all(text.strip() for text in onto.actor_codes.values())


# --- CAMEO ---------------------------------------------------------------------


@pytest.mark.parametrize(("code", "goldstein", "plover"), CAMEO_ROOTS)
def test_cameo_roots_carry_goldstein_and_plover(
    onto: Ontology, code: str, goldstein: float, plover: str | None
) -> None:
    root = onto.cameo_roots[code]
    assert isinstance(root, CameoRoot)
    assert (root.code, root.goldstein, root.plover) == (code, goldstein, plover)
    assert root.name.strip()


def test_cameo_has_the_twenty_roots_in_order(onto: Ontology) -> None:
    assert list(onto.cameo_roots) == [f"{n:02d}" for n in range(1, 21)]


@pytest.mark.parametrize(
    ("code", "quad_class"),
    [(f"{n:02d}", 1) for n in range(1, 6)]
    + [(f"{n:02d}", 2) for n in range(6, 9)]
    + [(f"{n:02d}", 3) for n in range(9, 14)]
    + [(f"{n:02d}", 4) for n in range(14, 21)],
)
def test_cameo_quad_class_from_root(onto: Ontology, code: str, quad_class: int) -> None:
    assert onto.quad_class(code) == quad_class


@pytest.mark.parametrize(
    ("code", "quad_class"), [("031", 1), ("0311", 1), ("084", 2), ("195", 4), ("1011", 3)]
)
def test_cameo_quad_class_of_longer_codes_follows_the_root(
    onto: Ontology, code: str, quad_class: int
) -> None:
    assert onto.quad_class(code) == quad_class


@pytest.mark.parametrize(
    ("code", "plover"),
    [
        ("01", None),
        ("010", None),
        ("0214", None),
        ("03", "AGREE"),
        ("0311", "AGREE"),
        ("043", "CONSULT"),
        ("081", "CONCEDE"),
        ("0831", "CONCEDE"),
        ("083", "CONCEDE"),
        ("084", "RETREAT"),
        ("0841", "RETREAT"),
        ("087", "RETREAT"),
        ("09", "ACCUSE"),
        ("112", "ACCUSE"),
        ("190", "ASSAULT"),
        ("20", "ASSAULT"),
    ],
)
def test_cameo_from_cameo_gives_plover_category(
    onto: Ontology, code: str, plover: str | None
) -> None:
    assert onto.from_cameo(code) == plover


@pytest.mark.parametrize("code", ["08", "080"])
def test_cameo_unspecified_yield_defaults_to_concede(onto: Ontology, code: str) -> None:
    assert onto.from_cameo(code) == "CONCEDE"


@pytest.mark.parametrize(
    "code", ["", "3", "21", "00", "99", "abc", "03111", " 03", "0x3", "\u0660\u0663"]
)
def test_cameo_invalid_code_raises_listing_the_roots(onto: Ontology, code: str) -> None:
    for lookup in (onto.quad_class, onto.from_cameo):
        with pytest.raises(OntologyError) as caught:
            lookup(code)
        assert caught.value.code == "E404"
        assert "01, 02, 03" in str(caught.value)


@pytest.mark.parametrize(("code", "padded"), [("3", "03"), ("43", "043"), ("311", "0311")])
def test_cameo_code_missing_its_leading_zero_gets_a_hint(
    onto: Ontology, code: str, padded: str
) -> None:
    with pytest.raises(OntologyError) as caught:
        onto.quad_class(code)
    assert caught.value.hint is not None and f"'{padded}'" in caught.value.hint


@pytest.mark.parametrize(("category", "root"), sorted(EXPORT_ROOTS.items()))
def test_plover_to_cameo_gives_the_export_root(onto: Ontology, category: str, root: str) -> None:
    exported = onto.to_cameo(category)
    assert exported is not None and exported.code == root


@pytest.mark.parametrize(
    ("category", "mode", "root"),
    [
        ("ACCUSE", "investigate", "09"),
        ("ACCUSE", "allege", "11"),
        ("ASSAULT", "unconventional", "20"),
        ("ASSAULT", "firearms", "18"),
    ],
)
def test_plover_to_cameo_mode_can_override_the_root(
    onto: Ontology, category: str, mode: str, root: str
) -> None:
    exported = onto.to_cameo(category, mode)
    assert exported is not None and exported.code == root


@pytest.mark.parametrize(
    ("category", "mode"),
    [(name, None) for name in CATEGORY_NAMES]
    + [(name, mode) for name, mode, _ in MODES_WITH_OWN_SCORE]
    + MODES_WITHOUT_OWN_SCORE
    + [("ASSAULT", mode) for mode in ASSAULT_MODES],
)
def test_plover_to_cameo_round_trip_for_every_category(
    onto: Ontology, category: str, mode: str | None
) -> None:
    exported = onto.to_cameo(category, mode)
    assert exported is not None
    # Root 08 holds both CONCEDE and RETREAT, so a category must come back
    # from the root itself or from one of the root's three-digit codes.
    back = {onto.from_cameo(exported.code)} | {
        onto.from_cameo(f"{exported.code}{digit}") for digit in "0123456789"
    }
    assert category in back


def test_plover_to_cameo_rejects_an_unknown_mode(onto: Ontology) -> None:
    with pytest.raises(OntologyError, match="E402"):
        onto.to_cameo("ASSAULT", "visit")


# --- loading, caching, immutability -------------------------------------------


def test_load_ontology_is_cached(onto: Ontology) -> None:
    assert load_ontology() is onto


def test_importing_the_ontology_package_loads_nothing() -> None:
    script = (
        "import dyadwatch.ontology as o; "
        "print(o.load_ontology.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0"


def test_ontology_records_are_immutable(onto: Ontology) -> None:
    category = onto.category("ASSAULT")
    with pytest.raises(dataclasses.FrozenInstanceError):
        category.score = 0.0  # type: ignore[misc]
    with pytest.raises(TypeError):
        category.modes["drone"] = 0.0  # type: ignore[index]
    with pytest.raises(TypeError):
        onto.categories["NEW"] = category  # type: ignore[index]


def test_categories_are_hashable(onto: Ontology) -> None:
    assert len(set(onto.categories.values())) == 16


def test_public_api_is_sorted_and_exported() -> None:
    assert dyadwatch.ontology.__all__ == sorted(dyadwatch.ontology.__all__)
    for name in dyadwatch.ontology.__all__:
        assert hasattr(dyadwatch.ontology, name)


# --- the loader rejects malformed data with a located E403 ---------------------


_DELETE = object()


def _raw(name: str) -> object:
    path = resources.files("dyadwatch.ontology").joinpath("data").joinpath(name)
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw_docs() -> dict[str, object]:
    return {"plover": _raw("plover.yaml"), "cameo": _raw("cameo.yaml")}


@pytest.mark.parametrize(
    ("doc", "path", "value", "fragment", "where"),
    [
        ("plover", ("categories", 0, "colour"), "red", "unknown keys: colour", "categories[0]"),
        ("plover", ("categories", 0, "quad"), _DELETE, "missing keys: quad", "categories[0]"),
        ("plover", ("categories", 0, "quad"), "XX", "expected one of VC, MC", ".quad"),
        ("plover", ("categories", 0, "score"), "2.5", "expected a number", ".score"),
        ("plover", ("categories", 0, "score"), 25.0, "between -10 and +10", ".score"),
        ("plover", ("categories", 4, "recipient_required"), "yes", "true or false", "[4]"),
        ("plover", ("categories", 1, "modes", "visit"), True, "expected a number", "visit"),
        ("plover", ("categories", 1, "name"), "AGREE", "listed twice", "categories[1]"),
        ("plover", ("contexts",), "military", "expected a list", "contexts"),
        ("plover", ("sectors", "GOV", "group"), "state-ish", "expected one of", "GOV.group"),
        ("plover", ("version",), _DELETE, "missing keys: version", "plover.yaml"),
        ("cameo", ("roots", "03", "plover"), "INTENT", "'INTENT' is not one of", "03.plover"),
        ("cameo", ("roots", 21), {}, "expected a quoted code", "roots"),
        ("cameo", ("subcodes", "214"), "AGREE", "'21' is not one of", "214"),
        ("cameo", ("quad_classes", 4), ["14"], "without a quad class: 15", "quad_classes"),
        ("cameo", ("quad_classes", 5), ["01"], "expected one of 1, 2, 3, 4", "quad_classes"),
        ("cameo", ("export", "ASSAULT", "modes", "nuclear"), "20", "'nuclear'", "ASSAULT.modes"),
        ("cameo", ("export", "AGREE", "root"), "3", "'3' is not one of", "AGREE.root"),
    ],
)
def test_loader_rejects_malformed_data_saying_where(
    raw_docs: dict[str, object],
    doc: str,
    path: tuple[object, ...],
    value: object,
    fragment: str,
    where: str,
) -> None:
    docs = copy.deepcopy(raw_docs)
    target = docs[doc]
    for key in path[:-1]:
        target = target[key]  # type: ignore[index]
    if value is _DELETE:
        del target[path[-1]]  # type: ignore[attr-defined]
    else:
        target[path[-1]] = value  # type: ignore[index]
    with pytest.raises(OntologyError) as caught:
        build_ontology(docs["plover"], docs["cameo"])
    assert caught.value.code == "E403"
    assert fragment in str(caught.value)
    assert caught.value.where is not None and where in caught.value.where


def test_loader_accepts_the_packaged_data_unchanged(raw_docs: dict[str, object]) -> None:
    rebuilt = build_ontology(raw_docs["plover"], raw_docs["cameo"])
    assert rebuilt.categories == load_ontology().categories
