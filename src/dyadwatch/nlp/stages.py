"""Pipeline stages for language identification and parsing.

Parsing is batched per language with ``nlp.pipe`` (one process: spaCy's
multi-process mode pickles Docs back and was measured several times slower).
"""

from __future__ import annotations

from typing import Any, Iterable, Sequence

from dyadwatch.errors import make
from dyadwatch.events.dates import parse_published
from dyadwatch.nlp.langid import detect_language
from dyadwatch.nlp.lists import sentence_bounds
from dyadwatch.nlp.models import load_pipeline
from dyadwatch.pipeline import BaseStage, Work


class LanguageStage(BaseStage):
    """Decide the article's language: given, or detected; others are skipped, not coded."""

    name = "language"
    requires = ("article",)
    assigns = ("language", "published")

    def __call__(self, work: Work) -> Work:
        article, config = work.article, work.config
        given = (article.language or "").lower()[:2] if article.language and article.language != "auto" else ""
        if given:
            work.language, work.language_confidence = given, 1.0
        else:
            work.language, work.language_confidence = detect_language(article.text, config.min_language_confidence)
        if work.language not in config.languages or work.language not in config.models:
            work.skip = str(
                make(
                    "E110",
                    where=article.origin or article.doc_id,
                    name=article.doc_id,
                    language=work.language,
                    confidence=f"{work.language_confidence:.2f}",
                    options=", ".join(config.languages),
                )
            )
        work.published = parse_published(article.published)
        return work


def index_sentences(doc: Any) -> Any:
    """Find the sentences of a parsed Doc once, and answer ``token.sent`` and ``span.sent`` from that index.

    Why: spaCy finds a token's sentence by scanning the sentence-start flags on
    every access (about 8 µs), and the coder asks for it many times per event;
    each sentence's Span is built once, on first use, and given again. The hooks
    are spaCy's own extension points. The Spans they keep tie the Doc into a
    reference cycle until ``release_sentences`` empties them (``Work.result``
    does, when the stages are done with the Doc); the collector frees it otherwise.
    """
    bounds, of = sentence_bounds(doc)
    spans: dict[int, Any] = {}
    doc.user_data[_SPANS] = spans

    def sent_at(d: Any, i: int) -> Any:
        n = of[i]
        span = spans.get(n)
        if span is None:
            start, end = bounds[n]
            span = spans[n] = d[start:end]
        return span

    doc.user_token_hooks["sent"] = lambda tok: sent_at(tok.doc, tok.i)
    doc.user_span_hooks["sent"] = lambda span: sent_at(span.doc, span.start)
    doc.user_hooks["sents"] = lambda d: (sent_at(d, start) for start, _ in bounds)
    return doc


_SPANS = "dyadwatch.sentence_spans"


def release_sentences(doc: Any) -> None:
    """Drop the sentence Spans that ``index_sentences`` kept, so that the Doc is freed as soon as it is unused."""
    spans = doc.user_data.get(_SPANS)
    if spans is not None:
        spans.clear()


class ParseStage(BaseStage):
    """Run the language's spaCy pipeline over the article text."""

    name = "parse"
    requires = ("language",)
    assigns = ("doc",)

    def __call__(self, work: Work) -> Work:
        nlp = load_pipeline(work.language or "en", work.config.models)
        work.doc = index_sentences(nlp(work.article.text))
        return work

    def pipe(self, works: Sequence[Work], batch_size: int) -> Iterable[Work]:
        by_lang: dict[str, list[Work]] = {}
        for work in works:
            if not work.skip:
                by_lang.setdefault(work.language or "en", []).append(work)
        for language, group in by_lang.items():
            nlp = load_pipeline(language, group[0].config.models)
            for work, doc in zip(group, nlp.pipe((w.article.text for w in group), batch_size=batch_size)):
                work.doc = index_sentences(doc)
        return works
