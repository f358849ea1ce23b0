"""The training scripts under ``bench/``, loaded as modules so that their tests can call them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[1] / "bench"


def training_script(name: str) -> ModuleType:
    """``bench/<name>.py`` as a module named ``name`` (registered first: its dataclasses look it up by name)."""
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module
