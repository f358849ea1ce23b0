"""The docs are tested against the code: every CLI command is in the README, every error code is explained."""

from pathlib import Path

from dyadwatch.cli.main import app
from dyadwatch.errors import Errors

ROOT = Path(__file__).resolve().parents[1]


def test_docs_readme_shows_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands] + [g.name for g in app.registered_groups]
    missing = [n for n in names if f"dyadwatch {n}" not in readme]
    assert names and missing == []


def test_docs_every_error_template_is_a_full_message():
    codes = {k: v for k, v in vars(Errors).items() if k.startswith("E") and k[1:].isdigit()}
    assert len(codes) > 40
    for code, template in codes.items():
        assert len(template) > 25, code
