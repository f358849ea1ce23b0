"""Read an RSS or Atom feed: one article per entry, each with its own date.

This is the ``rss`` source of the data flow (sources → Article). feedparser
reads RSS 0.9x/1.0/2.0 and Atom alike. An entry's full content is coded when
the feed carries it; many feeds carry only a summary, and then the summary is
coded, the article's ``note`` says so and a warning (E114) is reported,
because a summary can miss events that the full text reports. A file that is
not a feed at all (an HTML page, plain text, binary) is one coded failure.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
from pathlib import Path
from typing import Any, Iterator

from dyadwatch.config import Config
from dyadwatch.errors import make

from .html import fragment_text
from .readers import Defaults, Failure, Item, make_article

SUMMARY_ONLY = "summary only"


def feed_articles(data: bytes, origin: str, config: Config, defaults: Defaults) -> Iterator[Item]:
    """Yield one article (or failure) per feed entry, numbered from 1 in file order."""
    import feedparser

    name = Path(origin).name
    # a stream, never a str: feedparser fetches a str that looks like a URL or a path
    parsed = feedparser.parse(io.BytesIO(data))
    problem = parsed.get("bozo_exception")
    reason = _reason(problem)
    if not parsed.get("version") and not parsed.entries:
        yield Failure(origin, "-", make("E113", where=origin, name=name, reason=reason or "no <rss>, <feed> or <rdf> root element"))
        return
    source = defaults.source or parsed.feed.get("title") or None
    count = 0
    for n, entry in enumerate(parsed.entries, start=1):
        for item in _entry(entry, n, origin, name, source, config, defaults):
            count += not isinstance(item, Failure)
            yield item
    benign = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    if problem is not None and reason and not isinstance(problem, benign):
        # a feed cut short still gives the entries before the break
        yield Failure(origin, str(len(parsed.entries)), make("E115", where=origin, name=name, record=len(parsed.entries), reason=reason, count=count))


def _entry(entry: Any, n: int, origin: str, name: str, source: str | None, config: Config, defaults: Defaults) -> Iterator[Item]:
    record = str(n)
    full = " ".join(c.get("value", "") for c in entry.get("content") or [] if isinstance(c, dict))
    text = fragment_text(full) if full.strip() else ""
    note = None
    if not text:
        text = fragment_text(entry.get("summary") or "")
        if text:
            note = SUMMARY_ONLY
            yield Failure(origin, record, make("E114", where=f"{origin}:{n}", entry=n, name=name), fatal=False)
    yield from make_article(
        {
            "id": entry.get("id") or entry.get("link") or f"{name}#{n}",
            "text": text,
            "title": entry.get("title") or None,
            "author": entry.get("author") or None,
            "published": _date(entry) or None,
            "url": entry.get("link") or None,
            "source": source,
            "note": note,
        },
        origin, record, config, defaults,
    )


def _date(entry: Any) -> str | None:
    """The entry's own date (published, else updated), as YYYY-MM-DD in UTC."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.datetime.fromtimestamp(calendar.timegm(value), dt.timezone.utc).date().isoformat()
            except (OverflowError, ValueError, OSError):
                continue
    return None


def _reason(problem: object) -> str | None:
    if problem is None:
        return None
    text = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
    return text[:200]
