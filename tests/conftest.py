"""Shared fixtures: paths to gold data, a configuration, temporary stores, coded texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The team's shared folder (gold files, seed article); tests skip cleanly without it."""
    if not (SHARED / "seed" / "seed-article.txt").is_file():
        pytest.skip("../shared is not present: gold and seed tests need it")
    return SHARED


@pytest.fixture(scope="session")
def config():
    from dyadwatch.config import load_config

    return load_config(environ={})


@pytest.fixture()
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.duckdb")


@pytest.fixture(scope="session")
def code(config):
    """Code one text with the real models; returns its events."""
    from dyadwatch import code_text

    def run(text: str, published: str = "2026-02-18", language: str | None = None):
        return code_text(text, published=published, language=language, config=config)

    return run


@pytest.fixture(scope="session")
def code_rules():
    """Code one text with the learned filter off: for tests of a rule's reading of a sentence, where whether
    the filter keeps the event (a model retrained as the gold grows) is not what the test is about."""
    from dyadwatch import code_text
    from dyadwatch.config import load_config

    rules_config = load_config(environ={}, overrides={"keep_model": ""})

    def run(text: str, published: str = "2026-02-18", language: str | None = None):
        return code_text(text, published=published, language=language, config=rules_config)

    return run


@pytest.fixture()
def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DYADWATCH_BATCH_SIZE", None)
    return env
