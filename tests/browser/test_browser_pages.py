"""The liaison pages in a real browser: headless Chromium (Debian's `chromium`, driven by
Playwright) against a real uvicorn server over the seed graph in a real Neo4j, logged in through
the form. Checks what is visible, that a phone-wide screen needs no sideways scrolling, and that no
request leaves the server. Screenshots go to tests.support.harness.screenshot_dir() as pages-*.png
(`make screenshots` renews the ones in docs/screenshots/ that the README shows).

Skipped only when Chromium (or Playwright) is missing on a developer's machine; with CI set they
must be there, and the tests fail instead (as tests/browser/test_browser_viewer.py).
"""

from __future__ import annotations

import pytest

from tests.support.app import TEAM
from tests.support.harness import Recorder, screenshot_dir

PEIL = "peildatum=2011-06-16"
ZORG = "team:zorgende-stad-zorg-op-afstand"
CITY = "city:enschede"
LAPTOP = (1280, 900)
PHONE = (390, 844)
SEED_TEAM_NAMES = [
    "Team Lerende Stad / content",
    "Team Onze Stad / Open data",
    "Team Onze Stad / (In)formele thuiszorg",
    "Team Zorgende stad / Zorg op afstand",
    "Team Bedrijvige Stad / Nieuwe flexplekken",
    "Team Bedrijvige stad / bedrijventerreinen verglaasd",
    "Team Bedrijvige stad / ondergrondse infra planning",
]
MAIN = {
    "overview": f"/?{PEIL}",
    "team": f"/p/team/{TEAM}?{PEIL}",
    "city": f"/p/city/{CITY}?{PEIL}",
    "calllist": f"/bellijst?{PEIL}",
}


@pytest.fixture
def open_page(site, browser):
    """open_page(role, path, (width, height)) -> a page logged in through the form, at `path`.
    After the test: no request went anywhere but the server, and no page logged an error (a
    Content-Security-Policy violation would)."""
    contexts, recorders = [], []

    def open_(role: str, path: str, size: tuple[int, int] = LAPTOP):
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        page = context.new_page()
        recorders.append(Recorder(page))
        page.goto(f"{site.origin}{path}")
        assert page.url.startswith(f"{site.origin}/login?next=")  # not logged in yet
        page.fill("#token", site.tokens[role])
        page.click("form[action='/login'] button[type=submit]")
        page.wait_for_url(f"{site.origin}{path}")
        page.wait_for_selector("main h1")
        return page

    yield open_
    for context in contexts:
        context.close()
    for recorder in recorders:
        recorder.assert_stayed_on(site.origin)
        assert any(u.endswith("/static/css/pages.css") for u in recorder.urls), "the pages' stylesheet was not loaded"


def screenshot(page, name: str) -> None:
    screenshot_dir().mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot_dir() / f"pages-{name}.png"))


def no_sideways_scrolling(page) -> None:
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: {width} px wide in a {inner} px window"


def test_the_overview_shows_every_team_and_the_ones_furthest_behind(open_page):
    page = open_page("liaison", MAIN["overview"])
    main = page.inner_text("main")
    for name in SEED_TEAM_NAMES:
        assert page.get_by_role("link", name=name, exact=True).first.is_visible(), name
    assert "Nog 167 dagen tot de plandeadline van 30 november 2011" in page.inner_text("#deadline")
    assert page.locator(".furthest li").count() == 3
    worst = page.locator(".furthest li").first.inner_text()
    assert worst.startswith("Team Bedrijvige stad / bedrijventerreinen verglaasd")
    assert page.locator("tr.behind").count() >= 1 and "loopt achter" in main
    # The stylesheet applies: teams behind have a tinted row.
    tint = page.evaluate("getComputedStyle(document.querySelector('tr.behind th')).backgroundColor")
    assert tint == "rgb(253, 237, 236)"
    screenshot(page, "overview")
    # Clicking a team opens its page, with the peildatum kept.
    page.get_by_role("link", name="Team Onze Stad / (In)formele thuiszorg", exact=True).first.click()
    page.wait_for_url(f"**/p/team/{TEAM}?{PEIL}")
    assert page.inner_text("h1") == "Team Onze Stad / (In)formele thuiszorg"


def test_a_team_page_shows_its_question_and_what_it_is_missing(open_page):
    page = open_page("team", MAIN["team"])
    assert page.inner_text("h1") == "Team Onze Stad / (In)formele thuiszorg"
    question = "Hoe zorgen we ervoor dat mensen de nieuwe informele zorgplatformen ook echt gaan gebruiken?"
    assert page.get_by_text(question).is_visible()
    missing = page.locator("ul.wanted.missing")
    assert missing.is_visible() and "Actiz" in missing.inner_text()
    assert "Patrick Anthonissen" in page.inner_text("main")
    assert page.get_by_role("heading", name="Voorgestelde partners").is_visible()
    assert "genoemd in jullie partnerlijst ('Actiz')" in page.inner_text("main")
    overlay = page.get_by_role("link", name="Voorstellen in het netwerk").get_attribute("href")
    assert overlay.startswith(f"/viewer?team={TEAM.replace(':', '%3A')}&suggestions=1")
    screenshot(page, "team")


def test_a_city_page_shows_its_people_and_the_teams_that_want_it(open_page):
    page = open_page("liaison", MAIN["city"])
    assert page.inner_text("h1") == "Enschede"
    main = page.inner_text("main")
    assert "Hans Koenders" in main and "Patrick Reijnders" in main and "Gemeente Enschede" in main
    wanted = page.locator("section[aria-labelledby=gewild]")
    assert "Team Onze Stad / Open data" in wanted.inner_text() and "19 oktober 2011" in wanted.inner_text()
    screenshot(page, "city")


def test_the_overview_shows_the_network_analysis_and_a_team_page_its_warm_introductions(open_page):
    page = open_page("liaison", MAIN["overview"])
    analysis = page.locator("section.network-analysis")
    assert "Novay verbindt 2 thema's" in analysis.inner_text()
    assert "Team Bedrijvige stad / ondergrondse infra planning" in page.inner_text("#alleenstaand")
    assert "Utrecht" in page.inner_text("#onbereikt")
    assert page.locator("#dekking tbody tr").count() >= 5
    screenshot_dir().mkdir(parents=True, exist_ok=True)
    analysis.screenshot(path=str(screenshot_dir() / "pages-analysis.png"))
    team = open_page("liaison", f"/p/team/{ZORG}?{PEIL}")
    suggestions = team.locator("section[aria-labelledby=voorstellen-partners]")
    intro = suggestions.locator("p.introduction").first
    assert intro.is_visible() and "Anne van Kuijk en Monique Roosen werken allebei bij Provincie Noord-Brabant" in (
        intro.inner_text()
    )
    intro.locator("xpath=..").screenshot(path=str(screenshot_dir() / "pages-introduction.png"))


def test_the_call_list_by_liaison_and_date(open_page):
    page = open_page("liaison", MAIN["calllist"])
    assert "Bellen vóór woensdag 19 oktober 2011" in page.inner_text("main")
    assert page.locator("tr.call-city").count() == 21 and page.locator("tr.call-partner").count() == 21
    screenshot(page, "calllist")
    # Choosing a liaison narrows the list to the teams of their themes; the peildatum stays.
    page.select_option("#liaison", "person:stephan-verveen")
    page.click("form.choose button[type=submit]")
    page.wait_for_url("**/bellijst?liaison=person%3Astephan-verveen&peildatum=2011-06-16")
    assert page.inner_text("h1") == "Bellijst van Stephan Verveen"
    assert page.locator("tr.call-city").count() == 6
    assert "Bedrijvige" not in page.inner_text("table")


def test_changing_the_peildatum_past_the_deadline(open_page):
    page = open_page("coordinator", MAIN["overview"])
    page.fill("#peildatum", "2012-01-01")
    page.click("form.peildatum button[type=submit]")
    page.wait_for_url("**/?peildatum=2012-01-01")
    deadline = page.inner_text("#deadline")
    assert "De plandeadline van 30 november 2011 is verstreken" in deadline and "32 dagen geleden" in deadline
    # The warning is styled as one.
    assert page.evaluate("getComputedStyle(document.querySelector('#deadline')).borderLeftStyle") == "solid"


OTHER = {
    "theme": f"/p/theme/theme:onze-stad?{PEIL}",
    "question": f"/p/question/question:onze-stad-open-data?{PEIL}",
    "organisation": f"/p/organisation/org:stedenlink?{PEIL}",
    "person": f"/p/person/person:minouche-besters?{PEIL}",
}


@pytest.mark.parametrize("name", list(MAIN) + list(OTHER))
def test_on_a_phone_nothing_is_wider_than_the_screen(open_page, name):
    page = open_page("coordinator", {**MAIN, **OTHER}[name], PHONE)
    no_sideways_scrolling(page)
    # Tables turn into one card per row: the header row is out of sight, each cell says what it is.
    if page.locator("table.stacked").count():
        assert page.evaluate("getComputedStyle(document.querySelector('table.stacked tr')).display") == "block"
    if name == "calllist":
        screenshot(page, "calllist-phone")
