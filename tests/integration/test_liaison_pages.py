"""The liaison pages (api.routes.liaison) over the seed graph in a real Neo4j, through the real app:
what each page shows, the links between them, who sees contact details, and that nothing on them
comes from anywhere but the server. (tests/browser/test_browser_pages.py opens them in Chromium.)"""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
import yaml
from fastapi.testclient import TestClient

from api import liaison_views as views
from api import pages
from api.main import create_app
from graph.repositories import reading
from graph.vocabulary import date_nl
from tests.support.app import SEED_DIR, TEAM
from viz.links import viewer_url

CONFERENCE = dt.date(2011, 6, 16)
PEIL = "?peildatum=2011-06-16"
CITY = "city:enschede"
THEME = "theme:lerende-stad"
QUESTION = "question:onze-stad-informele-thuiszorg"
ORG = "org:stedenlink"
LIAISON = "person:minouche-besters"  # liaison for Lerende Stad, with e-mail and phone in the seed
EMAIL, PHONE = "minouche@stedenlink.nl", "06 27027473"
SEED_TEAMS = {
    "team:lerende-stad-content",
    "team:onze-stad-open-data",
    "team:onze-stad-informele-thuiszorg",
    "team:zorgende-stad-zorg-op-afstand",
    "team:bedrijvige-stad-nieuwe-flexplekken",
    "team:bedrijvige-stad-bedrijventerreinen-verglaasd",
    "team:bedrijvige-stad-ondergrondse-infra-planning",
}
MAIN_PAGES = [
    "/",
    "/bellijst",
    f"/p/team/{TEAM}",
    f"/p/city/{CITY}",
    f"/p/theme/{THEME}",
    f"/p/question/{QUESTION}",
    f"/p/organisation/{ORG}",
    f"/p/person/{LIAISON}",
]


# --- a small HTML reader (the standard library's parser; no extra dependency) --------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Html(HTMLParser):
    """A page's URLs (href, src, action), its visible text, and the text inside elements picked by
    id or class: `part("#id")`, `parts(".class")`."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.attrs: list[tuple[str, dict]] = []
        self._open: list[list] = []  # [tag, depth, keys, chunks] of elements being captured
        self._depth = 0
        self._chunks: list[str] = []
        self.captured: list[tuple[set[str], str]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.attrs.append((tag, attrs))
        for name in ("href", "src", "action", "srcset", "poster", "data"):
            if attrs.get(name) is not None:
                self.urls.append((tag, name, attrs[name]))
        if tag in VOID:
            return
        self._depth += 1
        keys = {f"#{attrs['id']}"} if attrs.get("id") else set()
        keys |= {f".{c}" for c in (attrs.get("class") or "").split()}
        if keys:
            self._open.append([tag, self._depth, keys, []])

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if self._open and self._open[-1][1] == self._depth:
            _, _, keys, chunks = self._open.pop()
            self.captured.append((keys, " ".join("".join(chunks).split())))
        self._depth -= 1

    def handle_data(self, data):
        self._chunks.append(data)
        for element in self._open:
            element[3].append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self._chunks).split())

    def parts(self, key: str) -> list[str]:
        return [text for keys, text in self.captured if key in keys]

    def part(self, key: str) -> str:
        found = self.parts(key)
        assert len(found) == 1, f"{len(found)} elements {key}"
        return found[0]

    def links(self, prefix: str = "/p/") -> list[str]:
        return [value for tag, name, value in self.urls if name == "href" and value.startswith(prefix)]


# --- fixtures -----------------------------------------------------------------------------------


@pytest.fixture
def site(callers):
    """The app (create_app includes the liaison pages)."""
    return callers


def browser_for(site, role: str) -> TestClient:
    """A client logged in as a browser is: through the login form, with its session cookie, no header."""
    client = TestClient(site.app)
    assert client.post("/login", data={"token": site.tokens[role]}, follow_redirects=False).status_code == 303
    return client


@pytest.fixture
def liaison_client(site) -> TestClient:
    return browser_for(site, "liaison")


def section(client: TestClient, path: str, label: str) -> str:
    """The HTML of the page's <section aria-labelledby=label> (sections are not nested)."""
    found = re.search(rf'<section aria-labelledby="{label}"[^>]*>(.*?)</section>', client.get(path).text, re.DOTALL)
    assert found, f"no section {label} on {path}"
    return found.group(1)


def row_text(html: str, team_id: str) -> str:
    """The text of the table row of a team on a page."""
    row = re.search(rf'data-team="{team_id}">(.*?)</tr>', html, re.DOTALL)
    assert row, team_id
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", row.group(1))).split())


def team_ids(page: Html) -> set[str]:
    return {re.match(r"/p/team/([^?]+)", h).group(1) for h in page.links("/p/team/")}


def get_page(client: TestClient, path: str) -> Html:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return Html(response.text)


# --- logging in ---------------------------------------------------------------------------------


@pytest.mark.parametrize("path", MAIN_PAGES + ["/?peildatum=2011-06-16"])
def test_without_login_every_page_redirects_to_the_login_form(site, path):
    response = site.anonymous.get(path, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == pages.login_url(path)


def test_logging_in_through_the_form_lands_on_the_overview(site):
    client = TestClient(site.app)
    form = client.get("/login")
    assert 'name="next" value="/"' in form.text  # the overview is home once it is installed
    response = client.post("/login", data={"token": site.tokens["team"], "next": "/"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/"
    page = get_page(client, "/")
    assert "Team Thuiszorg" in page.text  # who is logged in, in the header


def test_a_bearer_header_works_too_and_the_navigation_has_the_call_list(site):
    page = get_page(site.liaison, "/")
    nav = [(attrs.get("href"), attrs.get("aria-current")) for tag, attrs in page.attrs if tag == "a"][:5]
    assert ("/", "page") in nav and ("/bellijst", None) in nav and ("/viewer", None) in nav
    assert page.part(".site-header").count("Bellijst") == 1


def test_a_second_app_in_the_same_process_changes_nothing_in_the_first(site, seeded):
    # Nothing is registered at import time or in shared state: making another app leaves the
    # first one's navigation and routes as they were.
    routes = len(site.app.routes)
    create_app(seeded)
    assert len(site.app.routes) == routes
    page = get_page(browser_for(site, "liaison"), "/bellijst" + PEIL)
    assert page.part(".site-header").count("Bellijst") == 1


# --- the overview -------------------------------------------------------------------------------


def test_the_overview_lists_every_team_by_theme_with_its_readiness(site, liaison_client):
    page = get_page(liaison_client, "/" + PEIL)
    rows = [attrs["data-team"] for tag, attrs in page.attrs if tag == "tr" and "data-team" in attrs]
    assert sorted(rows) == sorted(SEED_TEAMS)
    _, themes = reading.themes(site.app.state.graph)
    headings = [t for i in range(1, 10) for t in page.parts(f"#thema-{i}")]
    assert sorted(headings) == sorted(t["name"] for t in themes)
    assert "Nog 167 dagen tot de plandeadline van 30 november 2011" in page.part("#deadline")
    assert "Bekeken op 16 juni 2011" in page.part("#deadline")
    # A theme without teams says so; and the thuiszorg team's row has its numbers.
    assert "Nog geen teams in dit thema." in page.text
    cells = row_text(liaison_client.get("/" + PEIL).text, "team:onze-stad-informele-thuiszorg")
    assert "1 van 13" in cells and "onderwijs/onderzoek, maatschappelijke organisaties" in cells
    assert "geen" in cells and "167" in cells and "loopt achter" in cells


def test_the_overview_puts_the_teams_furthest_behind_first(site, liaison_client):
    _, progress = views.progress(site.app.state.graph)
    by_id = {p.id: p for p in progress}
    text = liaison_client.get("/" + PEIL).text
    # Within each theme's table, least progress first.
    for table in re.findall(r"<tbody>(.*?)</tbody>", text, re.DOTALL):
        shares = [by_id[t].share for t in re.findall(r'data-team="([^"]+)"', table)]
        assert shares == sorted(shares)
    # The three furthest behind, in order; the worst is the team with one member and no organisation.
    furthest = Html(text).part(".furthest")
    worst = sorted(progress, key=lambda p: (p.share, p.name))[:3]
    assert worst[0].id == "team:bedrijvige-stad-bedrijventerreinen-verglaasd" and worst[0].percent == 0
    positions = [furthest.index(p.name) for p in worst]
    assert positions == sorted(positions)
    # Themes whose weakest team is furthest behind come first.
    assert Html(text).part("#thema-1") == "Bedrijvige Stad"
    # Teams below a third stand out.
    marked = set(re.findall(r'<tr class="behind" data-team="([^"]+)"', text))
    assert marked == {p.id for p in progress if p.share < 1 / 3}
    assert 0 < len(marked) < len(SEED_TEAMS)


@pytest.mark.parametrize("answered", [False, True])
def test_progress_counts_are_the_matchers_readiness(site, answered):
    """The overview reads every team in one query; it must say what the matcher's readiness says,
    also after answers: a partner accepted, a wanted one and a wanted kind rejected, a city committed."""
    graph, matcher = site.app.state.graph, site.app.state.matcher
    if answered:
        for target, answer in (
            ("org:actiz", "accept"),
            ("org:metzo", "reject"),
            ("kind:ouderenbond", "reject"),
            ("city:utrecht", "commit"),
        ):
            body = {"target": target, "answer": answer}
            assert site.coordinator.post(f"/teams/{TEAM}/answers", json=body).status_code == 201
    total, progress = views.progress(graph)
    assert total == len(progress) == len(SEED_TEAMS)
    for team in progress:
        ready = matcher.readiness(team.id, CONFERENCE)
        for state, found in (
            ("found", team.wanted_found),
            ("missing", team.wanted_missing),
            ("rejected", team.wanted_rejected),
        ):
            assert {w["id"] for w in found} == {
                *getattr(ready.wanted_partners, state),
                *getattr(ready.wanted_kinds, state),
            }
        assert team.sectors_missing == list(ready.sectors.missing)
        assert sorted(team.sectors_covered) == sorted(ready.sectors.covered)
        assert [c["id"] for c in team.cities["committed"]] == list(ready.cities["committed"])
        assert team.organisations == ready.organisations and team.members == ready.members
        assert 0 <= team.share <= 1
    if answered:
        thuiszorg = next(t for t in progress if t.id == TEAM)
        assert {w["id"] for w in thuiszorg.wanted_rejected} == {"org:metzo", "kind:ouderenbond"}
        assert thuiszorg.cities["committed"][0]["id"] == "city:utrecht"


def test_a_team_page_lists_what_the_team_turned_down_apart(site, liaison_client):
    answer = {"target": "org:metzo", "answer": "reject"}
    assert site.coordinator.post(f"/teams/{TEAM}/answers", json=answer).status_code == 201
    page = get_page(liaison_client, f"/p/team/{TEAM}" + PEIL)
    assert "Metzo" in page.part(".rejected") and "Metzo" not in page.part(".missing")
    assert "Actiz" in page.part(".missing")


def test_a_committed_city_and_a_found_partner_move_a_team_up(site):
    """Answers given through the API count at once on the overview."""
    before = {p.id: p for p in views.progress(site.app.state.graph)[1]}[TEAM]
    for body in ({"target": "org:actiz", "answer": "accept"}, {"target": "city:utrecht", "answer": "commit"}):
        assert site.coordinator.post(f"/teams/{TEAM}/answers", json=body).status_code == 201
    after = {p.id: p for p in views.progress(site.app.state.graph)[1]}[TEAM]
    assert len(after.wanted_found) == len(before.wanted_found) + 1
    assert [c["id"] for c in after.cities["committed"]] == ["city:utrecht"]
    assert after.share > before.share
    row = row_text(browser_for(site, "liaison").get("/" + PEIL).text, TEAM)
    assert "Utrecht" in row and "2 van 13" in row


def test_after_the_plan_deadline_every_page_says_it_has_passed(site, liaison_client):
    for path in ("/", "/bellijst", f"/p/team/{TEAM}", f"/p/city/{CITY}"):
        page = get_page(liaison_client, path + "?peildatum=2012-01-01")
        assert "De plandeadline van 30 november 2011 is verstreken (32 dagen geleden" in page.part("#deadline")
        assert "Bekeken op 1 januari 2012" in page.part("#deadline")
    calls = get_page(liaison_client, "/bellijst?peildatum=2012-01-01")
    assert "Zo snel mogelijk (de plandeadline is verstreken)" in calls.text
    assert "Bellen vóór" not in calls.text


def test_the_peildatum_defaults_to_today_and_a_wrong_one_is_refused_in_dutch(site, liaison_client):
    page = get_page(liaison_client, "/")
    assert f"Bekeken op {date_nl(dt.date.today())} (vandaag)" in page.part("#deadline")
    response = liaison_client.get("/p/team/" + TEAM + "?peildatum=16-06-2011")
    assert response.status_code == 422
    assert "Ongeldige peildatum" in response.text and "JJJJ-MM-DD" in response.text


# --- one page per node --------------------------------------------------------------------------


def test_a_team_page_shows_its_question_members_wanted_partners_and_suggestions(site, liaison_client):
    page = get_page(liaison_client, f"/p/team/{TEAM}" + PEIL)
    text = page.text
    assert "Team Onze Stad / (In)formele thuiszorg" in text and "Onze Stad" in page.part(".kicker")
    assert "Hoe zorgen we ervoor dat mensen de nieuwe informele zorgplatformen ook echt gaan gebruiken?" in text
    assert "een nieuwe businesscase ontwikkelen" in text  # the approach
    members = section(liaison_client, f"/p/team/{TEAM}" + PEIL, "leden")
    for member in ("Patrick Anthonissen", "Edu Braat", "Marcel van Leuken", "Els van Laarhoven", "Andre Leijser"):
        assert member in members
    missing = page.part(".missing")
    assert "Actiz" in missing and "Metzo" in missing and "Ministeries VWS en SZW" in missing
    assert "Actiz" not in page.part(".found")
    assert "lokale en regionale overheden" in page.part(".found") and "Gemeente Geldrop-Mierlo" in page.part(".found")
    # The matcher's suggestions, each with its reasons.
    matcher = site.app.state.matcher
    partners = matcher.partner_suggestions(TEAM, limit=views.TEAM_SUGGESTIONS).partners
    cities = matcher.city_suggestions(TEAM, CONFERENCE, limit=views.TEAM_SUGGESTIONS)
    suggested = page.parts(".suggestions")
    assert len(suggested) == 2
    # The report's graph is too small to learn from: the page says the fixed weights rank.
    note = matcher.partner_suggestions(TEAM, limit=1).model.note
    assert note and note in text
    for p in partners:
        assert p.name in suggested[0] and p.reasons[0].text in suggested[0]
    for c in cities.suggestions:
        assert c.name in suggested[1] and c.reasons[0].text in suggested[1]
    assert "Uitnodigen vóór woensdag 19 oktober 2011" in text and "Stephan Verveen" in text
    assert "Zoek een partner uit de sector onderwijs/onderzoek" in page.part(".actions")
    # Links to the viewer: the team itself and its suggestions overlay (as of the same date).
    hrefs = {value for _, name, value in page.urls if name == "href"}
    assert viewer_url(focus=TEAM) in hrefs
    assert viewer_url(team=TEAM, suggestions=1, as_of="2011-06-16") in hrefs


def test_a_city_page_shows_its_people_organisations_and_the_teams_that_want_it(site, liaison_client):
    graph, matcher = site.app.state.graph, site.app.state.matcher
    page = get_page(liaison_client, f"/p/city/{CITY}" + PEIL)
    city = reading.city(graph, CITY, as_of=CONFERENCE)
    people = section(liaison_client, f"/p/city/{CITY}" + PEIL, "mensen")
    assert city["people"] and all(p["name"] in people for p in city["people"])
    assert "Hans Koenders" in page.text and "Patrick Reijnders" in page.text
    assert "Gemeente Enschede" in page.text and "Novay" in page.text
    assert "G32" in page.text  # its network on that date

    # The teams that would like Enschede to join: exactly those whose city suggestions name it.
    def suggests(team: str) -> bool:
        found = matcher.city_suggestions(team, CONFERENCE, limit=views.TEAM_SUGGESTIONS).suggestions
        return CITY in [s.city for s in found]

    wanting = {t for t in SEED_TEAMS if suggests(t)}
    assert wanting and wanting != SEED_TEAMS
    wishes = section(liaison_client, f"/p/city/{CITY}" + PEIL, "gewild")
    assert set(re.findall(r'href="/p/team/([^"?]+)', wishes)) == wanting
    assert "19 oktober 2011" in wishes


def test_the_teams_asked_about_a_city_are_capped_and_the_page_says_so(site):
    graph, matcher = site.app.state.graph, site.app.state.matcher
    full = views.city_wishes(graph, matcher, CITY, CONFERENCE)
    assert full["asked"] == full["total_teams"] == len(SEED_TEAMS) and not full["capped"]
    capped = views.city_wishes(graph, matcher, CITY, CONFERENCE, max_teams=2)
    assert capped["capped"] and capped["asked"] == 2 and capped["total_teams"] == len(SEED_TEAMS)
    # The nearest teams are asked first: those with organisations from Enschede in them.
    assert {w["team"]["id"] for w in capped["wishes"]} <= {w["team"]["id"] for w in full["wishes"]}
    assert {w["team"]["id"] for w in capped["wishes"]} == {
        "team:bedrijvige-stad-nieuwe-flexplekken",
        "team:onze-stad-open-data",
    }


def test_a_theme_page_shows_its_liaison_questions_teams_and_champions(site, liaison_client):
    page = get_page(liaison_client, "/p/theme/theme:onze-stad" + PEIL)
    assert "Stephan Verveen" in section(liaison_client, "/p/theme/theme:onze-stad", "liaison")
    assert "Team Onze Stad / Open data" in page.text and "Team Onze Stad / (In)formele thuiszorg" in page.text
    assert "Open data" in page.text and "(In)formele thuiszorg" in page.text
    assert "/bellijst?liaison=person%3Astephan-verveen&peildatum=2011-06-16" in {v for _, _, v in page.urls}
    rows = {attrs["data-team"] for tag, attrs in page.attrs if tag == "tr" and "data-team" in attrs}
    assert rows == {"team:onze-stad-open-data", "team:onze-stad-informele-thuiszorg"}
    assert "Teams (2)" in page.text
    graph = site.app.state.graph
    for theme_id in ("theme:onze-stad", THEME, "theme:zorgende-stad"):
        theme = reading.theme(graph, theme_id)
        shown = get_page(liaison_client, f"/p/theme/{theme_id}").text
        assert all(c["name"] in shown for c in theme["champions"])
        assert all(t["name"] in shown for t in theme["teams"])


def test_a_question_page_shows_its_texts_teams_and_pilots(site, liaison_client):
    page = get_page(liaison_client, f"/p/question/{QUESTION}" + PEIL)
    assert "Hoe zorgen we ervoor dat mensen de nieuwe informele zorgplatformen ook echt gaan gebruiken?" in page.text
    assert "Team Onze Stad / (In)formele thuiszorg" in page.text and "Onze Stad" in page.text
    assert f"/p/team/{TEAM}{PEIL}" in page.links()
    pilots = get_page(liaison_client, "/p/question/question:bedrijvige-stad-ondergrondse-infra-planning")
    assert "Rotterdam" in pilots.text and "Venlo" in pilots.text


def test_an_organisation_page_shows_its_people_teams_and_who_wants_it(site, liaison_client):
    page = get_page(liaison_client, "/p/organisation/org:actiz" + PEIL)
    assert "ActiZ" in page.text and "Team Onze Stad / (In)formele thuiszorg" in page.text
    assert "Gevraagd door" in page.text and "Actiz" in page.text  # the partners line's words
    network = get_page(liaison_client, f"/p/organisation/{ORG}" + PEIL)
    assert "Minouche Besters" in network.text and "Stephan Verveen" in network.text
    g32 = get_page(liaison_client, "/p/organisation/org:g32" + PEIL)
    assert "Lidsteden op de peildatum" in g32.text and "Enschede" in g32.text


def test_a_person_page_shows_organisations_teams_and_themes(site, liaison_client):
    page = get_page(liaison_client, f"/p/person/{LIAISON}" + PEIL)
    assert "Stedenlink" in page.text and "Lerende Stad" in page.text and "Veilige Stad" in page.text
    assert f"/bellijst?liaison={LIAISON.replace(':', '%3A')}&peildatum=2011-06-16" in {v for _, _, v in page.urls}
    member = get_page(liaison_client, "/p/person/person:patrick-anthonissen")
    assert "Team Onze Stad / (In)formele thuiszorg" in member.text and "I-spire" in member.text


@pytest.mark.parametrize(
    "path",
    [
        "/p/team/team:nope",
        "/p/city/city:nope",
        "/p/theme/theme:nope",
        "/p/question/question:nope",
        "/p/organisation/org:nope",
        "/p/person/person:nope",
        "/bellijst?liaison=person:nope",
        f"/p/team/{CITY}",
    ],
)
def test_an_unknown_id_is_a_dutch_404_page(site, liaison_client, path):
    response = liaison_client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "Niet gevonden" in response.text and "in het netwerk" in response.text


# --- the call list ------------------------------------------------------------------------------


def test_the_call_list_has_dated_city_invitations_and_partners_with_team_and_reason(site, liaison_client):
    page = get_page(liaison_client, "/bellijst" + PEIL)
    rows = [attrs for tag, attrs in page.attrs if tag == "tr" and attrs.get("class", "").startswith("call-")]
    cities = [r for r in rows if r["class"] == "call-city"]
    partners = [r for r in rows if r["class"] == "call-partner"]
    assert len(cities) == len(SEED_TEAMS) * views.CALL_CITIES and len(partners) == len(SEED_TEAMS) * views.CALL_PARTNERS
    assert {r["data-date"] for r in rows} == {"2011-10-19"}  # six weeks before 30 November
    dates = [r["data-date"] for r in rows]
    assert dates == sorted(dates)
    assert "Bellen vóór woensdag 19 oktober 2011" in page.text
    assert "Stad uitnodigen" in page.text and "Partner benaderen" in page.text
    assert "Partners: het netwerk is nog te klein om van te leren" in page.text
    html = liaison_client.get("/bellijst" + PEIL).text
    first_city = re.search(r'<tr class="call-city".*?</tr>', html, re.DOTALL).group(0)
    assert re.search(r'href="/p/city/city:[^"?]+\?peildatum=2011-06-16"', first_city)
    assert re.search(r'href="/p/team/team:[^"?]+\?peildatum=2011-06-16"', first_city)
    assert "<li>" in first_city  # a reason
    # Every team appears, each with its own suggestions.
    matcher = site.app.state.matcher
    for team in SEED_TEAMS:
        best = matcher.city_suggestions(team, CONFERENCE, limit=1).suggestions[0]
        assert re.search(
            rf'<tr class="call-city"[^>]*>\s*<th[^>]*><a href="/p/city/{best.city}\?[^"]*">'
            rf'[^<]*</a></th>.*?href="/p/team/{team}\?',
            html,
            re.DOTALL,
        )


def test_the_call_list_of_one_liaison_has_only_the_teams_of_their_themes(site, liaison_client):
    page = get_page(liaison_client, "/bellijst?liaison=person:stephan-verveen&peildatum=2011-06-16")
    assert team_ids(page) == {"team:onze-stad-open-data", "team:onze-stad-informele-thuiszorg"}
    assert "Bellijst van Stephan Verveen" in page.text
    options = [attrs.get("value") for tag, attrs in page.attrs if tag == "option"]
    assert options == ["", "person:frederieke-wolter", "person:minouche-besters", "person:stephan-verveen"]
    assert any(
        tag == "option" and attrs.get("value") == "person:stephan-verveen" and "selected" in attrs
        for tag, attrs in page.attrs
    )
    # Changing the peildatum keeps the liaison.
    assert any(
        tag == "input" and attrs.get("name") == "liaison" and attrs.get("value") == "person:stephan-verveen"
        for tag, attrs in page.attrs
    )
    # Minouche's Veilige Stad has no teams, Lerende Stad one.
    minouche = get_page(liaison_client, f"/bellijst?liaison={LIAISON}&peildatum=2011-06-16")
    assert team_ids(minouche) == {"team:lerende-stad-content"}


def test_the_call_list_caps_the_teams_it_asks_about(site):
    graph, matcher = site.app.state.graph, site.app.state.matcher
    capped = views.call_list(graph, matcher, None, CONFERENCE, max_teams=2)
    assert capped["capped"] and capped["total_teams"] == len(SEED_TEAMS) and len(capped["teams"]) == 2
    assert {c["team"]["id"] for g in capped["groups"] for c in g["calls"]} == {t["id"] for t in capped["teams"]}


# --- links, contact details, nothing from elsewhere ---------------------------------------------


def test_every_link_between_pages_resolves_and_keeps_the_peildatum(site, liaison_client):
    seen: set[str] = set()
    for path in MAIN_PAGES:
        page = get_page(liaison_client, path + (PEIL if "?" not in path else "&peildatum=2011-06-16"))
        links = page.links("/p/")
        assert links, f"{path} links to no other page"
        assert all(link.endswith(PEIL) for link in links), path
        seen.update(links)
    kinds = {urlsplit(link).path.split("/")[2] for link in seen}
    assert kinds == {"team", "city", "theme", "question", "organisation", "person"}
    for link in sorted(seen):
        assert liaison_client.get(link).status_code == 200, link
    # And the links to the viewer open it.
    for link in {h for h in get_page(liaison_client, f"/p/team/{TEAM}" + PEIL).links("/viewer")}:
        assert liaison_client.get(link).status_code == 200, link


def _contacts() -> tuple[set[str], set[str]]:
    """Every e-mail address and phone number in the seed data."""
    emails, phones = set(), set()
    people = yaml.safe_load((SEED_DIR / "people.yaml").read_text(encoding="utf-8"))["people"]
    for person in people:
        if person.get("email"):
            emails.add(person["email"])
        if person.get("phone"):
            phones.add(person["phone"])
    return emails, phones


CONTACT_PAGES = MAIN_PAGES + [
    "/p/person/person:stephan-verveen",
    "/p/person/person:yvonne-stedenlink",
    "/p/theme/theme:onze-stad",
    "/p/city/city:utrecht",
    "/p/organisation/org:g32",
]


def test_a_coordinator_sees_contact_details(site):
    client = browser_for(site, "coordinator")
    person = client.get(f"/p/person/{LIAISON}" + PEIL).text
    assert f'href="mailto:{EMAIL}"' in person and PHONE in person and 'href="tel:0627027473"' in person
    assert EMAIL in client.get(f"/p/theme/{THEME}").text
    assert EMAIL in client.get(f"/p/organisation/{ORG}").text
    assert "yvonne@stedenlink.nl" in client.get("/p/person/person:yvonne-stedenlink").text


@pytest.mark.parametrize("role", ["liaison", "team", "other_team"])
def test_contact_details_never_reach_anyone_else(site, role):
    emails, phones = _contacts()
    assert EMAIL in emails and PHONE in phones
    client = browser_for(site, role)
    for path in CONTACT_PAGES:
        response = client.get(path)
        html = response.text
        assert response.status_code == 200
        assert not [e for e in emails if e in html], (role, path)
        assert not [p for p in phones if p in html or p.replace(" ", "") in html], (role, path)
        assert "mailto:" not in html and "tel:" not in html and "data-contact" not in html


ALLOWED = ("/", "#", "mailto:", "tel:", "data:")


def test_nothing_on_the_pages_comes_from_elsewhere(site):
    client = browser_for(site, "coordinator")  # the coordinator's pages have the most links
    for path in MAIN_PAGES + ["/?peildatum=2012-01-01", "/p/team/team:nope"]:
        response = client.get(path)
        page = Html(response.text)
        assert page.urls, path
        for tag, name, value in page.urls:
            assert value.startswith(ALLOWED) and not value.startswith("//"), (path, tag, name, value)
        # No attribute of any element names another host (an organisation's website is shown as text).
        for tag, attrs in page.attrs:
            assert not [v for v in attrs.values() if v and re.search(r"https?://|^//", v)], (path, tag, attrs)
        assert "@import" not in response.text and "url(" not in response.text
        assert response.headers["content-security-policy"].startswith("default-src 'self'")
        stylesheets = [v for tag, name, v in page.urls if tag == "link" and name == "href" and v.endswith(".css")]
        assert "/static/css/pages.css" in stylesheets or response.status_code == 404
    css = client.get("/static/css/pages.css")
    assert css.status_code == 200
    assert "url(" not in css.text and "@import" not in css.text and "http" not in css.text


def test_an_organisations_website_is_text_not_a_link(site, liaison_client):
    """A link to the organisation's site would leave the server; the page gives its address as text."""
    graph = site.app.state.graph
    with_site = [
        o
        for o in reading.organisations(graph, limit=500)[1]
        if (reading.organisation(graph, o["id"]) or {}).get("website")
    ]
    assert with_site
    org = reading.organisation(graph, with_site[0]["id"])
    page = get_page(liaison_client, f"/p/organisation/{org['id']}")
    assert org["website"] in page.text
    assert org["website"] not in {v for _, _, v in page.urls}


def test_the_pages_are_plain_semantic_html_in_dutch(site, liaison_client):
    for path in MAIN_PAGES:
        html = liaison_client.get(path + PEIL if "?" not in path else path).text
        assert '<html lang="nl">' in html and html.count("<h1") == 1, path
        assert "<main" in html and "<script" not in html, path
        for header in re.findall(r"<th(?![a-z])[^>]*>", html):
            assert 'scope="col"' in header or 'scope="row"' in header, (path, header)


def test_the_teams_nearest_a_city_are_those_with_the_most_ties_to_it(graph, generated_bundle_dir):
    """teams_near_city against the nearness worked out here from plain reads, for every city of a
    generated network (the report's seven teams are too few to tell the ties apart)."""
    from graph.loader import load_bundle
    from graph.repositories.pages import teams_near_city

    load_bundle(graph, generated_bundle_dir, quiet=True)
    seeded = graph

    def ids(query: str, **params) -> set[str]:
        return {row["id"] for row in seeded.read(query, **params)}

    teams = {
        row["id"]: (row["question"], row["theme"])
        for row in seeded.read(
            "MATCH (t:Team) OPTIONAL MATCH (t)-[:WORKS_ON]->(q:Question) OPTIONAL MATCH (q)-[:IN_THEME]->(th:Theme)"
            " RETURN t.id AS id, q.id AS question, th.id AS theme"
        )
    }
    seen: set[int] = set()
    for city in ids("MATCH (c:City) RETURN c.id AS id"):
        champions = ids("MATCH (:City {id: $c})-[:CHAMPIONS]->(th) RETURN th.id AS id", c=city)
        pilots = ids("MATCH (:City {id: $c})-[:PILOT_FOR]->(q) RETURN q.id AS id", c=city)
        with_organisation = ids(
            "MATCH (:City {id: $c})<-[:LOCATED_IN]-(:Organisation)-[:PARTNER_IN]->(t:Team) RETURN t.id AS id"
            " UNION MATCH (:City {id: $c})<-[:LOCATED_IN]-(:Organisation)<-[:WORKS_AT]-(:Person)-[:MEMBER_OF]->(t:Team)"
            " RETURN t.id AS id",
            c=city,
        )
        with_person = ids(
            "MATCH (:City {id: $c})<-[:LOCATED_IN]-(:Person)-[:MEMBER_OF]->(t:Team) RETURN t.id AS id", c=city
        )
        in_team = with_organisation | with_person
        themes = {teams[t][1] for t in with_organisation}  # a theme counts the city's organisations only
        nearness = {
            t: 3 * (theme in champions) + 3 * (question in pilots) + 2 * (t in in_team) + (theme in themes)
            for t, (question, theme) in teams.items()
        }
        expected = sorted(teams, key=lambda t: (-nearness[t], t))
        seen |= set(nearness.values())
        for limit in (3, 10, len(teams)):
            total, found = teams_near_city(seeded, city, limit=limit)
            assert total == len(teams) and [t["id"] for t in found] == expected[:limit], city
    assert len(seen) >= 4  # the network tells the ties apart


def test_a_large_city_s_page_shows_the_first_of_its_people_and_says_how_many_there_are(liaison_client, monkeypatch):
    from graph.repositories import reading as read

    path = f"/p/city/{CITY}" + PEIL
    assert "De eerste" not in section(liaison_client, path, "mensen")
    monkeypatch.setattr(read, "SHOWN", 1)
    people = section(liaison_client, path, "mensen")
    assert "Mensen uit Enschede (4)" in people and "De eerste 1 van 4 mensen, op naam." in people
    assert people.count('href="/p/person/') == 1
    assert "De eerste 1 van 2 organisaties, op naam." in section(liaison_client, path, "organisaties")


def test_the_overview_s_read_is_kept_until_the_graph_changes_and_an_answer_shows_at_once(site, liaison_client):
    matcher = site.app.state.matcher
    get_page(liaison_client, "/" + PEIL)
    made = matcher.page_reads.made
    get_page(liaison_client, "/" + PEIL)
    assert matcher.page_reads.made == made  # the same graph: the same read
    assert (
        site.coordinator.post(f"/teams/{TEAM}/answers", json={"target": "city:utrecht", "answer": "commit"}).status_code
        == 201
    )
    row = row_text(liaison_client.get("/" + PEIL).text, TEAM)
    assert "Utrecht" in row and matcher.page_reads.made == made + 1
    # A status set on a city the team already has changes no count, and shows at once too.
    assert (
        site.coordinator.post(
            f"/teams/{TEAM}/answers", json={"target": "city:utrecht", "answer": "decline"}
        ).status_code
        == 201
    )
    _, teams = views.progress(site.app.state.graph, matcher=matcher)
    team = next(t for t in teams if t.id == TEAM)
    assert team.cities["committed"] == [] and [c["id"] for c in team.cities["declined"]] == ["city:utrecht"]


def test_a_large_theme_s_page_shows_the_first_of_its_questions_and_says_how_many_there_are(
    site, liaison_client, monkeypatch
):
    from graph.repositories import reading as read

    theme = "theme:onze-stad"  # two questions in the report
    total = read.theme(site.app.state.graph, theme)["questions_total"]
    path = f"/p/theme/{theme}" + PEIL
    assert total >= 2 and "De eerste" not in section(liaison_client, path, "vraagstukken")
    monkeypatch.setattr(read, "SHOWN", 1)
    questions = section(liaison_client, path, "vraagstukken")
    assert f"Vraagstukken ({total})" in questions and f"De eerste 1 van {total} vraagstukken, op naam." in questions
    assert questions.count('href="/p/question/') == 1
