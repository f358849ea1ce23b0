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
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Protocol

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError, make
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


ENGINES: dict[str, Callable[[Config], Engine]] = {"local.v1": lambda config: LocalEngine(default_pipeline(config))}


@dataclass
class RunSummary:
    read: int = 0
    coded: int = 0
    already: int = 0
    duplicates: int = 0
    other_language: int = 0
    events: int = 0
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    messages: list[str] = field(default_factory=list)

    def line(self) -> str:
        rate = self.coded / self.seconds if self.seconds > 0 else 0.0
        return (
            f"{self.read} articles read: {self.coded} coded, {self.already} already stored, "
            f"{self.duplicates} duplicates, {self.other_language} in other languages (stored, not coded); "
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
    summary = RunSummary()
    started = time.perf_counter()
    coder = coder_version(config)
    seen: set[str] = set()
    failures: list[tuple[str, str, str, str]] = []

    def fail(origin: str, record: str, err: DyadwatchError, fatal: bool = True) -> None:
        if fatal:
            summary.errors += 1
        else:
            summary.warnings += 1
        line = f"{'error' if fatal else 'warning'}: {origin} record {record}: {err}"
        summary.messages.append(line)
        report(line)
        failures.append((origin, record, err.code, str(err)))

    def articles() -> Iterator[Article]:
        items = list(read_inputs(paths, config, defaults))
        todo: list[Article] = []
        for item in items:
            if isinstance(item, Failure):
                fail(item.origin, item.record, item.error, item.fatal)
                continue
            summary.read += 1
            if item.id in seen:
                summary.duplicates += 1
                continue
            seen.add(item.id)
            todo.append(item)
        known = store.known_articles(a.id for a in todo)
        fresh = [a for a in todo if known.get(a.id) != coder]
        summary.already += len(todo) - len(fresh)
        tracker.total(len(fresh))
        yield from fresh

    tracker = _Progress(progress)
    with tracker:
        for results in engine.map_batches(_batches(articles(), config.batch_size)):
            coded: list[CodedArticle] = []
            for result in results:
                if isinstance(result, DyadwatchError):
                    fail(result.where or "?", "-", result)
                    continue
                coded.append(result)
                if result.status == "skipped":
                    summary.other_language += 1
                else:
                    summary.coded += 1
                    summary.events += len(result.events)
            store.write(coded, failures)
            failures.clear()
            tracker.advance(len(results), summary.errors)
        if failures:
            store.write([], failures)
    summary.seconds = time.perf_counter() - started
    return summary


class _Progress:
    """A rich progress bar on a terminal; a periodic status line otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.task = None
        self.done = 0
        self.count = 0
        self.last = 0.0

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
        elif self.enabled and (time.perf_counter() - self.last > 10 or self.done >= self.count):
            self.last = time.perf_counter()
            print(f"coding: {self.done}/{self.count} articles, {self.done / elapsed:.1f} art/s, {errors} errors", file=sys.stderr)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
