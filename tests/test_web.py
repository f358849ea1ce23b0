"""The dashboard without a browser: pages render, article text is escaped, numbers link to events."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dyadwatch.config import Config  # noqa: E402
from dyadwatch.web.text import article_segments, split_trigger  # noqa: E402
from test_api import coded_store  # noqa: E402


@pytest.fixture()
def client(tmp_path):
    from dyadwatch.api import create_app

    db = str(tmp_path / "web.duckdb")
    coded_store(db)
    with TestClient(create_app(db, Config())) as c:
        yield c


@pytest.mark.parametrize("url", ["/", "/dyad/FRA/DZA", "/dyad/FRA/DZA/events?period=2024-04", "/embed/dyad/FRA/DZA",
                                 "/actor/FRA", "/actor/Emmanuel%20Macron", "/search?q=Algeria", "/article/doc-3"])
def test_web_pages_render(client, url):
    r = client.get(url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")


def test_web_article_text_is_escaped_everywhere(client):
    for url in ("/article/doc-6", "/search?q=script", "/actor/MAR"):
        html = client.get(url).text
        assert "<script>window.__xss" not in html and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html


def test_web_dyad_period_table_shows_the_events_behind_the_number(client):
    html = client.get("/dyad/FRA/DZA/events?period=2024-04").text
    assert 'data-period="2024-04"' in html and "recalled" in html and "accused" in html
    assert "did not agree" not in html  # negated: not counted, not listed


def test_web_missing_page_is_an_html_error_with_the_code(client):
    r = client.get("/article/nope")
    assert r.status_code == 404 and "E601" in r.text and r.headers["content-type"].startswith("text/html")


def test_web_vendor_files_come_from_node_modules_only(client):
    assert client.get("/static/vendor/../../pyproject.toml").status_code == 404
    assert client.get("/static/vendor/lodash.js").status_code == 404


def test_web_split_trigger_falls_back_to_searching_the_sentence():
    ev = {"sentence": "Algeria recalled its envoy.", "start": 100, "trigger": "recalled", "trigger_start": 3}
    assert split_trigger(ev) == ("Algeria ", "recalled", " its envoy.")


def test_web_article_segments_mark_triggers_and_the_focused_sentence():
    text = "One. Algeria recalled its envoy. Two."
    event = {"id": "e", "category": "SANCTION", "evidence": {"sentence": "Algeria recalled its envoy.", "start": 5,
                                                             "trigger": "recalled", "trigger_start": 13}}
    segs = article_segments(text, [event], focus="e")
    assert "".join(s.text for s in segs) == text
    assert [s.text for s in segs if s.event_id] == ["recalled"]
    assert "".join(s.text for s in segs if s.focus) == "Algeria recalled its envoy."
