"""dyadwatch: who did what to whom, when and where, from English and French news.

The public API. Importing the package loads no model and reads no file;
heavy work starts when a function is called.

Example::

    import dyadwatch
    for event in dyadwatch.code_text("Algeria recalled its ambassador from Paris.", published="2024-07-30"):
        print(event.category, [a.code for a in event.actor], [r.code for r in event.recipient])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable

from dyadwatch.config import Config, load_config
from dyadwatch.errors import DyadwatchError
from dyadwatch.records import Article, CodedArticle, Entity, Event, Evidence, Mention, Quote, Sentence, article_id

if TYPE_CHECKING:
    from dyadwatch.pipeline import Pipeline
    from dyadwatch.store.base import Store

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CodedArticle",
    "Config",
    "DyadwatchError",
    "Entity",
    "Event",
    "Evidence",
    "Mention",
    "Pipeline",
    "Quote",
    "Sentence",
    "__version__",
    "code_articles",
    "code_text",
    "load_config",
    "make_article",
    "open_store",
]


def make_article(
    text: str,
    doc_id: str | None = None,
    *,
    title: str | None = None,
    published: str | None = None,
    url: str | None = None,
    language: str | None = None,
    source: str | None = None,
) -> Article:
    """Build an ``Article`` whose id is the hash of its normalised text and URL."""
    aid = article_id(text, url)
    return Article(aid, doc_id or aid, text, title, published, url, language, source, origin=doc_id)


def code_articles(articles: Iterable[Article], config: Config | None = None) -> list[CodedArticle | DyadwatchError]:
    """Code articles in this process; bad articles come back as errors in their slot."""
    from dyadwatch.pipeline import default_pipeline

    pipeline = default_pipeline(config or load_config())
    return pipeline.code(list(articles))


def code_text(
    text: str,
    published: str | None = None,
    language: str | None = None,
    config: Config | None = None,
) -> list[Event]:
    """Code one text and return its events (raises the article's error if it fails)."""
    result = code_articles([make_article(text, "text", published=published, language=language)], config)[0]
    if isinstance(result, DyadwatchError):
        raise result
    return list(result.events)


def open_store(path: str = "dyadwatch.duckdb", backend: str | None = None) -> "Store":
    """Open (and migrate) the event store at ``path``."""
    from dyadwatch.store import open_store as _open

    return _open(path, backend)


def __getattr__(name: str) -> Any:
    if name == "Pipeline":
        from dyadwatch.pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
