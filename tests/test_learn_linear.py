"""The linear scorer the learned components share: it learns, it is deterministic, it round-trips."""

from __future__ import annotations

import random

import pytest

from dyadwatch.learn import LinearModel, cross_validate, train


def _examples(seed: int, n: int = 600) -> list[tuple[frozenset[str], int]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        relcl, said = rng.random() < 0.4, rng.random() < 0.3
        label = int(not relcl and not said)
        out.append((frozenset({"relcl" if relcl else "main", "said" if said else "act", f"n{rng.randint(0, 40)}"}), label))
    return out


def test_learn_linear_separates_a_rule_it_was_shown() -> None:
    model = train(_examples(1))
    assert model.says_yes({"main", "act"})
    assert not model.says_yes({"relcl", "act"})
    assert not model.says_yes({"main", "said"})


def test_learn_linear_same_examples_give_same_weights() -> None:
    assert train(_examples(2)).weights == train(_examples(2)).weights


@pytest.mark.parametrize("min_count", [2, 5])
def test_learn_linear_rare_features_get_no_weight(min_count: int) -> None:
    examples = _examples(3) + [(frozenset({"once", "main", "act"}), 0)]
    assert "once" not in train(examples, min_count=min_count).weights


def test_learn_linear_unknown_features_score_as_absent() -> None:
    model = train(_examples(4))
    assert model.logit({"main", "act", "never-seen"}) == model.logit({"main", "act"})


def test_learn_linear_saved_model_scores_the_same(tmp_path) -> None:
    model = train(_examples(5), threshold=0.4)
    model.save(tmp_path / "m.json")
    again = LinearModel.load(tmp_path / "m.json")
    assert again.threshold == 0.4
    assert again.logit({"relcl", "said"}) == pytest.approx(model.logit({"relcl", "said"}))


def test_learn_cross_validate_never_trains_on_the_held_out_group() -> None:
    groups = {"a": _examples(6, 200), "b": _examples(7, 200), "c": [(frozenset({"only-c"}), 1)] * 5}
    folds = cross_validate(groups, lambda exs: train(exs, min_count=1))
    assert sorted(folds) == ["a", "b", "c"]
    assert "only-c" not in folds["c"][0].weights
    assert "only-c" in folds["a"][0].weights
    assert folds["c"][1] == groups["c"]


@pytest.mark.parametrize("key", ["keep_model", "roles_model"])
def test_learn_a_model_path_that_cannot_be_read_is_a_coded_error_naming_the_key(tmp_path, key: str) -> None:
    from dyadwatch.errors import DyadwatchError
    from dyadwatch.learn.keep import load_keep_model
    from dyadwatch.learn.roles import load_roles_model

    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    load = load_keep_model if key == "keep_model" else load_roles_model
    with pytest.raises(DyadwatchError) as err:
        load(str(bad))
    assert err.value.code == "E802" and key in str(err.value) and "broken.json" in str(err.value)


@pytest.mark.parametrize(("keep", "roles", "tag"), [
    ("builtin", "builtin", ""),
    ("", "builtin", "+keep.off"),
    ("builtin", "", "+roles.off"),
    ("", "/models/my-roles.json", "+keep.off+roles.my-roles"),
])
def test_learn_a_learned_step_off_or_replaced_is_another_coder_version(keep: str, roles: str, tag: str) -> None:
    from dataclasses import replace

    from dyadwatch import __version__
    from dyadwatch.config import Config
    from dyadwatch.pipeline import coder_version

    config = replace(Config(), keep_model=keep, roles_model=roles)
    assert coder_version(config) == f"{config.coder_name}/{__version__}{tag}"
