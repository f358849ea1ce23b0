"""The learned event filter (learn/keep.py): its features read our own English and French sentences right, the
hook obeys the model it is given, the coder without a model gives the rules' output, and the shipped model
speaks only the features the code emits."""

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
from dyadwatch.learn.keep import BUILTIN, ParseView, article_features, filter_events, keep_events, load_keep_model, view_of
from dyadwatch.records import Entity, Event, Evidence
from training_scripts import training_script


@pytest.fixture(scope="module")
def parse() -> Any:
    """Parse a text with the real model of its language; returns the text and the filter's view of it."""
    from dyadwatch.nlp.lists import parse_lists
    from dyadwatch.nlp.models import load_pipeline

    def run(text: str, language: str) -> tuple[str, ParseView]:
        doc = load_pipeline(language, Config().models)(text)
        lists = parse_lists(doc)
        ctx = SimpleNamespace(doc=doc, heads=lists.heads, deps=lists.deps, pos=lists.pos, lemmas=lists.lemmas, kids=lists.kids)
        return text, view_of(ctx, language)

    return run


def _entity(code: str, kind: str = "country", guessed: bool = False) -> Entity:
    return Entity(code=code, sector="GOV", name=code, canonical=code, kind=kind, guessed=guessed)


def _event(text: str, view: ParseView, word: str, category: str = "ACCUSE", actor: tuple[str, ...] = ("FRA",),
           recipient: tuple[str, ...] = ("DZA",), confidence: float = 0.8, **flags: Any) -> Event:
    """An event whose trigger is the first ``word`` of ``text``, with the sentence the parse puts it in."""
    at = text.index(word)
    sent = view.sent_of[bisect_right(view.starts, at) - 1]
    first = view.sent_of.index(sent)
    start = view.starts[first]
    end = view.starts[view.sent_of.index(sent + 1)] if sent + 1 in view.sent_of else len(text)
    evidence = Evidence(text[start:end], sent, start, end, word, at, at + len(word))
    base = dict(negated=False, future=False, hypothetical=False, historical=False)
    return Event(
        id=f"{category}:{at}", article_id="a", doc_id="d", category=category, mode=None, contexts=(),
        actor=tuple(_entity(c) for c in actor), recipient=tuple(_entity(c) for c in recipient), date=None,
        date_precision=None, location=None, score=0.0, quad="", evidence=evidence, confidence=confidence,
        coder="test", **{**base, **flags},
    )


def _features(view: ParseView, events: list[Event], k: int = 0) -> frozenset[str]:
    return article_features(view, events)[k]


RELATIVE = [
    ("en", "The minister who condemned the strikes left Paris.", "condemned"),
    ("fr", "Le ministre qui a condamné les frappes a quitté Paris.", "condamné"),
]
MAIN_CLAUSE = [
    ("en", "The minister condemned the strikes in Paris.", "condemned"),
    ("fr", "Le ministre a condamné les frappes à Paris.", "condamné"),
]


@pytest.mark.parametrize("language,text,word", RELATIVE)
def test_keep_trigger_in_relative_clause_carries_the_relative_clause_feature(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    assert "cat=ACCUSE|relcl" in _features(view, [_event(text, view, word)])


@pytest.mark.parametrize("language,text,word", MAIN_CLAUSE)
def test_keep_trigger_in_main_clause_has_no_clause_cue(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    feats = _features(view, [_event(text, view, word)])
    assert not {f for f in feats if f.endswith(("|relcl", "|reported"))}


@pytest.mark.parametrize("language,text,word", [
    ("en", "Officials said that Russia attacked the port.", "attacked"),
    ("fr", "Le ministre a déclaré que la Russie avait attaqué le port.", "attaqué"),
])
def test_keep_act_reported_by_a_reporting_verb_is_read_as_reported(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    assert "cat=ASSAULT|reported" in _features(view, [_event(text, view, word, "ASSAULT")])


@pytest.mark.parametrize("language,text,word", [
    ("en", 'The minister said: "We will punish Algeria for this."', "punish"),
    ("fr", "Le ministre a dit : « Nous punirons l'Algérie pour cela. »", "punirons"),
])
def test_keep_trigger_inside_quotation_marks_is_in_a_quote(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    assert "in_quote" in _features(view, [_event(text, view, word, "SANCTION")])


@pytest.mark.parametrize("language,text,word", MAIN_CLAUSE)
def test_keep_trigger_outside_quotation_marks_is_not_in_a_quote(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    assert "in_quote" not in _features(view, [_event(text, view, word)])


@pytest.mark.parametrize("language,text,governor,governed", [
    ("en", "France agreed to impose sanctions on Russia.", "agreed", "impose"),
    ("fr", "La France a accepté d'imposer des sanctions à la Russie.", "accepté", "imposer"),
])
def test_keep_event_under_another_events_trigger_is_governed_by_it(parse: Any, language: str, text: str, governor: str, governed: str) -> None:
    text, view = parse(text, language)
    events = [_event(text, view, governor, "AGREE"), _event(text, view, governed, "SANCTION")]
    assert {"governed", "governed_by=AGREE", "cat=SANCTION|governed", "others=1"} <= _features(view, events, 1)
    top = _features(view, events, 0)
    assert "governs" in top and "governed" not in top


@pytest.mark.parametrize("language,text,first,second", [
    ("en", "France criticised Russia. Germany imposed sanctions on Iran.", "criticised", "imposed"),
    ("fr", "La France a critiqué la Russie. L'Allemagne a imposé des sanctions à l'Iran.", "critiqué", "imposé"),
])
def test_keep_events_of_different_sentences_neither_govern_nor_count_as_neighbours(parse: Any, language: str, text: str, first: str, second: str) -> None:
    text, view = parse(text, language)
    events = [_event(text, view, first), _event(text, view, second, "SANCTION")]
    for k in (0, 1):
        feats = _features(view, events, k)
        assert "others=0" in feats and not {"governed", "governs"} & feats
    assert "sent=0" in _features(view, events, 0) and "sent=1" in _features(view, events, 1)


@pytest.mark.parametrize("language,text,word", MAIN_CLAUSE)
def test_keep_party_features_say_how_the_parties_were_found(parse: Any, language: str, text: str, word: str) -> None:
    text, view = parse(text, language)
    same = _event(text, view, word, actor=("FRA",), recipient=("FRA",))
    assert "same_country" in _features(view, [same])
    alone = _event(text, view, word, actor=(), recipient=("DZA",))
    assert {"na=0", "nr=1", "rkind=country"} <= _features(view, [alone])
    guessed = replace(same, actor=(_entity("FRA", "person", guessed=True),), recipient=())
    feats = _features(view, [guessed])
    assert {"aguessed", "akind=person", "nr=0", "cat=ACCUSE|nr=0"} <= feats and "same_country" not in feats


@pytest.mark.parametrize("language,relative,main", [
    ("en", ("The minister who condemned the strikes left Paris.", "condemned", "left"), ("The minister condemned the strikes in Paris.", "condemned")),
    ("fr", ("Le ministre qui a condamné les frappes a quitté Paris.", "condamné", "quitté"), ("Le ministre a condamné les frappes à Paris.", "condamné")),
])
def test_keep_filter_drops_what_its_model_scores_low_and_keeps_the_rest(parse: Any, language: str, relative: tuple[str, str, str], main: tuple[str, str]) -> None:
    model = LinearModel(weights={"cat=ACCUSE|relcl": -10.0}, bias=2.0)
    text, view = parse(relative[0], language)
    events = [_event(text, view, relative[1]), _event(text, view, relative[2], "RETREAT")]
    assert filter_events(events, view, model) == events[1:]
    text, view = parse(main[0], language)
    events = [_event(text, view, main[1])]
    assert filter_events(events, view, model) == events


@pytest.mark.parametrize("language,text,first,second", [
    ("en", "France criticised Russia. Germany imposed sanctions on Iran.", "criticised", "imposed"),
    ("fr", "La France a critiqué la Russie. L'Allemagne a imposé des sanctions à l'Iran.", "critiqué", "imposé"),
])
def test_keep_filter_leaves_an_article_its_most_likely_event(parse: Any, language: str, text: str, first: str, second: str) -> None:
    text, view = parse(text, language)
    events = [_event(text, view, first), _event(text, view, second, "SANCTION")]
    model = LinearModel(weights={"cat=SANCTION": 1.0}, bias=-10.0)
    assert filter_events(events, view, model) == events[1:]
    assert filter_events(events, view, replace(model, bias=10.0)) == events


def test_keep_without_a_model_passes_the_rules_output_unchanged() -> None:
    events = [object()]  # the hook must not read the events nor the context when no model is named
    assert keep_events(events, SimpleNamespace(), "en", "") is events  # type: ignore[arg-type]


@pytest.mark.parametrize("language,text", [
    ("en", "France condemned Algeria on Monday. Germany imposed sanctions on Iran."),
    ("fr", "La France a condamné l'Algérie lundi. L'Allemagne a imposé des sanctions à l'Iran."),
])
def test_keep_coder_obeys_the_model_it_is_given(tmp_path: Path, language: str, text: str) -> None:
    from dyadwatch import code_text

    def code(model: str) -> list[tuple[str, str]]:
        events = code_text(text, published="2026-02-18", language=language, config=replace(Config(), keep_model=model))
        return [(e.id, e.category) for e in events]

    rules = code("")
    assert {"SANCTION"} < {cat for _, cat in rules}
    for weights, expected in (({}, rules), ({"cat=SANCTION": -100.0}, [r for r in rules if r[1] != "SANCTION"])):
        path = tmp_path / f"keep{len(weights)}.json"
        LinearModel(weights=weights, bias=50.0).save(path)
        assert code(str(path)) == expected


def test_keep_missing_model_path_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(DyadwatchError) as err:
        load_keep_model(str(tmp_path / "nowhere.json"))
    assert err.value.code == "E802" and "keep_model" in str(err.value)


# every feature name the code emits, by its key (the part before "=", or the whole name of a flag)
KEYS = {"lang", "cat", "mode", "conf", "negated", "future", "hypothetical", "historical", "sent", "in_quote",
        "na", "nr", "akind", "rkind", "asector", "rsector", "aguessed", "rguessed", "aunk", "runk", "same_country",
        "governed", "governed_by", "governs", "repeat", "others", "noun", "relcl", "reported"}


def _keys(feature: str) -> set[str]:
    return {part.split("=", 1)[0] for part in feature.split("|")}


def test_keep_shipped_model_loads_and_speaks_only_features_the_code_emits() -> None:
    path = Path(__file__).resolve().parents[1] / "src" / "dyadwatch" / "learn" / "data" / "keep.json"
    if not path.is_file():
        pytest.skip("no keep.json yet: bench/train_keep.py writes it")
    model = load_keep_model(BUILTIN)
    assert model is not None and model.weights and 0.0 < model.threshold < 1.0
    dead = sorted(f for f in model.weights if not _keys(f) <= KEYS)
    assert not dead
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
    assert meta["trained_by"] == "bench/train_keep.py"
    assert _training_script().check_trainable(meta["sets"])  # no blind set among those it was trained on


@pytest.mark.parametrize("language,text,governor,governed", [
    ("en", "The minister who condemned the strikes said France would impose sanctions on Russia.", "condemned", "impose"),
    ("fr", "Le ministre qui a condamné les frappes a dit que la France imposerait des sanctions à la Russie.", "condamné", "imposerait"),
])
def test_keep_emitted_features_all_have_known_keys(parse: Any, language: str, text: str, governor: str, governed: str) -> None:
    text, view = parse(text, language)
    events = [_event(text, view, governor), _event(text, view, governed, "SANCTION", future=True, negated=True)]
    emitted = set().union(*(_features(view, events, k) for k in (0, 1)))
    assert set().union(*(_keys(f) for f in emitted)) <= KEYS


def _training_script() -> Any:
    return training_script("train_keep")



def test_keep_training_script_is_deterministic_on_a_small_slice() -> None:
    module = _training_script()
    data = {name: module.code_set(name, limit=2) for name in ("demo", "holdout")}
    first, second = module.fit(data, sorted(data)), module.fit(data, sorted(data))
    assert first.weights and first.weights == second.weights and first.threshold == second.threshold
    assert module.examples(data["demo"]) == module.examples(data["demo"])
