"""The Stage contract and the Pipeline that checks stage order and codes batches.

A stage declares what it ``requires`` and what it ``assigns`` on the work
item; the pipeline refuses an order in which a requirement is not assigned
upstream. The work item lives only inside one worker: it holds the spaCy
``Doc`` while the stages run, and the pipeline hands back a ``CodedArticle``
made of small records.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Protocol, Sequence

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError, make
from dyadwatch.records import Article, CodedArticle, Event, Mention, Quote, Sentence


@dataclass
class Work:
    """One article on its way through the stages of a worker."""

    article: Article
    config: Config
    language: str | None = None
    language_confidence: float = 0.0
    published: dt.date | None = None
    doc: Any = None
    actors: Any = None
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    skip: str | None = None

    def result(self) -> CodedArticle:
        sentences: tuple[Sentence, ...] = ()
        if self.doc is not None:
            from dyadwatch.nlp.lists import parse_lists
            from dyadwatch.nlp.stages import release_sentences

            # the parsed text and the parse lists (built by the actor stage): each sentence's offsets
            # are those of its first and last token, read without building a Token or a Span
            text, doc, found = self.article.text, self.doc, []
            parse = parse_lists(doc)
            starts, texts, article_id = parse.starts, parse.texts, self.article.id
            for n, (start, end) in enumerate(parse.sents):
                start_char, end_char = starts[start], starts[end - 1] + len(texts[end - 1])
                found.append(Sentence(article_id, n, start_char, end_char, text[start_char:end_char]))
            sentences = tuple(found)
            release_sentences(doc)  # the stages are done with the Doc: nothing keeps it alive once this work item goes
        return CodedArticle(
            article=self.article,
            language=self.language or "other",
            status="skipped" if self.skip else "coded",
            sentences=sentences,
            mentions=tuple(self.mentions),
            events=tuple(self.events),
            quotes=tuple(self.quotes),
            note=self.skip,
            coder=coder_version(self.config),
        )


def coder_version(config: Config) -> str:
    """The coder's name and version, stored with every article and event."""
    from dyadwatch import __version__

    tag = ""
    if config.classifier == "embed":
        # another classifier (or another examples file) codes differently: it is another coder version
        from dyadwatch.events.examples import examples_tag

        tag = f"+embed.{examples_tag(config.examples)}" if config.examples else "+embed"
    # so does a learned step set otherwise than its default (learn/): "+keep.off", "+roles.my-model",
    # "+actor.builtin" (the actor choice is off by default)
    for step in ("keep", "roles", "recall", "actor", "category"):
        name = getattr(config, f"{step}_model")
        if name != Config.__dataclass_fields__[f"{step}_model"].default:
            tag += f"+{step}.{Path(name).stem if name else 'off'}"
    return f"{config.coder_name}/{__version__}{tag}"


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, work: Work) -> Work: ...

    def pipe(self, works: Sequence[Work], batch_size: int) -> Iterable[Work]: ...


class BaseStage:
    """Default ``pipe``: call the stage on each item; skipped items pass through."""

    name = "base"
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, work: Work) -> Work:  # pragma: no cover - abstract
        raise NotImplementedError

    def pipe(self, works: Sequence[Work], batch_size: int) -> Iterable[Work]:
        for work in works:
            yield work if work.skip else self(work)


class Pipeline:
    """An ordered list of stages, checked once when it is built."""

    def __init__(self, stages: Sequence[BaseStage], config: Config) -> None:
        assigned: set[str] = {"article", "config"}
        for stage in stages:
            missing = [r for r in stage.requires if r not in assigned]
            if missing:
                raise make("E701", where=stage.name, stage=stage.name, missing=", ".join(missing), order=" → ".join(s.name for s in stages))
            assigned.update(stage.assigns)
        self.stages = list(stages)
        self.config = config
        # wall-clock seconds spent in each stage, over every batch this pipeline coded (for benchmarks)
        self.timings: dict[str, float] = {s.name: 0.0 for s in self.stages}

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def code(self, articles: Sequence[Article]) -> list[CodedArticle | DyadwatchError]:
        """Code one batch; a failing article becomes an error in its slot, the rest go on."""
        slots: list[Work | DyadwatchError] = [Work(article=a, config=self.config) for a in articles]
        timings = self.timings
        for stage in self.stages:
            started = time.perf_counter()
            live = [s for s in slots if isinstance(s, Work)]
            try:
                done = iter(list(stage.pipe(live, self.config.batch_size)))
                slots = [next(done) if isinstance(s, Work) else s for s in slots]
            except Exception:  # noqa: BLE001 - retry one article at a time to isolate the bad one
                slots = [self._one(stage, s) for s in slots]
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - started
        started = time.perf_counter()
        out = [s.result() if isinstance(s, Work) else s for s in slots]
        timings["records"] = timings.get("records", 0.0) + time.perf_counter() - started
        if self.config.freeze_heap:
            from dyadwatch.nlp.models import settle_heap

            settle_heap()
        return out

    def _one(self, stage: BaseStage, work: Work | DyadwatchError) -> Work | DyadwatchError:
        if isinstance(work, DyadwatchError) or work.skip:
            return work
        try:
            return stage(work)
        except DyadwatchError as exc:
            exc.where = exc.where or work.article.origin
            return exc
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
            where = work.article.origin or work.article.doc_id
            return make("E420", where=where, stage=stage.name, reason=f"{type(exc).__name__}: {exc}")

    def __iter__(self) -> Iterator[BaseStage]:
        return iter(self.stages)


def default_pipeline(config: Config) -> Pipeline:
    """The built-in stages in data-flow order."""
    from dyadwatch.actors.stage import ActorStage
    from dyadwatch.events.stage import EventStage
    from dyadwatch.nlp.stages import LanguageStage, ParseStage
    from dyadwatch.quotes import QuoteStage

    stages: list[BaseStage] = [LanguageStage(), ParseStage(), ActorStage(), EventStage(), QuoteStage()]
    if config.classifier != "lexicon":
        from dyadwatch.events.embed import ExampleStage, check_classifier  # the optional extra dyadwatch[embed]

        problem = check_classifier(config)
        if problem is not None:
            raise problem
        stages.insert(4, ExampleStage())
    return Pipeline(stages, config)
