"""The Dask engine: same events as local mode, coded errors for a missing extra or scheduler."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pytest

from dyadwatch.errors import EngineError, MissingExtraError

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "examples" / "demo" / "articles.jsonl"


def _events(db: str) -> list[tuple[str, str, str, str, str]]:
    from dyadwatch.store import open_store

    with open_store(db) as store:
        return sorted(store.query("SELECT id, article_id, category, actor_codes, recipient_codes FROM events"))


def test_dask_engine_is_registered_by_versioned_name():
    from dyadwatch.engines.local import ENGINES

    assert {"local.v1", "dask.v1"} <= set(ENGINES)


def test_dask_engine_without_the_extra_names_the_install_command(monkeypatch, config):
    from dyadwatch.engines.local import ENGINES

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingExtraError) as info:
        ENGINES["dask.v1"](replace(config, engine="dask.v1"))
    assert info.value.code == "E901" and "pip install 'dyadwatch[dask]'" in str(info.value)


def test_dask_engine_unreachable_scheduler_is_a_coded_error(config, monkeypatch):
    pytest.importorskip("distributed")
    import socket

    from dyadwatch.engines import dask_engine
    from dyadwatch.engines.dask_engine import DaskEngine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", "2s")
    from dyadwatch.records import Article

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine = DaskEngine(replace(config, engine="dask.v1", scheduler=f"tcp://127.0.0.1:{port}"))
    with pytest.raises(EngineError) as info:
        list(engine.map_batches([[Article("a", "a", "text")]]))
    assert info.value.code == "E703"


@pytest.mark.slow
def test_dask_local_cluster_codes_the_demo_like_local_mode(tmp_path, config):
    pytest.importorskip("distributed")
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults
    from dyadwatch.store import open_store

    results = {}
    for name, cfg in (("local", config), ("dask", replace(config, engine="dask.v1", dask_workers=2))):
        db = str(tmp_path / f"{name}.duckdb")
        with open_store(db) as store:
            results[name] = run_coding([str(DEMO)], store, cfg, Defaults(), report=lambda line: None, progress=False)
        results[name + "_events"] = _events(db)
    assert results["dask"].errors == results["local"].errors == 0
    assert results["dask"].coded == results["local"].coded > 0
    assert results["dask_events"] == results["local_events"] and results["local_events"]
    # resume: a second dask run over the same store codes nothing again
    with open_store(str(tmp_path / "dask.duckdb")) as store:
        again = run_coding([str(DEMO)], store, replace(config, engine="dask.v1"), Defaults(), report=lambda line: None, progress=False)
    assert (again.coded, again.already) == (0, results["local"].coded)


@pytest.mark.parametrize(
    "args, what",
    [(["--engine", "spark"], "--engine"), (["--engine", "local", "--scheduler", "tcp://127.0.0.1:8786"], "--scheduler")],
)
def test_cli_code_rejects_a_bad_engine_choice_with_one_line(tmp_path, args, what):
    from typer.testing import CliRunner

    from dyadwatch.cli.main import app

    result = CliRunner().invoke(app, ["code", str(DEMO), "--db", str(tmp_path / "x.duckdb"), *args])
    assert result.exit_code == 2
    assert "[E810]" in result.output and what in result.output and "Traceback" not in result.output


def _bad_batch(tmp_path: Path) -> Path:
    """Demo articles mixed with the inputs a run must survive: an empty text, a line that is not JSON, a
    German article, a word-for-word copy, a copy with one sentence changed, a bad date and an over-long text."""
    import json

    demo = [json.loads(line) for line in DEMO.read_text(encoding="utf-8").splitlines()[:6]]
    german = (
        "Die Regierung in Berlin hat am Montag neue Gespräche mit den Nachbarländern angekündigt. Der Minister "
        "sagte, man werde die Zusammenarbeit bei der Grenzsicherung und beim Handel in den kommenden Monaten "
        "ausbauen, und lud seine Amtskollegen zu einem Treffen im Frühjahr ein."
    )
    edited = dict(demo[2], id="copy-edited", text=demo[2]["text"].replace(".", ", officials said.", 1))
    lines = [json.dumps(d, ensure_ascii=False) for d in demo[:3]] + [
        json.dumps({"id": "empty", "text": ""}),
        "this line is not JSON",
        json.dumps({"id": "german", "text": german, "published": "2026-03-02"}, ensure_ascii=False),
        json.dumps(dict(demo[0], id="copy-word-for-word"), ensure_ascii=False),
        json.dumps(edited, ensure_ascii=False),
        json.dumps(dict(demo[3], published="last Tuesday"), ensure_ascii=False),
        json.dumps(dict(demo[4], id="long", text=demo[4]["text"] + " " + "Filler words. " * 40), ensure_ascii=False),
        json.dumps(demo[5], ensure_ascii=False),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_dask_local_cluster_reports_bad_inputs_and_resumes_like_local_mode(tmp_path, config):
    """Errors, warnings, skips, duplicates and resume: the same lines, counts and stored rows as local mode."""
    pytest.importorskip("distributed")
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults
    from dyadwatch.store import open_store

    source = _bad_batch(tmp_path)
    config = replace(config, max_chars=len(source.read_text(encoding="utf-8").splitlines()[9]) // 2, batch_size=4)
    seen: dict[str, tuple] = {}
    for name, cfg in (("local", config), ("dask", replace(config, engine="dask.v1", dask_workers=2))):
        db, lines = str(tmp_path / f"{name}.duckdb"), []
        with open_store(db) as store:
            first = run_coding([str(source)], store, cfg, Defaults(), report=lines.append, progress=False)
            again = run_coding([str(source)], store, cfg, Defaults(), report=lambda line: None, progress=False)
            rows = (
                sorted(store.query("SELECT id, status, language, duplicate_of FROM articles")),
                sorted(store.query("SELECT id, article_id, category, actor_codes, recipient_codes FROM events")),
                sorted(store.query("SELECT record, code FROM failures")),
            )
        counts = (first.read, first.coded, first.duplicates, first.near_duplicates, first.other_language,
                  first.events, first.errors, first.warnings)
        seen[name] = (counts, sorted(lines), rows, (again.coded, again.already))
    assert seen["dask"] == seen["local"]
    (read, coded, duplicates, near, other, events, errors, warnings), lines, rows, (recoded, already) = seen["local"]
    # the mixture really holds each kind of bad input, and the good articles were coded all the same
    assert coded >= 5 and events > 0 and duplicates == 1 and near == 1 and other == 1
    assert errors >= 2 and warnings >= 2
    codes = " ".join(lines)
    for code in ("E101", "E105", "E109", "E110", "E111"):
        assert code in codes, code
    # the second run codes nothing: every stored article (coded, other language, near-duplicate report) is known
    assert recoded == 0 and already == coded + other + near
