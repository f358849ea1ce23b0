"""Read articles from text files, JSONL and CSV files, and folders of them.

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

SUPPORTED = (".txt", ".jsonl", ".csv")
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


Item = Article | Failure


def read_inputs(paths: list[str], config: Config, defaults: Defaults) -> Iterator[Item]:
    """Yield articles and failures from every input path, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED)
            for f in files:
                yield from read_file(f, config, defaults)
        elif path.is_file():
            yield from read_file(path, config, defaults)
        else:
            yield Failure(str(path), "-", make("E107", where=str(path), name=str(path)))


def read_file(path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    ext = path.suffix.lower()
    if ext not in SUPPORTED:
        yield Failure(str(path), "-", make("E108", where=str(path), name=path.name, ext=ext or "(none)", options=", ".join(SUPPORTED)))
        return
    size = path.stat().st_size
    if size > config.max_file_bytes:
        yield Failure(str(path), "-", make("E104", where=str(path), name=path.name, size=size, limit=config.max_file_bytes))
        return
    data = path.read_bytes()
    text, problem = decode(data, str(path))
    if problem is not None:
        yield problem
        if text is None:
            return
    assert text is not None
    if ext == ".txt":
        yield from _text_article(text, path, config, defaults)
    elif ext == ".jsonl":
        yield from _jsonl(text, path, config, defaults)
    else:
        yield from _csv(text, path, config, defaults)


def decode(data: bytes, origin: str) -> tuple[str | None, Failure | None]:
    """Bytes to text: refuse binaries, accept UTF-8, fall back to Latin-1 with a warning."""
    name = Path(origin).name
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return None, Failure(origin, "-", make("E102", where=origin, name=name, kind=kind))
    if b"\x00" in data[:4096]:
        return None, Failure(origin, "-", make("E102", where=origin, name=name, kind="contains NUL bytes"))
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


def _jsonl(text: str, path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(str(path), str(n), make("E105", where=f"{path}:{n}", line=n, name=path.name, reason=exc.msg))
            continue
        if not isinstance(record, dict):
            yield Failure(str(path), str(n), make("E105", where=f"{path}:{n}", line=n, name=path.name, reason=f"found {type(record).__name__}"))
            continue
        yield from make_article(record, str(path), str(n), config, defaults)


def _csv(text: str, path: Path, config: Config, defaults: Defaults) -> Iterator[Item]:
    reader = csv.DictReader(io.StringIO(text))
    try:
        for n, row in enumerate(reader, start=2):
            yield from make_article({k: v for k, v in row.items() if k}, str(path), str(n), config, defaults)
    except csv.Error as exc:
        yield Failure(str(path), str(reader.line_num), make("E105", where=str(path), line=reader.line_num, name=path.name, reason=str(exc)))


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
    )


def _is_date(value: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(value[:10])
        return True
    except ValueError:
        return False
