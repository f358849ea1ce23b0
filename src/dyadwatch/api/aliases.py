"""Parse a small actor alias file (CSV or YAML) for ``POST /api/actors/import``.

Each row names an ``alias`` (the words used in text) and the country
``code`` it stands for, optionally with ``sector``, ``canonical`` and
``role``. YAML may be a list of such mappings, or a mapping of alias to
code. Rows are checked here and stored by ``Service.import_aliases``.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from dyadwatch.errors import make

FIELDS = ("alias", "code", "sector", "canonical", "role")
MAX_ROWS = 5000
_CODE = re.compile(r"[A-Z]{3}")


def parse_aliases(content: str, fmt: str) -> list[dict[str, str | None]]:
    """The rows of an alias file; E607 names the first bad row."""
    raw = _csv_rows(content) if fmt == "csv" else _yaml_rows(content)
    if not raw:
        raise make("E607", where="content", fmt=fmt, reason="it has no rows")
    if len(raw) > MAX_ROWS:
        raise make("E607", where="content", fmt=fmt, reason=f"it has {len(raw)} rows; the limit is {MAX_ROWS}")
    rows = []
    for n, item in enumerate(raw, start=1):
        row = {k: (str(item[k]).strip() or None) if item.get(k) is not None else None for k in FIELDS}
        if not row["alias"]:
            raise make("E607", where=f"row {n}", fmt=fmt, reason="'alias' is missing or empty")
        code = (row["code"] or "").upper()
        if not _CODE.fullmatch(code):
            raise make("E607", where=f"row {n}", fmt=fmt, reason=f"'code' must be three letters (ISO alpha-3), got {row['code']!r}")
        row["code"] = code
        rows.append(row)
    return rows


def _csv_rows(content: str) -> list[dict[str, Any]]:
    reader = csv.DictReader(io.StringIO(content, newline=""))
    try:
        if not reader.fieldnames or not {"alias", "code"} <= {f.strip() for f in reader.fieldnames if f}:
            raise make("E607", where="header", fmt="csv", reason="the header must name at least 'alias' and 'code'")
        return [{(k or "").strip(): v for k, v in r.items()} for r in reader]
    except csv.Error as exc:  # a stray carriage return or NUL, an unclosed quote...
        raise make("E607", where=f"line {reader.line_num}", fmt="csv", reason=str(exc)) from None


def _yaml_rows(content: str) -> list[dict[str, Any]]:
    import yaml

    try:
        data = yaml.safe_load(content)
    except yaml.YAMLError as exc:
        raise make("E607", where="content", fmt="yaml", reason=str(exc).splitlines()[0]) from None
    if isinstance(data, dict):
        return [{"alias": k, "code": v} for k, v in data.items()]
    if isinstance(data, list) and all(isinstance(x, dict) for x in data):
        return list(data)
    raise make("E607", where="content", fmt="yaml", reason="expected a list of mappings or a mapping of alias to code")
