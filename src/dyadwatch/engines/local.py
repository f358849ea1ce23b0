"""The in-process engine, and the run loop that every engine shares.

The loop reads inputs, drops articles already stored by this coder version
(so an interrupted run resumes where it stopped), codes batches through the
engine, and writes each batch to the store in one transaction. Per-article
errors are reported, stored in the ``failures`` table and counted; they never
stop the batch.
"""

from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterable, Iterator, Protocol

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError, make
from dyadwatch.ingest.dedup import NearDuplicates
from dyadwatch.ingest.readers import Defaults, Failure, read_inputs
from dyadwatch.pipeline import Pipeline, coder_version, default_pipeline
from dyadwatch.records import Article, CodedArticle
from dyadwatch.store.base import Store


class Engine(Protocol):
    name: str

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[CodedArticle | DyadwatchError]]: ...


class LocalEngine:
    """Code batches in this process, with models loaded once."""

    name = "local.v1"

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline

    def map_batches(self, batches: Iterable[list[Article]]) -> Iterator[list[CodedArticle | DyadwatchError]]:
        for batch in batches:
            yield self.pipeline.code(batch)


def _dask_engine(config: Config) -> Engine:
    from dyadwatch.engines.dask_engine import DaskEngine  # lazy: distributed is the optional 'dask' extra

    return DaskEngine(config)


ENGINES: dict[str, Callable[[Config], Engine]] = {
    "local.v1": lambda config: LocalEngine(default_pipeline(config)),
    "dask.v1": _dask_engine,
}


@dataclass
class RunSummary:
    read: int = 0
    coded: int = 0
    already: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    other_language: int = 0
    events: int = 0
    errors: int = 0
    warnings: int = 0
    registry_updates: int = 0
    event_groups: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)
    # wall-clock seconds per step: each pipeline stage (local engine), near-duplicates, store writes,
    # the registry and grouping passes; what bench/throughput.py --steps prints
    steps: dict[str, float] = field(default_factory=dict)

    def line(self) -> str:
        rate = self.coded / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.read} articles read: {self.coded} coded, {self.already} already stored, "
            f"{self.duplicates} duplicates, {self.near_duplicates} near-duplicates (stored as reports, not coded), "
            f"{self.other_language} in other languages (stored, not coded); "
            f"{self.events} events; {self.errors} errors, {self.warnings} warnings; "
            f"{self.seconds:.1f}s ({rate:.1f} articles/s)"
        )


Report = Callable[[str], None]


def _batches(items: Iterator[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_coding(
    paths: list[str],
    store: Store,
    config: Config,
    defaults: Defaults,
    report: Report = lambda line: print(line, file=sys.stderr),
    progress: bool = True,
) -> RunSummary:
    """Code every input into the store and return what happened."""
    if config.engine not in ENGINES:
        raise make("E702", where="engine", name=config.engine, options=", ".join(sorted(ENGINES)))
    engine = ENGINES[config.engine](config)
    # a store that can (DuckDB) writes in one thread during the run: its statements are small
    single = getattr(store, "one_thread", None)
    with single() if single is not None else nullcontext():
        run = _CodingRun(store, config, report)
        tracker = _Progress(progress, config.progress_interval)
        with tracker:
            for results in engine.map_batches(_batches(run.articles(paths, defaults), config.batch_size)):
                run.take(results)
                tracker.advance(len(results), run.summary.errors)
            run.flush(final=True)
        run.finish(getattr(engine, "pipeline", None))
    return run.summary


class _CodingRun:
    """The state of one run: what was read, what waits to be written, and the summary it fills.

    Inputs stream through ``articles`` (read, checked against the store, near-duplicates turned into
    reports), coded batches come back through ``take``, and every ``write_batch_size`` articles go to
    the store in one transaction (``flush``); ``finish`` runs the passes over the whole store.
    """

    def __init__(self, store: Store, config: Config, report: Report) -> None:
        self.store = store
        self.config = config
        self.report = report
        self.summary = RunSummary()
        self.started = time.perf_counter()
        self.coder = coder_version(config)
        self.seen: set[str] = set()
        self.failures: list[tuple[str, str, str, str]] = []
        self.reports: list[CodedArticle] = []  # near-duplicates, written with the next batch
        self.signatures: dict[str, str] = {}  # MinHash of each article on its way through the engine
        self.pending: list[CodedArticle] = []  # coded, written together once write_batch_size is reached
        self.earliest = ""  # the earliest date among the events coded: grouping across articles starts there
        self.recoded = 0  # articles stored before by another coder version: their old events are gone
        step = time.perf_counter()
        self.near = NearDuplicates.from_store(store, config)
        self.timed("near-duplicates", step)

    def timed(self, step: str, started: float) -> None:
        steps = self.summary.steps
        steps[step] = steps.get(step, 0.0) + time.perf_counter() - started

    def fail(self, origin: str, record: str, err: DyadwatchError, fatal: bool = True) -> None:
        if fatal:
            self.summary.errors += 1
        else:
            self.summary.warnings += 1
        line = f"{'error' if fatal else 'warning'}: {origin} record {record}: {err}"
        self.summary.messages.append(line)
        self.report(line)
        self.failures.append((origin, record, err.code, str(err)))

    def admit(self, chunk: list[Article]) -> list[Article]:
        """Drop what this coder already stored; turn near-duplicates into reports."""
        known = self.store.known_articles(a.id for a in chunk)
        fresh = [a for a in chunk if known.get(a.id) != self.coder]
        self.summary.already += len(chunk) - len(fresh)
        if self.near is None:
            return fresh
        todo: list[Article] = []
        started = time.perf_counter()
        for a in fresh:
            match = self.near.check(a)
            if match.duplicate_of is None:
                self.signatures[a.id] = match.signature
                todo.append(a)
                continue
            self.summary.near_duplicates += 1
            note = f"near-duplicate of article {match.duplicate_of} (similarity {match.similarity:.2f}); not coded"
            extras = {"duplicate_of": match.duplicate_of, "minhash": match.signature}
            self.reports.append(
                CodedArticle(a, a.language or "und", "duplicate", note=note, coder=self.coder, extras=extras)
            )
        self.timed("near-duplicates", started)
        return todo

    def articles(self, paths: list[str], defaults: Defaults) -> Iterator[Article]:
        """Inputs, streamed: read, checked against the store and deduplicated one batch at a time."""
        chunk: list[Article] = []
        # one store lookup per write batch, not per coding batch (each lookup is a query)
        check_every = max(self.config.batch_size, self.config.write_batch_size)
        for item in read_inputs(paths, self.config, defaults):
            if isinstance(item, Failure):
                self.fail(item.origin, item.record, item.error, item.fatal)
                continue
            self.summary.read += 1
            if item.id in self.seen:
                self.summary.duplicates += 1
                continue
            self.seen.add(item.id)
            chunk.append(item)
            if len(chunk) >= check_every:
                yield from self.admit(chunk)
                chunk = []
        yield from self.admit(chunk)

    def take(self, results: list[CodedArticle | DyadwatchError]) -> None:
        """Count a coded batch and queue it; write once enough is queued."""
        summary = self.summary
        for result in results:
            if isinstance(result, DyadwatchError):
                self.fail(result.where or "?", "-", result)
                continue
            sig = self.signatures.pop(result.article.id, None)
            self.pending.append(replace(result, extras={**result.extras, "minhash": sig}) if sig else result)
            if result.status == "skipped":
                summary.other_language += 1
                # stored, not coded: said once per article, counted, but not a failure row
                where = result.article.origin or result.article.doc_id
                line = f"warning: {where}: {result.note}"
                summary.messages.append(line)
                self.report(line)
                continue
            summary.coded += 1
            summary.events += len(result.events)
            dates = [e.date for e in result.events if e.date]
            if dates:
                self.earliest = min([*dates, self.earliest]) if self.earliest else min(dates)
        if len(self.pending) + len(self.reports) >= self.config.write_batch_size:
            self.flush()

    def flush(self, final: bool = False) -> None:
        """Write what is queued (coded articles, near-duplicate reports, failures) in one transaction."""
        if final and not (self.pending or self.failures or self.reports):
            return
        started = time.perf_counter()
        written = self.store.write(self.pending + self.reports, self.failures)
        self.timed("store write", started)
        self.recoded += written.articles_recoded
        self.pending.clear()
        self.failures.clear()
        self.reports.clear()

    def finish(self, pipeline: Pipeline | None) -> None:
        """The passes over the whole store, then the step times and the run's length."""
        summary, store, config = self.summary, self.store, self.config
        if summary.coded and hasattr(store, "refresh_registry"):
            # what this run learnt about people resolves persons named bare, here and in earlier runs
            step = time.perf_counter()
            summary.registry_updates = store.refresh_registry(regroup_window=config.merge_window_days)
            self.timed("registry", step)
        if summary.coded and hasattr(store, "refresh_groups") and (self.recoded or self.earliest):
            # the same event reported by several articles is grouped: only what this run dated can change
            # (the registry regrouped what it changed), unless replaced events left their groups (then all of them)
            step = time.perf_counter()
            since = None if self.recoded else self.earliest
            summary.event_groups = store.refresh_groups(config.merge_window_days, since=since)
            self.timed("grouping", step)
        if pipeline is not None:
            summary.steps.update({f"stage {name}": seconds for name, seconds in pipeline.timings.items()})
        summary.seconds = time.perf_counter() - self.started


class _Progress:
    """A rich progress bar on a terminal; a periodic status line otherwise."""

    def __init__(self, enabled: bool, interval: float = 10.0) -> None:
        self.enabled = enabled
        self.interval = interval
        self.bar: Any = None  # a rich Progress, imported only when a terminal shows it
        self.task: Any = None
        self.done = 0
        self.count = 0
        self.errors = 0
        self.last = time.perf_counter()

    def __enter__(self) -> "_Progress":
        if self.enabled and sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("coding"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} art/s, {task.fields[errors]} errors"), TimeRemainingColumn(),
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("coding", total=None, rate=0.0, errors=0)
        self.started = time.perf_counter()
        return self

    def total(self, n: int) -> None:
        self.count = n
        if self.bar is not None:
            self.bar.update(self.task, total=n)

    def advance(self, n: int, errors: int) -> None:
        self.done += n
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        if self.bar is not None:
            self.bar.update(self.task, advance=n, rate=self.done / elapsed, errors=errors)
        self.errors = errors
        if self.bar is None and self.enabled and time.perf_counter() - self.last >= self.interval:
            self.line()

    def line(self) -> None:
        """The status line for logs: articles done, articles per second, errors so far."""
        self.last = time.perf_counter()
        rate = self.done / max(self.last - self.started, 1e-9)
        print(f"coding: {self.done} articles, {rate:.1f} art/s, {self.errors} errors", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        elif self.enabled:
            self.line()
