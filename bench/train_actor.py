"""Train the learned actor choice (learn/actor.py) on our development gold and print its fold table.

Each development set is coded once by the full coder with the actor step recording,
not choosing: for every merged event, its candidates for the actor
(``actor.slots_of``). An event is labelled when a gold event matches it on
everything the eval checks but the actor (category, sentence, flags, recipient:
``score._matches`` with the gold actor left out); a candidate is right when its
country is among that gold event's actors, the rules' pick when the eval would
count it. The development sets are the folds: for each, a model is trained on
the others and the held-out set is scored with ``score_articles`` with the rules'
actors and with the model's, overall and per language. The two thresholds (to
replace the rules' pick, to add an actor where they found none) are chosen by
leave one set out inside the training sets (nested); the shipped model is trained
on all the sets with the thresholds that do best over them.

Only development sets (``bench/dev_sets.py``): never a blind hold-out, the GSR or the seed.

Example:
    .venv/bin/python bench/train_actor.py                       # fold table, then writes learn/data/actor.json
    .venv/bin/python bench/train_actor.py --cache /tmp/a.pkl    # code the sets once, reuse them afterwards
    .venv/bin/python bench/train_actor.py --dry-run             # the fold table only
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
from dyadwatch.eval.score import _matches, score_articles  # noqa: E402
from dyadwatch.learn import actor  # noqa: E402
from dyadwatch.learn.linear import Example, LinearModel, train  # noqa: E402
from dyadwatch.records import Event  # noqa: E402

OUT = ROOT / "src" / "dyadwatch" / "learn" / "data" / "actor.json"
L2 = 2.0
MIN_COUNT = 3
# probability at which a candidate replaces the rules' pick
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 2.0)
# probability at which a candidate is added where the rules found no actor; above 1: never
ADD_THRESHOLDS = (0.5, 0.7, 0.9, 2.0)

# {"golds", "coded": {doc_id: [Event]} (final, after the registry), "slots": {key: (ActorSlot, entities)}, "registry"}
Coded = dict[str, Any]


def key(e: Event) -> tuple[str, int, int, str, str]:
    return (e.article_id, e.evidence.sentence_index, e.evidence.trigger_start, e.category, e.mode or "")


def code_set(name: str, limit: int | None = None) -> Coded:
    """Code one development set with the full coder, recording each event's actor slot (the eval's own path)."""
    import dyadwatch.events.coder as coder
    from dyadwatch.config import Config

    slots: dict[tuple[str, int, int, str, str], Any] = {}
    choose = coder.choose_actors

    def recording(events: list[Event], ctx: Any, model: Any) -> list[Event]:
        for e, found in zip(events, actor.slots_of(events, ctx)):
            if found is not None:
                slots[key(e)] = found
        return events

    golds = load_gold(str(ROOT / "examples" / name / "gold.jsonl"))[:limit]
    coder.choose_actors = recording  # type: ignore[assignment]
    try:
        coded, registry = code_gold(golds, replace(Config(), actor_model=""))
    finally:
        coder.choose_actors = choose  # type: ignore[assignment]
    return {"golds": golds, "coded": coded, "slots": slots, "registry": registry}


def _near(g: GoldArticle, e: Event) -> list[GoldEvent]:
    """The gold events this one matches on all but its parties (category, sentence, flags)."""
    return [ge for ge in g.events if ge.actor and _matches(replace(ge, actor=frozenset(), recipient=frozenset()), e, g.text)]


def examples_of(data: Coded) -> list[Example]:
    """Pairs (a candidate, the rules' pick): 1 where the event with the candidate as its actor matches one of
    those gold events on everything the eval checks and the rules' event does not, 0 the other way round;
    pairs of two right or two wrong teach nothing."""
    from dyadwatch.actors.registry import resolve

    out: list[Example] = []
    for g in data["golds"]:
        for e in data["coded"].get(g.id, []):
            found = data["slots"].get(key(e))
            near = _near(g, e) if found is not None else []
            if not near:
                continue
            slot, entities = found
            held = next((c for c in slot.candidates if c.rule), None)
            held_right = any(_matches(ge, e, g.text) for ge in near)
            for c in slot.candidates:
                if not actor.eligible(slot, c, held):
                    continue
                alt = actor.chosen(e, slot, [resolve(x, data["registry"]) for x in entities], c)
                right = any(_matches(ge, alt, g.text) for ge in near)
                if right != held_right:
                    out.append((actor.pair_features(slot, c, held), int(right)))
    return out


def apply_model(data: Coded, model: LinearModel | None) -> dict[str, list[Event]]:
    """The coded events with the model's actors (the rules' where it keeps them)."""
    if model is None:
        return data["coded"]
    from dyadwatch.actors.registry import resolve

    out = {}
    for doc, events in data["coded"].items():
        new = []
        for e in events:
            found = data["slots"].get(key(e))
            best = actor.choose(model, found[0]) if found is not None else None
            if found is not None and best is not None:
                e = actor.chosen(e, found[0], [resolve(x, data["registry"]) for x in found[1]], best)
            new.append(e)
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
    """Leave one set out: for each set, a model trained on the others with thresholds chosen by leave one
    out inside those, scored on the set; prints the table and returns the thresholds for all the sets."""
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
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--cache", help="a pickle of the coded sets: written once, read afterwards")
    parser.add_argument("--dry-run", action="store_true", help="print the fold table, write no model")
    parser.add_argument("--sets", default=",".join(DEV_SETS), help="comma-separated development sets")
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    try:
        names = check_trainable([s for s in args.sets.split(",") if s])
    except ValueError as exc:
        parser.error(str(exc))
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
