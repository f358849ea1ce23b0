"""Throughput of the full coding path against bare spaCy, measured in one process.

(a) the floor: ``nlp.pipe`` with the same models and components over the same
texts; (b) the full path: ``engines.local.run_coding`` from a JSONL file into
a fresh DuckDB file. Models load once and both paths are warmed up before
timing. The ratio b/a is what to compare across machines; absolute rates
depend on the machine.

Example:
    .venv/bin/python bench/throughput.py --articles 300
    .venv/bin/python bench/throughput.py --articles 300 --language fr
    .venv/bin/python bench/throughput.py --articles 300 --language mixed --profile cprofile
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus, write_jsonl  # noqa: E402

from dyadwatch.config import Config, load_config  # noqa: E402
from dyadwatch.engines.local import RunSummary, run_coding  # noqa: E402
from dyadwatch.ingest.readers import Defaults  # noqa: E402
from dyadwatch.nlp.models import load_pipeline  # noqa: E402
from dyadwatch.store import open_store  # noqa: E402


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (getrusage ru_maxrss, KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def floor(records: list[dict[str, Any]], config: Config) -> tuple[float, float]:
    """Seconds (wall clock, and CPU time of this process) for bare spaCy over the texts, per language as the parse stage does."""
    by_lang: dict[str, list[str]] = {}
    for r in records:
        by_lang.setdefault(r["language"], []).append(r["text"])
    started, cpu = time.perf_counter(), time.process_time()
    for lang, texts in by_lang.items():
        nlp = load_pipeline(lang, config.models)
        for _ in nlp.pipe(texts, batch_size=config.batch_size):
            pass
    return time.perf_counter() - started, time.process_time() - cpu


def full(path: Path, db: Path, config: Config) -> tuple[float, float, RunSummary]:
    """Seconds (wall clock, and CPU time of this process) for run_coding from the JSONL file into a fresh DuckDB file."""
    started, cpu = time.perf_counter(), time.process_time()
    store = open_store(str(db))
    try:
        summary = run_coding([str(path)], store, config, Defaults(), report=lambda line: None, progress=False)
    finally:
        store.close()
    return time.perf_counter() - started, time.process_time() - cpu, summary


def measure(
    articles: int, french: bool | str, config: Config, workdir: Path, profile: str | None = None, sentences: int = 12, repeat: int = 1
) -> dict[str, Any]:
    """Warm both paths up, then time them on the same texts, taking turns (best of ``repeat`` each); optionally profile (b)."""
    records = make_corpus(articles, french=french, sentences=sentences)
    path = write_jsonl(records, workdir / "corpus.jsonl")
    warm = write_jsonl(make_corpus(max(4, min(20, articles // 10)), french=french, seed=99), workdir / "warm.jsonl")
    load_before = os.getloadavg()[0]
    rss_start = peak_rss_mib()
    floor(make_corpus(8, french=french, seed=98), config)
    full(warm, workdir / "warm.duckdb", config)
    rss_warm = peak_rss_mib()
    # (a) and (b) take turns, so that both meet the same moments of a machine whose speed drifts
    floors: list[tuple[float, float]] = []
    runs: list[tuple[float, float, RunSummary]] = []
    profiler = cProfile.Profile() if profile == "cprofile" else None
    for n in range(repeat):
        floors.append(floor(records, config))
        if profiler:
            profiler.enable()
        runs.append(full(path, workdir / f"fresh{n}.duckdb", config))
        if profiler:
            profiler.disable()
    a_seconds, a_cpu = min(f[0] for f in floors), min(f[1] for f in floors)
    b_seconds, _, summary = min(runs, key=lambda run: run[0])
    b_cpu = min(run[1] for run in runs)
    rss_b = peak_rss_mib()
    # every turn's own figures, so that a reader sees the spread and not only the best of each path
    turns = [
        {"ratio": a[0] / b[0], "cpu_ratio": a[1] / b[1], "beyond": beyond_share(b[2].steps, b[0])}
        for a, b in zip(floors, runs)
    ]
    result = {
        "articles": articles, "french": french, "chars": sum(len(r["text"]) for r in records),
        "floor_seconds": a_seconds, "full_seconds": b_seconds,
        "floor_rate": articles / a_seconds, "full_rate": articles / b_seconds,
        "ratio": (articles / b_seconds) / (articles / a_seconds),
        # the same ratio in CPU time of this process: steadier when other programs share the machine
        "floor_cpu": a_cpu, "full_cpu": b_cpu, "cpu_ratio": a_cpu / b_cpu,
        "events": summary.events, "coded": summary.coded, "errors": summary.errors,
        "rss_start": rss_start, "rss_warm": rss_warm, "rss_full": rss_b,
        # where the best (b) run spent its wall-clock time, per step (RunSummary.steps)
        "steps": dict(summary.steps),
        "turns": turns,
        # the 1-minute load average before the warm-up and after the last turn: above about 1 on this
        # two-CPU machine, another program shared it and both paths ran slower, the Python stages more
        "load_before": load_before, "load_after": os.getloadavg()[0],
    }
    if profiler:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
        out.write("\n--- by own time ---\n")
        pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(25)
        result["profile"] = out.getvalue()
        if os.environ.get("DYADWATCH_PROFILE_OUT"):
            profiler.dump_stats(os.environ["DYADWATCH_PROFILE_OUT"])
    return result


def beyond_share(steps: dict[str, float], total: float) -> float:
    """What one run of (b) spent beyond its parse stage, as a share of that parse stage (issue 7's measure)."""
    parse = steps.get("stage parse", 0.0)
    return (total - parse) / parse if parse else 0.0


def print_turns(r: dict[str, Any]) -> None:
    """Each turn of (a) then (b), and the median over the turns: the spread that the best-of figures hide."""
    turns = r.get("turns") or []
    if len(turns) < 2:
        return
    print("\nturn by turn (a then b):")
    for n, t in enumerate(turns, 1):
        print(f"  turn {n}: ratio b/a {t['ratio']:.2f} (CPU {t['cpu_ratio']:.2f}), beyond the parse {t['beyond']:.1%} of the parse")
    beyond = statistics.median(t["beyond"] for t in turns)
    ratio = statistics.median(t["ratio"] for t in turns)
    print(f"  median: ratio b/a {ratio:.2f}, beyond the parse {beyond:.1%} of the parse")


def print_steps(r: dict[str, Any]) -> None:
    """(b) split into its steps, in ms per article; what is beyond the parse, as a share of the parse (issue 7's
    measure: at most a fifth) and of (b)."""
    steps, n = r.get("steps") or {}, r["articles"]
    if not steps:
        return
    total = r["full_seconds"]
    parse = steps.get("stage parse", 0.0)
    print("\n(b) step by step (wall clock, ms per article):")
    for name, seconds in sorted(steps.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<22} {seconds / n * 1e3:7.2f}")
    rest = total - sum(steps.values())
    print(f"  {'other (read, batches)':<22} {rest / n * 1e3:7.2f}   store open and close, reading the JSONL, batching")
    beyond = total - parse
    print(
        f"beyond the parse: {beyond / n * 1e3:.2f} ms per article, {beyond / parse if parse else 0.0:.1%} of the "
        f"parse stage (target: at most a fifth), {beyond / total:.1%} of (b); the parse stage itself: {parse / n * 1e3:.2f} ms, "
        f"bare spaCy (a): {r['floor_seconds'] / n * 1e3:.2f} ms"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300, help="number of synthetic articles (default 300)")
    parser.add_argument("--language", choices=["en", "fr", "mixed"], default="en", help="en (default), fr, or mixed: every other article French")
    parser.add_argument("--french", action="store_true", help="same as --language mixed")
    parser.add_argument("--profile", choices=["cprofile", "pyinstrument"], help="profile the full path")
    parser.add_argument("--batch-size", type=int, default=None, help="override config batch_size")
    parser.add_argument("--repeat", type=int, default=1, help="time each path this many times and keep the best")
    args = parser.parse_args(argv)
    french: bool | str = {"en": False, "fr": "all", "mixed": True}["mixed" if args.french else args.language]
    config = load_config(environ={}, overrides={"batch_size": args.batch_size})
    with tempfile.TemporaryDirectory(prefix="dyadwatch-bench-") as tmp:
        if args.profile == "pyinstrument":
            from pyinstrument import Profiler

            with Profiler() as prof:
                r = measure(args.articles, french, config, Path(tmp), repeat=args.repeat)
            text = prof.output_text(unicode=False, color=False, show_all=False)
        else:
            r = measure(args.articles, french, config, Path(tmp), args.profile, repeat=args.repeat)
            text = r.get("profile", "")
    print(f"corpus: {r['articles']} articles ({ {False: 'en', True: 'en+fr', 'all': 'fr'}[r['french']] }), {r['chars'] / r['articles']:.0f} chars each on average")
    print(f"batch_size: {config.batch_size}; models loaded once, both paths warmed up before timing")
    print(f"(a) bare spaCy nlp.pipe : {r['floor_rate']:7.1f} articles/s ({r['floor_seconds']:.2f}s)")
    print(f"(b) full dyadwatch path : {r['full_rate']:7.1f} articles/s ({r['full_seconds']:.2f}s; {r['coded']} coded, {r['events']} events, {r['errors']} errors)")
    print(f"ratio b/a               : {r['ratio']:.2f}")
    print(f"ratio b/a in CPU time   : {r['cpu_ratio']:.2f} (process CPU: (a) {r['floor_cpu']:.2f}s, (b) {r['full_cpu']:.2f}s)")
    print(
        "peak RSS (getrusage ru_maxrss, whole process): "
        f"start {r['rss_start']:.0f} MiB, after warm-up (models loaded) {r['rss_warm']:.0f} MiB, "
        f"after the timed runs of (a) and (b) {r['rss_full']:.0f} MiB"
    )
    print_steps(r)
    print_turns(r)
    # this benchmark keeps one CPU busy, so it adds about 1 to the load average after it
    load = f"load average (1 min) {r['load_before']:.2f} before, {r['load_after']:.2f} after (this run adds about 1)"
    half = (os.cpu_count() or 1) / 2
    busy = r["load_before"] > half or r["load_after"] > half + 1
    print(load + ("; another program shared the machine: rerun when it is idle" if busy else ""))
    if text:
        print("\nprofile of the whole measurement (warm-up, (a) and (b))" if args.profile == "pyinstrument" else "\nprofile of (b)")
        print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
