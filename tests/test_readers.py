"""Inputs: every reader yields articles or coded failures, never an exception."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyadwatch.config import load_config
from dyadwatch.ingest.readers import Defaults, Failure, decode, read_inputs

CONFIG = load_config(environ={})


def read(path, config=CONFIG, defaults=Defaults()):
    return list(read_inputs([str(path)], config, defaults))


def test_readers_text_file_first_short_line_is_title(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("France and Algeria talk again\nFrance and Algeria agreed on Tuesday to resume talks.\n", encoding="utf-8")
    (article,) = read(p, defaults=Defaults(published="2026-02-18"))
    assert article.title == "France and Algeria talk again"
    assert article.text.startswith("France and Algeria agreed")
    assert article.doc_id == "a.txt" and article.published == "2026-02-18"


def test_readers_jsonl_bad_line_is_reported_and_others_read(tmp_path):
    p = tmp_path / "b.jsonl"
    good = {"id": "g1", "text": "Algeria recalled its ambassador.", "published": "2024-07-30"}
    p.write_text(json.dumps(good) + "\n{not json\n" + json.dumps({"id": "g2", "text": ""}) + "\n[1, 2]\n")
    items = read(p)
    articles = [i for i in items if not isinstance(i, Failure)]
    failures = [i for i in items if isinstance(i, Failure)]
    assert [a.doc_id for a in articles] == ["g1"]
    assert sorted(f.error.code for f in failures) == ["E101", "E105", "E105"]
    assert {f.record for f in failures} == {"2", "3", "4"}


def test_readers_empty_text_file_is_an_error(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("   \n")
    (failure,) = read(p)
    assert isinstance(failure, Failure) and failure.error.code == "E101"
    assert "empty.txt" in str(failure.error)


@pytest.mark.parametrize("head,kind", [(b"%PDF-1.7\n", "PDF"), (b"\x89PNG\r\n\x1a\n", "PNG image")])
def test_readers_binary_renamed_as_text_is_refused(tmp_path, head, kind):
    p = tmp_path / "report.txt"
    p.write_bytes(head + bytes(range(256)) * 4)
    (failure,) = read(p)
    assert failure.error.code == "E102" and kind in str(failure.error)


def test_readers_latin1_text_is_read_with_a_warning(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Le président algérien a reçu le ministre français à Alger.".encode("latin-1"))
    items = read(p)
    warning = [i for i in items if isinstance(i, Failure)]
    article = [i for i in items if not isinstance(i, Failure)]
    assert warning[0].error.code == "E103" and not warning[0].fatal
    assert "président algérien" in article[0].text


def test_readers_file_over_size_limit_is_refused(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text("word " * 5000)
    small = CONFIG.with_overrides({"max_file_bytes": 1000}, where="test")
    (failure,) = read(p, config=small)
    assert failure.error.code == "E104" and "max_file_bytes" in str(failure.error)


def test_readers_long_text_is_truncated_and_says_so(tmp_path):
    p = tmp_path / "long.jsonl"
    p.write_text(json.dumps({"id": "l", "text": "Algeria protested. " * 100}) + "\n")
    small = CONFIG.with_overrides({"max_chars": 200}, where="test")
    warning, article = read(p, config=small)
    assert warning.error.code == "E109" and not warning.fatal
    assert len(article.text) == 200


def test_readers_csv_with_header_and_extra_columns(tmp_path):
    p = tmp_path / "c.csv"
    p.write_text('id,text,published,extra\nc1,"Morocco and Algeria exchanged accusations.",2025-01-02,x\nc2,,2025-01-03,y\n')
    items = read(p)
    assert [i.doc_id for i in items if not isinstance(i, Failure)] == ["c1"]
    assert [i.error.code for i in items if isinstance(i, Failure)] == ["E101"]


def test_readers_missing_path_and_unsupported_extension(tmp_path):
    (missing,) = read(tmp_path / "nope.txt")
    assert missing.error.code == "E107"
    other = tmp_path / "x.docx"
    other.write_text("hello")
    (unsupported,) = read(other)
    assert unsupported.error.code == "E108"


def test_readers_folder_reads_supported_files_in_order(tmp_path):
    (tmp_path / "b.txt").write_text("Second article about talks between Mali and Algeria.")
    (tmp_path / "a.txt").write_text("First article about talks between Mali and Algeria.")
    (tmp_path / "notes.md").write_text("ignored")
    assert [a.doc_id for a in read(tmp_path)] == ["a.txt", "b.txt"]


def test_readers_invalid_published_date_is_a_warning(tmp_path):
    p = tmp_path / "d.jsonl"
    p.write_text(json.dumps({"id": "d", "text": "Algeria expelled diplomats.", "published": "last Tuesday"}) + "\n")
    warning, article = read(p)
    assert warning.error.code == "E111" and article.published is None


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_readers_random_bytes_never_raise(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("fuzz")
    for ext in (".txt", ".jsonl", ".csv"):
        (folder / f"f{ext}").write_bytes(data)
    for item in read(folder):
        assert isinstance(item, Failure) or item.text.strip()


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=2000))
def test_readers_random_unicode_never_raises(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("fuzzu")
    for ext in (".txt", ".jsonl", ".csv"):
        (folder / f"f{ext}").write_text(text, encoding="utf-8")
    for item in read(folder):
        assert isinstance(item, Failure) or item.text.strip()


def test_decode_accepts_utf8_with_bom():
    text, problem = decode("\ufeffL'Algérie".encode("utf-8"), "x.txt")
    assert text == "L'Algérie" and problem is None
