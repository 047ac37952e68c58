"""The login form, the viewer's page and its JSON, over the seed graph in a real Neo4j (no browser:
tests/browser/test_browser_viewer.py drives Chromium)."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape

import pytest
from fastapi.testclient import TestClient

from api.deps import SESSION_COOKIE
from api.tokens import revoke_token
from graph.repositories import tokens as token_store
from graph.repositories.counts import node_counts
from graph.vocabulary import SECTOR_NL
from tests.support.app import TEAM
from viz.graphdata import Filters, WholeGraphCache
from viz.network import whole_view

PERSON_WITH_EMAIL = "person:minouche-besters"
EMAIL = "minouche@stedenlink.nl"
NETWORK_LABELS = (
    "Theme",
    "Question",
    "Team",
    "Person",
    "Organisation",
    "PartnerKind",
    "City",
    "Event",
    "Post",
    "Project",
)


@pytest.fixture
def site(callers):
    """The app (create_app includes the viewer, its login and static files)."""
    return callers


def network_size(graph) -> int:
    counts = node_counts(graph)
    return sum(counts.get(label, 0) for label in NETWORK_LABELS)


def logged_in(site, role: str) -> TestClient:
    client = TestClient(site.app)
    response = client.post("/login", data={"token": site.tokens[role], "next": "/viewer"}, follow_redirects=False)
    assert response.status_code == 303
    return client


# --- login ----------------------------------------------------------------------------------


def test_a_page_without_login_redirects_to_the_login_form_with_next(site):
    response = site.anonymous.get("/viewer?focus=team:x&depth=2", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/viewer%3Ffocus%3Dteam%3Ax%26depth%3D2"
    form = site.anonymous.get(response.headers["location"])
    assert form.status_code == 200
    assert 'lang="nl"' in form.text and "Inloggen" in form.text
    assert 'name="next" value="/viewer?focus=team:x&amp;depth=2"' in form.text


def test_logging_in_sets_an_httponly_lax_cookie_and_goes_to_next(site):
    client = TestClient(site.app)
    response = client.post(
        "/login", data={"token": site.tokens["liaison"], "next": "/viewer?focus=" + TEAM}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/viewer?focus=" + TEAM
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=") and site.tokens["liaison"] not in cookie
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    page = client.get("/viewer?focus=" + TEAM)
    assert page.status_code == 200 and "Liaison Test" in page.text


def test_a_wrong_token_is_refused_in_dutch_and_sets_no_cookie(site):
    response = site.anonymous.post(
        "/login", data={"token": "sl_not-a-token", "next": "/viewer"}, follow_redirects=False
    )
    assert response.status_code == 401
    assert "Deze sleutel kennen we niet" in response.text
    assert "set-cookie" not in response.headers


def test_next_may_only_be_a_path_on_this_server(site):
    for evil in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = site.anonymous.post(
            "/login", data={"token": site.tokens["liaison"], "next": evil}, follow_redirects=False
        )
        assert response.status_code == 303
        location = response.headers["location"]
        assert location.startswith("/") and not location.startswith("//") and "evil" not in location, evil


def test_logout_clears_the_cookie(site):
    client = logged_in(site, "liaison")
    assert client.get("/viewer", follow_redirects=False).status_code == 200
    response = client.post("/logout", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert client.get("/viewer", follow_redirects=False).status_code == 303


def test_a_revoked_token_no_longer_opens_pages(site):
    client = logged_in(site, "liaison")
    graph = site.app.state.graph
    for row in token_store.listing(graph):
        if row["name"] == "Liaison Test":
            revoke_token(graph, row["id"])
    assert client.get("/viewer", follow_redirects=False).status_code == 303


# --- the page -------------------------------------------------------------------------------


def test_the_viewer_page_embeds_the_whole_seed_graph_and_loads_nothing_from_elsewhere(site):
    client = logged_in(site, "liaison")
    page = client.get("/viewer")
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    # Every script, stylesheet and image the page names is a path on this server.
    for url in re.findall(r'(?:src|href)="([^"]+)"', page.text):
        assert url.startswith(("/", "#", "data:")), url
    for url in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        assert client.get(url).status_code == 200, url
    data = client.get("/viewer/data").json()
    assert len(data["nodes"]) == network_size(site.app.state.graph)
    assert data["summary"]["left_out"]["nodes"] == 0
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert data["options"]["physics"]["enabled"] is False  # positions come from the server


def test_node_types_differ_in_colour_and_shape_and_edges_carry_their_type(site):
    data = logged_in(site, "liaison").get("/viewer/data").json()
    looks = {}
    for node in data["nodes"]:
        looks.setdefault(node["type"], set()).add((node["color"], node["shape"]))
    assert all(len(v) == 1 for v in looks.values())
    assert len({next(iter(v)) for v in looks.values()}) == len(looks)  # no two types look alike
    labels = {(e["type"], e["label"].split(" (")[0]) for e in data["edges"]}
    assert ("MEMBER_OF", "lid van") in labels and ("WORKS_AT", "werkt bij") in labels
    legend = data["summary"]["legend"]
    assert {n["label"] for n in legend["nodes"]} == set(looks)


def test_the_cap_keeps_the_best_connected_nodes_and_the_page_says_what_it_left_out(site):
    client = logged_in(site, "liaison")
    data = client.get("/viewer/data?max=50").json()
    assert len(data["nodes"]) == 50
    total = network_size(site.app.state.graph)
    left = data["summary"]["left_out"]
    assert left["nodes"] == total - 50
    assert sum(t["count"] for t in left["by_type"]) == total - 50
    assert left["edges"] > 0
    shown = {n["id"] for n in data["nodes"]}
    assert all(e["from"] in shown and e["to"] in shown for e in data["edges"])
    page = client.get("/viewer?max=50").text
    assert f"Weggelaten: {total - 50} knopen" in page


def test_server_side_filters_keep_what_belongs_with_the_theme(site):
    client = logged_in(site, "liaison")
    data = client.get("/viewer/data?theme=theme:zorgende-stad").json()
    ids = {n["id"] for n in data["nodes"]}
    assert "theme:zorgende-stad" in ids and "team:zorgende-stad-zorg-op-afstand" in ids
    assert "team:onze-stad-informele-thuiszorg" not in ids
    assert all("theme:zorgende-stad" in n["ctx"]["themes"] for n in data["nodes"])
    assert data["summary"]["filtered_out"] == network_size(site.app.state.graph) - len(ids)


def test_kind_filter_hides_other_organisations_only(seeded):
    graph = WholeGraphCache().get(seeded)
    view = whole_view(graph, Filters(kind="municipality"))
    orgs = [n for n in view.nodes if n.label == "Organisation"]
    assert orgs and all(n.kind == "municipality" for n in orgs)
    others = [n for n in graph.nodes.values() if n.label != "Organisation"]
    assert len(view.nodes) == len(orgs) + len(others)


def test_ego_view_of_depth_one_and_two(site):
    client = logged_in(site, "liaison")
    one = client.get(f"/viewer/data?focus={TEAM}").json()
    ids = {n["id"] for n in one["nodes"]}
    assert TEAM in ids and "person:patrick-anthonissen" in ids
    neighbours = {e["to"] if e["from"] == TEAM else e["from"] for e in one["edges"] if TEAM in (e["from"], e["to"])}
    assert neighbours == ids - {TEAM}  # depth 1: the team's neighbours and nothing else
    two = client.get(f"/viewer/data?focus={TEAM}&depth=2").json()
    assert ids < {n["id"] for n in two["nodes"]}
    assert client.get("/viewer/data?focus=team:nobody").status_code == 404
    assert client.get("/viewer?focus=team:nobody").status_code == 404


def test_on_a_network_of_many_teams_the_team_filter_offers_the_teams_in_view(site, monkeypatch):
    from api.routes import viewer

    def team_options(page: str) -> set[str]:
        select = re.search(r'<select id="filter-team".*?</select>', page, re.DOTALL).group(0)
        return set(re.findall(r'<option value="(team:[^"]+)"', select))

    client = logged_in(site, "liaison")
    every = team_options(client.get(f"/viewer?focus={TEAM}").text)
    assert len(every) == 7  # the report's teams, all of them
    monkeypatch.setattr(viewer, "CHOICE_TEAMS", 2)
    page = client.get(f"/viewer?focus={TEAM}").text
    nodes = client.get(f"/viewer/data?focus={TEAM}").json()["nodes"]
    in_view = {n["id"] for n in nodes if n["type"] == "Team"}
    assert team_options(page) == in_view == {TEAM} and len(every) > 1
    assert "Bij Team staan de teams in beeld" in page
    # The nodes' teams in the page's data are those the filter offers.
    data = json.loads(
        unescape(
            re.search(r'<script id="viewer-data" type="application/json">(.*?)</script>', page, re.DOTALL).group(1)
        )
    )
    assert any(n["ctx"]["teams"] for n in data["nodes"])
    assert all(set(n["ctx"]["teams"]) <= in_view for n in data["nodes"])


def test_node_details_show_contact_details_to_coordinators_only(site):
    coordinator = logged_in(site, "coordinator").get(f"/viewer/node?id={PERSON_WITH_EMAIL}").json()
    assert ["E-mail", EMAIL] in coordinator["fields"]
    assert coordinator["page"] == f"/p/person/{PERSON_WITH_EMAIL}"
    for role in ("liaison", "team"):
        client = logged_in(site, role)
        details = client.get(f"/viewer/node?id={PERSON_WITH_EMAIL}").json()
        assert EMAIL not in str(details) and "06 27027473" not in str(details)
        # Not in the page or its data either.
        assert EMAIL not in client.get(f"/viewer?focus={PERSON_WITH_EMAIL}").text
        assert EMAIL not in client.get(f"/viewer/data?focus={PERSON_WITH_EMAIL}").text


def test_the_json_endpoints_need_a_token(site):
    for url in ("/viewer/data", f"/viewer/node?id={TEAM}", "/viewer/search?q=actiz"):
        assert site.anonymous.get(url).status_code == 401
    assert site.liaison.get(f"/viewer/node?id={TEAM}").status_code == 200  # a bearer header works too


def test_search_finds_nodes_by_name_or_alias_in_any_spelling(site):
    results = site.liaison.get("/viewer/search?q=ACTIZ").json()["results"]
    assert results[0]["id"] == "org:actiz"
    assert results[0]["ego"] == "/viewer?focus=org%3Aactiz"
    assert site.liaison.get("/viewer/search?q=zzzzqqq").json()["results"] == []


def test_suggestions_overlay_data(site):
    client = logged_in(site, "liaison")
    data = client.get(f"/viewer/data?team={TEAM}&suggestions=1").json()
    dashed = [e for e in data["edges"] if e.get("dashes")]
    overlay = data["overlay"]
    assert len(dashed) == len(overlay["partners"]) + len(overlay["cities"]) > 0
    assert all(e["from"] == TEAM for e in dashed)
    first = overlay["partners"][0]
    edge = next(e for e in dashed if e["to"] == first["id"])
    assert first["reasons"][0] in edge["title"]
    assert overlay["model_note"].startswith("Het netwerk is nog te klein")  # the seed graph: fixed weights
    assert overlay["model_note"] in client.get(f"/viewer?team={TEAM}&suggestions=1").text  # in the side panel
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["to"] in ids for e in dashed)
    readiness = site.app.state.matcher.readiness(TEAM, dt.date.today())
    assert overlay["missing_sectors"] == [SECTOR_NL[s] for s in readiness.sectors.missing]
    assert data["filters"]["team"] is None  # the team is the subject, not a filter hiding suggestions


def test_vis_network_is_served_by_the_app(site):
    js = site.anonymous.get("/static/vendor/vis/vis-network.min.js")
    assert js.status_code == 200 and "vis-network" in js.text[:300]
    assert site.anonymous.get("/static/js/viewer.js").status_code == 200
    assert site.anonymous.get("/static/css/site.css").status_code == 200


def test_every_page_route_is_included_once(site):
    from starlette.routing import Match

    def reached_by(path: str) -> int:
        # Asked through Starlette's own matching: included routers are not flattened into app.routes.
        scope = {"type": "http", "method": "GET", "path": path, "root_path": "", "headers": [], "app": site.app}
        return sum(route.matches(scope)[0] == Match.FULL for route in site.app.routes)

    for path in ("/", "/login", "/viewer", "/bellijst", "/p/team/x", "/static/css/site.css", "/teams"):
        assert reached_by(path) == 1, path


def test_large_answers_go_compressed_to_a_client_that_accepts_gzip(callers):
    compressed = callers.coordinator.get("/viewer/data", headers={"Accept-Encoding": "gzip"})
    plain = callers.coordinator.get("/viewer/data", headers={"Accept-Encoding": "identity"})
    assert compressed.status_code == plain.status_code == 200
    assert compressed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert compressed.json() == plain.json() and len(plain.content) > 2048
    # Small answers are not worth it.
    assert "content-encoding" not in callers.coordinator.get("/health", headers={"Accept-Encoding": "gzip"}).headers
