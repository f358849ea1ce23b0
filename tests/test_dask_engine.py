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
