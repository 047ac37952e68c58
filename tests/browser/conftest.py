"""What the Chromium tests share: the app served over the seed graph, one headless Chromium per
module.

Skipped only when Chromium (or Playwright) is missing on a developer's machine; with CI set they
must be there, and the tests fail instead. (The Firefox tests bring their own `browser`.)"""

from __future__ import annotations

import pytest

from tests.support.app import seeded_site
from tests.support.harness import chromium_path, require


def _require_browser():
    missing = []
    if chromium_path() is None:
        missing.append("Debian's chromium (make setup installs it)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("Playwright for Python (pip install -e '.[test]')")
    require(missing)


@pytest.fixture(scope="module")
def site(neo4j_target):
    """The app with its pages, served over the seed graph."""
    with seeded_site(neo4j_target) as site:
        yield site


@pytest.fixture(scope="module")
def browser(site):
    """One headless Chromium for the module."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True)
        yield browser
        browser.close()
