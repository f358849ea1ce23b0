"""The learned recipient choice (learn/roles.py): its features, its choice, the hook and the shipped model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyadwatch.learn import LinearModel
from dyadwatch.learn.roles import BUILTIN, Option, Slot, choose, load_roles_model, option_features, pair_features, path
from training_scripts import training_script

ROOT = Path(__file__).resolve().parents[1]


def _slot(language: str, words: list[tuple[str, str, int]], trigger: int, actor: str, options: list[Option],
          category: str = "AGREE") -> Slot:
    """A slot from (word, label, head) triples: the parse written by hand."""
    return Slot(language, category, trigger, tuple(h for _, _, h in words), tuple(d for _, d, _ in words),
                tuple(w.lower() for w, _, _ in words), frozenset({actor}), tuple(options))


def _option(code: str, at: int, rule: bool = False, partner: bool = False, guessed: bool = False) -> Option:
    return Option(code, at, "country", "GOV", rule, guessed, partner, 1)


# "France signed a deal with Algeria" / « La France a signé un accord avec l'Algérie »
SIGNED_EN = [("France", "nsubj", 1), ("signed", "ROOT", 1), ("a", "det", 3), ("deal", "dobj", 1),
             ("with", "prep", 1), ("Algeria", "pobj", 4)]
SIGNED_FR = [("La", "det", 1), ("France", "nsubj", 3), ("a", "aux:tense", 3), ("signé", "ROOT", 3),
             ("un", "det", 5), ("accord", "obj", 3), ("avec", "case", 8), ("l'", "det", 8), ("Algérie", "obl:mod", 3)]


@pytest.mark.parametrize("language, words, trigger, at, prep", [
    ("en", SIGNED_EN, 1, 5, "prep=with|en"),
    ("fr", SIGNED_FR, 3, 8, "prep=avec|fr"),
])
def test_roles_party_after_a_preposition_carries_it(language, words, trigger, at, prep):
    slot = _slot(language, words, trigger, "FRA", [_option("DZA", at)])
    feats = option_features(slot, slot.options[0])
    assert prep in feats and "after" in feats and "same_clause" in feats
    assert "subject" not in feats


@pytest.mark.parametrize("language, words, trigger, at", [("en", SIGNED_EN, 1, 0), ("fr", SIGNED_FR, 3, 1)])
def test_roles_trigger_subject_is_marked_subject_before(language, words, trigger, at):
    slot = _slot(language, words, trigger, "DZA", [_option("FRA", at)])
    feats = option_features(slot, slot.options[0])
    assert {"subject", "before", "same_clause"} <= set(feats)
    assert not any(f.startswith("prep=") for f in feats)


# "Paris condemned the strike that Moscow launched" / « Paris a condamné la frappe que Moscou a lancée »
RELATIVE_EN = [("Paris", "nsubj", 1), ("condemned", "ROOT", 1), ("the", "det", 3), ("strike", "dobj", 1),
               ("that", "dobj", 6), ("Moscow", "nsubj", 6), ("launched", "relcl", 3)]
RELATIVE_FR = [("Paris", "nsubj", 2), ("a", "aux:tense", 2), ("condamné", "ROOT", 2), ("la", "det", 4),
               ("frappe", "obj", 2), ("que", "obj", 8), ("Moscou", "nsubj", 8), ("a", "aux:tense", 8), ("lancée", "acl:relcl", 4)]


@pytest.mark.parametrize("language, words, trigger, at, shape", [
    ("en", RELATIVE_EN, 1, 5, "path=>dobjvrelclvnsubj"),
    ("fr", RELATIVE_FR, 2, 6, "path=>objvacl:relclvnsubj"),
])
def test_roles_party_inside_a_relative_clause_is_another_clause(language, words, trigger, at, shape):
    slot = _slot(language, words, trigger, "FRA", [_option("RUS", at)], category="ACCUSE")
    feats = option_features(slot, slot.options[0])
    assert shape in feats and "same_clause" not in feats and "subject" not in feats


def test_roles_path_climbs_then_descends():
    # "Algeria said France would sign a deal with Mali": from "sign" up to "said", down to Algeria
    words = [("Algeria", "nsubj", 1), ("said", "ROOT", 1), ("France", "nsubj", 4), ("would", "aux", 4),
             ("sign", "ccomp", 1), ("a", "det", 6), ("deal", "dobj", 4), ("with", "prep", 4), ("Mali", "pobj", 7)]
    slot = _slot("en", words, 4, "FRA", [])
    assert path(slot, 0) == (["ccomp"], ["nsubj"])
    assert path(slot, 8) == ([], ["prep", "pobj"])


@pytest.mark.parametrize("language", ["en", "fr"])
def test_roles_option_not_named_in_the_sentence_is_absent(language):
    slot = _slot(language, SIGNED_EN if language == "en" else SIGNED_FR, 1 if language == "en" else 3, "FRA",
                 [_option("DZA", -1, partner=True)])
    feats = option_features(slot, slot.options[0])
    assert {"absent", "partner", "absent|cat=AGREE"} <= set(feats)
    assert not any(f.startswith(("path=", "prep=")) for f in feats)


def _two_options() -> Slot:
    return _slot("en", SIGNED_EN, 1, "FRA", [_option("MAR", -1, rule=True, guessed=True), _option("DZA", 5)])


def test_roles_pair_marks_the_option_plus_and_the_rules_pick_minus():
    slot = _two_options()
    feats = pair_features(slot, slot.options[1], slot.options[0])
    assert {"+prep=with|en", "-rule", "-rule|guessed", "-absent"} <= feats
    assert "+rule" not in feats and "-prep=with|en" not in feats


@pytest.mark.parametrize("language, words, trigger, at", [("en", SIGNED_EN, 1, 5), ("fr", SIGNED_FR, 3, 8)])
def test_roles_pair_against_no_pick_names_none(language, words, trigger, at):
    slot = _slot(language, words, trigger, "FRA", [_option("DZA", at)])
    feats = pair_features(slot, slot.options[0], None)
    assert {"-none", "-none|cat=AGREE", "-none|actors=1"} <= feats


@pytest.mark.parametrize("weights, threshold, expected", [
    ({"+prep=with|en": 3.0}, 0.9, "DZA"),  # the named party is preferred to the guessed pick beyond the threshold
    ({"+prep=with|en": 1.0}, 0.9, None),  # short of it: the rules' pick stands
    ({"+prep=with|en": 3.0, "-rule|guessed": -4.0}, 0.5, None),  # a pick the model trusts stands
])
def test_roles_choice_replaces_the_rules_pick_only_at_the_threshold(weights, threshold, expected):
    best = choose(LinearModel(weights, threshold=threshold), _two_options())
    assert (best.code if best else None) == expected


@pytest.mark.parametrize("add, partner, expected", [(0.5, True, "DZA"), (2.0, True, None), (0.5, False, None)])
def test_roles_choice_adds_only_the_dyad_partner_at_the_add_threshold(add, partner, expected):
    # a third party the sentence names is no recipient the rules forgot: they left it out on purpose
    slot = _slot("fr", SIGNED_FR, 3, "FRA", [_option("DZA", 8, partner=partner)])
    best = choose(LinearModel({"-none": 2.0}, threshold=0.99, meta={"add_threshold": add}), slot)
    assert (best.code if best else None) == expected


@pytest.mark.parametrize("language, words, trigger, at", [("en", SIGNED_EN, 1, 5), ("fr", SIGNED_FR, 3, 8)])
def test_roles_choice_keeps_the_pick_when_it_is_the_only_option(language, words, trigger, at):
    slot = _slot(language, words, trigger, "FRA", [_option("DZA", at, rule=True)])
    assert choose(LinearModel({"-rule": -9.0}, bias=9.0, threshold=0.5), slot) is None


def test_roles_no_model_named_means_rules_alone():
    assert load_roles_model("") is None


def _shipped() -> Path:
    return ROOT / "src" / "dyadwatch" / "learn" / "data" / "roles.json"


# the feature families option_features emits: a shipped weight outside them would be dead
FAMILIES = {"kind", "sector", "rank", "rule", "partner", "actor_country", "speaker", "absent", "path", "plen", "own",
            "after", "before", "dist", "same_clause", "subject", "object", "prep", "none"}


def test_roles_shipped_model_loads_with_features_the_code_emits():
    if not _shipped().is_file():
        pytest.skip("no shipped roles model")
    model = load_roles_model(BUILTIN)
    assert model is not None and model.weights and "add_threshold" in model.meta
    dead = [f for f in model.weights if f[:1] not in "+-" or f[1:].split("|")[0].split("=")[0] not in FAMILIES]
    assert not dead
    assert _bench().check_trainable(model.meta["sets"])  # no blind set among those it was trained on


def _bench() -> Any:
    return training_script("train_roles")


def test_roles_training_is_deterministic():
    bench = _bench()
    slots = [_two_options(), _slot("fr", SIGNED_FR, 3, "FRA", [_option("DZA", 8), _option("MAR", -1, rule=True)])] * 4
    examples = [(pair_features(s, o, None), int(o.code == "DZA")) for s in slots for o in s.options]
    first, second = bench.fit(examples, 0.9, 0.5), bench.fit(list(examples), 0.9, 0.5)
    assert first.weights == second.weights and first.bias == second.bias and first.meta["add_threshold"] == 0.5


@pytest.fixture(scope="module")
def coded(config, tmp_path_factory):
    """Code a text with the rules alone and with a hand-built model (``rule``: its weight on the rules' pick)."""
    from dataclasses import replace

    from dyadwatch import code_text

    def run(text: str, rule: float | None) -> list:
        name = ""
        if rule is not None:
            file = tmp_path_factory.mktemp("roles") / "model.json"
            LinearModel({"-rule": rule}, threshold=0.5).save(file)
            name = str(file)
        off = {k: "" for k in ("keep_model",) if hasattr(config, k)}
        return code_text(text, published="2026-02-18", config=replace(config, roles_model=name, **off))

    return run


TEXTS = [
    ("en", "Algeria accused France of arming Morocco."),
    ("fr", "L'Algérie a accusé la France d'armer le Maroc."),
]


@pytest.mark.parametrize("language, text", TEXTS)
def test_roles_hook_obeys_the_model(coded, language, text):
    def recipients(rule):
        return {e.recipient[0].code for e in coded(text, rule) if e.category == "ACCUSE" and e.recipient}

    assert recipients(None) == {"FRA"}  # the rules, without a model
    assert recipients(-5.0) == {"FRA"}  # a model that trusts the rules keeps their pick
    assert recipients(5.0) == {"MAR"}  # one that distrusts it takes the other party named


@pytest.mark.parametrize("value, expected", [("", ""), ("/tmp/other-roles.json", "/tmp/other-roles.json")])
def test_roles_config_key_turns_the_model_off_or_points_elsewhere(value, expected):
    from dyadwatch.config import Config, load_config

    assert Config().roles_model == BUILTIN
    assert load_config(environ={}, overrides={"roles_model": value}).roles_model == expected



def test_roles_training_folds_are_the_development_sets():
    folds = _bench().DEV_SETS
    assert not set(folds) & set(training_script("dev_sets").BLIND_SETS) and {"demo", "holdout6", "holdout7"} <= set(folds)
