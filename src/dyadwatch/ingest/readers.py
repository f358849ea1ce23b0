"""Read articles from text, JSONL, CSV, HTML, RSS/Atom and WARC files, and folders of them.

The format comes from ``--format``, else from the extension refined by
sniffing the first bytes (``sniff_format``); HTML, feeds and WARC have their
own modules (html.py, feeds.py, warc.py), which build articles through
``make_article`` here. ``read_inputs`` is a generator end to end: no list of
all articles is ever built, so a large input streams through the run loop.

Readers never raise for a bad article: they yield a ``Failure`` naming the
file, the record number and a coded error, and go on with the next record.
Text is checked here (empty, binary, encoding, size) so that later stages
only see clean Unicode.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from dyadwatch.config import Config
from dyadwatch.errors import DyadwatchError, make
from dyadwatch.records import Article, article_id

SUPPORTED = (".txt", ".jsonl", ".csv", ".html", ".htm", ".xml", ".rss", ".atom", ".warc", ".warc.gz")
FORMATS = ("auto", "txt", "jsonl", "csv", "html", "rss", "warc")
_BY_EXTENSION = {
    ".txt": "txt", ".jsonl": "jsonl", ".csv": "csv", ".html": "html", ".htm": "html",
    ".xml": "rss", ".rss": "rss", ".atom": "rss", ".warc": "warc", ".warc.gz": "warc",
}
# magic numbers of files that are often renamed or mixed into text folders
_MAGIC = {b"%PDF": "PDF", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"PK\x03\x04": "ZIP archive", b"\x1f\x8b": "gzip archive"}


@dataclass(frozen=True)
class Failure:
    """An input that could not become an article, or became one with a warning."""

    origin: str
    record: str
    error: DyadwatchError
    fatal: bool = True


@dataclass(frozen=True)
class Defaults:
    published: str | None = None
    language: str | None = None
    source: str | None = None
    # one of FORMATS: "auto" picks by extension, then by sniffing the content
    format: str = "auto"


Item = Article | Failure


def read_inputs(paths: list[str], config: Config, defaults: Defaults) -> Iterator[Item]:
    """Yield articles and failures from every input path, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _extension(p) in SUPPORTED)
            for f in files:
                yield from read_file(f, config, defaults)
        elif path.is_file():
            yield from read_file(path, config, defaults)
        else:
            yield Failure(str(path), "-", make("E107", where=str(path), name=str(path)))


def read_file(path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    ext = _extension(path)
    fmt = defaults.format if defaults.format != "auto" else sniff_format(path)
    if defaults.format != "auto":
        looks = _sniff(_head(path))
        if looks is not None and looks != fmt:
            reason = f"its content looks like {looks}"
            options = ", ".join(FORMATS)
            yield Failure(str(path), "-", make("E117", where=str(path), name=path.name, format=fmt, reason=reason, options=options), fatal=False)
    if fmt is None:
        yield Failure(str(path), "-", make("E108", where=str(path), name=path.name, ext=ext or "(none)", options=", ".join(SUPPORTED)))
        return
    if fmt == "warc":
        # streamed record by record: the size limit applies to each record instead
        from .warc import warc_articles

        yield from warc_articles(path, config, defaults)
        return
    size = path.stat().st_size
    if size > config.max_file_bytes:
        yield Failure(str(path), "-", make("E104", where=str(path), name=path.name, size=size, limit=config.max_file_bytes))
        return
    data = path.read_bytes()
    if fmt in ("html", "rss"):
        yield from _markup(fmt, data, path, config, defaults)
        return
    text, problem = decode(data, str(path))
    if problem is not None:
        yield problem
        if text is None:
            return
    assert text is not None
    if fmt == "txt":
        yield from _text_article(text, path, config, defaults)
    elif fmt == "jsonl":
        yield from _jsonl(text, path, config, defaults)
    else:
        yield from _csv(text, path, config, defaults)


def _extension(path: Path) -> str:
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def sniff_format(path: Path) -> str | None:
    """The format of a file: by its extension, refined by its first bytes.

    Why sniff: crawls and exports often name HTML pages and feeds .txt or
    nothing at all, and a .gz may be a WARC. A sniffed HTML, feed or WARC head
    wins over a .txt extension; otherwise the extension decides.
    """
    ext = _extension(path)
    sniffed = _sniff(_head(path))
    if sniffed is not None and _BY_EXTENSION.get(ext) in (None, "txt"):
        return sniffed
    return _BY_EXTENSION.get(ext)


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as fh:
            return fh.read(2048)
    except OSError:
        return b""


def _sniff(head: bytes) -> str | None:
    if head.startswith(b"\x1f\x8b"):
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return None
    if head.startswith(b"WARC/"):
        return "warc"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if any(tag in start for tag in (b"<rss", b"<feed", b"<rdf:rdf")):
            return "rss"
        return "html" if b"<html" in start else None
    if start.startswith((b"<!doctype html", b"<html")):
        return "html"
    return None


def _markup(fmt: str, data: bytes, path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    """HTML and feeds decode themselves (their charset is declared inside); only binaries are refused here."""
    kind = binary_kind(data)
    if kind is not None:
        yield Failure(str(path), "-", make("E102", where=str(path), name=path.name, kind=kind))
        return
    if not data.strip():
        yield Failure(str(path), "1", make("E101", where=str(path), name=path.name))
        return
    if fmt == "html":
        from .html import html_articles

        yield from html_articles(data, str(path), "1", config, defaults)
    else:
        from .feeds import feed_articles

        yield from feed_articles(data, str(path), config, defaults)


def binary_kind(data: bytes) -> str | None:
    """What kind of binary ``data`` is, or None when it may be text."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if b"\x00" in data[:4096]:
        return "contains NUL bytes"
    return None


def decode(data: bytes, origin: str) -> tuple[str | None, Failure | None]:
    """Bytes to text: refuse binaries, accept UTF-8, fall back to Latin-1 with a warning."""
    name = Path(origin).name
    kind = binary_kind(data)
    if kind is not None:
        return None, Failure(origin, "-", make("E102", where=origin, name=name, kind=kind))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("latin-1")
        control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t" or 0x7F <= ord(ch) < 0xA0)
        if control > max(3, len(text) // 100):
            return None, Failure(origin, "-", make("E102", where=origin, name=name, kind="undecodable bytes"))
        warning = make("E103", where=origin, name=name, reason=f"bad byte at {exc.start}")
        return text, Failure(origin, "-", warning, fatal=False)


def _text_article(text: str, path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    """A .txt file is one article; a short first line without final punctuation is its title."""
    lines = text.strip().splitlines()
    title = None
    if len(lines) > 1 and len(lines[0]) < 200 and not lines[0].rstrip().endswith((".", "!", "?", "»", "”", '"')):
        title, body = lines[0].strip(), "\n".join(lines[1:]).strip()
    else:
        body = text.strip()
    yield from make_article(
        {"id": path.name, "text": body, "title": title}, str(path), "1", config, defaults
    )


def jsonl_records(text: str) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, object, None) per JSON-object line, or (line number, None, what is wrong); blank lines skipped."""
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, exc.msg
            continue
        if not isinstance(record, dict):
            yield n, None, f"found {type(record).__name__}"
            continue
        yield n, record, None


def _jsonl(text: str, path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    for n, record, wrong in jsonl_records(text):
        if record is None:
            yield Failure(str(path), str(n), make("E105", where=f"{path}:{n}", line=n, name=path.name, reason=wrong))
            continue
        yield from make_article(record, str(path), str(n), config, defaults)


def _csv(text: str, path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    # strict: an unterminated quote is an error, not a row that swallows the rest of the file
    reader = csv.DictReader(io.StringIO(text), strict=True)
    try:
        for row in reader:
            n = reader.line_num
            if None in row:
                reason = f"{len(row) - 1 + len(row[None])} fields, the header has {len(row) - 1}"  # type: ignore[index]
                yield Failure(str(path), str(n), make("E118", where=f"{path}:{n}", line=n, name=path.name, reason=reason))
                continue
            yield from make_article({k: v for k, v in row.items() if k}, str(path), str(n), config, defaults)
    except csv.Error as exc:
        n = reader.line_num
        yield Failure(str(path), str(n), make("E118", where=f"{path}:{n}", line=n, name=path.name, reason=str(exc)))


def make_article(record: dict[str, Any], origin: str, n: str, config: Config, defaults: Defaults) -> Iterator[Item]:
    """Validate one record and build its Article (truncating over-long texts, with a warning)."""
    where = f"{origin}:{n}" if n != "1" or not origin.endswith(".txt") else origin
    text = record.get("text")
    name = str(record.get("id") or Path(origin).name)
    if not isinstance(text, str) or not text.strip():
        code = "E101" if isinstance(text, str) or text is None and "text" in record else "E106"
        err = make("E101", where=where, name=name) if code == "E101" else make("E106", where=where, line=n, name=Path(origin).name, field="text")
        yield Failure(origin, n, err)
        return
    text = text.strip()
    if len(text) > config.max_chars:
        yield Failure(origin, n, make("E109", where=where, name=name, size=len(text), limit=config.max_chars), fatal=False)
        text = text[: config.max_chars]
    published = record.get("published") or defaults.published
    if published is not None and not _is_date(str(published)):
        yield Failure(origin, n, make("E111", where=where, value=published, name=name), fatal=False)
        published = defaults.published
    url = record.get("url") or None
    yield Article(
        id=article_id(text, url),
        doc_id=name,
        text=text,
        title=record.get("title") or None,
        published=str(published)[:10] if published else None,
        url=url,
        language=record.get("language") or defaults.language,
        source=record.get("source") or defaults.source,
        origin=where,
        author=record.get("author") or None,
        note=record.get("note") or None,
    )


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value[:10])
        return True
    except ValueError:
        return False
