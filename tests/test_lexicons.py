"""The trigger lexicons (events/data/triggers.<lang>.yaml): shape, categories, modes, heads.

These files are data that the event coder reads; a typo in a category, a mode that
the ontology does not know, or a head that can never equal a lemma would fail
silently at coding time, so they are checked here without loading any model.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest
import yaml

from dyadwatch.ontology import load_ontology

LANGUAGES = ["en", "fr"]
CATEGORIES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
ENTRY_KEYS = {"pattern", "category", "mode", "pos", "not", "priority", "invert"}
MINIMUM_ENTRIES = {"en": 450, "fr": 300}


def _load(language: str) -> dict:
    text = (
        resources.files("dyadwatch.events")
        .joinpath("data", f"triggers.{language}.yaml")
        .read_text(encoding="utf-8")
    )
    return yaml.safe_load(text)


@pytest.fixture(scope="module", params=LANGUAGES)
def lexicon(request: pytest.FixtureRequest) -> tuple[str, dict]:
    return request.param, _load(request.param)


def test_lexicon_parses_with_version_and_language(lexicon):
    language, data = lexicon
    assert data["version"] == 1
    assert data["language"] == language
    assert isinstance(data["entries"], list)
    assert len(data["entries"]) >= MINIMUM_ENTRIES[language]


def test_lexicon_entries_have_pattern_and_known_category(lexicon):
    _, data = lexicon
    for entry in data["entries"]:
        assert set(entry) <= ENTRY_KEYS, entry
        assert isinstance(entry.get("pattern"), str) and entry["pattern"].strip(), entry
        assert entry.get("category") in CATEGORIES, entry


def test_lexicon_modes_are_valid_for_their_category(lexicon):
    _, data = lexicon
    ontology = load_ontology()
    bad = [
        (e["pattern"], e["category"], e["mode"])
        for e in data["entries"]
        if "mode" in e and not ontology.is_valid(e["category"], e["mode"])
    ]
    assert bad == []


def test_lexicon_optional_keys_have_the_right_types(lexicon):
    _, data = lexicon
    for entry in data["entries"]:
        assert entry.get("pos", "VERB") in {"VERB", "NOUN"}, entry
        assert isinstance(entry.get("priority", 0), int), entry
        if "not" not in entry:
            continue
        nots = entry["not"]
        assert isinstance(nots, list) and nots, entry
        # YAML would turn a bare `on`, `no` or `off` into a boolean: every item must stay a lemma
        assert all(isinstance(word, str) and word == word.strip() and word for word in nots), entry


def test_lexicon_has_no_duplicate_pattern_and_pos(lexicon):
    _, data = lexicon
    counts = Counter((e["pattern"], e.get("pos")) for e in data["entries"])
    assert [key for key, n in counts.items() if n > 1] == []


def test_lexicon_covers_every_category(lexicon):
    _, data = lexicon
    assert {e["category"] for e in data["entries"]} == CATEGORIES


def test_lexicon_heads_are_lowercase_single_tokens(lexicon):
    _, data = lexicon
    for entry in data["entries"]:
        words = entry["pattern"].split(" ")
        assert all(words), entry  # no double spaces, no leading or trailing space
        assert words[0] == words[0].lower() and words[0].strip() == words[0], entry


@pytest.mark.parametrize(
    "language,pattern,category,mode",
    [
        ("en", "strike deal", "AGREE", None),
        ("en", "order investigation", "ACCUSE", "investigate"),
        ("en", "accept demand", "CONCEDE", None),
        ("en", "lodge protest", "ACCUSE", "disapprove"),
        ("en", "lift sanction", "CONCEDE", None),
        ("en", "recall consultation", "SANCTION", "withdraw"),
        ("en", "declare persona non grata", "SANCTION", "expel"),
        ("en", "expel diplomat", "SANCTION", "expel"),
        ("en", "hold talk", "CONSULT", None),
        ("en", "release prisoner", "RETREAT", "release"),
        ("en", "withdraw troop", "RETREAT", "withdraw"),
        ("en", "deploy troop", "MOBILIZE", "troops"),
        ("en", "suspend cooperation", "SANCTION", "discontinue"),
        ("fr", "rappeler consultation", "SANCTION", "withdraw"),
        ("fr", "déclarer persona non grata", "SANCTION", "expel"),
        ("fr", "porter plainte", "ACCUSE", "allege"),
        ("fr", "tendre main", "AGREE", None),
        ("fr", "lever sanction", "CONCEDE", None),
        ("fr", "pourparler", "CONSULT", None),
        # object-dependent families: the object fixes the category and mode
        ("en", "prevent demonstration", "COERCE", "restrict"),
        ("en", "violate ceasefire", "ASSAULT", None),
        ("en", "defy ban", "REJECT", None),
        ("en", "suspension tie", "SANCTION", "discontinue"),
        ("en", "strengthen force", "MOBILIZE", "troops"),
        ("en", "demolish home", "COERCE", "seize"),
        ("en", "withdraw bill", "CONCEDE", None),
        ("en", "end mediation", "SANCTION", "discontinue"),
        ("fr", "empêcher manifestation", "COERCE", "restrict"),
        ("fr", "violer cessez-le-feu", "ASSAULT", None),
        ("fr", "braver interdiction", "REJECT", None),
        ("fr", "suspension coopération", "SANCTION", "discontinue"),
        ("fr", "renforcer troupe", "MOBILIZE", "troops"),
        ("fr", "démolir maison", "COERCE", "seize"),
        ("fr", "retirer projet", "CONCEDE", None),
        ("fr", "mettre fin médiation", "SANCTION", "discontinue"),
    ],
)
def test_lexicon_multiword_expressions_carry_their_own_category(language, pattern, category, mode):
    matches = [e for e in _load(language)["entries"] if e["pattern"] == pattern]
    assert matches, f"{pattern!r} missing from triggers.{language}.yaml"
    assert {(e["category"], e.get("mode")) for e in matches} == {(category, mode)}


@pytest.mark.parametrize(
    "language,verbs",
    [
        ("en", ["say", "tell", "announce", "state", "add", "report", "plan", "intend", "will", "hope"]),
        ("fr", ["dire", "annoncer", "déclarer", "affirmer", "ajouter"]),
    ],
)
def test_lexicon_leaves_out_reporting_and_modal_verbs_as_single_triggers(language, verbs):
    singles = {e["pattern"] for e in _load(language)["entries"]}
    assert singles.isdisjoint(verbs)


def test_lexicons_keep_languages_in_step():
    """Every category and mode the English lexicon can code, the French one can code too, and back."""
    pairs = {lang: {(e["category"], e.get("mode")) for e in _load(lang)["entries"]} for lang in LANGUAGES}
    assert pairs["en"] - pairs["fr"] == set()
    assert pairs["fr"] - pairs["en"] == set()


@pytest.mark.parametrize("language", LANGUAGES)
def test_lexicon_not_lists_guard_the_figurative_senses(language):
    """Emergencies declared for disasters are not martial law; a war on corruption is not a threat of violence."""
    disaster = {"en": ("declare emergency", "earthquake"), "fr": ("décréter état urgence", "séisme")}[language]
    figurative = {"en": ("vow fight", "corruption"), "fr": ("jurer combattre", "corruption")}[language]
    entries = {e["pattern"]: e for e in _load(language)["entries"]}
    for pattern, word in (disaster, figurative):
        assert word in entries[pattern].get("not", []), pattern


@pytest.mark.parametrize(
    "words, expected",
    [
        (["the", "ceasefire", "talk", "resume"], True),
        (["talk", "the", "ceasefire"], False),  # word order matters
        (["ceasefires"], False),  # whole words only
    ],
)
def test_lexicon_context_phrases_match_whole_words_in_order(words, expected):
    from dyadwatch.events.lexicon import Lexicon, match_contexts

    lexicon = Lexicon("en", {}, *(frozenset() for _ in range(9)), contexts={"ceasefire": (("ceasefire", "talk"),), "other": (("zzz",),)})
    assert (match_contexts(words, lexicon) == ["ceasefire"]) is expected
