"""Write a file in one of the export formats: PLOVER JSONL, CSV, Parquet, or a GDELT-style TSV.

Every format starts from the PLOVER-shaped event dicts of the store. CSV and
Parquet share the flat columns of ``export.flat``. The GDELT-style TSV is
dyadic: an event becomes one row per actor-recipient country pair (the
expansion of ``analysis.dyads.pairs``), with the CAMEO root code, QuadClass
and Goldstein value mapped from the PLOVER category and mode by the
ontology. GDELT has no column for negation, so negated and hypothetical
events are left out of the TSV; the other formats keep them with their flags.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Iterable, TextIO

from dyadwatch.analysis.dyads import counted, pairs
from dyadwatch.errors import make
from dyadwatch.export import CSV_COLUMNS, flat, write_csv, write_jsonl

FORMATS = ("plover-jsonl", "csv", "parquet", "gdelt-tsv")

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "DatePrecision", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "IsRootEvent", "EventCode",
    "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "PLOVERCategory", "PLOVERMode", "SOURCEURL",
    "Sentence",
]


def sql_date(date: str | None) -> str:
    """YYYYMMDD, with 00 for an unknown month or day (``2025-04`` -> ``20250400``)."""
    if not date:
        return ""
    digits = date.replace("-", "")[:8]
    return digits.ljust(8, "0") if digits.isdigit() else ""


def _side(entities: list[dict[str, Any]], code: str) -> tuple[str, str]:
    """(name, sector) of the first entity of a side with this country code."""
    for e in entities:
        if e.get("code") == code:
            return (e.get("canonical") or e.get("name") or code, e.get("sector") or "")
    return (code, "")


def gdelt_rows(events: Iterable[dict[str, Any]], source_urls: dict[str, str] | None = None) -> Iterable[dict[str, Any]]:
    """One GDELT-style row per directed actor-recipient pair of each counted event."""
    from dyadwatch.ontology import load_ontology

    onto = load_ontology()
    urls = source_urls or {}
    for e in counted(events):
        root = _cameo(onto, e["category"], e.get("mode"))
        loc = e.get("location") or {}
        everyone = list(e["actor"]) + list(e["recipient"])
        for n, (a, b) in enumerate(sorted(pairs(e, directed=True))):
            name1, sector1 = _side(e["actor"], a) if any(x["code"] == a for x in e["actor"]) else _side(everyone, a)
            name2, sector2 = _side(e["recipient"], b) if e["recipient"] else _side(e["actor"], b)
            yield {
                "GLOBALEVENTID": f"{e['id']}-{n}", "SQLDATE": sql_date(e.get("date")),
                "DatePrecision": e.get("date_precision") or "",
                "Actor1Code": a + sector1, "Actor1Name": name1, "Actor1CountryCode": a, "Actor1Type1Code": sector1,
                "Actor2Code": b + sector2, "Actor2Name": name2, "Actor2CountryCode": b, "Actor2Type1Code": sector2,
                "IsRootEvent": 0 if e.get("historical") else 1,
                "EventCode": root.code if root else "", "EventBaseCode": root.code if root else "",
                "EventRootCode": root.code if root else "",
                "QuadClass": onto.quad_class(root.code) if root else "",
                "GoldsteinScale": root.goldstein if root else "",
                "ActionGeo_FullName": loc.get("name") or "", "ActionGeo_CountryCode": loc.get("country") or "",
                "ActionGeo_Lat": "" if loc.get("lat") is None else loc["lat"],
                "ActionGeo_Long": "" if loc.get("lon") is None else loc["lon"],
                "PLOVERCategory": e["category"], "PLOVERMode": e.get("mode") or "",
                "SOURCEURL": urls.get(e["article_id"], ""),
                "Sentence": " ".join((e.get("evidence") or {}).get("sentence", "").split()),
            }


def _cameo(onto: Any, category: str, mode: str | None) -> Any:
    """The CAMEO root of a category and mode; the category's root when the mode is not one of its modes; None for a custom type."""
    from dyadwatch.errors import DyadwatchError

    try:
        return onto.to_cameo(category, mode)
    except DyadwatchError:
        pass
    try:
        return onto.to_cameo(category)
    except DyadwatchError:
        return None  # a user-defined event type (--examples) has no CAMEO code: the row keeps its columns empty


def write_gdelt_tsv(events: Iterable[dict[str, Any]], out: TextIO, source_urls: dict[str, str] | None = None) -> int:
    writer = csv.DictWriter(out, fieldnames=GDELT_COLUMNS, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    n = 0
    for row in gdelt_rows(events, source_urls):
        writer.writerow(row)
        n += 1
    return n


def write_parquet(events: Iterable[dict[str, Any]], path: str | Path) -> int:
    """The flat CSV columns as one Parquet file (booleans and numbers keep their types)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flat(e) for e in events]
    columns = {c: [r[c] for r in rows] for c in CSV_COLUMNS}
    pq.write_table(pa.table(columns), str(path))
    return len(rows)


def export_events(
    events: list[dict[str, Any]], fmt: str, path: str | Path, source_urls: dict[str, str] | None = None
) -> int:
    """Write ``events`` to ``path`` in ``fmt``; returns the number of records (rows for gdelt-tsv)."""
    if fmt not in FORMATS:
        raise make("E810", what="--format", value=fmt, reason=f"use one of {', '.join(FORMATS)}")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        return write_parquet(events, path)
    with open(path, "w", encoding="utf-8", newline="") as out:
        if fmt == "plover-jsonl":
            return write_jsonl(events, out)
        if fmt == "csv":
            return write_csv(events, out)
        return write_gdelt_tsv(events, out, source_urls)
