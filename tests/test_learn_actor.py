"""The learned actor choice (learn/actor.py): its features, its choice, the hook and the shipped model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyadwatch.learn import LinearModel
from dyadwatch.learn.actor import (
    ActorSlot,
    Candidate,
    _previous_actors,
    candidate_features,
    choose,
    chosen,
    load_actor_model,
    pair_features,
)
from dyadwatch.learn.linear import BUILTIN
from dyadwatch.learn.roles import Slot
from dyadwatch.records import Entity, Event, Evidence
from training_scripts import training_script

ROOT = Path(__file__).resolve().parents[1]


def _slot(language: str, words: list[tuple[str, str, int]], trigger: int, candidates: list[Candidate],
          category: str = "ACCUSE", swappable: bool = False) -> ActorSlot:
    """A slot from (word, label, head) triples: the parse written by hand."""
    parse = Slot(language, category, trigger, tuple(h for _, _, h in words), tuple(d for _, d, _ in words),
                 tuple(w.lower() for w, _, _ in words), frozenset(), ())
    return ActorSlot(parse, tuple(candidates), swappable)


def _cand(code: str, at: int, rule: bool = False, previous: bool = False, recipient: bool = False,
          guessed: bool = False) -> Candidate:
    return Candidate(code, at, "country", "GOV", rule, guessed, 1, previous=previous, recipient=recipient)


# "Chad agreed to expel Sudan's envoy" / « Le Tchad a accepté d'expulser l'envoyé du Soudan »
GOVERNED_EN = [("Chad", "nsubj", 1), ("agreed", "ROOT", 1), ("to", "aux", 3), ("expel", "xcomp", 1),
               ("Sudan", "poss", 6), ("'s", "case", 4), ("envoy", "dobj", 3)]
GOVERNED_FR = [("Le", "det", 1), ("Tchad", "nsubj", 3), ("a", "aux:tense", 3), ("accepté", "ROOT", 3),
               ("d'", "mark", 5), ("expulser", "xcomp", 3), ("l'", "det", 7), ("envoyé", "obj", 5),
               ("du", "case", 9), ("Soudan", "nmod", 7)]

# "Mali was accused by Niger" / « Le Mali a été accusé par le Niger »
PASSIVE_EN = [("Mali", "nsubjpass", 2), ("was", "auxpass", 2), ("accused", "ROOT", 2), ("by", "agent", 2),
              ("Niger", "pobj", 3)]
PASSIVE_FR = [("Le", "det", 1), ("Mali", "nsubj:pass", 4), ("a", "aux:tense", 4), ("été", "aux:pass", 4),
              ("accusé", "ROOT", 4), ("par", "case", 7), ("le", "det", 7), ("Niger", "obl:agent", 4)]


@pytest.mark.parametrize("language, words, trigger, at, prep", [
    ("en", PASSIVE_EN, 2, 4, "prep=by|en"),
    ("fr", PASSIVE_FR, 4, 7, "prep=par|fr"),
])
def test_actor_passive_agent_carries_its_preposition_after_the_trigger(language, words, trigger, at, prep):
    slot = _slot(language, words, trigger, [_cand("NER", at)])
    feats = candidate_features(slot, slot.candidates[0])
    assert {prep, "after", "same_clause", "agent"} <= set(feats)
    assert "subject" not in feats and "passive_subject" not in feats


@pytest.mark.parametrize("language, words, trigger, at", [("en", PASSIVE_EN, 2, 0), ("fr", PASSIVE_FR, 4, 1)])
def test_actor_passive_subject_is_not_marked_subject(language, words, trigger, at):
    slot = _slot(language, words, trigger, [_cand("MLI", at, rule=True)])
    feats = candidate_features(slot, slot.candidates[0])
    assert {"passive_subject", "before", "rule", "rule|named"} <= set(feats)
    assert "subject" not in feats and not any(f.startswith("prep=") for f in feats)


@pytest.mark.parametrize("language, words, trigger, at", [("en", GOVERNED_EN, 1, 0), ("fr", GOVERNED_FR, 3, 1)])
def test_actor_trigger_subject_is_marked_subject_before(language, words, trigger, at):
    slot = _slot(language, words, trigger, [_cand("TCD", at, rule=True)], category="AGREE")
    feats = candidate_features(slot, slot.candidates[0])
    assert {"subject", "subject|" + language, "before", "same_clause"} <= set(feats)
    assert "governor_subject" not in feats




@pytest.mark.parametrize("language, words, trigger, at", [("en", GOVERNED_EN, 3, 0), ("fr", GOVERNED_FR, 5, 1)])
def test_actor_subject_of_the_governing_verb_is_marked(language, words, trigger, at):
    slot = _slot(language, words, trigger, [_cand("TCD", at)], category="SANCTION")
    feats = candidate_features(slot, slot.candidates[0])
    assert "governor_subject" in feats and "subject" not in feats


# "Moscow's ultimatum" / « l'ultimatum de Moscou »: the owner of a noun trigger
OWNER_EN = [("Moscow", "poss", 2), ("'s", "case", 0), ("ultimatum", "ROOT", 2)]
OWNER_FR = [("l'", "det", 1), ("ultimatum", "ROOT", 1), ("de", "case", 3), ("Moscou", "nmod", 1)]


@pytest.mark.parametrize("language, words, trigger, at", [("en", OWNER_EN, 2, 0), ("fr", OWNER_FR, 1, 3)])
def test_actor_owner_of_a_noun_trigger_is_marked(language, words, trigger, at):
    slot = _slot(language, words, trigger, [_cand("RUS", at)], category="THREATEN")
    feats = candidate_features(slot, slot.candidates[0])
    assert {"owner", "owner|cat=THREATEN"} <= set(feats)


@pytest.mark.parametrize("language, words, trigger", [("en", PASSIVE_EN, 2), ("fr", PASSIVE_FR, 4)])
def test_actor_previous_sentence_actor_not_named_here_is_absent(language, words, trigger):
    slot = _slot(language, words, trigger, [_cand("NER", -1, previous=True)])
    feats = candidate_features(slot, slot.candidates[0])
    assert {"absent", "previous", "previous|cat=ACCUSE", "absent|cat=ACCUSE"} <= set(feats)
    assert not any(f.startswith(("path=", "prep=")) for f in feats)


def _passive(language: str = "en", swappable: bool = True) -> ActorSlot:
    words, trigger, by, subject = (PASSIVE_EN, 2, 4, 0) if language == "en" else (PASSIVE_FR, 4, 7, 1)
    return _slot(language, words, trigger, [_cand("MLI", subject, rule=True), _cand("NER", by, recipient=True),
                                            _cand("SEN", -1, previous=True)], swappable=swappable)


def test_actor_pair_marks_the_candidate_plus_and_the_rules_pick_minus():
    slot = _passive()
    feats = pair_features(slot, slot.candidates[2], slot.candidates[0])
    assert {"+previous", "+absent", "-rule", "-passive_subject"} <= feats
    assert "+rule" not in feats and "-previous" not in feats


@pytest.mark.parametrize("language", ["en", "fr"])
def test_actor_pair_against_no_pick_names_none(language):
    slot = _passive(language)
    feats = pair_features(slot, slot.candidates[1], None)
    assert {"-none", "-none|cat=ACCUSE"} <= feats


@pytest.mark.parametrize("weights, threshold, expected", [
    ({"+previous": 3.0}, 0.9, "SEN"),  # the previous sentence's actor is preferred beyond the threshold
    ({"+previous": 1.0}, 0.9, None),  # short of it: the rules' pick stands
    ({"+previous": 3.0, "-rule": -4.0}, 0.5, None),  # a pick the model trusts stands
    ({"+previous": 3.0}, 2.0, None),  # a threshold above 1: never replaced
])
def test_actor_choice_replaces_the_rules_pick_only_at_the_threshold(weights, threshold, expected):
    best = choose(LinearModel(weights, threshold=threshold), _passive(swappable=False))
    assert (best.code if best else None) == expected


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("swappable, expected", [(True, "NER"), (False, None)])
def test_actor_recipient_is_chosen_only_by_trading_places(language, swappable, expected):
    slot = _passive(language, swappable)
    slot = ActorSlot(slot.parse, slot.candidates[:2], slot.swappable)
    best = choose(LinearModel({"+recipient": 5.0}, threshold=0.5), slot)
    assert (best.code if best else None) == expected


def _event(actor: str, recipient: str, sentence: int = 0) -> Event:
    evidence = Evidence("Mali was accused by Niger.", sentence, 0, 26, "accused", 9, 16)
    return Event("e", "a", "d", "ACCUSE", None, (), (_entity(actor),), (_entity(recipient),), None, None, None,
                 False, False, False, False, -2.0, "verbal", evidence, 0.9, "coder")


def _entity(code: str) -> Entity:
    return Entity(code, "GOV", code, code)


def test_actor_chosen_recipient_trades_places_and_another_replaces_the_actor():
    slot, e = _passive(), _event("MLI", "NER")
    swapped = chosen(e, slot, [_entity("MLI"), _entity("NER"), _entity("SEN")], slot.candidates[1])
    assert (swapped.actor[0].code, swapped.recipient[0].code) == ("NER", "MLI")
    other = chosen(e, slot, [_entity("MLI"), _entity("NER"), _entity("SEN")], slot.candidates[2])
    assert (other.actor[0].code, other.recipient[0].code) == ("SEN", "NER")


def test_actor_previous_actor_is_the_last_earlier_sentence_that_told_one():
    events = [_event("FRA", "DZA", 0), _event("DZA", "FRA", 2), _event("MAR", "DZA", 5)]
    previous = _previous_actors(events)
    assert 0 not in previous and previous[2].code == "FRA" and previous[5].code == "DZA"


def test_actor_no_model_named_means_rules_alone():
    assert load_actor_model("") is None


def test_actor_step_is_off_by_default_and_named_in_the_coder_version():
    from dataclasses import replace

    from dyadwatch.config import Config
    from dyadwatch.pipeline import coder_version

    assert Config().actor_model == ""
    assert "+actor" not in coder_version(Config())
    assert coder_version(replace(Config(), actor_model=BUILTIN)).endswith("+actor.builtin")


def _shipped() -> Path:
    return ROOT / "src" / "dyadwatch" / "learn" / "data" / "actor.json"


# the feature families candidate_features emits: a shipped weight outside them would be dead
FAMILIES = {"kind", "sector", "rank", "rule", "speaker", "previous", "recipient", "absent", "path", "plen", "own",
            "after", "before", "dist", "same_clause", "subject", "governor_subject", "agent", "passive_subject", "object", "owner", "prep", "none"}


def test_actor_shipped_model_loads_with_features_the_code_emits():
    if not _shipped().is_file():
        pytest.skip("no shipped actor model")
    model = load_actor_model(BUILTIN)
    assert model is not None and model.weights and "add_threshold" in model.meta
    dead = [f for f in model.weights if f[:1] not in "+-" or f[1:].split("|")[0].split("=")[0] not in FAMILIES]
    assert not dead


def _bench() -> Any:
    return training_script("train_actor")


def test_actor_training_is_deterministic():
    bench = _bench()
    slots = [_passive("en"), _passive("fr", swappable=False)] * 4
    examples = [(pair_features(s, c, s.candidates[0]), int(c.code == "SEN")) for s in slots for c in s.candidates[1:]]
    first, second = bench.fit(examples, 0.9, 0.5), bench.fit(list(examples), 0.9, 0.5)
    assert first.weights == second.weights and first.bias == second.bias and first.meta["add_threshold"] == 0.5



@pytest.fixture(scope="module")
def coded(config, tmp_path_factory):
    """Code a text with the rules alone (``weights`` None) and with a hand-built model."""
    from dataclasses import replace

    from dyadwatch import code_text

    def run(text: str, weights: dict[str, float] | None) -> list:
        name = ""
        if weights is not None:
            file = tmp_path_factory.mktemp("actor") / "model.json"
            LinearModel(weights, threshold=0.5).save(file)
            name = str(file)
        off = {k: "" for k in ("keep_model", "recall_model") if hasattr(config, k)}
        return code_text(text, published="2026-02-18", config=replace(config, actor_model=name, **off))

    return run


TEXTS = [
    ("en", "Algeria accused France of arming Morocco."),
    ("fr", "L'Algérie a accusé la France d'armer le Maroc."),
]


def _parties(events) -> list:
    return [(e.category, tuple(a.code for a in e.actor), tuple(r.code for r in e.recipient)) for e in events]


@pytest.mark.parametrize("language, text", TEXTS)
@pytest.mark.parametrize("weights, expected", [
    (None, ("DZA", "FRA")),  # the rules, without a model
    ({"-rule": -5.0}, ("DZA", "FRA")),  # a model that trusts the rules keeps their pick
    ({"-rule": 5.0, "+recipient": -9.0}, ("MAR", "FRA")),  # one that distrusts it takes another party named
    ({"-rule": 5.0, "+recipient": 3.0}, ("FRA", "DZA")),  # or has the two parties trade places
])
def test_actor_hook_obeys_the_model(coded, language, text, weights, expected):
    accusations = [(e.actor[0].code, e.recipient[0].code) for e in coded(text, weights) if e.category == "ACCUSE"]
    assert accusations == [expected]


@pytest.mark.parametrize("language, text", TEXTS)
def test_actor_step_off_gives_the_rules_output(coded, language, text):
    assert _parties(coded(text, None)) == _parties(coded(text, {"-rule": -50.0}))
