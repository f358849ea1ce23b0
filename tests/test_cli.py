"""The command line, run as a user runs it: a real subprocess, a real DuckDB file, real models."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).with_name("dyadwatch")

ARTICLES = [
    {"id": "a1", "published": "2024-07-31", "language": "en",
     "text": "Algeria recalled its ambassador to France on Tuesday, the foreign ministry in Algiers said."},
    {"id": "a2", "published": "2025-04-07", "language": "en",
     "text": "French Foreign Minister Jean-Noël Barrot met Algerian President Abdelmadjid Tebboune in Algiers on Sunday."},
    {"id": "a3", "published": "2025-04-15", "language": "fr",
     "text": "L'Algérie a expulsé douze agents de l'ambassade de France, a annoncé lundi le ministère français des Affaires étrangères."},
]


def run(*args, check=True):
    proc = subprocess.run([str(BIN), *args], capture_output=True, text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES) + "{broken\n", encoding="utf-8")
    return path


@pytest.mark.slow
def test_cli_code_then_events_jsonl_is_plover_shaped(corpus, db_path):
    out = run("code", str(corpus), "--db", db_path, "--no-progress")
    assert "3 articles read: 3 coded" in out.stdout
    assert "E105" in out.stderr and "in.jsonl" in out.stderr and "record 4" in out.stderr
    events = [json.loads(line) for line in run("events", "--db", db_path, "--format", "jsonl").stdout.splitlines()]
    assert events, "no events coded"
    for e in events:
        assert {"id", "doc_id", "category", "mode", "contexts", "actor", "recipient", "date", "date_precision", "location",
                "negated", "future", "hypothetical", "historical", "score", "quad", "evidence", "confidence", "coder"} <= set(e)
        for ent in e["actor"] + e["recipient"]:
            assert set(ent) == {"code", "sector", "name", "canonical", "role"}
    assert {e["doc_id"] for e in events} <= {"a1", "a2", "a3"}


@pytest.mark.slow
def test_cli_coding_the_same_input_twice_adds_nothing(corpus, db_path):
    run("code", str(corpus), "--db", db_path, "--no-progress")
    first = run("events", "--db", db_path, "--format", "csv").stdout
    again = run("code", str(corpus), "--db", db_path, "--no-progress")
    assert "0 coded, 3 already stored" in again.stdout
    assert run("events", "--db", db_path, "--format", "csv").stdout == first


@pytest.mark.slow
def test_cli_text_file_doc_id_is_file_name(tmp_path, db_path):
    path = tmp_path / "recall.txt"
    path.write_text("Algeria recalls envoy\nAlgeria recalled its ambassador from Paris on Tuesday.\n", encoding="utf-8")
    run("code", str(path), "--db", db_path, "--published", "2024-07-31", "--lang", "en", "--no-progress")
    events = [json.loads(x) for x in run("events", "--db", db_path, "--format", "jsonl").stdout.splitlines()]
    assert {e["doc_id"] for e in events} == {"recall.txt"}


@pytest.mark.parametrize(
    "args,message",
    [
        (["events", "--dyad", "FRANCE"], "--dyad"),
        (["events", "--since", "yesterday"], "--since"),
        (["events", "--category", "ATTACK"], "E401"),
        (["code", "nowhere.txt", "--lang", "de"], "--lang"),
    ],
)
def test_cli_user_errors_are_one_line_without_traceback(args, message, db_path):
    proc = run(*args, "--db", db_path, check=False)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_cli_every_command_has_help_with_an_example():
    for command in ("code", "events", "eval", "dyad", "demo"):
        assert "Example:" in run(command, "--help").stdout


def test_cli_locked_database_gives_coded_error(db_path):

    run("events", "--db", db_path)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({db_path!r}); print('ok', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        proc = run("events", "--db", db_path, check=False)
        assert proc.returncode == 2 and "E501" in proc.stderr and f"PID {holder.pid}" in proc.stderr
    finally:
        holder.kill()
        holder.wait()
