"""A real Chromium (Debian's) driving the explorer served over real HTTP by a server with a curator key.

Every request the browser makes is routed through ``offline``: one to any host but 127.0.0.1 is
recorded and aborted, and the tests fail on it. Console errors and page errors are collected too.
Screenshots go to the test's tmp dir, and to $HONGLIAN_SCREENSHOT_DIR when set (docs/screenshots is
made that way: ``HONGLIAN_SCREENSHOT_DIR=docs/screenshots pytest tests/web``).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from api.security import hash_key
from graph.runtime.neo4j import free_port
from tests.browser import chromium
from tests.conftest import serve_api

CURATOR_KEY = "hl_test_explorer_curator"


@pytest.fixture(scope="session")
def web_server(settings, seeded):
    """The app over HTTP with one curator key (the review page needs one); pages themselves are public."""
    keyed = settings.model_copy(
        update={"api_keys": f"explorer-test:curator:{hash_key(CURATOR_KEY)}", "api_port": free_port()}
    )
    with serve_api(keyed) as url:
        yield url


class Watch:
    """What the browser did that a person would not want: requests elsewhere, console errors."""

    def __init__(self) -> None:
        self.external: list[str] = []
        self.errors: list[str] = []
        self.bytes: dict[str, int] = {}

    def clear(self) -> None:
        self.external.clear()
        self.errors.clear()
        self.bytes.clear()

    def assert_clean(self) -> None:
        assert self.external == [], f"requests to other hosts: {self.external}"
        assert self.errors == [], f"console errors: {self.errors}"


@pytest.fixture(scope="module")
def browser_context(web_server):
    watch = Watch()
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)

        def route(r):
            url = r.request.url
            if url.startswith(("data:", "blob:")) or urlparse(url).hostname == "127.0.0.1":
                r.continue_()
            else:
                watch.external.append(url)
                r.abort()

        context.route("**/*", route)
        yield context, watch


@pytest.fixture
def page(browser_context):
    context, watch = browser_context
    watch.clear()
    pg = context.new_page()
    pg.on("console", lambda m: watch.errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(str(e)))

    def count(response):
        try:
            size = (
                response.request.sizes()["responseBodySize"] + response.request.sizes()["responseHeadersSize"]
            )
        except Exception:  # a response without a body (aborted, redirected)
            size = 0
        watch.bytes[response.url] = size

    pg.on("requestfinished", lambda req: count(req.response()) if req.response() else None)
    pg.watch = watch
    yield pg
    pg.close()


def shot(pg, tmp_path: Path, name: str, full_page: bool = False) -> Path:
    path = tmp_path / name
    pg.screenshot(path=str(path), full_page=full_page)
    if os.environ.get("HONGLIAN_SCREENSHOT_DIR"):
        out = Path(os.environ["HONGLIAN_SCREENSHOT_DIR"])
        out.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, out / name)
    return path
