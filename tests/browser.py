"""Debian's Chromium (and poppler's pdftotext) for the tests that drive a real browser.

`make test` installs both (`make browser-deps`: Debian's chromium, fonts-noto-cjk, poppler-utils). When
one is missing the tests that need it fail with that reason: a browser test that cannot run is not a
pass.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _missing(what: str, package: str) -> None:
    pytest.fail(
        f"{what} is not installed: `make test` installs Debian's {package} package with apt-get "
        "(`make browser-deps`), and that failed on this machine (see make's output)",
        pytrace=False,
    )


def require_chromium() -> None:
    """Fail the test, saying why, when Debian's Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        _missing(f"chromium ({CHROMIUM})", "chromium")


@contextmanager
def chromium(extra_args: list[str] | None = None) -> Iterator[Any]:
    """A headless Chromium browser (playwright's ``Browser``), closed on exit."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS + (extra_args or []))
        try:
            yield browser
        finally:
            browser.close()


def pdftotext() -> str:
    """The path of poppler's pdftotext."""
    tool = shutil.which("pdftotext")
    if tool is None:
        _missing("pdftotext", "poppler-utils")
    assert tool is not None
    return tool
