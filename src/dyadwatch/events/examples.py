"""Example sentences of event types: reading and checking a user's examples file, and the ontology with the user's own types."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyadwatch.errors import make

# a new event type is named like a PLOVER category: capitals, digits and underscores
_CATEGORY = re.compile(r"[A-Z][A-Z0-9_]{1,39}")
_MODE = re.compile(r"[a-z][a-z0-9_-]{0,39}")


@dataclass(frozen=True)
class Example:
    """One example sentence of a category, and where it was read."""

    category: str
    text: str
    mode: str | None = None
    where: str = ""


def builtin_examples(language: str) -> list[Example]:
    """The examples we wrote for a language (an empty list for a language without a file)."""
    from importlib import resources

    path = resources.files("dyadwatch.events").joinpath("data", f"examples.{language}.yaml")
    if not path.is_file():
        return []
    return parse_examples(path.read_text(encoding="utf-8"), f"examples.{language}.yaml")


def read_examples(path: str | Path) -> list[Example]:
    """A user's examples from a YAML or JSONL file; every problem is a coded error naming the line."""
    p = Path(path)
    if not p.is_file():
        raise make("E107", where=str(p), name=str(p))
    text = p.read_text(encoding="utf-8")
    examples = parse_examples(text, str(p), jsonl=p.suffix.lower() in (".jsonl", ".ndjson"))
    if not examples:
        raise make("E810", where=str(p), what="examples file", value=str(p), reason="it holds no examples")
    return examples


def parse_examples(text: str, name: str, jsonl: bool = False) -> list[Example]:
    """Examples from the text of a file: JSONL records, a YAML list of records, or a YAML mapping.

    The YAML mapping (the built-in form) maps a category to a list of
    sentences or of ``{text, mode}`` records; records carry ``category``,
    ``text`` and an optional ``mode``.
    """
    items = _jsonl_items(text, name) if jsonl else _yaml_items(text, name)
    return [_example(record, line, name) for line, record in items]


def _jsonl_items(text: str, name: str) -> list[tuple[int, dict[str, Any]]]:
    from dyadwatch.ingest.readers import jsonl_records

    out: list[tuple[int, dict[str, Any]]] = []
    for n, record, wrong in jsonl_records(text):
        if record is None:
            raise make("E105", where=f"{name}:{n}", line=n, name=name, reason=wrong)
        out.append((n, record))
    return out


def _yaml_items(text: str, name: str) -> list[tuple[int, dict[str, Any]]]:
    """(line, record) pairs from YAML, with line numbers read off the node tree."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        raise make("E810", where=f"{name}:{line}", what="examples file", value=name, reason=f"line {line} is not valid YAML") from None
    if root is None:
        return []
    if isinstance(root, yaml.SequenceNode):
        return [(node.start_mark.line + 1, _node_record(node, name)) for node in root.value]
    if not isinstance(root, yaml.MappingNode):
        raise make("E810", where=f"{name}:1", what="examples file", value=name, reason="expected a list of {category, text} records or a mapping of category to sentences")
    out: list[tuple[int, dict[str, Any]]] = []
    for key, value in root.value:
        line = key.start_mark.line + 1
        if not isinstance(value, yaml.SequenceNode):
            raise make("E810", where=f"{name}:{line}", what="examples file", value=name, reason=f"line {line}: category {key.value!r} needs a list of sentences")
        for node in value.value:
            record = _node_record(node, name)
            out.append((node.start_mark.line + 1, {"category": key.value, **record}))
    return out


def _node_record(node: Any, name: str) -> dict[str, Any]:
    import yaml

    line = node.start_mark.line + 1
    if isinstance(node, yaml.ScalarNode):
        return {"text": node.value}
    if isinstance(node, yaml.MappingNode) and all(isinstance(v, yaml.ScalarNode) for _, v in node.value):
        return {k.value: v.value for k, v in node.value}
    raise make("E810", where=f"{name}:{line}", what="examples file", value=name, reason=f"line {line}: an example is a sentence or a record of category, text and mode")


def _example(record: Mapping[str, Any], line: int, name: str) -> Example:
    """Check one record: a category name, a non-empty text, a mode the category knows."""
    where = f"{name}:{line}"
    for key in ("category", "text"):
        value = record.get(key)
        if not isinstance(value, str) or not value.strip():
            raise make("E106", where=where, line=line, name=name, field=key)
    unknown = sorted(set(record) - {"category", "text", "mode"})
    if unknown:
        raise make("E810", where=where, what="examples file", value=name, reason=f"line {line} has unknown keys {', '.join(unknown)}; use category, text and mode")
    category = str(record["category"]).strip().upper()
    if not _CATEGORY.fullmatch(category):
        raise make("E810", where=where, what="examples file", value=name, reason=f"line {line}: category {record['category']!r} must be a word in capitals (AGREE, or a new type such as CYBER_ATTACK)")
    mode = record.get("mode")
    mode = str(mode).strip() if mode not in (None, "") else None
    if mode is not None:
        _check_mode(category, mode, where)
    return Example(category, " ".join(str(record["text"]).split()), mode, where)


def _check_mode(category: str, mode: str, where: str) -> None:
    from dyadwatch.ontology import load_ontology

    onto = load_ontology()
    if category in onto.categories:
        if not onto.is_valid(category, mode):
            raise make("E402", where=where, mode=mode, category=category, options=", ".join(onto.categories[category].modes) or "(none)")
    elif not _MODE.fullmatch(mode):
        raise make("E810", where=where, what="mode", value=mode, reason="a mode is a lower-case word")


@lru_cache(maxsize=16)
def examples_tag(path: str) -> str:
    """A short hash of a user's examples file, so that another file gives another coder version."""
    p = Path(path)
    data = p.read_bytes() if p.is_file() else path.encode()
    return hashlib.sha256(data).hexdigest()[:8]


class CustomOntology:
    """PLOVER, plus the user's own event types: no quad class (""), a score of 0, any mode.

    Custom events are marked by the empty quad and by the coder suffix
    ``:examples``; aggregates by quad class leave them out.
    """

    def __init__(self, names: Iterable[str]) -> None:
        from dyadwatch.ontology import load_ontology

        self._onto = load_ontology()
        self.custom = frozenset(n for n in names if n not in self._onto.categories)

    def category(self, name: str) -> Any:
        if name in self.custom:
            from dyadwatch.ontology import Category

            return Category(name, "", 0.0, False, "a user-defined event type (from --examples)", {})
        return self._onto.category(name)

    def is_valid(self, category: str, mode: str | None = None) -> bool:
        return category in self.custom or self._onto.is_valid(category, mode)

    def score(self, category: str, mode: str | None = None) -> float:
        return 0.0 if category in self.custom else self._onto.score(category, mode)

    def quad(self, category: str) -> str:
        return "" if category in self.custom else self._onto.quad(category)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._onto, name)

