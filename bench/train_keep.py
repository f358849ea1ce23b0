"""Train the learned event filter (learn/keep.py) on our development gold and print its fold table.

Each development set is coded once with the rules alone; every event the coder
proposes is labelled by the eval's own matcher (kept = it matches a gold event
that ``dyadwatch eval`` would count, one to one, in confidence order). The
development sets (``bench/dev_sets.py``) are the folds: for each, a model is trained
on the others (its threshold chosen by leave-one-set-out inside them) and the
held-out set is scored with ``score_articles``, with and without the filter, overall
and per language. The shipped model is trained on all of them. The coder runs with
every other learned step as it ships (the recipient model included: train it first).

Only development sets: never the blind hold-outs (``check_trainable`` refuses them), the GSR or the seed.

Example:
    .venv/bin/python bench/train_keep.py                     # fold table, then writes learn/data/keep.json
    .venv/bin/python bench/train_keep.py --cache /tmp/k.pkl  # code the sets once, reuse the parse afterwards
    .venv/bin/python bench/train_keep.py --dry-run           # the fold table only
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dev_sets import DEV_SETS, check_trainable  # noqa: E402
from train_common import load_cached, top_weights  # noqa: E402

from dyadwatch.eval.gold import GoldArticle, load_gold  # noqa: E402
from dyadwatch.eval.score import _matches, score_articles  # noqa: E402
from dyadwatch.learn.keep import ParseView, article_features, filter_events  # noqa: E402
from dyadwatch.learn.linear import Example, LinearModel, train  # noqa: E402
from dyadwatch.records import Event  # noqa: E402

OUT = ROOT / "src" / "dyadwatch" / "learn" / "data" / "keep.json"
L2 = 3.0
MIN_COUNT = 3
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


@dataclass
class Coded:
    """One gold article as the rules coded it: the parse, the stage's events and the same events after the registry."""

    gold: GoldArticle
    view: ParseView | None
    events: list[Event]
    final: list[Event]


def code_set(name: str, limit: int | None = None) -> list[Coded]:
    """Code one development set with the rules alone, keeping what the filter reads."""
    import dyadwatch.events.stage as stage
    from dyadwatch.actors.registry import apply, learn, resolve
    from dyadwatch.config import Config
    from dyadwatch.learn.keep import view_of
    from dyadwatch.pipeline import default_pipeline
    from dyadwatch.records import Article, article_id

    golds = load_gold(str(ROOT / "examples" / name / "gold.jsonl"))[:limit]
    seen: dict[str, tuple[ParseView, list[Event]]] = {}

    def record(events: list[Event], ctx: Any, language: str, model_name: str) -> list[Event]:
        seen[ctx.article.doc_id] = (view_of(ctx, language), list(events))
        return events

    config = Config(keep_model="")
    original, stage.keep_events = stage.keep_events, record  # type: ignore[assignment]
    try:
        pipeline = default_pipeline(config)
        arts = [Article(article_id(g.text, g.id), g.id, g.text, None, g.published, None, g.language, "gold", g.id) for g in golds]
        results = pipeline.code(arts)
    finally:
        stage.keep_events = original  # type: ignore[assignment]
    # the registry pass of ``dyadwatch eval``: what one article says about a person resolves another
    people = {a.doc_id: [m.entity for m in r.mentions] for a, r in zip(arts, results) if not isinstance(r, Exception)}
    registry = learn(e for es in people.values() for e in es)
    out = []
    for g, a in zip(golds, arts):
        view, events = seen.get(a.doc_id, (None, []))
        out.append(Coded(g, view, events, apply(events, registry)))
    del resolve
    return out


def labels(c: Coded) -> list[int]:
    """1 for each event the eval's one-to-one matching counts as right, 0 for each it counts as extra."""
    order = sorted(range(len(c.final)), key=lambda i: -c.final[i].confidence)
    used: set[int] = set()
    for k in sorted(range(len(c.gold.events)), key=lambda k: not c.gold.events[k].required):
        hit = next((i for i in order if i not in used and _matches(c.gold.events[k], c.final[i], c.gold.text)), None)
        if hit is not None:
            used.add(hit)
    return [int(i in used) for i in range(len(c.final))]


def features(c: Coded) -> list[frozenset[str]]:
    if c.view is None or not c.view.starts:
        return [frozenset() for _ in c.events]
    return article_features(c.view, c.events)


def examples(coded: Sequence[Coded]) -> list[Example]:
    return [ex for c in coded for ex in zip(features(c), labels(c))]


def kept(coded: Sequence[Coded], model: LinearModel | None, language: str | None = None) -> tuple[list[GoldArticle], dict[str, list[Event]]]:
    """The gold and the final events a model keeps (all of them without one), for ``score_articles``."""
    golds, out = [], {}
    for c in coded:
        if language and c.gold.language != language:
            continue
        golds.append(c.gold)
        if model is None or c.view is None or not c.view.starts:
            out[c.gold.id] = list(c.final)
            continue
        # the hook's own choice, read back by position: the registry pass changes parties, not the order
        chosen = {id(e) for e in filter_events(c.events, c.view, model)}
        out[c.gold.id] = [f for e, f in zip(c.events, c.final) if id(e) in chosen]
    return golds, out


def micro(coded: Sequence[Coded], model: LinearModel | None, language: str | None = None) -> tuple[float, float, float]:
    golds, events = kept(coded, model, language)
    m = score_articles(golds, events)["micro"]
    return m["precision"], m["recall"], m["f1"]


def fit(data: dict[str, list[Coded]], names: Sequence[str]) -> LinearModel:
    """A model on ``names``, its threshold chosen by leave-one-set-out among them (pooled event F1)."""
    exs = {n: examples(data[n]) for n in names}
    inner = {n: train([x for m in names if m != n for x in exs[m]], l2=L2, min_count=MIN_COUNT) for n in names}

    def pooled(t: float) -> float:
        golds: list[GoldArticle] = []
        events: dict[str, list[Event]] = {}
        for n in names:
            g, e = kept(data[n], replace(inner[n], threshold=t))
            golds += g
            events.update(e)
        return float(score_articles(golds, events)["micro"]["f1"])

    best = max(THRESHOLDS, key=lambda t: (round(pooled(t), 4), -t))
    return train([x for n in names for x in exs[n]], l2=L2, min_count=MIN_COUNT, threshold=best)


def fold_table(data: dict[str, list[Coded]]) -> list[str]:
    names = sorted(data)
    lines = ["fold       lang  rules P/R/F1          with model P/R/F1     thr   dF1"]
    wins, deltas = 0, []
    for held in names:
        model = fit(data, [n for n in names if n != held])
        for lang in (None, "en", "fr"):
            base, mine = micro(data[held], None, lang), micro(data[held], model, lang)
            lines.append(f"{held:10} {lang or 'all':4}  {base[0]:.3f}/{base[1]:.3f}/{base[2]:.3f}   "
                         f"{mine[0]:.3f}/{mine[1]:.3f}/{mine[2]:.3f}   {model.threshold:.2f}  {mine[2] - base[2]:+.3f}")
            if lang is None:
                wins += mine[2] > base[2]
                deltas.append(mine[2] - base[2])
    lines.append(f"folds helped: {wins}/{len(names)}; mean dF1 {sum(deltas) / len(deltas):+.4f}")
    return lines



def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", help="pickle of the coded sets: written on first use, read afterwards")
    parser.add_argument("--dry-run", action="store_true", help="print the fold table; write no model")
    parser.add_argument("--out", default=str(OUT), help="where the model trained on every set goes")
    parser.add_argument("--sets", default=",".join(DEV_SETS), help="development sets (folds), comma-separated (bench/dev_sets.py)")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each set (a quick check)")
    args = parser.parse_args(argv)
    try:
        sets = check_trainable([s for s in args.sets.split(",") if s])
    except ValueError as err:
        parser.error(str(err))
    data = load_cached(args.cache, sets, lambda n: code_set(n, args.limit), lambda coded: coded[: args.limit])
    print("\n".join(fold_table(data)))
    if args.dry_run:
        return 0
    model = fit(data, sorted(data))
    model = replace(model, meta={**model.meta, "sets": sorted(data), "trained_by": "bench/train_keep.py"})
    model.save(args.out)
    print(f"wrote {args.out}: {len(model.weights)} features, threshold {model.threshold}")
    print("\n".join(top_weights(model)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
