"""The ``dyadwatch`` command line: thin typer wrappers around one function each.

User errors (coded ``DyadwatchError``) print as one line on stderr and exit
with status 2; they never show a traceback.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from dyadwatch.errors import DyadwatchError, make
from dyadwatch.ingest.readers import FORMATS

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="dyadwatch: political event data (PLOVER) from English and French news, with the sentence behind every event.",
)

DB_HELP = "DuckDB file, or a postgresql://USER@HOST:PORT/DB URL, to use."
CLASSIFIER_HELP = "lexicon (the default) or embed: the example-based classifier of the extra dyadwatch[embed] adds to the lexicon."
EXAMPLES_HELP = "YAML or JSONL file of example sentences {category, text[, mode]}, new event types allowed; implies --classifier embed."
DEMO_DIR = Path(__file__).resolve().parents[3] / "examples" / "demo"


def friendly(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn coded errors into one clear line and exit status 2."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DyadwatchError as exc:
            typer.echo(f"error: {exc}", err=True)
            raise typer.Exit(2) from None

    return wrapper


def _config(config: Optional[Path], **overrides: Any) -> Any:
    from dyadwatch.config import load_config

    return load_config(config, overrides=overrides)


@app.command()
@friendly
def code(
    inputs: List[Path] = typer.Argument(..., help="Text (.txt), JSONL, CSV, HTML, RSS/Atom or WARC files, or folders of them."),
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for inputs without one."),
    lang: str = typer.Option("auto", "--lang", help="auto, en or fr."),
    source: Optional[str] = typer.Option(None, "--source", help="Source name for inputs without one."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML configuration file."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show progress."),
    fmt: str = typer.Option("auto", "--format", help="auto (by extension and content), txt, jsonl, csv, html, rss or warc."),
    engine: Optional[str] = typer.Option(None, "--engine", help="local (this process, the default) or dask (a Dask cluster)."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler tcp://HOST:PORT; without it --engine dask starts a local cluster."),
    classifier: Optional[str] = typer.Option(None, "--classifier", help=CLASSIFIER_HELP),
    examples: Optional[Path] = typer.Option(None, "--examples", help=EXAMPLES_HELP),
) -> None:
    """Code articles into the store and print a one-line summary.

    Example:
      dyadwatch code examples/demo/articles.jsonl --db demo.duckdb
      dyadwatch code article.txt --published 2026-02-18 --lang en
      dyadwatch code crawl.warc.gz feeds/ --format auto --no-progress
      dyadwatch code corpus/ --engine dask --scheduler tcp://10.0.0.5:8786 --db postgresql://dw@db/dyadwatch
      dyadwatch code corpus/ --classifier embed --examples my-types.yaml
    """
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults

    if lang not in ("auto", "en", "fr"):
        raise make("E810", what="--lang", value=lang, reason="use auto, en or fr")
    if published is not None:
        _check_date("--published", published)
    if fmt not in FORMATS:
        raise make("E810", what="--format", value=fmt, reason="use " + ", ".join(FORMATS))
    engine = engine or ("dask" if scheduler else None)
    if engine not in (None, "local", "dask"):
        raise make("E810", what="--engine", value=engine, reason="use local or dask")
    if scheduler and engine != "dask":
        raise make("E810", what="--scheduler", value=scheduler, reason="a scheduler is only used with --engine dask")
    cfg = _config(config, engine=f"{engine}.v1" if engine else None, scheduler=scheduler, **_classifier(classifier, examples))
    with _open(db) as store:
        summary = run_coding([str(p) for p in inputs], store, cfg, Defaults(published, None if lang == "auto" else lang, source, fmt), progress=progress)
    typer.echo(summary.line())


def _classifier(classifier: Optional[str], examples: Optional[Path]) -> dict[str, Any]:
    """Config overrides for --classifier and --examples, checked before any article is read."""
    if classifier not in (None, "lexicon", "embed"):
        raise make("E810", what="--classifier", value=classifier, reason="use lexicon or embed")
    if examples is not None and classifier == "lexicon":
        raise make("E810", what="--examples", value=str(examples), reason="examples are used by --classifier embed only")
    if examples is None and classifier in (None, "lexicon"):
        return {"classifier": classifier}
    from dyadwatch.events.embed import require_extra
    from dyadwatch.events.examples import read_examples

    if examples is not None:
        read_examples(examples)  # a bad line is reported now, not once per article
    require_extra()
    return {"classifier": "embed", "examples": str(examples.resolve()) if examples else None}


def _check_date(what: str, value: str) -> None:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise make("E810", what=what, value=value, reason="use YYYY-MM-DD") from None


def _open(db: str) -> Any:
    from dyadwatch.store import open_store

    return open_store(db)


@app.command()
@friendly
def events(
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
    dyad: Optional[str] = typer.Option(None, "--dyad", help="Two country codes, e.g. FRA-DZA (either direction)."),
    category: Optional[str] = typer.Option(None, "--category", help="PLOVER category, e.g. AGREE."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY-MM-DD."),
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
) -> None:
    """List stored events, one per line.

    Example:
      dyadwatch events --dyad FRA-DZA --format jsonl
      dyadwatch events --category SANCTION --since 2025-01-01 --format csv > sanctions.csv
    """
    from dyadwatch.store.base import EventQuery

    pair = _parse_dyad(dyad) if dyad else None
    for what, value in (("--since", since), ("--until", until)):
        if value:
            _check_date(what, value)
    if fmt not in ("table", "jsonl", "csv"):
        raise make("E810", what="--format", value=fmt, reason="use table, jsonl or csv")
    with _open(db) as store:
        if category:
            category = _known_category(store, category)
        rows = store.events(EventQuery(dyad=pair, category=category, since=since, until=until))
    _print_events(rows, fmt)


def _known_category(store: Any, name: str) -> str:
    """A PLOVER category, or a user-defined type this store holds (--examples); else E401 with the options."""
    from dyadwatch.ontology import load_ontology

    name = name.upper()
    if name in load_ontology().categories or store.query("SELECT 1 FROM events WHERE category = ? LIMIT 1", [name]):
        return name
    return load_ontology().category(name).name  # raises E401, naming the PLOVER categories


def _parse_dyad(value: str) -> tuple[str, str]:
    parts = value.upper().replace("→", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise make("E810", what="--dyad", value=value, reason="give two codes joined by '-', e.g. FRA-DZA")
    return parts[0], parts[1]


def _print_events(rows: list[dict[str, Any]], fmt: str) -> None:
    from dyadwatch.export import write_csv, write_jsonl

    if fmt == "jsonl":
        write_jsonl(rows, sys.stdout)
    elif fmt == "csv":
        write_csv(rows, sys.stdout)
    else:
        from dyadwatch.cli.render import events_table

        events_table(rows)


@app.command(name="eval")
@friendly
def eval_(
    gold: Path = typer.Argument(..., help="Gold file: PLOVER GSR JSONL, our article gold JSONL, or a seed .gold.json."),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML configuration file."),
    classifier: Optional[str] = typer.Option(None, "--classifier", help=CLASSIFIER_HELP),
    examples: Optional[Path] = typer.Option(None, "--examples", help=EXAMPLES_HELP),
) -> None:
    """Code each gold record and print precision, recall and F1 per category.

    Example:
      dyadwatch eval examples/demo/gold.jsonl
      dyadwatch eval ../shared/gold/plover_gsr.jsonl --format json
      dyadwatch eval ../shared/gold/plover_gsr.jsonl --classifier embed
    """
    from dyadwatch.eval import evaluate, load_gold

    result = evaluate(load_gold(str(gold)), _config(config, **_classifier(classifier, examples)))
    if fmt == "json":
        typer.echo(json.dumps({k: v for k, v in result.items() if k != "details"}, indent=2))
    else:
        from dyadwatch.cli.render import eval_report

        eval_report(result, str(gold))


@app.command()
@friendly
def dyad(
    a: str = typer.Argument(..., help="First country code, e.g. FRA."),
    b: str = typer.Argument(..., help="Second country code, e.g. DZA."),
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
    by: str = typer.Option("month", "--by", help="day, month or year."),
    directed: bool = typer.Option(False, "--directed", help="Only events from A to B."),
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
) -> None:
    """Print the cooperation-conflict series of a dyad.

    Example:
      dyadwatch dyad FRA DZA --by month
    """
    from dyadwatch.store.rollup import dyad_series  # reads PostgreSQL's dyad_month rollup; events elsewhere

    if by not in ("day", "month", "year"):
        raise make("E810", what="--by", value=by, reason="use day, month or year")
    with _open(db) as store:
        series = dyad_series(store, a.upper(), b.upper(), by, directed)
    points = [p.as_dict() for p in series]
    if fmt == "jsonl":
        for p in points:
            typer.echo(json.dumps(p))
    elif fmt == "csv":
        typer.echo("period,events,VC,MC,VF,MF,score_sum,index")
        for p in points:
            typer.echo(",".join(str(p[k]) for k in ("period", "events", "VC", "MC", "VF", "MF", "score_sum", "index")))
    else:
        from dyadwatch.cli.render import dyad_table

        dyad_table(f"{a.upper()}-{b.upper()}", points)


@app.command()
@friendly
def demo(
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
    corpus: Path = typer.Option(DEMO_DIR / "articles.jsonl", "--corpus", help="Demo corpus (JSONL)."),
) -> None:
    """Code the bundled demo corpus and print a summary of what was found.

    Example:
      dyadwatch demo --db dyadwatch.duckdb
    """
    from dyadwatch.analysis.summary import summarise
    from dyadwatch.cli.render import summary_report
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults

    with _open(db) as store:
        run = run_coding([str(corpus)], store, _config(None), Defaults())
        typer.echo(run.line())
        summary_report(summarise(store))
    typer.echo(f"\nOpen the dashboard: dyadwatch serve --db {db}  then  http://127.0.0.1:8000/dyad/FRA/DZA")


@app.command()
@friendly
def export(
    out: Path = typer.Argument(..., help="File to write."),
    fmt: str = typer.Option("plover-jsonl", "--format", help="plover-jsonl, csv, parquet or gdelt-tsv."),
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
    dyad: Optional[str] = typer.Option(None, "--dyad", help="Only events of two country codes, e.g. FRA-DZA."),
    since: Optional[str] = typer.Option(None, "--since", help="Earliest date, YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Latest date, YYYY-MM-DD."),
) -> None:
    """Write stored events to a file: PLOVER JSONL, CSV, Parquet, or a GDELT-style dyadic TSV.

    The GDELT-style TSV has one row per actor-recipient pair, with CAMEO root,
    QuadClass and Goldstein mapped from PLOVER; it leaves out negated and
    hypothetical events.

    Example:
      dyadwatch export --format parquet events.parquet --db demo.duckdb
      dyadwatch export --format gdelt-tsv fra-dza.tsv --dyad FRA-DZA
    """
    from dyadwatch.export.formats import FORMATS, export_events
    from dyadwatch.store.base import EventQuery

    if fmt not in FORMATS:
        raise make("E810", what="--format", value=fmt, reason=f"use one of {', '.join(FORMATS)}")
    pair = _parse_dyad(dyad) if dyad else None
    for what, value in (("--since", since), ("--until", until)):
        if value:
            _check_date(what, value)
    with _open(db) as store:
        rows = store.events(EventQuery(dyad=pair, since=since, until=until))
        urls = {r[0]: r[1] for r in store.query("SELECT id, url FROM articles WHERE url IS NOT NULL")}
    n = export_events(rows, fmt, out, urls)
    typer.echo(f"wrote {n} {'rows' if fmt == 'gdelt-tsv' else 'events'} to {out} ({fmt})")


@app.command()
@friendly
def serve(
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    config: Optional[Path] = typer.Option(None, "--config", help="YAML configuration file (api_token, ...)."),
) -> None:
    """Serve the REST API and the dashboard over one database (this process owns the file).

    Example:
      dyadwatch serve --db demo.duckdb --port 8000
      DYADWATCH_API_TOKEN=secret dyadwatch serve --db demo.duckdb
    """
    import uvicorn

    from dyadwatch.api import create_app

    application = create_app(db, _config(config))
    typer.echo(f"dyadwatch: serving {db} at http://{host}:{port}/ (API: /api, OpenAPI: /openapi.json)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")


actors_app = typer.Typer(help="The actor registry: people, their countries and offices over time.", no_args_is_help=False)
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
@friendly
def actors(
    ctx: typer.Context,
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
    fmt: str = typer.Option("table", "--format", help="table or jsonl."),
) -> None:
    """List the registry: each person with country, sector and the offices seen, with dates.

    Example:
      dyadwatch actors --db demo.duckdb
      dyadwatch actors --format jsonl | grep Nuñez
    """
    if ctx.invoked_subcommand is not None:
        return
    if fmt not in ("table", "jsonl"):
        raise make("E810", what="--format", value=fmt, reason="use table or jsonl")
    with _open(db) as store:
        rows = store.actors()
    if fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    else:
        from dyadwatch.cli.render import actors_table

        actors_table(rows)


@actors_app.command("import")
@friendly
def actors_import(
    path: Path = typer.Argument(..., help="YAML or CSV file: name, aliases, code, sector, role, since, until."),
    db: str = typer.Option("dyadwatch.duckdb", "--db", help=DB_HELP),
) -> None:
    """Load corrections that take precedence over what was learnt, and apply them to stored events.

    Example:
      dyadwatch actors import corrections.yaml --db demo.duckdb

    where corrections.yaml holds, for instance:
      - name: Boualem Sansal
        aliases: [Sansal]
        code: FRA
        sector: SOC
        role: Writer
    """
    from dyadwatch.actors.registry import read_import

    rows = read_import(str(path))
    with _open(db) as store:
        changed = store.refresh_registry(user_rows=rows)
    typer.echo(f"{len(rows)} corrections loaded; {changed} event actors updated")


def main() -> None:  # pragma: no cover - console entry point
    app()
