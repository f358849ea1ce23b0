"""Read one HTML page into an article: its main text, title, author and date.

This is the ``html`` source of the data flow (sources → Article). trafilatura
finds the main text and the page's metadata; its *extensive* date search is
off because it takes dates from copyright footers ("© 2019"), so a page
without a date in its metadata gets the caller's fallback (a feed's or a
WARC record's date), then the user's ``--published``. The WARC reader and the
feed reader use this module too. A page with no article text (a login form,
an index of links) becomes a coded failure, never an empty article.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from dyadwatch.config import Config
from dyadwatch.errors import make

from .readers import Defaults, Failure, Item, make_article

# Why: a page without an article still yields text (menu labels, link lists,
# form labels); an article has at least one line that reads as a sentence.
_MIN_SENTENCE_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…:][\"'”»)\]]*(?:\s|$)")
# trafilatura's own date search without the heuristics that read footers
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def html_articles(
    data: bytes | str,
    origin: str,
    record: str,
    config: Config,
    defaults: Defaults,
    url: str | None = None,
    fallback_date: str | None = None,
    name: str | None = None,
) -> Iterator[Item]:
    """Yield the article of one HTML page, or a failure that says why there is none."""
    import trafilatura

    name = name or Path(origin).name
    where = origin if record == "1" else f"{origin}:{record}"
    try:
        doc = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # noqa: BLE001 - lxml and trafilatura raise many types on broken markup
        yield Failure(origin, record, make("E112", where=where, name=name, hint=f"extraction failed: {type(exc).__name__}"))
        return
    text = _clean_text(getattr(doc, "text", None) or "", getattr(doc, "title", None)) if doc is not None else ""
    if not has_article_text(text):
        yield Failure(origin, record, make("E112", where=where, name=name))
        return
    # trafilatura returns a Document (attributes); its type also admits a dict, which it does not return here
    title, author, date, found_url = (getattr(doc, key, None) for key in ("title", "author", "date", "url"))
    yield from make_article(
        {
            "id": name,
            "text": text,
            "title": title or None,
            "author": author or None,
            "published": date or fallback_date,
            "url": url or found_url or None,
        },
        origin, record, config, defaults,
    )


def has_article_text(text: str) -> bool:
    """True when some line of ``text`` reads as a sentence, not a menu item or a link."""
    return any(
        len(line.split()) >= _MIN_SENTENCE_WORDS and _SENTENCE_END.search(line) is not None
        for line in text.splitlines()
    )


def _clean_text(text: str, title: str | None) -> str:
    """Drop the headline that trafilatura repeats as the first line of the text."""
    lines = text.strip().splitlines()
    if lines and title and lines[0].strip() == title.strip():
        lines = lines[1:]
    return "\n".join(lines).strip()


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per line."""
    if "<" not in markup:
        return markup.strip()
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    for el in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    return "\n".join(" ".join(line.split()) for line in root.text_content().splitlines() if line.strip())
