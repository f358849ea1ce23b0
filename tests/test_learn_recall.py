"""The learned recall step (learn/recall.py): its features, its proposals, the hook and the shipped model."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from dyadwatch.config import Config
from dyadwatch.learn import LinearModel
from dyadwatch.learn.linear import BUILTIN
from dyadwatch.learn.recall import (
    CATEGORIES,
    LEARNED,
    PROPOSED_CONFIDENCE,
    RecallModel,
    eligible,
    load_recall_model,
    marked,
    propose,
    sentence_parties,
    token_features,
)
from dyadwatch.pipeline import coder_version
from training_scripts import training_script

ROOT = Path(__file__).resolve().parents[1]

# (word, lemma, pos, label, head); the parse written by hand
Word = tuple[str, str, str, str, int]


def _ctx(language: str, words: list[Word], states: dict[int, str] = {}, people: set[int] = set(),
         known: set[str] = set(), model: RecallModel | None = None) -> Any:
    """A coder context reduced to what the step reads: the lists, the parties, the lexicon's words."""
    kids: list[list[int]] = [[] for _ in words]
    for i, (*_, head) in enumerate(words):
        if head != i:
            kids[head].append(i)
    lexicon = SimpleNamespace(language=language, triggers={w: () for w in known},
                              reporting=frozenset({"say", "dire"}))
    actors = SimpleNamespace(tok_person={i: object() for i in people},
                             tok_entry={i: SimpleNamespace(kind=k) for i, k in states.items()})
    return SimpleNamespace(
        lemmas=[w[1] for w in words], lower=[w[0].lower() for w in words], pos=[w[2] for w in words],
        deps=[w[3] for w in words], heads=[w[4] for w in words], kids=kids, lexicon=lexicon, actors=actors,
        toks=[SimpleNamespace(i=i, text=w[0]) for i, w in enumerate(words)], recall_model=model)


# "France levied heavy duties on Chinese steel" / « La France a prélevé de lourds droits sur l'acier chinois »
LEVIED_EN: list[Word] = [("France", "france", "PROPN", "nsubj", 1), ("levied", "levy", "VERB", "ROOT", 1),
                         ("heavy", "heavy", "ADJ", "amod", 3), ("duties", "duty", "NOUN", "dobj", 1),
                         ("on", "on", "ADP", "prep", 1), ("Chinese", "chinese", "ADJ", "amod", 6),
                         ("steel", "steel", "NOUN", "pobj", 4)]
LEVIED_FR: list[Word] = [("La", "le", "DET", "det", 1), ("France", "france", "PROPN", "nsubj", 3),
                         ("a", "avoir", "AUX", "aux:tense", 3), ("prélevé", "prélever", "VERB", "ROOT", 3),
                         ("de", "de", "DET", "det", 6), ("lourds", "lourd", "ADJ", "amod", 6),
                         ("droits", "droit", "NOUN", "obj", 3), ("sur", "sur", "ADP", "case", 9),
                         ("l'", "le", "DET", "det", 9), ("acier", "acier", "NOUN", "obl:mod", 3),
                         ("chinois", "chinois", "ADJ", "amod", 9)]


@pytest.mark.parametrize("language, words, verb, states, expected", [
    ("en", LEVIED_EN, 1, {0: "country", 5: "adjective"},
     {"lang=en", "pos=VERB", "root", "lemma=levy", "subj=state", "obj=duty", "lemma=levy|obj=duty", "prep=on",
      "prep=on|steel", "prep=on|party=state", "parties=2"}),
    ("fr", LEVIED_FR, 3, {1: "country", 10: "adjective"},
     {"lang=fr", "pos=VERB", "root", "lemma=prélever", "subj=state", "obj=droit", "prep=sur", "prep=sur|acier",
      "prep=sur|party=state", "parties=2"}),
])
def test_recall_features_read_subject_object_and_preposition(language, words, verb, states, expected):
    ctx = _ctx(language, words, states)
    feats = token_features(ctx, verb, sentence_parties(ctx, 0, len(words)))
    assert expected <= feats
    assert "negated" not in feats and "subj=none" not in feats


# "Algeria will not renew the lease" / « L'Algérie ne renouvelle pas le bail »
RENEW_EN: list[Word] = [("Algeria", "algeria", "PROPN", "nsubj", 3), ("will", "will", "AUX", "aux", 3),
                        ("not", "not", "PART", "neg", 3), ("renew", "renew", "VERB", "ROOT", 3),
                        ("the", "the", "DET", "det", 5), ("lease", "lease", "NOUN", "dobj", 3)]
RENEW_FR: list[Word] = [("L'", "le", "DET", "det", 1), ("Algérie", "algérie", "PROPN", "nsubj", 3),
                        ("ne", "ne", "ADV", "advmod", 3), ("renouvelle", "renouveler", "VERB", "ROOT", 3),
                        ("pas", "pas", "ADV", "advmod", 3), ("le", "le", "DET", "det", 6),
                        ("bail", "bail", "NOUN", "obj", 3)]


@pytest.mark.parametrize("language, words, verb, future", [("en", RENEW_EN, 3, True), ("fr", RENEW_FR, 3, False)])
def test_recall_features_mark_negation_and_future(language, words, verb, future):
    ctx = _ctx(language, words, {1 if language == "fr" else 0: "country"})
    feats = token_features(ctx, verb, 1)
    assert "negated" in feats and ("future" in feats) == future and "parties=1" in feats


@pytest.mark.parametrize("language, verb", [("en", "slap"), ("fr", "infliger")])
def test_recall_features_carry_what_the_lexicon_says_of_the_word(language, verb):
    words: list[Word] = [("X", "x", "PROPN", "nsubj", 1), (verb, verb, "VERB", "ROOT", 1)]
    assert "lex=SANCTION" in token_features(_ctx(language, words, {0: "country"}), 1, 1)


@pytest.mark.parametrize("language, words, verb", [("en", LEVIED_EN, 1), ("fr", LEVIED_FR, 3)])
def test_recall_reads_unknown_verbs_of_a_sentence_with_parties(language, words, verb):
    ctx = _ctx(language, words, {1 if language == "fr" else 0: "country"})
    assert verb in eligible(ctx, 0, len(words), set())


@pytest.mark.parametrize("language, words, verb", [("en", LEVIED_EN, 1), ("fr", LEVIED_FR, 3)])
def test_recall_skips_a_word_a_lexicon_candidate_took(language, words, verb):
    ctx = _ctx(language, words, {1 if language == "fr" else 0: "country"})
    assert verb not in eligible(ctx, 0, len(words), {verb})


# "Macron said" / « Macron a dit »: saying is not an event, and a person is no trigger
SAID_EN: list[Word] = [("Macron", "macron", "PROPN", "nsubj", 1), ("said", "say", "VERB", "ROOT", 1)]
SAID_FR: list[Word] = [("Macron", "macron", "PROPN", "nsubj", 2), ("a", "avoir", "AUX", "aux:tense", 2),
                       ("dit", "dire", "VERB", "ROOT", 2)]


@pytest.mark.parametrize("language, words", [("en", SAID_EN), ("fr", SAID_FR)])
def test_recall_skips_reporting_verbs_and_people(language, words):
    ctx = _ctx(language, words, people={0})
    assert eligible(ctx, 0, len(words), set()) == []


@pytest.mark.parametrize("language, words", [("en", LEVIED_EN), ("fr", LEVIED_FR)])
def test_recall_skips_a_sentence_that_names_no_party(language, words):
    ctx = _ctx(language, words)
    assert sentence_parties(ctx, 0, len(words)) == 0
    assert propose(ctx, SimpleNamespace(start=0, end=len(words)), []) == []


def _model(threshold: float = 0.5) -> RecallModel:
    """A hand-built model: "levy"/« prélever » with a state object of a preposition tells a SANCTION."""
    weights = {"ev|lemma=levy": 4.0, "ev|lemma=prélever": 4.0, "ev|prep=on|party=state": 1.0,
               "ev|prep=sur|party=state": 1.0, "SANCTION|obj=duty": 3.0, "SANCTION|obj=droit": 3.0,
               "SANCTION|bias": -1.0, "AID|bias": 0.0, "AID|obj=aid": 2.0}
    return RecallModel.of(LinearModel(weights, bias=-2.0, threshold=threshold))


@pytest.mark.parametrize("language, words, verb", [("en", LEVIED_EN, 1), ("fr", LEVIED_FR, 3)])
def test_recall_proposes_the_category_the_model_gives(language, words, verb):
    states = {0: "country", 5: "adjective"} if language == "en" else {1: "country", 10: "adjective"}
    ctx = _ctx(language, words, states, model=_model())
    found = propose(ctx, SimpleNamespace(start=0, end=len(words)), [])
    assert [(c.token.i, c.trigger.category, c.trigger.priority) for c in found] == [(verb, "SANCTION", LEARNED)]


@pytest.mark.parametrize("language, words", [("en", LEVIED_EN), ("fr", LEVIED_FR)])
def test_recall_proposes_nothing_below_the_threshold_or_without_a_model(language, words):
    states = {0: "country"} if language == "en" else {1: "country"}
    sent = SimpleNamespace(start=0, end=len(words))
    assert propose(_ctx(language, words, states, model=_model(threshold=0.99)), sent, []) == []
    assert propose(_ctx(language, words, states, model=None), sent, []) == []


def test_recall_model_splits_the_two_scorers_by_name():
    model = _model()
    assert set(model.categories) == {"SANCTION", "AID"} and "lemma=levy" in model.event
    p, cat = model.score(frozenset({"lemma=levy", "obj=duty"}))
    assert cat == "SANCTION" and 0.5 < p < 1.0
    assert model.score(frozenset())[0] < 0.2


@dataclass(frozen=True)
class _Scored:
    confidence: float


def test_recall_marks_only_learned_events_with_a_lower_confidence():
    from dyadwatch.events.context import Candidate
    from dyadwatch.events.lexicon import Trigger

    event = _Scored(0.9)
    learned = Candidate(None, Trigger(("levy",), "SANCTION", None, "VERB", frozenset(), LEARNED))
    rule = Candidate(None, Trigger(("expel",), "SANCTION", None, "VERB", frozenset(), 0))
    assert marked(event, rule) is event  # type: ignore[arg-type]
    assert marked(event, learned).confidence == PROPOSED_CONFIDENCE  # type: ignore[arg-type, union-attr]
    assert marked(None, learned) is None


def test_recall_on_or_replaced_is_another_coder_version():
    assert "+recall" not in coder_version(Config()) and "+recall" not in coder_version(Config(recall_model=""))
    assert coder_version(Config(recall_model="builtin")).endswith("+recall.builtin")
    assert "+recall.mine" in coder_version(Config(recall_model="/tmp/mine.json"))


def test_recall_is_off_by_default_and_builtin_without_a_shipped_file_is_off():
    assert Config().recall_model == ""
    path = ROOT / "src" / "dyadwatch" / "learn" / "data" / "recall.json"
    assert (load_recall_model(BUILTIN) is None) == (not path.is_file())


@pytest.mark.parametrize("language, text", [
    ("en", "France levied heavy duties on Chinese steel, and Algeria recalled its ambassador from Paris."),
    ("fr", "La France a prélevé de lourds droits sur l'acier chinois, et l'Algérie a rappelé son ambassadeur à Paris."),
])
def test_recall_with_a_model_that_never_proposes_codes_as_the_step_off(tmp_path, language, text):
    from dyadwatch import code_text

    silent = tmp_path / "silent.json"
    LinearModel({"SANCTION|bias": 1.0}, bias=-50.0, threshold=0.5).save(silent)
    off = code_text(text, published="2026-02-18", language=language, config=Config(recall_model=""))
    never = code_text(text, published="2026-02-18", language=language, config=Config(recall_model=str(silent)))
    assert [(e.category, e.evidence.trigger_start) for e in off] == [(e.category, e.evidence.trigger_start) for e in never]


def _keys_known(name: str) -> bool:
    head, _, feat = name.partition("|")
    if head == "ev":
        pass
    elif head in CATEGORIES:
        if feat == "bias":
            return True
    else:
        return False
    prefixes = ("lang=", "pos=", "dep=", "lemma=", "parties=", "subj=", "subj_lemma=", "obj=", "prep=", "negated",
                "future", "passive", "root", "relcl", "reported", "under=", "obj_of=", "lex=", "lexpart=")
    return feat.startswith(prefixes)


def test_recall_shipped_model_loads_and_has_only_features_the_code_emits():
    path = ROOT / "src" / "dyadwatch" / "learn" / "data" / "recall.json"
    if not path.is_file():
        pytest.skip("no recall.json shipped: the step is off (bench/train_recall.py writes it)")
    model = load_recall_model(BUILTIN)
    assert model is not None and model.event and model.categories and 0.0 < model.threshold < 1.0
    weights = json.loads(path.read_text(encoding="utf-8"))["weights"]
    assert not sorted(f for f in weights if not _keys_known(f))
    meta = json.loads(path.read_text(encoding="utf-8"))["meta"]
    assert meta["trained_by"] == "bench/train_recall.py"
    assert _training_script().check_trainable(meta["sets"])


def _training_script() -> Any:
    return training_script("train_recall")



def test_recall_training_script_is_deterministic_on_a_small_slice() -> None:
    module = _training_script()
    coded = [c for name in ("holdout3", "holdout4") for c in module.code_set(name, limit=3)]
    first, second = module.fit(coded, 0.3), module.fit(coded, 0.3)
    assert first.weights and first.weights == second.weights and first.bias == second.bias
    assert module.labels(coded[0]) == module.labels(coded[0])
