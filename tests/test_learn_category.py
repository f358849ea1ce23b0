"""The learned category correction (learn/category.py): only the ontology's boundaries are reachable, its
features read our own English and French sentences right, the hook obeys the model it is given, the coder without
a model gives the lexicon's categories, and the shipped model speaks only the features the code emits."""

from __future__ import annotations

import json
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError
from dyadwatch.learn import LinearModel
from dyadwatch.learn.category import (
    article_options,
    boundary_pairs,
    correct_categories,
    correct_events,
    load_category_model,
)
from dyadwatch.learn.keep import ParseView, view_of
from dyadwatch.ontology import load_ontology
from dyadwatch.records import Entity, Event, Evidence
from training_scripts import training_script


@pytest.fixture(scope="module")
def parse() -> Any:
    """Parse a text with the real model of its language; returns the text and the correction's view of it."""
    from dyadwatch.nlp.lists import parse_lists
    from dyadwatch.nlp.models import load_pipeline

    def run(text: str, language: str) -> tuple[str, ParseView]:
        doc = load_pipeline(language, Config().models)(text)
        lists = parse_lists(doc)
        ctx = SimpleNamespace(doc=doc, heads=lists.heads, deps=lists.deps, pos=lists.pos, lemmas=lists.lemmas, kids=lists.kids)
        return text, view_of(ctx, language)

    return run


def _entity(code: str) -> Entity:
    return Entity(code=code, sector="GOV", name=code, canonical=code, kind="country")


def _event(text: str, view: ParseView, word: str, category: str, mode: str | None = None, **flags: Any) -> Event:
    """An event whose trigger is the first ``word`` of ``text``, with the sentence the parse puts it in."""
    at = text.index(word)
    sent = view.sent_of[bisect_right(view.starts, at) - 1]
    start = view.starts[view.sent_of.index(sent)]
    end = view.starts[view.sent_of.index(sent + 1)] if sent + 1 in view.sent_of else len(text)
    evidence = Evidence(text[start:end], sent, start, end, word, at, at + len(word))
    base = dict(negated=False, future=False, hypothetical=False, historical=False)
    return Event(
        id=f"{category}:{at}", article_id="a", doc_id="d", category=category, mode=mode, contexts=(),
        actor=(_entity("FRA"),), recipient=(_entity("DZA"),), date=None, date_precision=None, location=None,
        score=0.0, quad="", evidence=evidence, confidence=0.8, coder="test", **{**base, **flags},
    )


def _options(view: ParseView, events: list[Event], k: int = 0) -> dict[str, frozenset[str]]:
    return dict(article_options(view, events)[k])


def test_category_boundaries_name_only_ontology_categories_and_never_the_same_one() -> None:
    categories = set(load_ontology().categories)
    pairs = boundary_pairs()
    assert pairs and set(pairs) <= categories
    for old, news in pairs.items():
        assert news and set(news) <= categories and old not in news


FUTURE_MEETING = [
    ("en", "France will meet Algeria next week.", "meet"),
    ("fr", "La France rencontrera l'Algérie la semaine prochaine.", "rencontrera"),
]


@pytest.mark.parametrize("language,text,word", FUTURE_MEETING)
def test_category_future_meeting_may_move_to_agree_with_the_future_flag_read(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    options = _options(view, [_event(text, view, word, "CONSULT", future=True)])
    assert set(options) == {"AGREE"}
    assert {"CONSULT>AGREE", "CONSULT>AGREE|future", f"CONSULT>AGREE|lang={language}"} <= options["AGREE"]


@pytest.mark.parametrize("language,text,word", FUTURE_MEETING)
def test_category_without_a_boundary_an_event_has_no_alternative(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    assert _options(view, [_event(text, view, word, "MOBILIZE")]) == {}


@pytest.mark.parametrize("language,text,word", [
    ("en", "France imposed sanctions on Iran.", "imposed"),
    ("fr", "La France a imposé des sanctions à l'Iran.", "imposé"),
])
def test_category_trigger_object_lemma_is_read(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    feats = _options(view, [_event(text, view, word, "SANCTION")])["COERCE"]
    assert {"SANCTION>COERCE|obj", "SANCTION>COERCE|obj=sanction"} <= feats
    assert "SANCTION>COERCE|future" not in feats


@pytest.mark.parametrize("language,text,noun,verb", [
    ("en", "The arrest of the journalist angered Paris. Police arrested the journalist.", "arrest", "arrested"),
    ("fr", "L'arrestation du journaliste a irrité Paris. La police a arrêté le journaliste.", "arrestation", "arrêté"),
])
def test_category_noun_trigger_with_determiner_is_flagged_and_a_verb_is_not(parse: Any, language: str, text: str, noun: str, verb: str) -> None:
    text, view = parse(text, language)
    events = [_event(text, view, noun, "COERCE"), _event(text, view, verb, "COERCE")]
    assert "COERCE>SANCTION|noun_det" in _options(view, events, 0)["SANCTION"]
    assert not any(f.endswith("noun_det") for f in _options(view, events, 1)["SANCTION"])


@pytest.mark.parametrize("language,text,first,second", [
    ("en", "France condemned Algeria and refused the proposal.", "condemned", "refused"),
    ("fr", "La France a condamné l'Algérie et a refusé la proposition.", "condamné", "refusé"),
])
def test_category_other_categories_of_the_sentence_are_read(parse: Any, language: str, text: str, first: str, second: str) -> None:
    text, view = parse(text, language)
    events = [_event(text, view, first, "ACCUSE"), _event(text, view, second, "REJECT")]
    assert "ACCUSE>REJECT|other=REJECT" in _options(view, events, 0)["REJECT"]
    assert "REJECT>ACCUSE|other=ACCUSE" in _options(view, events, 1)["ACCUSE"]


@pytest.mark.parametrize("language,text,word", FUTURE_MEETING)
def test_category_hook_moves_only_what_its_model_is_sure_of(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    onto = load_ontology()
    future = _event(text, view, word, "CONSULT", mode="visit", future=True)
    held = _event(text, view, word, "CONSULT", mode="visit")
    model = LinearModel(weights={"CONSULT>AGREE|future": 5.0}, bias=-1.0)
    moved, kept = correct_events([future, held], view, model, onto)
    assert (moved.category, moved.mode, moved.quad, moved.score) == ("AGREE", None, onto.quad("AGREE"), onto.score("AGREE"))
    assert kept is held  # the model below its threshold: the lexicon's category and mode stand
    assert correct_events([future], view, replace(model, threshold=0.999), onto) == [future]


def test_category_without_a_model_passes_the_events_unchanged() -> None:
    events = [object()]  # the hook must not read the events nor the context when no model is named
    assert correct_categories(events, SimpleNamespace(), "en", "") is events  # type: ignore[arg-type]


def test_category_move_its_weights_cannot_lift_to_the_threshold_is_never_scored(tmp_path: Path) -> None:
    from dyadwatch.learn.category import reachable

    weak = LinearModel(weights={"CONSULT>AGREE|future": 1.0, "PROTEST>ACCUSE": 9.0}, bias=-5.0)
    assert {old: list(news) for old, news in reachable(weak).items()} == {"PROTEST": ["ACCUSE"]}
    path = tmp_path / "weak.json"
    weak.save(path)
    consult = SimpleNamespace(category="CONSULT")  # nothing reachable: neither the events nor the parse are read
    assert correct_categories([consult], SimpleNamespace(), "en", str(path)) == [consult]  # type: ignore[list-item]


@pytest.mark.parametrize("language,text", [
    ("en", "France condemned Algeria on Monday. Germany imposed sanctions on Iran."),
    ("fr", "La France a condamné l'Algérie lundi. L'Allemagne a imposé des sanctions à l'Iran."),
])
def test_category_coder_obeys_the_model_it_is_given(tmp_path: Path, language: str, text: str) -> None:
    from dyadwatch import code_text

    def code(model: str) -> list[str]:
        config = replace(Config(), category_model=model, keep_model="")
        return [e.category for e in code_text(text, published="2026-02-18", language=language, config=config)]

    rules = code("")
    assert {"ACCUSE", "SANCTION"} <= set(rules)
    for weights, expected in (({}, rules), ({"SANCTION>COERCE": 100.0}, [c.replace("SANCTION", "COERCE") for c in rules])):
        path = tmp_path / f"category{len(weights)}.json"
        LinearModel(weights=weights, bias=-50.0).save(path)
        assert code(str(path)) == expected


def test_category_model_off_or_replaced_is_another_coder_version() -> None:
    from dyadwatch.pipeline import coder_version

    assert "+category" not in coder_version(Config())  # off by default (Config.category_model "")
    assert coder_version(replace(Config(), category_model="builtin")).endswith("+category.builtin")
    assert coder_version(replace(Config(), category_model="/tmp/mine.json")).endswith("+category.mine")


def test_category_missing_model_path_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(DyadwatchError) as err:
        load_category_model(str(tmp_path / "nowhere.json"))
    assert err.value.code == "E802" and "category_model" in str(err.value)


# every feature key the code emits after the pair (the part before "=", or the whole name of a flag)
KEYS = {"lang", "mode", "lem", "pos", "future", "negated", "historical", "hypothetical", "noun", "relcl",
        "reported", "obj", "noun_det", "head", "under", "nr", "rsector", "akind", "asector", "other"}


def _known(feature: str) -> bool:
    pair, _, rest = feature.partition("|")
    old, _, new = pair.partition(">")
    return new in boundary_pairs().get(old, ()) and (not rest or rest.split("=", 1)[0] in KEYS)


def test_category_shipped_model_loads_and_speaks_only_features_the_code_emits() -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "dyadwatch" / "learn" / "data" / "category.json"
    if not path.is_file():
        pytest.skip("no category.json yet: bench/train_category.py writes it")
    model = load_category_model("builtin")
    assert model is not None and 0.0 < model.threshold < 1.0
    assert not sorted(f for f in model.weights if not _known(f))
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
    assert meta["trained_by"] == "bench/train_category.py"
    assert _training_script().check_trainable(meta["sets"])  # no blind set among those it was trained on


@pytest.mark.parametrize("language,text,first,second", [
    ("en", "The arrest of the journalist angered Paris, which will not meet Algeria.", "arrest", "meet"),
    ("fr", "L'arrestation du journaliste a irrité Paris, qui ne rencontrera pas l'Algérie.", "arrestation", "rencontrera"),
])
def test_category_emitted_features_all_have_known_keys(parse: Any, language: str, text: str, first: str, second: str) -> None:
    text, view = parse(text, language)
    events = [_event(text, view, first, "COERCE"), _event(text, view, second, "CONSULT", future=True, negated=True)]
    emitted = {f for k in (0, 1) for feats in _options(view, events, k).values() for f in feats}
    assert emitted and all(_known(f) for f in emitted)


def _training_script() -> Any:
    return training_script("train_category")



def test_category_training_script_is_deterministic_on_a_small_slice() -> None:
    module = _training_script()
    data = {name: module.code_set(name, limit=2) for name in ("demo", "holdout")}
    first, second = module.fit(data, sorted(data)), module.fit(data, sorted(data))
    assert first.weights == second.weights and first.threshold == second.threshold
    assert module.examples(data["demo"]) == module.examples(data["demo"])
