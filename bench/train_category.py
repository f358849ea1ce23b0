"""Train the learned category correction (learn/category.py) on our development gold and print its fold table.

Each development set is coded once with the coder as it ships, its category
correction off; what ``code_events`` returns is kept with the parse. Every event
whose lexicon category has boundary alternatives (``learn/data/category_pairs.json``)
gives one example per alternative where either category counts as right, labelled by
the eval's own matcher: 1 when only the alternative does (an event wrong under both,
with the wrong parties or no gold event there, says nothing about the boundary). The
development sets (``bench/dev_sets.py``) are the folds: for each, a model is trained on
the others (its threshold chosen by leave-one-set-out inside them) and the held-out
set is scored with ``score_articles`` after the rest of the stage (``prune_events``,
the shipped event filter) and the eval's registry pass, with and without the
correction, overall and per language. The shipped model is trained on all of them.

Only development sets: never the blind hold-outs (``check_trainable`` refuses them), the GSR or the seed.

Example:
    .venv/bin/python bench/train_category.py                     # fold table, then writes learn/data/category.json
    .venv/bin/python bench/train_category.py --cache /tmp/c.pkl  # code the sets once, reuse the parse afterwards
    .venv/bin/python bench/train_category.py --dry-run           # the fold table only
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

from dyadwatch.actors.registry import apply  # noqa: E402
from dyadwatch.eval.gold import GoldArticle, load_gold  # noqa: E402
from dyadwatch.eval.score import _matches, score_articles  # noqa: E402
from dyadwatch.events.pruning import prune_events  # noqa: E402
from dyadwatch.learn.category import article_options, correct_events  # noqa: E402
from dyadwatch.learn.keep import ParseView, filter_events, load_keep_model  # noqa: E402
from dyadwatch.learn.linear import Example, LinearModel, train  # noqa: E402
from dyadwatch.ontology import load_ontology  # noqa: E402
from dyadwatch.records import Event  # noqa: E402

OUT = ROOT / "src" / "dyadwatch" / "learn" / "data" / "category.json"
L2 = 1.0
MIN_COUNT = 3
# a category changes only when the model is fairly sure: a wrong move costs a right event
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


@dataclass
class Coded:
    """One gold article as the coder coded it: the parse and the events ``code_events`` returned."""

    gold: GoldArticle
    view: ParseView | None
    events: list[Event]


@dataclass
class DevSet:
    """One coded development set and the person registry the eval learns from it."""

    articles: list[Coded]
    registry: dict[str, Any]


def code_set(name: str, limit: int | None = None) -> DevSet:
    """Code one development set with its category correction off, keeping what the correction reads."""
    import dyadwatch.events.stage as stage
    from dyadwatch.actors.registry import learn
    from dyadwatch.config import Config
    from dyadwatch.learn.keep import view_of
    from dyadwatch.pipeline import default_pipeline
    from dyadwatch.records import Article, article_id

    golds = load_gold(str(ROOT / "examples" / name / "gold.jsonl"))[:limit]
    seen: dict[str, tuple[ParseView, list[Event]]] = {}
    original = stage.code_events

    def record(ctx: Any) -> list[Event]:
        events = original(ctx)
        seen[ctx.article.doc_id] = (view_of(ctx, ctx.article.language or "en"), list(events))
        return events

    stage.code_events = record  # type: ignore[assignment]
    try:
        arts = [Article(article_id(g.text, g.id), g.id, g.text, None, g.published, None, g.language, "gold", g.id) for g in golds]
        results = default_pipeline(Config(category_model="")).code(arts)
    finally:
        stage.code_events = original  # type: ignore[assignment]
    # the registry pass of ``dyadwatch eval``: what one article says about a person resolves another
    registry = learn(m.entity for r in results if not isinstance(r, Exception) for m in r.mentions)
    coded = [Coded(g, *seen.get(a.doc_id, (None, []))) for g, a in zip(golds, arts)]
    return DevSet(coded, registry)


def examples(dev: DevSet) -> list[Example]:
    """One example per (event, boundary alternative) where either counts as right: 1 when only the alternative does."""
    out: list[Example] = []
    for c in dev.articles:
        if c.view is None:
            continue
        gold, text = c.gold.events, c.gold.text
        for e, options in zip(c.events, article_options(c.view, c.events)):
            if not options:
                continue
            final = apply([e], dev.registry)[0]
            right = any(_matches(g, final, text) for g in gold)
            for cat, feats in options:
                moved = any(_matches(g, replace(final, category=cat), text) for g in gold)
                # a move matters only where one of the two categories counts: an event wrong under both
                # (wrong parties, no gold event there) teaches nothing about the boundary
                if right or moved:
                    out.append((feats, int(moved and not right)))
    return out


def final_events(c: Coded, registry: dict[str, Any], model: LinearModel | None) -> list[Event]:
    """The rest of the events stage and the eval's registry pass, after the correction (none without a model)."""
    events = c.events
    if model is not None and c.view is not None:
        events = correct_events(events, c.view, model, load_ontology())
    events = prune_events(events, c.gold.language or "en")
    keep = load_keep_model("builtin")
    if keep is not None and c.view is not None and c.view.starts:
        events = filter_events(events, c.view, keep)
    return apply(events, registry)


def coded_events(devs: Sequence[DevSet], model: LinearModel | None,
                 language: str | None = None) -> tuple[list[GoldArticle], dict[str, list[Event]]]:
    golds, out = [], {}
    for dev in devs:
        for c in dev.articles:
            if language and c.gold.language != language:
                continue
            golds.append(c.gold)
            out[c.gold.id] = final_events(c, dev.registry, model)
    return golds, out


def micro(devs: Sequence[DevSet], model: LinearModel | None, language: str | None = None) -> tuple[float, float, float]:
    golds, events = coded_events(devs, model, language)
    m = score_articles(golds, events)["micro"]
    return m["precision"], m["recall"], m["f1"]


def fit(data: dict[str, DevSet], names: Sequence[str]) -> LinearModel:
    """A model on ``names``, its threshold chosen by leave-one-set-out among them (pooled event F1)."""
    exs = {n: examples(data[n]) for n in names}
    inner = {n: train([x for m in names if m != n for x in exs[m]], l2=L2, min_count=MIN_COUNT) for n in names}

    def pooled(t: float) -> float:
        golds: list[GoldArticle] = []
        events: dict[str, list[Event]] = {}
        for n in names:
            g, e = coded_events([data[n]], replace(inner[n], threshold=t))
            golds += g
            events.update(e)
        return float(score_articles(golds, events)["micro"]["f1"])

    best = max(THRESHOLDS, key=lambda t: (round(pooled(t), 4), t))
    return train([x for n in names for x in exs[n]], l2=L2, min_count=MIN_COUNT, threshold=best)


def fold_table(data: dict[str, DevSet]) -> list[str]:
    names = sorted(data)
    lines = ["fold       lang  without P/R/F1        with model P/R/F1     thr   dF1"]
    wins, deltas = 0, []
    for held in names:
        model = fit(data, [n for n in names if n != held])
        for lang in (None, "en", "fr"):
            base, mine = micro([data[held]], None, lang), micro([data[held]], model, lang)
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
    data = load_cached(args.cache, sets, lambda n: code_set(n, args.limit), lambda coded: DevSet(coded.articles[: args.limit], coded.registry))
    print("\n".join(fold_table(data)))
    if args.dry_run:
        return 0
    model = fit(data, sorted(data))
    model = replace(model, meta={**model.meta, "sets": sorted(data), "trained_by": "bench/train_category.py"})
    model.save(args.out)
    print(f"wrote {args.out}: {len(model.weights)} features, threshold {model.threshold}")
    print("\n".join(top_weights(model)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
