"""What every training script shares: the coded sets cached in a pickle, and the printed weights."""

from __future__ import annotations

import pickle
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def load_cached(cache: str | None, sets: Sequence[str], code: Callable[[str], T],
                trim: Callable[[T], T]) -> dict[str, T]:
    """Each set coded by ``code``, or read back from ``cache`` (then cut by ``trim``); a new cache is written.

    Coding seven sets takes minutes and a feature change does not need a new parse, so the first run
    writes the pickle and later runs read it.
    """
    if cache and Path(cache).is_file():
        with open(cache, "rb") as f:
            data: dict[str, T] = pickle.load(f)
        return {n: trim(data[n]) for n in sets}
    coded = {n: code(n) for n in sets}
    if cache:
        with open(cache, "wb") as f:
            pickle.dump(coded, f)
    return coded


def top_weights(model: Any, n: int = 12) -> list[str]:
    """The model's ``n`` largest weights by size, one printed line each."""
    ranked = sorted(model.weights.items(), key=lambda kv: (-abs(kv[1]), kv[0]))[:n]
    return [f"  {w:+.3f}  {f}" for f, w in ranked]
