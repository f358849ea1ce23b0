"""Rich tables for the command line: events, dyad series, evaluation and demo summaries."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def _console() -> Console:
    return Console(width=160)


def _names(side: list[dict[str, Any]]) -> str:
    out = []
    for e in side:
        label = e["canonical"] if e.get("canonical") and e["canonical"] != e["code"] else e["name"]
        extra = ", ".join(x for x in (e.get("role"), e.get("sector")) if x)
        out.append(f"{e['code']} {label}" + (f" ({extra})" if extra else ""))
    return "; ".join(out) or "-"


def events_table(rows: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(rows)} events", show_lines=False)
    for col in ("date", "category", "actor", "recipient", "flags", "evidence"):
        table.add_column(col, overflow="fold")
    for e in rows:
        flags = ",".join(k for k in ("negated", "future", "hypothetical", "historical") if e[k])
        cat = e["category"] + (f"/{e['mode']}" if e["mode"] else "")
        table.add_row(
            f"{e['date'] or '?'} ({e['date_precision'] or '-'})", cat, _names(e["actor"]), _names(e["recipient"]),
            flags, e["evidence"]["sentence"][:160],
        )
    _console().print(table)


def dyad_table(name: str, points: list[dict[str, Any]]) -> None:
    table = Table(title=f"{name}: events and cooperation-conflict index (mean PLOVER score)")
    for col in ("period", "events", "VC", "MC", "VF", "MF", "index", "categories"):
        table.add_column(col)
    for p in points:
        cats = ", ".join(f"{k} {v}" for k, v in sorted(p["categories"].items()))
        table.add_row(p["period"], str(p["events"]), str(p["VC"]), str(p["MC"]), str(p["VF"]), str(p["MF"]), f"{p['index']:+.1f}", cats)
    _console().print(table)


def summary_report(s: dict[str, Any]) -> None:
    console = _console()
    langs = ", ".join(f"{k}: {v}" for k, v in s["articles_by_language"].items())
    console.print(f"[bold]{s['articles']} articles[/bold] ({langs}); {s['events']} events, {s['events_counted']} counted (one per event reported by several articles; negated and hypothetical left out); {s['failures']} input problems logged")
    cats = Table(title="Events by PLOVER category")
    cats.add_column("category")
    cats.add_column("events", justify="right")
    for cat, n in s["by_category"]:
        cats.add_row(cat, str(n))
    console.print(cats)
    dyads = Table(title="Top dyads (undirected)")
    dyads.add_column("dyad")
    dyads.add_column("events", justify="right")
    for d, n in s["top_dyads"]:
        dyads.add_row(d, str(n))
    console.print(dyads)
    dyad_table(s["dyad"], s["dyad_series"])


def eval_report(r: dict[str, Any], name: str) -> None:
    console = _console()
    console.print(f"[bold]Evaluation of {name}[/bold]")
    if r["kind"] == "sentence":
        console.print(
            f"sentences: {r['sentences']}  top-1 category accuracy: {r['top1_accuracy']:.3f}  macro-F1: {r['macro_f1']:.3f}  "
            f"actor country accuracy: {_f(r['actor_country_accuracy'])}  recipient country accuracy: {_f(r['recipient_country_accuracy'])}"
        )
    else:
        console.print(
            f"articles: {r['articles']}  gold events: {r['gold_events']}  required found: {r['required_found']}/{r['required_total']}  "
            f"extra events: {r['extra_events']}  date accuracy (matched): {_f(r['date_accuracy'])}"
        )
        console.print(f"event micro P/R/F1: {r['micro']['precision']:.3f} / {r['micro']['recall']:.3f} / {r['micro']['f1']:.3f}  macro-F1: {r['macro_f1']:.3f}")
    table = Table(title="Per category")
    for col in ("category", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="right" if col != "category" else "left")
    for cat, v in r["per_category"].items():
        table.add_row(cat, f"{v['precision']:.2f}", f"{v['recall']:.2f}", f"{v['f1']:.2f}", str(v["support"]))
    console.print(table)
    if r.get("confusion"):
        cats = sorted({c for row in r["confusion"].values() for c in row} | set(r["confusion"]))
        conf = Table(title="Confusion (rows: gold, columns: top-1 coded)")
        conf.add_column("gold")
        for c in cats:
            conf.add_column(c[:4], justify="right")
        for g in sorted(r["confusion"]):
            conf.add_row(g, *[str(r["confusion"][g].get(c, "")) for c in cats])
        console.print(conf)
    if r.get("actors"):
        a = r["actors"]
        console.print(
            f"persons: {a['persons']}  found: {a['found']}  right country: {a['country_right']} ({a['country_accuracy']:.2f})  "
            f"right sector: {a['sector_right']} ({a['sector_accuracy']:.2f})  right role: {a['role_right']} ({a['role_accuracy']:.2f})"
        )
        if a["missed"]:
            console.print("persons not found: " + "; ".join(a["missed"][:20]))
    if r.get("errors"):
        console.print(f"[red]{r['errors']} records failed to code[/red]")


def actors_table(rows: list[dict[str, Any]]) -> None:
    table = Table(title=f"{len(rows)} registry rows (user corrections first)")
    for col in ("person", "code", "sector", "office", "seen", "mentions", "source", "as written"):
        table.add_column(col, overflow="fold")
    for r in rows:
        seen = f"{r['since'] or '?'} – {r['until'] or '?'}" if r.get("since") or r.get("until") else ""
        table.add_row(r["canonical"], r["code"] or "", r["sector"] or "", r["role"] or "", seen, str(r["mentions"] or ""), r["source"], r["alias"] or "")
    _console().print(table)


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"
