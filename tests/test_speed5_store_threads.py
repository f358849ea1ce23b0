"""Speed round five: a coding run writes to DuckDB in one thread, and the store gets its threads back after."""

from __future__ import annotations

import pytest

from dyadwatch.config import load_config
from dyadwatch.store import open_store

TEXTS = {
    "en": "Algeria recalled its ambassador to France on Monday after a dispute over visas.\n",
    "fr": "L'Algérie a rappelé lundi son ambassadeur en France après un différend sur les visas.\n",
}


def _threads(store) -> int:
    return int(store.query("SELECT current_setting('threads')")[0][0])


def test_store_one_thread_sets_one_thread_and_gives_the_default_back(tmp_path):
    with open_store(str(tmp_path / "d.duckdb")) as store:
        before = _threads(store)
        with store.one_thread():
            assert _threads(store) == 1
        assert _threads(store) == before


def test_store_one_thread_gives_the_default_back_after_an_error(tmp_path):
    with open_store(str(tmp_path / "d.duckdb")) as store:
        before = _threads(store)
        with pytest.raises(RuntimeError):
            with store.one_thread():
                raise RuntimeError("a failing run")
        assert _threads(store) == before


@pytest.mark.parametrize("language", ["en", "fr"])
def test_coding_run_writes_in_one_thread_and_stores_the_same_events(tmp_path, language):
    from dyadwatch.engines.local import run_coding
    from dyadwatch.ingest.readers import Defaults

    (tmp_path / "a.txt").write_text(TEXTS[language], encoding="utf-8")
    seen: list[int] = []
    with open_store(str(tmp_path / "d.duckdb")) as store:
        before = _threads(store)
        write = store.write

        def spy(coded, failures):
            seen.append(_threads(store))
            return write(coded, failures)

        store.write = spy  # type: ignore[method-assign]
        summary = run_coding([str(tmp_path / "a.txt")], store, load_config(environ={}), Defaults(published="2024-03-04", language=language), progress=False)
        after = _threads(store)
        stored = store.query("SELECT category FROM events")
    assert seen and set(seen) == {1}
    assert after == before
    assert summary.coded == 1 and summary.events == len(stored) >= 1
