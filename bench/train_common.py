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


def code_gold(golds: Sequence[Any], config: Any) -> tuple[dict[str, list[Any]], Any]:
    """Gold articles coded by the full pipeline, as the eval codes them: each article's events after the
    registry learned from all of them (by document id), and that registry."""
    from dyadwatch.actors.registry import apply, learn
    from dyadwatch.errors import DyadwatchError
    from dyadwatch.pipeline import default_pipeline
    from dyadwatch.records import Article, article_id

    pipeline = default_pipeline(config)
    articles = [Article(article_id(g.text, g.id), g.id, g.text, None, g.published, None, g.language, "gold", g.id)
                for g in golds]
    coded: dict[str, list[Any]] = {}
    people: dict[str, list[Any]] = {}
    for art, res in zip(articles, pipeline.code(articles)):
        if not isinstance(res, DyadwatchError):
            coded[art.doc_id] = list(res.events)
            people[art.doc_id] = [m.entity for m in res.mentions]
    registry = learn(e for es in people.values() for e in es)
    return {k: apply(v, registry) for k, v in coded.items()}, registry
