"""A logistic scorer over named features: trained with numpy, applied with dict lookups.

Features are strings ("cat=ACCUSE", "dep=relcl|cat=ACCUSE"); an example is the set
of features that fire on it. Training is L2-regularised logistic regression solved
by Newton steps, so the same examples always give the same weights. Applying a model
is a sum of weights, cheap enough to run on every candidate the coder proposes.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Example = tuple[frozenset[str], int]


@dataclass(frozen=True)
class LinearModel:
    """Weights per feature, a bias, and the probability at which the model says yes."""

    weights: dict[str, float]
    bias: float = 0.0
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def logit(self, features: Iterable[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        z = self.logit(features)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def says_yes(self, features: Iterable[str]) -> bool:
        return self.probability(features) >= self.threshold

    def save(self, path: str | Path) -> None:
        data = {"bias": self.bias, "threshold": self.threshold, "meta": self.meta,
                "weights": dict(sorted(self.weights.items()))}
        Path(path).write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: str | Path) -> LinearModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(weights={str(k): float(v) for k, v in data["weights"].items()},
                   bias=float(data["bias"]), threshold=float(data.get("threshold", 0.5)),
                   meta=dict(data.get("meta", {})))


BUILTIN = "builtin"


def load_named(name: str, shipped: str, key: str) -> LinearModel | None:
    """The model a configuration key names: "" for none (the rules alone), "builtin" for the shipped
    ``learn/data/<shipped>.json`` (none in a checkout before it was trained), or a path to a model file."""
    if not name:
        return None
    path = Path(__file__).parent / "data" / f"{shipped}.json" if name == BUILTIN else Path(name)
    if name == BUILTIN and not path.is_file():
        return None
    try:
        return LinearModel.load(path)
    except (OSError, ValueError, KeyError) as exc:
        from dyadwatch.errors import make

        raise make("E802", where=str(path), key=key, value=repr(name),
                   reason=f"{exc}; use 'builtin', '' (the rules alone) or a model written by "
                          f"bench/train_{shipped}.py") from exc


def _vocabulary(examples: Sequence[Example], min_count: int) -> list[str]:
    counts = Counter(f for feats, _ in examples for f in feats)
    return sorted(f for f, n in counts.items() if n >= min_count)


def train(examples: Sequence[Example], l2: float = 1.0, min_count: int = 2, iterations: int = 25,
          threshold: float = 0.5) -> LinearModel:
    """Fit weights to (features, label) pairs; features seen fewer than ``min_count`` times are left out."""
    import numpy as np

    vocab = _vocabulary(examples, min_count)
    index = {f: i for i, f in enumerate(vocab)}
    x = np.zeros((len(examples), len(vocab) + 1))
    x[:, -1] = 1.0  # the bias column, not regularised
    for row, (feats, _) in enumerate(examples):
        for f in feats:
            col = index.get(f)
            if col is not None:
                x[row, col] = 1.0
    y = np.array([label for _, label in examples], dtype=float)
    penalty = np.full(len(vocab) + 1, l2)
    penalty[-1] = 0.0
    w = np.zeros(len(vocab) + 1)
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if float(np.max(np.abs(step))) < 1e-7:
            break
    weights = {f: round(float(w[i]), 6) for f, i in index.items() if abs(w[i]) >= 1e-6}
    return LinearModel(weights=weights, bias=round(float(w[-1]), 6), threshold=threshold,
                       meta={"examples": len(examples), "positives": int(y.sum()), "l2": l2,
                             "min_count": min_count})


def cross_validate(groups: dict[str, Sequence[Example]], fit: Callable[[Sequence[Example]], LinearModel]
                   ) -> dict[str, tuple[LinearModel, Sequence[Example]]]:
    """Leave one group out: for each group, a model fitted on all the others and the group it is tested on."""
    folds = {}
    for held in sorted(groups):
        rest = [ex for name, exs in sorted(groups.items()) if name != held for ex in exs]
        folds[held] = (fit(rest), groups[held])
    return folds
