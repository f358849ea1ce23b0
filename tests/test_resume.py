"""Crashes and progress: a run killed with SIGKILL resumes to exactly one copy of everything."""

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

BIN = Path(sys.executable).with_name("dyadwatch")

COUNTRIES = ["France", "Algeria", "Morocco", "Mali", "Tunisia", "Spain", "Italy", "Niger", "Egypt", "Libya", "Chad", "Senegal"]
VERBS = ["accused {b} of violating the border agreement", "recalled its ambassador to {b}", "signed a trade deal with {b}",
         "expelled two diplomats from {b}", "praised {b} for its mediation", "threatened {b} with sanctions",
         "met the foreign minister of {b}", "condemned the arrest of its citizens by {b}"]
WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "at the weekend"]
TAILS = ["officials said", "the ministry announced in a statement", "according to state media", "a spokesman told reporters"]


def corpus(n: int = 60) -> list[dict]:
    rng = random.Random(7)
    out = []
    for i in range(n):
        a, b = rng.sample(COUNTRIES, 2)
        s1 = f"{a} {rng.choice(VERBS).format(b=b)} {rng.choice(WHEN)}, {rng.choice(TAILS)}."
        c, d = rng.sample(COUNTRIES, 2)
        s2 = f"Report {i}: {c} {rng.choice(VERBS).format(b=d)} {rng.choice(WHEN)} after talks in the capital."
        out.append({"id": f"art-{i:03d}", "text": f"{s1} {s2}", "published": f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}", "language": "en"})
    return out


def env(**extra: str) -> dict[str, str]:
    e = {k: v for k, v in os.environ.items() if not k.startswith("DYADWATCH_")}
    # one store transaction per parser batch, so that a kill lands between writes
    e.update({"DYADWATCH_BATCH_SIZE": "4", "DYADWATCH_WRITE_BATCH_SIZE": "4", "DYADWATCH_PROGRESS_INTERVAL": "0", **extra})
    return e


def tables(db: str) -> tuple[list[str], list[str], int]:
    con = duckdb.connect(db, read_only=True)
    try:
        articles = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        events = [r[0] for r in con.execute("SELECT id FROM events ORDER BY id").fetchall()]
        links = con.execute("SELECT count(*) FROM event_entities").fetchone()[0]
    finally:
        con.close()
    return articles, events, links


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("resume")
    path = folder / "corpus.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in corpus()), encoding="utf-8")
    reference = str(folder / "reference.duckdb")
    proc = subprocess.run([str(BIN), "code", str(path), "--db", reference], env=env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return path, reference, proc


@pytest.mark.slow
def test_resume_progress_line_on_stderr_gives_rate_and_errors(inputs):
    _, _, proc = inputs
    lines = [x for x in proc.stderr.splitlines() if x.startswith("coding: ")]
    assert len(lines) >= 15  # one per batch of 4 with interval 0, and a final one
    assert lines[-1].startswith("coding: 60 articles,") and " art/s, 0 errors" in lines[-1]
    assert "60 articles read: 60 coded" in proc.stdout


@pytest.mark.slow
@pytest.mark.parametrize("write_batch", ["1", "7", "1000"])
def test_resume_write_batch_size_changes_only_when_rows_are_written(inputs, tmp_path, write_batch):
    path, reference, _ = inputs
    db = str(tmp_path / f"write{write_batch}.duckdb")
    proc = subprocess.run(
        [str(BIN), "code", str(path), "--db", db], env=env(DYADWATCH_WRITE_BATCH_SIZE=write_batch),
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "60 articles read: 60 coded" in proc.stdout
    assert tables(db) == tables(reference)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_resume_after_sigkill_gives_exactly_the_uninterrupted_tables(inputs, tmp_path, seed):
    path, reference, _ = inputs
    db = str(tmp_path / "killed.duckdb")
    rng = random.Random(seed)
    kill_after = rng.randint(1, 13)  # batches written before the kill, of 15
    cmd = [str(BIN), "code", str(path), "--db", db]
    proc = subprocess.Popen(cmd, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        seen = 0
        assert proc.stderr is not None
        for line in proc.stderr:
            seen += line.startswith("coding: ")
            if seen >= kill_after:
                break
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    partial, _, _ = tables(db)
    assert 0 < len(partial) < 60
    again = subprocess.run(cmd, env=env(), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert f"{len(partial)} already stored" in again.stdout
    assert tables(db) == tables(reference)


@pytest.mark.slow
def test_resume_unsupported_language_is_reported_through_the_cli(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text("Die Bundesregierung hat am Dienstag den Botschafter Algeriens einbestellt, teilte das Auswärtige Amt mit.", encoding="utf-8")
    db = str(tmp_path / "l.duckdb")
    proc = subprocess.run([str(BIN), "code", str(path), "--db", db, "--no-progress"], env=env(), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "1 in other languages" in proc.stdout
    assert "warning: " in proc.stderr and "de.txt" in proc.stderr and "[E110]" in proc.stderr
    con = duckdb.connect(db, read_only=True)
    status, note = con.execute("SELECT status, note FROM articles").fetchone()
    con.close()
    assert status == "skipped" and "E110" in note
