"""The dashboard in a real browser: Debian's Chromium driven by Playwright.

A module fixture codes the demo corpus (plus one hostile article) into a
temporary database, starts ``dyadwatch serve`` on a free loopback port and
opens Chromium. Nothing is downloaded: without /usr/bin/chromium (or the
playwright package) the tests skip and say how to install it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
XSS = "<script>window.__xss=1</script>"
HOSTILE = {
    "id": "xss-001", "title": f"Talks resume {XSS}", "published": "2025-05-05", "language": "en",
    "source": "test", "url": "javascript:window.__xss=3",
    "text": f"France and Algeria agreed on Monday to resume security talks. {XSS} <img src=x onerror=\"window.__xss=2\">",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed: apt-get update && apt-get install -y chromium (make setup does it)")
    pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install -e '.[dev]'")
    if not (ROOT / "node_modules" / "vega-embed").is_dir():
        pytest.skip("the dashboard's JS libraries are not installed: run 'npm ci' (make setup does it)")
    tmp = tmp_path_factory.mktemp("web")
    db, hostile = tmp / "demo.duckdb", tmp / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    cli = [sys.executable, "-c", "from dyadwatch.cli.main import app; app()"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DYADWATCH_")}
    subprocess.run(cli + ["code", str(ROOT / "examples/demo/articles.jsonl"), str(hostile), "--db", str(db), "--no-progress"],
                   check=True, env=env, capture_output=True, timeout=600)
    port = _free_port()
    proc = subprocess.Popen(cli + ["serve", "--db", str(db), "--port", str(port)], env=env, cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    import httpx

    for _ in range(200):
        try:
            if httpx.get(base + "/api/overview", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail(f"dyadwatch serve did not start: {proc.stdout.read().decode()[-2000:]}")
    yield base
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    yield pg
    context.close()


def _shot(page, name: str, readme: bool = False) -> None:
    (ROOT / "artifacts").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "artifacts" / name), full_page=True)
    if readme:
        (ROOT / "docs" / "img").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ROOT / "docs" / "img" / name))


def test_browser_dyad_page_renders_the_chart(server, page):
    page.goto(f"{server}/dyad/FRA/DZA")
    page.wait_for_selector("#chart[data-rendered=true] svg", timeout=15000)
    assert page.locator("#chart svg .mark-symbol path, #chart svg .mark-rect path").count() > 0
    assert page.locator("table.events tbody tr").count() > 1
    _shot(page, "dyad-fra-dza.png", readme=True)


def test_browser_dyad_page_fits_a_phone(server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    pg = context.new_page()
    pg.goto(f"{server}/dyad/FRA/DZA")
    pg.wait_for_selector("#chart[data-rendered=true] svg", timeout=15000)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 362
    _shot(pg, "dyad-fra-dza-360.png")
    context.close()


def _rows_periods(page) -> set[str]:
    return set(page.eval_on_selector_all("#events-table tbody tr[data-period]", "rs => rs.map(r => r.dataset.period)"))


def test_browser_clicking_a_period_filters_the_table(server, page):
    page.goto(f"{server}/dyad/FRA/DZA")
    page.wait_for_selector("#chart[data-rendered=true] svg", timeout=15000)
    page.click(".periods a[data-period='2025-04']")
    page.wait_for_selector("#events-table[data-period='2025-04']")
    assert _rows_periods(page) == {"2025-04"}
    assert "period=2025-04" in page.url
    # the chart itself: a click on a bar filters to that bar's period
    bar = page.locator("#chart svg .mark-rect path").first
    label = bar.get_attribute("aria-label") or ""
    bar.click()
    page.wait_for_function("document.getElementById('events-table').dataset.period !== '2025-04'")
    chosen = page.get_attribute("#events-table", "data-period")
    assert chosen and chosen in label and _rows_periods(page) == {chosen}
    # and the keyboard: focus a period link and press Enter
    page.focus(".periods a[data-period='2025-03']")
    page.keyboard.press("Enter")
    page.wait_for_selector("#events-table[data-period='2025-03']")
    assert _rows_periods(page) == {"2025-03"}


def test_browser_evidence_link_shows_the_highlighted_sentence(server, page):
    page.goto(f"{server}/dyad/FRA/DZA?period=2025-04")
    link = page.locator("#events-table .evidence-link").first
    trigger = page.locator("#events-table tbody tr").first.locator("mark.trigger").inner_text()
    link.click()
    page.wait_for_url("**/article/**")
    focus = page.locator(".evidence-focus")
    assert focus.first.is_visible()
    assert trigger in page.locator(".evidence-focus mark.trigger").first.inner_text()
    _shot(page, "article-evidence.png")


def test_browser_article_markup_is_shown_as_text_never_run(server, page):
    for path in ("/article/xss-001", "/search?q=script", "/dyad/FRA/DZA?period=2025-05", "/"):
        page.goto(server + path)
        page.wait_for_load_state("load")
        assert page.evaluate("typeof window.__xss") == "undefined", path
    page.goto(server + "/article/xss-001")
    assert XSS in page.locator(".article-text").inner_text()
    assert page.locator(".article-text script, .article-text img").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
