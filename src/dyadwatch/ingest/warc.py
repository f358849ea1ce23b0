"""Read a web archive (.warc, .warc.gz) record by record; each HTML page becomes an article.

This is the ``warc`` source of the data flow (sources → Article). warcio
streams the file, so a crawl of many gigabytes is never held in memory: the
whole-file size limit does not apply, but each record's payload must fit in
``max_file_bytes``. Every HTML ``response`` (or ``resource``) record goes
through the html module, with the record's WARC-Date as the fallback date.
Other records (requests, metadata, images, robots.txt) are not articles and
are passed over. A truncated or corrupt file yields the articles read so far
and then one coded failure (E115), never an exception.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

from dyadwatch.config import Config
from dyadwatch.errors import make

from .html import html_articles
from .readers import Defaults, Failure, Item

_PAGE_RECORDS = ("response", "resource")
_HTML_TYPES = ("text/html", "application/xhtml")


def warc_articles(path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    """Yield the articles (and failures) of every HTML record in the archive, in file order."""
    origin, name = str(path), path.name
    iterator: Any = None
    number = count = 0
    truncated: str | None = None
    with path.open("rb") as fh:
        try:
            iterator = _iterator_class()(fh)
            for record in iterator:
                number += 1
                for item in _record(record, number, origin, name, config, defaults):
                    count += not isinstance(item, Failure)
                    yield item
                if getattr(record.raw_stream, "limit", 0) > 0:
                    truncated = "the last record is shorter than its Content-Length"
                    break
        except Exception as exc:  # noqa: BLE001 - warcio and zlib raise many types on broken archives
            truncated = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else 'unreadable record'}"[:200]
    if truncated is None and iterator is not None and iterator.unfinished_member:
        truncated = "the gzip stream stops inside a record"
    if truncated is not None:
        yield Failure(origin, str(number), make("E115", where=f"{origin}:{number}", name=name, record=number, reason=truncated, count=count))


def _record(record: Any, number: int, origin: str, name: str, config: Config, defaults: Defaults) -> Iterator[Item]:
    if record.rec_type not in _PAGE_RECORDS:
        _drain(record)
        return
    ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else None) or record.rec_headers.get_header("Content-Type") or ""
    if not ctype.lower().startswith(_HTML_TYPES):
        _drain(record)
        return
    payload = record.content_stream().read(config.max_file_bytes + 1)
    _drain(record)
    where = f"{origin}:{number}"
    if len(payload) > config.max_file_bytes:
        yield Failure(origin, str(number), make("E116", where=where, name=name, record=number, limit=config.max_file_bytes))
        return
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    date = (record.rec_headers.get_header("WARC-Date") or "")[:10] or None
    yield from html_articles(payload, origin, str(number), config, defaults, url=url, fallback_date=date, name=url or f"{name}#{number}")


def _drain(record: Any) -> None:
    """Read the rest of the record so that a short one is seen as truncated."""
    while record.raw_stream.read(65536):
        pass


def _iterator_class() -> type:
    """warcio's iterator, noting whether the last gzip member ended cleanly.

    Why: warcio stops quietly at the end of a truncated .warc.gz; the
    decompressor of the last member, seen just before warcio closes it, is the
    one place that knows the member never reached its end.
    """
    from warcio.archiveiterator import ArchiveIterator

    class _Checked(ArchiveIterator):  # type: ignore[misc]
        unfinished_member = False

        def close(self) -> None:
            decompressor = getattr(self.reader, "decompressor", None) if self.reader is not None else None
            if decompressor is not None and not getattr(decompressor, "eof", True):
                self.unfinished_member = True
            super().close()

    return _Checked
