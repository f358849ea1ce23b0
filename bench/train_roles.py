"""Train the learned recipient choice (learn/roles.py) on our development gold and print its fold table.

Each development set is coded once with the rules alone, recording for every merged
event the options for its recipient (``roles.build_slot``). An event is labelled when a
gold event matches it on everything the eval checks but the recipient (category,
sentence, flags, actor: ``score._matches`` with the gold recipient left out); an
option is right when its country is among that gold event's recipients. The
development sets (``bench/dev_sets.py``) are the folds: for each, a model is trained
on the others, and the held-out set is scored with ``score_articles`` with the rules'
recipients and with the model's, overall and per language. The model's two thresholds
(to replace the rules' pick, to add a recipient where they found none) are chosen by
leave one set out inside the training sets (nested); the shipped model is trained on
all of them with the thresholds that do best over them all.

The sets are coded with the learned filter off (``keep_model=""``): the filter is
trained after this model, on its output, so a filter already shipped would have
seen the held-out fold and would decide which events this table scores.

Only development sets: never the blind hold-outs (``check_trainable`` refuses them), the GSR or the seed.

Example:
    .venv/bin/python bench/train_roles.py                       # fold table, then writes learn/data/roles.json
    .venv/bin/python bench/train_roles.py --cache /tmp/r.pkl    # code the sets once, reuse them afterwards
    .venv/bin/python bench/train_roles.py --dry-run             # the fold table only
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dev_sets import DEV_SETS, check_trainable  # noqa: E402
from train_common import code_gold  # noqa: E402

from dyadwatch.eval.gold import GoldArticle, GoldEvent, load_gold  # noqa: E402
from dyadwatch.eval.score import GENERIC_CODES, _matches, score_articles  # noqa: E402
from dyadwatch.learn import roles  # noqa: E402
from dyadwatch.learn.linear import Example, LinearModel, train  # noqa: E402
from dyadwatch.records import Event  # noqa: E402

OUT = ROOT / "src" / "dyadwatch" / "learn" / "data" / "roles.json"
L2 = 2.0
MIN_COUNT = 3
# probability at which an option replaces the rules' pick
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
# probability at which an option is added where the rules found no recipient; above 1: never
ADD_THRESHOLDS = (0.2, 0.3, 0.5, 0.7, 0.9, 2.0)

Coded = dict[str, Any]  # {"golds", "coded": {doc_id: [Event]}, "slots": {(article id, trigger start, category): (Slot, entities)}}


def code_set(name: str) -> Coded:
    """Code one development set with the rules, recording each event's slot (the eval's own path)."""
    import dyadwatch.events.coder as coder
    from dyadwatch.config import Config

    slots: dict[tuple[str, int, str], Any] = {}
    choose = coder.choose_recipients

    def recording(events: list[Event], ctx: Any) -> list[Event]:
        tables = roles.Tables(ctx)
        for e in events:
            if e.actor:
                slots[(e.article_id, e.evidence.trigger_start, e.category)] = roles.build_slot(
                    tables.trigger(e), tables, e.category, e.actor, e.recipient)
        return events

    golds = load_gold(str(ROOT / "examples" / name / "gold.jsonl"))
    coder.choose_recipients = recording  # type: ignore[assignment]
    try:
        coded, _ = code_gold(golds, replace(Config(), roles_model="", keep_model=""))
    finally:
        coder.choose_recipients = choose  # type: ignore[assignment]
    return {"golds": golds, "coded": coded, "slots": slots}


def _wanted(codes: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*(GENERIC_CODES.get(c, frozenset({c})) for c in codes)) if codes else codes


def _gold_for(g: GoldArticle, e: Event) -> GoldEvent | None:
    """The gold event this one matches on all but its recipient (the full match first)."""
    near = [ge for ge in g.events if _matches(replace(ge, recipient=frozenset()), e, g.text)]
    full = [ge for ge in near if _matches(ge, e, g.text)]
    return (full or [ge for ge in near if ge.recipient] or near or [None])[0]


def examples_of(data: Coded) -> list[Example]:
    """Pairs (an option the rules did not pick, their first pick or none): 1 where the option is right and
    the pick wrong, 0 where the pick is right and the option wrong; pairs of two right or two wrong teach nothing."""
    out: list[Example] = []
    for g in data["golds"]:
        for e in data["coded"].get(g.id, []):
            found = data["slots"].get((e.article_id, e.evidence.trigger_start, e.category))
            ge = _gold_for(g, e)
            if found is None or ge is None:
                continue
            slot, wanted = found[0], _wanted(ge.recipient)
            held = next((o for o in slot.options if o.rule), None)
            # where the rules found none, they are right when the gold event has no recipient either
            held_right = held.code in wanted if held is not None else not wanted
            for o in slot.options:
                # where the rules found none, only the dyad partner is ever added (roles.choose)
                if not o.rule and (held is not None or o.partner) and (o.code in wanted) != held_right:
                    out.append((roles.pair_features(slot, o, held), int(o.code in wanted)))
    return out


def apply_model(data: Coded, model: LinearModel | None) -> dict[str, list[Event]]:
    """The coded events with the model's recipients (the rules' where it keeps them)."""
    if model is None:
        return data["coded"]
    out = {}
    for doc, events in data["coded"].items():
        new = []
        for e in events:
            found = data["slots"].get((e.article_id, e.evidence.trigger_start, e.category))
            best = roles.choose(model, found[0]) if found is not None else None
            new.append(e if best is None else replace(e, recipient=(found[1][found[0].options.index(best)],)))
        out[doc] = new
    return out


def prf(data: Coded, coded: dict[str, list[Event]], language: str | None = None) -> tuple[float, float, float]:
    golds = [g for g in data["golds"] if language is None or g.language == language]
    m = score_articles(golds, coded)["micro"]
    return m["precision"], m["recall"], m["f1"]


def fit(examples: list[Example], threshold: float, add_threshold: float) -> LinearModel:
    model = train(examples, l2=L2, min_count=MIN_COUNT)
    return replace(model, threshold=threshold, meta={**model.meta, "add_threshold": add_threshold})


def _choose_thresholds(sets: dict[str, Coded], examples: dict[str, list[Example]]) -> tuple[float, float]:
    """The thresholds whose leave-one-set-out F1 over ``sets`` is best (ties: the stricter pair)."""
    models = {name: train([x for other, xs in examples.items() if other != name and other in sets for x in xs],
                          l2=L2, min_count=MIN_COUNT) for name in sets}
    scores = {}
    for t in THRESHOLDS:
        for a in ADD_THRESHOLDS:
            scores[(t, a)] = sum(prf(data, apply_model(data, replace(models[name], threshold=t, meta={"add_threshold": a})))[2]
                                 for name, data in sets.items())
    return max(scores, key=lambda k: (round(scores[k], 6), k[0], k[1]))


def fold_table(sets: dict[str, Coded]) -> tuple[float, float]:
    """Leave one set out: for each set, a model trained on the others with thresholds chosen by leave
    one out inside them, scored on the set; prints the table and returns the thresholds for all the sets."""
    examples = {name: examples_of(data) for name, data in sets.items()}
    print("pairs (all, positive) per set:", {n: (len(x), sum(y for _, y in x)) for n, x in examples.items()})
    print(f"{'fold':10} {'lang':4} {'rules P/R/F1':>22} {'model P/R/F1':>22}  delta  thresholds")
    wins, total_r, total_m = 0, 0.0, 0.0
    for name, data in sets.items():
        rest = {n: d for n, d in sets.items() if n != name}
        t, a = _choose_thresholds(rest, examples)
        model = replace(train([x for n in rest for x in examples[n]], l2=L2, min_count=MIN_COUNT), threshold=t,
                        meta={"add_threshold": a})
        coded = apply_model(data, model)
        for lang in (None, "en", "fr"):
            r, m = prf(data, data["coded"], lang), prf(data, coded, lang)
            print(f"{name:10} {lang or 'all':4} {'%.3f/%.3f/%.3f' % r:>22} {'%.3f/%.3f/%.3f' % m:>22}  {m[2] - r[2]:+.3f}  {t}/{a}")
            if lang is None:
                wins += m[2] > r[2]
                total_r, total_m = total_r + r[2], total_m + m[2]
    print(f"mean F1: rules {total_r / len(sets):.3f}, model {total_m / len(sets):.3f}; better on {wins} of {len(sets)} folds")
    best = _choose_thresholds(sets, examples)
    print(f"thresholds for the shipped model (leave one out over all sets): {best[0]}, add {best[1]}")
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cache", help="a pickle of the coded sets: written once, read afterwards")
    parser.add_argument("--dry-run", action="store_true", help="print the fold table, write no model")
    parser.add_argument("--sets", default=",".join(DEV_SETS), help="comma-separated development sets (bench/dev_sets.py)")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    try:
        names = check_trainable([s for s in args.sets.split(",") if s])
    except ValueError as err:
        parser.error(str(err))
    cache = Path(args.cache) if args.cache else None
    if cache is not None and cache.is_file():
        sets = pickle.loads(cache.read_bytes())
    else:
        sets = {name: code_set(name) for name in names}
        if cache is not None:
            cache.write_bytes(pickle.dumps(sets))
    sets = {n: sets[n] for n in names}
    threshold, add_threshold = fold_table(sets)
    if args.dry_run:
        return
    model = fit([x for data in sets.values() for x in examples_of(data)], threshold, add_threshold)
    model = replace(model, meta={**model.meta, "sets": names})
    model.save(args.out)
    top = sorted(model.weights.items(), key=lambda kv: -abs(kv[1]))[:15]
    print(f"wrote {args.out}: {len(model.weights)} features; largest:", ", ".join(f"{f} {w:+.2f}" for f, w in top))
    print("labels:", Counter(y for data in sets.values() for _, y in examples_of(data)))


if __name__ == "__main__":
    main()
