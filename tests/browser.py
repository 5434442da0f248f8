"""A real browser for the supervisor web's tests: Debian's headless Chromium (``apt-get install
chromium``) driven by Playwright's Python package with ``executable_path`` set to it; no
browser is ever downloaded. Without either part a test skips (fails in CI, where every part
must be there).

    # ruff: noqa: F811 (the shared fixtures are imported by name and then requested)
    from tests.browser import chromium  # noqa: F401  (a fixture)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

from tests.county_db import missing_part

DESKTOP = {"width": 1366, "height": 768}  # a township office's screen
PHONE = {"width": 390, "height": 844}  # a supervisor's phone


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


# Each test module that imports the fixture below has a fixture of its own to pytest, but
# Playwright's sync API cannot be started twice at once: they share one browser, closed when the
# last of them ends.
_SHARED: dict[str, Any] = {"users": 0}


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """The session's headless Chromium (a Playwright ``Browser``)."""
    path = chromium_path()
    if path is None:
        missing_part("Debian's Chromium is not installed: apt-get install chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_part("Playwright's Python package is missing: pip install playwright")
    if not _SHARED["users"]:
        # as root (CI, containers) Chromium's sandbox cannot start; the pages are our own
        args = ["--no-sandbox"] if os.geteuid() == 0 else []
        _SHARED["playwright"] = sync_playwright().start()
        _SHARED["browser"] = _SHARED["playwright"].chromium.launch(executable_path=path, args=args)
    _SHARED["users"] += 1
    try:
        yield _SHARED["browser"]
    finally:
        _SHARED["users"] -= 1
        if not _SHARED["users"]:
            _SHARED.pop("browser").close()
            _SHARED.pop("playwright").stop()


def shoot(page: Any, name: str, *, full_page: bool = True) -> None:
    """A screenshot for the manual, ``<folder>/web-<name>.png``, when ``WEB_SCREENSHOTS`` names
    the folder (``WEB_SCREENSHOTS=docs/img pytest tests/test_web_*.py``); else nothing."""
    folder = os.environ.get("WEB_SCREENSHOTS", "").strip()
    if folder:
        page.screenshot(path=f"{folder}/web-{name}.png", full_page=full_page)
