"""The viewer in Firefox: Debian's firefox-esr, headless, driven over WebDriver BiDi (tests.support.bidi)
against a real uvicorn server over the seed graph in a real Neo4j.

The viewer must work in a current Chromium and Firefox. test_browser_viewer.py covers the page
in depth in Chromium; these tests check in Firefox that the login form works, that every node is
drawn, that a filter hides nodes, that the suggestions overlay draws dashed edges, and that no
request leaves the server. They read the page through the same window.stedenlink helpers.

Skipped when Firefox is missing on a developer's machine; with CI set it must be there, and the
tests fail instead. The screenshot goes to tests.support.harness.screenshot_dir()/viewer-firefox.png.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
from urllib.parse import quote

import pytest

from matcher.service import MatcherService
from tests.support.app import TEAM
from tests.support.bidi import BiDi, BiDiError, firefox, firefox_path
from tests.support.harness import require, screenshot_dir
from viz.graphdata import Filters, WholeGraphCache

THEME = "theme:zorgende-stad"


def _require_firefox():
    require([] if firefox_path() else ["Debian's firefox-esr (make browser installs it)"])


@pytest.fixture(scope="module")
def browser(site):
    """One headless Firefox for the module, killed afterwards. It reports every request any of
    its pages makes, and everything a page logs (a Content-Security-Policy violation too)."""
    _require_firefox()
    with firefox() as bidi:
        bidi.command("session.subscribe", {"events": ["network.beforeRequestSent", "log.entryAdded"]})
        yield bidi


def wait_until(browser: BiDi, tab: str, expression: str, timeout: float = 10.0):
    """Polls a JavaScript expression until it is truthy. While the tab is between two documents
    (after the login form is sent) an evaluation can fail; that counts as not yet."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = browser.evaluate(tab, expression)
        except BiDiError:
            value = None
        if value:
            return value
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.05)


@pytest.fixture
def open_page(site, browser):
    """open_page(path) -> a tab, with cookies of its own, logged in through the form and showing
    `path`, drawn. After the test: no request went anywhere but the server, and no page logged an
    error."""
    first_event = len(browser.events)
    user_contexts = []

    def open_(path: str) -> str:
        user_context = browser.command("browser.createUserContext")["userContext"]
        user_contexts.append(user_context)
        tab = browser.command("browsingContext.create", {"type": "tab", "userContext": user_context})["context"]
        browser.command("browsingContext.setViewport", {"context": tab, "viewport": {"width": 1400, "height": 900}})
        browser.command(
            "browsingContext.navigate",
            {"context": tab, "wait": "complete", "url": f"{site.origin}/login?next={quote(path, safe='/')}"},
        )
        # Fill in the token and send the form as a user would; the server then redirects to `path`.
        browser.evaluate(
            tab,
            f"""(() => {{ document.getElementById("token").value = {json.dumps(site.tokens["liaison"])};
            document.querySelector("form[action='/login']").requestSubmit(); return true; }})()""",
        )
        wait_until(
            browser,
            tab,
            f"location.href === {json.dumps(site.origin + path)} && document.body.getAttribute('data-drawn') === '1'",
            timeout=60,
        )
        return tab

    yield open_
    for user_context in user_contexts:  # closes its tabs too
        browser.command("browser.removeUserContext", {"userContext": user_context})
    events = browser.events[first_event:]
    urls = [e["params"]["request"]["url"] for e in events if e["method"] == "network.beforeRequestSent"]
    assert any("/static/vendor/vis/" in u for u in urls), f"the page's requests were not recorded: {urls}"
    outside = [u for u in urls if not u.startswith((site.origin + "/", "data:"))]
    assert not outside, f"requests outside the server: {outside}"
    errors = [
        e["params"].get("text") for e in events if e["method"] == "log.entryAdded" and e["params"]["level"] == "error"
    ]
    assert not errors, f"errors in the page: {errors}"


def visible(browser: BiDi, tab: str) -> set[str]:
    return set(browser.evaluate(tab, "window.stedenlink.visibleNodeIds()"))


def test_firefox_logs_in_and_draws_every_node_of_the_seed_graph(site, browser, open_page):
    tab = open_page("/viewer")
    assert "Firefox/" in browser.evaluate(tab, "navigator.userAgent")
    whole = WholeGraphCache().get(site.graph)
    drawn = browser.evaluate(tab, "window.stedenlink.network.body.data.nodes.length")
    assert drawn == len(whole.nodes) > 200
    assert browser.evaluate(tab, "Object.keys(window.stedenlink.network.getPositions()).length") == drawn
    assert browser.evaluate(tab, "window.stedenlink.network.body.data.edges.length") == len(whole.edges)
    assert "Deze weergave toont" in browser.evaluate(tab, "document.getElementById('samenvatting').textContent")

    png = base64.b64decode(browser.command("browsingContext.captureScreenshot", {"context": tab})["data"])
    assert png.startswith(b"\x89PNG")
    screenshot_dir().mkdir(parents=True, exist_ok=True)
    (screenshot_dir() / "viewer-firefox.png").write_bytes(png)


def test_firefox_filter_hides_nodes_without_a_reload(site, browser, open_page):
    tab = open_page("/viewer")
    whole = WholeGraphCache().get(site.graph)
    browser.evaluate(tab, "window.__sameDocument = true")
    everything = visible(browser, tab)
    assert everything == set(whole.nodes)

    # What choosing a theme in the list does: a new value, then a change event.
    browser.evaluate(
        tab,
        f"""(() => {{ const select = document.getElementById("filter-theme");
        select.value = {json.dumps(THEME)}; select.dispatchEvent(new Event("change", {{bubbles: true}}));
        return true; }})()""",
    )
    expected = {n.id for n in whole.nodes.values() if Filters(theme=THEME).keeps(n)}
    shown = visible(browser, tab)
    assert shown == expected
    assert "team:zorgende-stad-zorg-op-afstand" in shown and TEAM not in shown
    assert len(shown) < len(everything)
    assert browser.evaluate(tab, "window.__sameDocument") is True  # no reload happened


def test_firefox_suggestions_overlay_draws_dashed_edges(site, browser, open_page):
    tab = open_page(f"/viewer?team={TEAM}&suggestions=1")
    service = MatcherService(site.graph)
    partners = service.partner_suggestions(TEAM, limit=8).partners
    cities = service.city_suggestions(TEAM, dt.date.today(), limit=5).suggestions
    dashed = browser.evaluate(tab, "window.stedenlink.edges.get(window.stedenlink.dashedEdgeIds())")
    assert dashed
    assert {e["to"] for e in dashed} == {p.organisation for p in partners} | {c.city for c in cities}
    assert all(e["from"] == TEAM for e in dashed)
    # vis-network drew them dashed.
    drawn = browser.evaluate(
        tab,
        """window.stedenlink.dashedEdgeIds().map(id =>
        window.stedenlink.network.body.edges[id].options.dashes)""",
    )
    assert len(drawn) == len(dashed) and all(drawn)
