"""Write events in the formats users know: PLOVER-shaped JSONL and flat CSV.

Every writer takes the PLOVER-shaped dicts that the store returns, so the
formats cannot drift apart.
"""

from __future__ import annotations

import csv
import json
from typing import Any, Iterable, TextIO

CSV_COLUMNS = [
    "id", "doc_id", "category", "mode", "actor_codes", "actor_names", "recipient_codes", "recipient_names",
    "date", "date_precision", "location", "location_country", "negated", "future", "hypothetical", "historical",
    "score", "quad", "contexts", "trigger", "sentence", "confidence", "coder",
]


def flat(event: dict[str, Any]) -> dict[str, Any]:
    """One event as a flat row (lists joined with ';')."""
    loc = event.get("location") or {}
    return {
        "id": event["id"], "doc_id": event["doc_id"], "category": event["category"], "mode": event["mode"] or "",
        "actor_codes": ";".join(a["code"] for a in event["actor"]),
        "actor_names": ";".join(a["canonical"] or a["name"] for a in event["actor"]),
        "recipient_codes": ";".join(r["code"] for r in event["recipient"]),
        "recipient_names": ";".join(r["canonical"] or r["name"] for r in event["recipient"]),
        "date": event["date"] or "", "date_precision": event["date_precision"] or "",
        "location": loc.get("name") or "", "location_country": loc.get("country") or "",
        "negated": event["negated"], "future": event["future"], "hypothetical": event["hypothetical"],
        "historical": event["historical"], "score": event["score"], "quad": event["quad"],
        "contexts": ";".join(event["contexts"]), "trigger": event["evidence"]["trigger"],
        "sentence": event["evidence"]["sentence"], "confidence": event["confidence"], "coder": event["coder"],
    }


def write_jsonl(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for e in events:
        out.write(json.dumps(e, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    n = 0
    for e in events:
        writer.writerow(flat(e))
        n += 1
    return n
