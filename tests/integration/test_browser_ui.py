"""Neo4j Browser in a real headless Chromium (Debian's package; no browser download).

Logs in with the test credentials, checks that the honglian guide opens on connect, runs the
guide's first query (the 太保镇 network) and checks that Browser draws named nodes. Screenshots go to
the test's tmp dir, and also to $HONGLIAN_SCREENSHOT_DIR when set (docs/screenshots is made that way).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import chromium


@pytest.fixture(scope="module")
def page(settings, runtime, api_server):
    with chromium() as browser:
        yield browser.new_page(viewport={"width": 1400, "height": 1000})


def _shot(pg, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    pg.screenshot(path=str(path))
    if os.environ.get("HONGLIAN_SCREENSHOT_DIR"):
        out = Path(os.environ["HONGLIAN_SCREENSHOT_DIR"])
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out / name)
    return path


def test_browser_shows_the_guide_and_draws_the_taibao_network(page, settings, api_server, tmp_path):
    """The project's Neo4j opens the guide on connect (its post_connect_cmd). With a server given by
    NEO4J_URI (e.g. docker compose; Browser at HONGLIAN_NEO4J_HTTP_PORT on the same host) the test
    types `:play <guide>` after logging in, as an analyst would."""
    pg = page
    host = urlparse(settings.uri).hostname
    http = f"http://{host}:{settings.http_port}"
    bolt = f"{host}:{urlparse(settings.uri).port or 7687}"
    pg.goto(f"{http}/browser/?dbms=bolt://neo4j@{bolt}&db=neo4j", wait_until="networkidle")
    # Neo4j's HTTP CORS allows its own origin only (neo4j.conf): Browser, served from it, still logs in.
    pg.fill('[data-testid="password"]', settings.password())
    pg.click('[data-testid="connect"]')
    if not settings.managed:
        pg.wait_for_selector("text=Connected to Neo4j", timeout=30000)
        pg.locator(".monaco-editor").first.click()
        pg.keyboard.type(f":play {api_server}/browser/guide")
        pg.keyboard.press("Enter")
    pg.wait_for_selector("text=红联共建 网络", timeout=30000)  # the guide opened on connect
    assert _shot(pg, tmp_path, "browser-guide.png").stat().st_size > 10_000

    pg.click('[data-testid="nextSlide"]')
    pg.wait_for_selector("text=镇的结对网络", timeout=10000)
    code = pg.locator("pre.runnable")
    assert code.count() == 2
    assert code.nth(0).inner_text().startswith(":params")
    code.nth(0).click()
    pg.click('[data-testid="editor-Run"]')
    pg.wait_for_timeout(1000)
    code.nth(1).click()
    pg.click('[data-testid="editor-Run"]')
    pg.wait_for_selector("svg g.node", timeout=30000)
    pg.wait_for_timeout(3000)  # let the layout settle for the screenshot
    _shot(pg, tmp_path, "browser-taibao-network.png")

    assert pg.locator("svg g.node").count() >= 10
    captions = " ".join(pg.locator("svg g.node text").all_text_contents())
    assert "太保镇" in captions and "上坪村" in captions
    # A colour per type: the style's Place green and Organization red both appear.
    fills = {
        pg.locator("svg g.node circle.b-outline").nth(i).get_attribute("fill")
        for i in range(pg.locator("svg g.node circle.b-outline").count())
    }
    assert {"#27AE60", "#C0392B"} <= {f.upper() for f in fills if f}


def test_report_picture_renders_chinese_labels(page, client, tmp_path):
    """The report opened in Chromium: the labels' CJK font is available, so no missing-glyph boxes."""
    report = tmp_path / "report.html"
    report.write_text(client.get("/reports/network").text, encoding="utf-8")
    page.goto(report.as_uri())
    page.wait_for_selector("svg text")
    family = page.evaluate("getComputedStyle(document.querySelector('svg')).fontFamily")
    assert "Noto Sans CJK SC" in family
    assert page.evaluate("document.fonts.check('12px \"Noto Sans CJK SC\"', '太保镇')") is True
    widths = page.evaluate("[...document.querySelectorAll('svg text')].map(t => t.getBBox().width)")
    assert len(widths) > 20 and min(widths) > 0
    _shot(page, tmp_path, "report.png")
