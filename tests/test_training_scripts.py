"""Every training script under bench/ refuses a blind set, alone or among development sets."""

from __future__ import annotations

import pytest

from training_scripts import training_script

SCRIPTS = ("train_roles", "train_keep", "train_actor", "train_category", "train_recall")


@pytest.mark.parametrize("sets", ["holdout8", "demo,holdout8"])
@pytest.mark.parametrize("script", SCRIPTS)
def test_training_script_refuses_a_blind_set(script: str, sets: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        training_script(script).main(["--sets", sets, "--dry-run"])
    assert stop.value.code == 2 and "holdout8 is a blind set" in capsys.readouterr().err
