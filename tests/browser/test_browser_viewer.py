"""The viewer in a real browser: headless Chromium (Debian's `chromium`, driven by Playwright)
against a real uvicorn server over the seed graph in a real Neo4j.

Skipped only when Chromium (or Playwright) is missing on a developer's machine; with CI set they
must be there, and the tests fail instead. Screenshots go to tests.support.harness.screenshot_dir().
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from graph.vocabulary import SECTOR_NL
from matcher.service import MatcherService
from tests.support.app import TEAM, seeded_site
from tests.support.harness import Recorder, screenshot_dir
from viz.graphdata import Filters, WholeGraphCache

PERSON_WITH_EMAIL = "person:minouche-besters"
EMAIL = "minouche@stedenlink.nl"
# The seed gives no team a start date; in this module's graph this one started in March 2012.
LATER_TEAM = "team:onze-stad-open-data"
ISOLATED_TEAM = "team:bedrijvige-stad-ondergrondse-infra-planning"
ZORG = "team:zorgende-stad-zorg-op-afstand"


@pytest.fixture(scope="module")
def site(neo4j_target):
    """The app over the seed graph, with LATER_TEAM started on 1 March 2012."""

    def later_start(graph):
        graph.write_query("MATCH (t:Team {id: $id}) SET t.start_date = date('2012-03-01')", id=LATER_TEAM)

    with seeded_site(neo4j_target, later_start) as site:
        yield site


@pytest.fixture
def open_page(site, browser):
    """open_page(role, path, viewport) -> a logged-in page at `path`, drawn. After the test: no
    request went anywhere but the server, and the page logged no error."""
    contexts, recorders = [], []

    def open_(role: str, path: str, width: int = 1400, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        recorders.append(Recorder(page))
        page.goto(f"{site.origin}/login?next={path.replace('&', '%26')}")
        page.fill("#token", site.tokens[role])
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_selector("body[data-drawn='1']", timeout=60_000)
        return page

    yield open_
    for context in contexts:
        context.close()
    for recorder in recorders:
        recorder.assert_stayed_on(site.origin)


def wait_until(page, expression: str, timeout: float = 10.0):
    """Polls a JavaScript expression until it is truthy. (Playwright's wait_for_function compiles
    its predicate with eval inside the page, which the pages' Content-Security-Policy forbids.)"""
    deadline = time.monotonic() + timeout
    while not (value := page.evaluate(expression)):
        assert time.monotonic() < deadline, f"still false after {timeout} s: {expression}"
        time.sleep(0.05)
    return value


def visible(page) -> set[str]:
    return set(page.evaluate("window.stedenlink.visibleNodeIds()"))


def screenshot(page, name: str) -> None:
    screenshot_dir().mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot_dir() / f"viewer-{name}.png"))


def test_login_form_then_the_viewer_draws_every_node_of_the_seed_graph(site, open_page):
    page = open_page("liaison", "/viewer")
    whole = WholeGraphCache().get(site.graph)
    drawn = page.evaluate("window.stedenlink.network.body.data.nodes.length")
    assert drawn == len(whole.nodes) > 200
    # Drawn on the canvas, with positions from the server, and the page in Dutch.
    assert page.evaluate("Object.keys(window.stedenlink.network.getPositions()).length") == drawn
    assert page.evaluate("window.stedenlink.network.body.data.edges.length") == len(whole.edges)
    assert "Deze weergave toont" in page.inner_text("#samenvatting")
    assert page.locator(".legend-nodes li").count() == len({n.label for n in whole.nodes.values()})
    screenshot(page, "whole")


def test_without_login_the_browser_lands_on_the_form_and_a_wrong_token_is_refused(site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site.origin}/viewer?focus={TEAM}")
    assert page.url.startswith(f"{site.origin}/login?next=")
    page.fill("#token", "sl_wrong")
    page.click("form[action='/login'] button[type=submit]")
    assert "Deze sleutel kennen we niet" in page.inner_text("[role=alert]")
    page.fill("#token", site.tokens["team"])
    page.click("form[action='/login'] button[type=submit]")
    page.wait_for_selector("body[data-drawn='1']")
    assert page.url == f"{site.origin}/viewer?focus={TEAM}"  # back where the user wanted to go
    cookies = {c["name"]: c for c in context.cookies()}
    assert cookies["stedenlink_session"]["httpOnly"] and cookies["stedenlink_session"]["sameSite"] == "Lax"
    context.close()


def test_filters_hide_what_they_should_without_a_reload(site, open_page):
    page = open_page("liaison", "/viewer")
    whole = WholeGraphCache().get(site.graph)
    page.evaluate("window.__sameDocument = true")
    everything = visible(page)

    page.select_option("#filter-theme", "theme:zorgende-stad")
    expected = {n.id for n in whole.nodes.values() if Filters(theme="theme:zorgende-stad").keeps(n)}
    assert visible(page) == expected
    assert "team:zorgende-stad-zorg-op-afstand" in expected and TEAM not in expected
    assert "Na de filters zichtbaar" in page.inner_text("#filterstatus")
    screenshot(page, "filter-theme")

    page.select_option("#filter-theme", "")
    page.select_option("#filter-kind", "municipality")
    shown = visible(page)
    types = page.evaluate("Object.fromEntries(window.stedenlink.nodes.get().map(n => [n.id, [n.type, n.kind]]))")
    assert {i for i in shown if types[i][0] == "Organisation"} == {
        i for i, (t, k) in types.items() if t == "Organisation" and k == "municipality"
    }
    assert {i for i in everything if types[i][0] != "Organisation"} <= shown
    # Edges with a hidden end are not drawn either.
    drawn_edges = page.evaluate("window.stedenlink.edges.get(window.stedenlink.visibleEdgeIds())")
    assert drawn_edges and all(e["from"] in shown and e["to"] in shown for e in drawn_edges)
    assert len(drawn_edges) < len(page.evaluate("window.stedenlink.edges.getIds()"))

    page.click("#wis-filters")
    assert visible(page) == everything
    page.uncheck("input[data-type='Person']")
    assert not any(i.startswith("person:") for i in visible(page))
    assert page.evaluate("window.__sameDocument") is True  # no reload happened


def test_search_finds_and_selects_a_node_and_shows_its_details(site, open_page):
    page = open_page("liaison", "/viewer")
    page.fill("#zoekterm", "actiz")
    page.click("#zoeken button[type=submit]")
    wait_until(page, "window.stedenlink.selectedNodeIds().length === 1")
    assert page.evaluate("window.stedenlink.selectedNodeIds()") == ["org:actiz"]
    page.wait_for_selector("#details h2:text('ActiZ')")
    assert page.get_attribute("#pagina-link", "href") == "/p/organisation/org:actiz"
    assert "Soort organisatie" in page.inner_text("#details")
    # The view moves to centre on it (an animation of 300 ms).
    wait_until(
        page,
        """(() => { const n = window.stedenlink.network, c = n.getViewPosition(),
        p = n.getPositions(['org:actiz'])['org:actiz']; return Math.abs(c.x - p.x) < 1 && Math.abs(c.y - p.y) < 1; })()""",
    )


def test_search_for_a_node_outside_the_view_asks_the_server(site, open_page):
    page = open_page("liaison", f"/viewer?focus={TEAM}")
    page.fill("#zoekterm", "Amersfoort")
    page.click("#zoeken button[type=submit]")
    link = page.wait_for_selector("#zoekresultaat a")
    assert link.get_attribute("href").startswith("/viewer?focus=")


def test_clicking_a_person_shows_email_to_a_coordinator_only(site, open_page):
    for role, sees in (("coordinator", True), ("liaison", False)):
        page = open_page(role, f"/viewer?focus={PERSON_WITH_EMAIL}")
        # A real click on the node, where the network draws it.
        box = page.locator("#netwerk").bounding_box()
        spot = page.evaluate(f"""(() => {{ const n = window.stedenlink.network;
            return n.canvasToDOM(n.getPositions(['{PERSON_WITH_EMAIL}'])['{PERSON_WITH_EMAIL}']); }})()""")
        page.mouse.click(box["x"] + spot["x"], box["y"] + spot["y"])
        page.wait_for_selector("#details dl.fields")
        assert "Minouche Besters" in page.inner_text("#details h2")
        assert (page.locator("#details [data-contact=email]").count() == 1) is sees
        assert (EMAIL in page.inner_text("#details")) is sees
        assert (EMAIL in page.content()) is sees
        if sees:
            screenshot(page, "details-coordinator")


def test_double_click_loads_a_nodes_neighbours(site, open_page):
    page = open_page("liaison", "/viewer?focus=org:actiz")
    before = visible(page)
    box = page.locator("#netwerk").bounding_box()
    target = "person:patrick-anthonissen" if "person:patrick-anthonissen" in before else min(before - {"org:actiz"})
    spot = page.evaluate(f"""(() => {{ const n = window.stedenlink.network;
        return n.canvasToDOM(n.getPositions(['{target}'])['{target}']); }})()""")
    page.mouse.dblclick(box["x"] + spot["x"], box["y"] + spot["y"])
    wait_until(page, f"window.stedenlink.nodes.length > {len(before)}")
    after = visible(page)
    assert before < after


def test_suggestions_overlay_draws_dashed_edges_with_reasons_and_missing_sectors(site, open_page):
    page = open_page("liaison", f"/viewer?team={TEAM}&suggestions=1")
    service = MatcherService(site.graph)
    partners = service.partner_suggestions(TEAM, limit=8).partners
    cities = service.city_suggestions(TEAM, dt.date.today(), limit=5).suggestions
    dashed = page.evaluate("window.stedenlink.edges.get(window.stedenlink.dashedEdgeIds())")
    assert {e["to"] for e in dashed} == {p.organisation for p in partners} | {c.city for c in cities}
    assert all(e["from"] == TEAM for e in dashed)
    # vis-network drew them dashed.
    drawn = page.evaluate("""window.stedenlink.dashedEdgeIds().map(id =>
        window.stedenlink.network.body.edges[id].options.dashes)""")
    assert drawn and all(drawn)
    first = next(e for e in dashed if e["to"] == partners[0].organisation)
    assert partners[0].reasons[0].text in first["title"]
    missing = service.readiness(TEAM, dt.date.today()).sectors.missing
    panel = page.inner_text("#voorstellen")
    assert missing and all(SECTOR_NL[s] in panel for s in missing)
    # Hovering a dashed edge shows its reasons: find a point on one where the network sees
    # that edge and no node.
    box = page.locator("#netwerk").bounding_box()
    spot = page.evaluate("""(() => { const v = window.stedenlink, n = v.network;
        for (const id of v.dashedEdgeIds()) {
            const e = v.edges.get(id), p = n.getPositions([e.from, e.to]), a = p[e.from], b = p[e.to];
            for (let t = 0.3; t < 0.95; t += 0.05) {
                const dom = n.canvasToDOM({x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t});
                if (n.getNodeAt(dom) === undefined && n.getEdgeAt(dom) === id) return {id: id, x: dom.x, y: dom.y};
            }
        }
        return null; })()""")
    assert spot, "no free spot on any dashed edge"
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])
    tooltip = page.wait_for_selector("div.vis-tooltip", state="visible")
    title = page.evaluate(f"window.stedenlink.edges.get({spot['id']!r}).title")
    assert tooltip.inner_text().split("\n")[0] == title.split("\n")[0]
    assert title.startswith(("Voorgestelde partner", "Voorgestelde stad")) and "• " in title
    screenshot(page, "suggestions")


def test_the_viewer_on_a_phone(site, open_page):
    page = open_page("team", f"/viewer?focus={TEAM}&depth=2", width=390, height=844)
    assert len(visible(page)) > 10
    box = page.locator("#netwerk").bounding_box()
    assert box["width"] <= 390 and box["height"] > 300
    screenshot(page, "phone")


def node(page, node_id: str) -> dict:
    return page.evaluate(f"window.stedenlink.nodes.get({node_id!r})")


def test_sized_by_betweenness_and_coloured_by_community(site, open_page):
    page = open_page("liaison", "/viewer?size=betweenness&colour=community")
    novay, tno, theme = node(page, "org:novay"), node(page, "org:tno"), node(page, "theme:onze-stad")
    # Novay links two teams; TNO is in one: by betweenness Novay is drawn much bigger.
    assert novay["metrics"]["betweenness"] > tno["metrics"]["betweenness"]
    assert novay["size"] > tno["size"] + 10
    assert novay["color"] == novay["metrics"]["communityColour"] and novay["color"] != novay["typeColour"]
    assert theme["color"] == "#e8e8e8"  # a theme belongs to no community
    colours = page.evaluate(
        "window.stedenlink.nodes.get().filter(n => n.metrics).map(n => [n.metrics.community, n.color])"
    )
    by_community = {}
    for community, colour in colours:
        by_community.setdefault(community, set()).add(colour)
    assert all(len(c) == 1 for c in by_community.values())  # one colour per community
    assert len({next(iter(c)) for n, c in by_community.items() if n <= 5}) == 5
    assert page.is_visible("#gemeenschappen")
    screenshot(page, "analysis")
    # Back to the type colours and the sizes of the drawing, and the URL follows.
    page.select_option("#grootte", "links")
    page.select_option("#kleur", "type")
    assert node(page, "org:novay")["size"] == novay["linksSize"] and node(page, "org:novay")["color"] == "#d35400"
    assert "size=" not in page.url and "colour=" not in page.url
    assert not page.is_visible("#gemeenschappen")


def test_the_brokers_and_isolated_lists_focus_the_view(site, open_page):
    page = open_page("liaison", "/viewer")
    brokers = page.locator("#verbinders a[data-node]")
    assert brokers.count() == 10
    first = brokers.first.get_attribute("data-node")
    brokers.first.click()
    wait_until(page, f"window.stedenlink.selectedNodeIds()[0] === {first!r}")
    isolated = page.locator(f"#alleenstaand a[data-node='{ISOLATED_TEAM}']")
    isolated.click()
    wait_until(page, f"window.stedenlink.selectedNodeIds()[0] === {ISOLATED_TEAM!r}")
    # The details panel fills when its request comes back.
    wait_until(page, "document.getElementById('details').textContent.includes('ondergrondse infra planning')")


def test_the_date_slider_shows_the_network_as_it_stood(site, open_page):
    page = open_page("liaison", "/viewer")
    assert {LATER_TEAM, "city:oss", ZORG} <= visible(page)
    page.fill("#datum", "2011-06-16")
    page.dispatch_event("#datum", "change")
    shown = visible(page)
    # The team had not started, and Oss joined the G32 only in 2014; the other teams were there.
    assert LATER_TEAM not in shown and "city:oss" not in shown and ZORG in shown
    assert page.input_value("#datum-schuif") != page.get_attribute("#datum-schuif", "max")
    assert "datum=2011-06-16" in page.url or "date=2011-06-16" in page.url
    # The slider itself: one day after the start, the team is there.
    page.evaluate("window.stedenlink.setDate('2012-03-01')")
    assert LATER_TEAM in visible(page) and "city:oss" not in visible(page)
    page.click("#alle-data")
    assert {LATER_TEAM, "city:oss"} <= visible(page)
    assert page.inner_text("#datum-tekst") == "elke datum"
    # A date in the URL opens the view on that day.
    dated = open_page("liaison", "/viewer?date=2011-06-16")
    assert LATER_TEAM not in visible(dated) and dated.input_value("#datum") == "2011-06-16"


def test_the_suggestions_overlay_shows_warm_introductions(site, open_page):
    page = open_page("liaison", f"/viewer?team={ZORG}&suggestions=1")
    panel = page.inner_text("#voorstellen")
    assert "Via: Anne van Kuijk en Monique Roosen werken allebei bij Provincie Noord-Brabant" in panel
    titles = page.evaluate("window.stedenlink.edges.get(window.stedenlink.dashedEdgeIds()).map(e => e.title)")
    assert any("Warme introductie: " in title for title in titles)
