"""Export formats: Parquet keeps the flat columns; the GDELT-style TSV is dyadic and mapped to CAMEO."""

from __future__ import annotations

import csv
import subprocess
import sys

import pytest

from dyadwatch.export.formats import export_events, gdelt_rows, sql_date


def ev(actor, recipient, category="SANCTION", mode="withdraw", negated=False, date="2024-07-30"):
    ent = lambda c: {"code": c, "sector": "GOV", "name": c, "canonical": c, "role": None}  # noqa: E731
    return {
        "id": "e1", "doc_id": "d1", "article_id": "a1", "category": category, "mode": mode, "contexts": [],
        "actor": [ent(c) for c in actor], "recipient": [ent(c) for c in recipient], "date": date,
        "date_precision": "day", "location": None, "negated": negated, "future": False, "hypothetical": False,
        "historical": False, "score": -6.0, "quad": "MF",
        "evidence": {"sentence": "Algeria recalled\tits ambassador.", "start": 0, "end": 10, "trigger": "recalled",
                     "trigger_start": 8, "trigger_end": 16},
        "confidence": 0.9, "coder": "t",
    }


def test_export_gdelt_rows_expand_compound_actors_and_map_cameo():
    rows = list(gdelt_rows([ev(["DZA", "MAR"], ["FRA"])], {"a1": "https://x.test/1"}))
    assert [(r["Actor1CountryCode"], r["Actor2CountryCode"]) for r in rows] == [("DZA", "FRA"), ("MAR", "FRA")]
    first = rows[0]
    assert (first["EventRootCode"], first["QuadClass"], first["GoldsteinScale"]) == ("16", 4, -4.0)
    assert (first["Actor1Code"], first["SQLDATE"], first["SOURCEURL"]) == ("DZAGOV", "20240730", "https://x.test/1")
    assert "\t" not in first["Sentence"]


def test_export_gdelt_leaves_out_negated_events():
    assert list(gdelt_rows([ev(["DZA"], ["FRA"], negated=True)])) == []


@pytest.mark.parametrize(("date", "expected"), [("2025-04-06", "20250406"), ("2025-04", "20250400"), ("2025", "20250000"), (None, "")])
def test_export_sql_date_pads_unknown_parts(date, expected):
    assert sql_date(date) == expected


def test_export_parquet_and_tsv_files(tmp_path):
    import pyarrow.parquet as pq

    events = [ev(["DZA"], ["FRA"]), ev(["FRA", "DEU"], [], category="AGREE", mode=None)]
    assert export_events(events, "parquet", tmp_path / "e.parquet") == 2
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == 2 and table.schema.field("negated").type == "bool"
    assert export_events(events, "gdelt-tsv", tmp_path / "e.tsv") == 3  # 1 + both directions of FRA-DEU
    with open(tmp_path / "e.tsv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert {(r["Actor1CountryCode"], r["Actor2CountryCode"], r["EventRootCode"]) for r in rows} == {
        ("DZA", "FRA", "16"), ("FRA", "DEU", "03"), ("DEU", "FRA", "03")}


def test_export_cli_writes_each_format_and_rejects_unknown_ones(tmp_path, cli_env):
    from dyadwatch.store import open_store
    from test_api import coded_store

    db = str(tmp_path / "x.duckdb")
    coded_store(db)
    open_store(db).close()
    cli = [sys.executable, "-c", "from dyadwatch.cli.main import app; app()"]
    for fmt, name in (("plover-jsonl", "e.jsonl"), ("csv", "e.csv"), ("parquet", "e.parquet"), ("gdelt-tsv", "e.tsv")):
        done = subprocess.run(cli + ["export", "--format", fmt, str(tmp_path / name), "--db", db], capture_output=True, text=True, env=cli_env)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).stat().st_size > 0
    bad = subprocess.run(cli + ["export", "--format", "xml", str(tmp_path / "e.xml"), "--db", db], capture_output=True, text=True, env=cli_env)
    assert bad.returncode == 2 and "[E810]" in bad.stderr and "Traceback" not in bad.stderr


def test_export_gdelt_keeps_a_user_defined_type_with_empty_cameo_columns():
    custom = {**ev(["DZA"], ["FRA"], category="CULTURAL_EXCHANGE", mode=None), "quad": "", "score": 0.0}
    rows = list(gdelt_rows([custom, ev(["DZA"], ["FRA"])]))
    assert [r["EventRootCode"] for r in rows] == ["", "16"]
    assert (rows[0]["QuadClass"], rows[0]["GoldsteinScale"]) == ("", "")
