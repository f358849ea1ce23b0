"""Train the learned recall step (learn/recall.py) on our development gold and print its fold table.

Each development set is coded once as the coder stands (the recall step off);
for every word the step reads (``recall.eligible``) the event it would propose
is built with each of the sixteen categories by the coder's own ``build_event``,
and labelled by the eval's own matcher: right when it matches a gold event that
the coder's events left unmatched. Two scorers are trained: whether the word
tells such an event (any category), and, on the words that do, one-vs-rest per
category. A word is proposed when the product of the two probabilities reaches
the threshold. The threshold is not tuned: an added event raises micro F1 only
when it is right more often than F1 / 2, so it is half the rules' pooled F1 on
the sets the model is trained on (the break-even probability).

The seven sets are the seven folds: for each, a model is trained on the other
six and the held-out set is scored with ``score_articles``, the coder's events
alone and with the proposals added (a proposal that repeats an event of its
sentence, same category and countries, is merged away as the coder would).

Only development sets (``bench/dev_sets.py``): never the blind hold-outs, the GSR or the seed.

Example:
    .venv/bin/python bench/train_recall.py                      # fold table, then writes learn/data/recall.json
    .venv/bin/python bench/train_recall.py --cache /tmp/r.pkl   # code the sets once, reuse them afterwards
    .venv/bin/python bench/train_recall.py --dry-run            # the fold table only
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dev_sets import DEV_SETS, check_trainable  # noqa: E402
from train_common import load_cached, top_weights  # noqa: E402

from dyadwatch.eval.gold import GoldArticle, GoldEvent, load_gold  # noqa: E402
from dyadwatch.eval.score import _matches, score_articles  # noqa: E402
from dyadwatch.learn import recall as R  # noqa: E402
from dyadwatch.learn.linear import Example, LinearModel, train  # noqa: E402
from dyadwatch.records import Event  # noqa: E402

OUT = ROOT / "src" / "dyadwatch" / "learn" / "data" / "recall.json"
L2 = 3.0
MIN_COUNT = 3


@dataclass
class Word:
    """One word the step reads: its features and the event each category would give it (None: no event)."""

    feats: frozenset[str]
    built: dict[str, Event | None]


@dataclass
class Coded:
    """One gold article: the coder's final events (after the registry pass) and the words the step reads."""

    gold: GoldArticle
    final: list[Event]
    words: list[Word] = field(default_factory=list)


def _words(ctx: Any) -> list[Word]:
    """Every word the step would read in the article, with the event each category builds on it."""
    from dyadwatch.events.candidates import find_candidates, fold_governed
    from dyadwatch.events.coder import build_event
    from dyadwatch.events.context import Candidate
    from dyadwatch.events.lexicon import Trigger
    from dyadwatch.nlp.lists import parse_lists

    out = []
    for index, (start, end) in enumerate(parse_lists(ctx.doc).sents):
        parties = R.sentence_parties(ctx, start, end)
        if not parties:
            continue
        sent = ctx.toks[start].sent
        cands = fold_governed(find_candidates(sent, ctx), ctx, sent)
        taken = {c.token.i for c in cands}.union(*(c.consumed for c in cands))
        for i in R.eligible(ctx, start, end, taken):
            built: dict[str, Event | None] = {}
            for cat in R.CATEGORIES:
                cand = Candidate(ctx.toks[i], Trigger((ctx.lemmas[i],), cat, None, ctx.pos[i], frozenset(), R.LEARNED))
                built[cat] = R.marked(build_event(cand, index, ctx, sent), cand)
            out.append(Word(R.token_features(ctx, i, parties), built))
    return out


def code_set(name: str, limit: int | None = None) -> list[Coded]:
    """Code one development set with the recall step off, keeping the words it would read."""
    import dyadwatch.events.stage as stage
    from dyadwatch.actors.registry import apply, learn
    from dyadwatch.config import Config
    from dyadwatch.pipeline import default_pipeline
    from dyadwatch.records import Article, article_id

    golds = load_gold(str(ROOT / "examples" / name / "gold.jsonl"))[:limit]
    seen: dict[str, list[Word]] = {}
    original = stage.keep_events

    def record(events: list[Event], ctx: Any, language: str, model_name: str) -> list[Event]:
        seen[ctx.article.doc_id] = _words(ctx)
        return original(events, ctx, language, model_name)

    stage.keep_events = record  # type: ignore[assignment]
    try:
        arts = [Article(article_id(g.text, g.id), g.id, g.text, None, g.published, None, g.language, "gold", g.id) for g in golds]
        results = default_pipeline(Config(recall_model="")).code(arts)
    finally:
        stage.keep_events = original  # type: ignore[assignment]
    # the registry pass of ``dyadwatch eval``: what one article says about a person resolves another
    people = {a.doc_id: [m.entity for m in r.mentions] for a, r in zip(arts, results) if not isinstance(r, Exception)}
    registry = learn(e for es in people.values() for e in es)
    out = []
    for g, a, r in zip(golds, arts, results):
        words = seen.get(a.doc_id, [])
        for w in words:
            w.built = {c: apply([e], registry)[0] if e is not None else None for c, e in w.built.items()}
        out.append(Coded(g, apply(r.events, registry) if not isinstance(r, Exception) else [], words))
    return out


def missed(c: Coded) -> list[GoldEvent]:
    """The gold events the coder's events leave unmatched (the eval's one-to-one matching)."""
    events = sorted(c.final, key=lambda e: -e.confidence)
    used: set[int] = set()
    out = []
    for k in sorted(range(len(c.gold.events)), key=lambda k: not c.gold.events[k].required):
        g = c.gold.events[k]
        hit = next((i for i, e in enumerate(events) if i not in used and _matches(g, e, c.gold.text)), None)
        if hit is None:
            out.append(g)
        else:
            used.add(hit)
    return out


def labels(c: Coded) -> list[set[str]]:
    """Per word, the categories whose event would match a gold event the coder missed."""
    gone = missed(c)
    return [{cat for cat, e in w.built.items() if e is not None and any(_matches(g, e, c.gold.text) for g in gone)}
            for w in c.words]


def fit(coded: Sequence[Coded], threshold: float) -> LinearModel:
    """The event scorer and the category scorers, in one model (``ev|f``, ``CAT|f``, ``CAT|bias``)."""
    rows = [(w.feats, cats) for c in coded for w, cats in zip(c.words, labels(c))]
    event: list[Example] = [(f, int(bool(cats))) for f, cats in rows]
    model = train(event, l2=L2, min_count=MIN_COUNT)
    weights = {f"ev|{f}": w for f, w in model.weights.items()}
    positive = [(f, cats) for f, cats in rows if cats]
    for cat in R.CATEGORIES:
        exs: list[Example] = [(f, int(cat in cats)) for f, cats in positive]
        if sum(y for _, y in exs) < MIN_COUNT:
            continue  # a category the training sets never miss: the step never proposes it
        m = train(exs, l2=L2, min_count=MIN_COUNT)
        weights.update({f"{cat}|{f}": w for f, w in m.weights.items()})
        weights[f"{cat}|bias"] = m.bias
    meta = {"examples": len(event), "positives": len(positive), "l2": L2, "min_count": MIN_COUNT}
    return LinearModel(weights, model.bias, round(threshold, 3), meta)


def proposed(coded: Sequence[Coded], model: LinearModel | None, language: str | None = None
             ) -> tuple[list[GoldArticle], dict[str, list[Event]], int]:
    """The gold and the coder's events with the model's proposals added, and how many were added."""
    rm = R.RecallModel.of(model) if model is not None else None
    golds, out, added = [], {}, 0
    for c in coded:
        if language and c.gold.language != language:
            continue
        golds.append(c.gold)
        events = list(c.final)
        for w in c.words:
            if rm is None:
                break
            p, cat = rm.score(w.feats)
            e = w.built.get(cat) if p >= rm.threshold else None
            if e is not None and _key(e) not in {_key(x) for x in events}:
                events.append(e)
                added += 1
        out[c.gold.id] = events
    return golds, out, added


def _key(e: Event) -> tuple[str, int, tuple[str, ...], tuple[str, ...]]:
    return e.category, e.evidence.sentence_index, tuple(x.code for x in e.actor), tuple(x.code for x in e.recipient)


def micro(coded: Sequence[Coded], model: LinearModel | None, language: str | None = None) -> tuple[float, float, float, int]:
    golds, events, added = proposed(coded, model, language)
    m = score_articles(golds, events)["micro"]
    return m["precision"], m["recall"], m["f1"], added


def break_even(coded: Sequence[Coded]) -> float:
    """Half the coder's pooled event F1: the probability above which an added event raises F1."""
    return micro(coded, None)[2] / 2


def fold_table(data: dict[str, list[Coded]]) -> list[str]:
    names = list(data)
    lines = ["fold       lang  coder P/R/F1          with recall P/R/F1    thr   added  dF1"]
    wins, deltas = 0, []
    for held in names:
        rest = [c for n in names if n != held for c in data[n]]
        model = fit(rest, break_even(rest))
        for lang in (None, "en", "fr"):
            base, mine = micro(data[held], None, lang), micro(data[held], model, lang)
            lines.append(f"{held:10} {lang or 'all':4}  {base[0]:.3f}/{base[1]:.3f}/{base[2]:.3f}   "
                         f"{mine[0]:.3f}/{mine[1]:.3f}/{mine[2]:.3f}   {model.threshold:.2f}  {mine[3]:5d}  {mine[2] - base[2]:+.3f}")
            if lang is None:
                wins += mine[2] > base[2]
                deltas.append(mine[2] - base[2])
    lines.append(f"folds helped: {wins}/{len(names)}; mean dF1 {sum(deltas) / len(deltas):+.4f}")
    return lines



def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--cache", help="pickle of the coded sets: written on first use, read afterwards")
    parser.add_argument("--dry-run", action="store_true", help="print the fold table; write no model")
    parser.add_argument("--no-folds", action="store_true", help="skip the fold table (train and write only)")
    parser.add_argument("--out", default=str(OUT), help="where the model trained on every set goes")
    parser.add_argument("--sets", default=",".join(DEV_SETS), help="development sets (folds), comma-separated")
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each set (a quick check)")
    args = parser.parse_args(argv)
    try:
        sets = check_trainable([s for s in args.sets.split(",") if s])
    except ValueError as exc:
        parser.error(str(exc))
    data = load_cached(args.cache, sets, lambda n: code_set(n, args.limit), lambda coded: coded[: args.limit])
    if not args.no_folds:
        print("\n".join(fold_table(data)), flush=True)
    if args.dry_run:
        return 0
    everything = [c for n in sets for c in data[n]]
    model = fit(everything, break_even(everything))
    model = replace(model, meta={**model.meta, "sets": list(sets), "trained_by": "bench/train_recall.py"})
    model.save(args.out)
    print(f"wrote {args.out}: {len(model.weights)} features, threshold {model.threshold}")
    print("\n".join(top_weights(model, 16)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
