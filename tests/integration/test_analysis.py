"""The network analysis and warm introductions over the report's own network in a real Neo4j:
metrics checked against plain Cypher counts, the communities stable between runs, the isolated
teams, the API (GET /analysis, introductions, the metrics on details, the short form in partner
suggestions), who sees contact data in a chain, a date that leaves a team out, the pages and the CLI."""

from __future__ import annotations

import datetime as dt
import json

from graph.analysis.service import AnalysisService, compute
from tests.support.app import Callers, run_command

CONFERENCE = dt.date(2011, 6, 16)
ZORG = "team:zorgende-stad-zorg-op-afstand"
OPEN_DATA = "team:onze-stad-open-data"
INFRA = "team:bedrijvige-stad-ondergrondse-infra-planning"
THUISZORG = "team:onze-stad-informele-thuiszorg"
# Zorg op afstand reaches Novay through Provincie Noord-Brabant and the Open data team.
CHAIN_TO_NOVAY = (
    "Anne van Kuijk en Monique Roosen werken allebei bij Provincie Noord-Brabant; "
    "Monique Roosen (Provincie Noord-Brabant) zat samen met Wolfgang Ebbers (Novay) in Team Onze Stad / Open data; "
    "Wolfgang Ebbers werkt bij Novay"
)

# Per organisation, its teams: as a partner, or through someone who works there.
TEAMS_OF_ORGANISATIONS = """
    MATCH (o:Organisation)
    RETURN o.id AS id, COLLECT { MATCH (o)-[:PARTNER_IN]->(t:Team) RETURN t.id
                                  UNION MATCH (o)<-[:WORKS_AT]-(:Person)-[:MEMBER_OF]->(t:Team) RETURN t.id } AS teams,
           COLLECT { MATCH (o)-[:PARTNER_IN]->(:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme) RETURN th.id
                     UNION MATCH (o)<-[:WORKS_AT]-(:Person)-[:MEMBER_OF]->(:Team)-[:WORKS_ON]->(:Question)
                                 -[:IN_THEME]->(th:Theme) RETURN th.id } AS themes,
           COUNT { (o)-[:WORKS_AT|PARTNER_IN]-() } AS degree"""


def test_the_metrics_agree_with_plain_counts_in_the_graph(seeded):
    analysis = compute(seeded, dt.date.today())
    rows = {row["id"]: row for row in seeded.read(TEAMS_OF_ORGANISATIONS)}
    for org_id, row in rows.items():
        metrics = analysis.metrics[org_id]
        assert set(metrics.teams) == set(row["teams"]), org_id
        assert set(metrics.themes) == set(row["themes"]), org_id
        assert metrics.degree == row["degree"], org_id
    # Checked by hand in the report: Novay, Provincie Noord-Brabant and Atos Origin each have people
    # in two teams of two themes, and no one links more teams than two.
    most = max(len(r["teams"]) for r in rows.values())
    assert most == 2
    linking = {org for org, r in rows.items() if len(r["themes"]) >= 2}
    assert linking == {"org:novay", "org:provincie-noord-brabant", "org:atos-origin"}
    assert {b.id for b in analysis.brokers(10, between_themes=True)} == linking
    # Betweenness ranks the one who links teams above someone in one team only.
    assert analysis.metrics["org:novay"].betweenness > analysis.metrics["org:tno"].betweenness


def test_the_communities_are_the_same_on_every_run_and_the_isolated_teams_are_found(seeded):
    first, second = compute(seeded, dt.date.today()), compute(seeded, dt.date.today())
    assert first.community_of == second.community_of
    assert len(first.communities) > 5
    isolated = {t.id for t in first.isolated_teams()}
    assert INFRA in isolated and THUISZORG in isolated
    assert OPEN_DATA not in isolated and first.teams[OPEN_DATA].linked_teams == (
        "team:bedrijvige-stad-nieuwe-flexplekken",
        ZORG,
    )
    # Every member of an isolated team has no link outside it.
    assert len(first.teams[INFRA].lone_members) == first.teams[INFRA].members == 5


def test_the_analysis_follows_the_date_a_team_started(seeded):
    seeded.write_query("MATCH (t:Team {id: $id}) SET t.start_date = date('2012-03-01')", id=OPEN_DATA)
    before = compute(seeded, CONFERENCE)
    assert OPEN_DATA not in before.teams
    # Without Open data, Zorg op afstand shares no one with another team, and has no chain to Novay.
    assert ZORG in {t.id for t in before.isolated_teams()}
    # Oss joined the G32 in 2014: not one of the cities of 2011.
    assert "city:oss" not in {c.id for c in before.coverage}
    after = compute(seeded, dt.date(2015, 1, 1))
    assert OPEN_DATA in after.teams and "city:oss" in {c.id for c in after.coverage}
    # Its page, seen from before it started, says so.
    page = Callers(seeded).liaison.get(f"/p/team/{OPEN_DATA}?peildatum=2011-06-16").text
    assert "Dit team was op de peildatum nog niet begonnen (het begint op 1 maart 2012)" in page


def test_get_analysis_gives_brokers_isolated_teams_and_uncovered_cities(callers):
    answer = callers.liaison.get("/analysis", params={"limit": 3})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert {b["id"] for b in body["theme_brokers"]} == {"org:novay", "org:provincie-noord-brabant", "org:atos-origin"}
    assert len(body["communities"]) == 3 and body["community_count"] > 5
    assert body["communities"][0]["size"] >= body["communities"][1]["size"]
    assert INFRA in {t["id"] for t in body["isolated_teams"]}
    uncovered = {c["id"] for c in body["uncovered_cities"]}
    assert "city:utrecht" in uncovered and "city:enschede" not in uncovered
    # Of the G4, Utrecht alone takes part in no team.
    g4 = next(n for n in body["networks"] if n["network"] == "G4")
    assert (g4["cities"], g4["reached"]) == (4, 3)
    enschede = next(row for row in body["coverage"] if row["city"] == "city:enschede")
    assert enschede["teams_by_theme"] == {"theme:bedrijvige-stad": 1, "theme:onze-stad": 1}
    past = callers.liaison.get("/analysis", params={"as_of": "2011-06-16"}).json()
    assert past["as_of"] == "2011-06-16" and "city:oss" not in {c["city"] for c in past["coverage"]}
    assert callers.anonymous.get("/analysis").status_code == 401
    assert callers.liaison.get("/analysis", params={"as_of": "16-06-2011"}).status_code == 422


def test_an_introduction_that_exists_one_that_does_not_and_who_sees_contact_data(callers):
    seeded = callers.app.state.graph
    seeded.write_query("MATCH (p:Person {id: 'person:monique-roosen'}) SET p.email = 'monique@example.nl'")
    path = f"/teams/{ZORG}/introductions/org:novay"
    body = callers.coordinator.get(path).json()
    assert not body["already_in_team"] and body["name"] == "Novay"
    [chain] = body["chains"]
    assert chain["text"] == CHAIN_TO_NOVAY
    assert [s["kind"] for s in chain["steps"]] == ["colleagues", "teammates", "works_at"]
    # Each step is a relationship pair that exists in the graph.
    assert seeded.read(
        "MATCH (:Person {id: 'person:anne-van-kuijk'})-[:WORKS_AT]->(o:Organisation)<-[:WORKS_AT]-"
        "(:Person {id: 'person:monique-roosen'})-[:MEMBER_OF]->(:Team {id: $team})<-[:MEMBER_OF]-"
        "(:Person {id: 'person:wolfgang-ebbers'})-[:WORKS_AT]->(:Organisation {id: 'org:novay'}) RETURN o.id AS o",
        team=OPEN_DATA,
    ) == [{"o": "org:provincie-noord-brabant"}]
    monique = next(p for p in chain["people"] if p["id"] == "person:monique-roosen")
    assert monique["email"] == "monique@example.nl"
    for role in ("liaison", "team"):
        seen = getattr(callers, role).get(path)
        assert seen.status_code == 200 and "monique@example.nl" not in seen.text
        assert "email" not in seen.json()["chains"][0]["people"][1]
    # Actiz has no one in the network: no chain, and none made up.
    none = callers.liaison.get(f"/teams/{THUISZORG}/introductions/org:actiz").json()
    assert none["chains"] == [] and not none["already_in_team"]
    assert callers.liaison.get(f"/teams/{OPEN_DATA}/introductions/org:novay").json()["already_in_team"]
    assert callers.liaison.get(f"/teams/{ZORG}/introductions/org:nergens").status_code == 404
    assert callers.liaison.get("/teams/team:nergens/introductions/org:novay").status_code == 404
    assert callers.liaison.get(path, params={"max_steps": 2}).json()["chains"] == []


def test_partner_suggestions_and_details_carry_the_analysis(callers):
    callers.app.state.matcher.matcher(wait=True)
    partners = callers.liaison.get(f"/teams/{ZORG}/partner-suggestions").json()["partners"]
    novay = next(p for p in partners if p["organisation"] == "org:novay")
    assert novay["introduction"] == {"steps": 3, "text": CHAIN_TO_NOVAY, "via": "Anne van Kuijk"}
    team = callers.liaison.get(f"/teams/{INFRA}").json()["network"]
    assert (
        team["isolated"] and team["linked_teams"] == [] and len(team["lone_members"]) == team["lone_members_total"] == 5
    )
    org = callers.liaison.get("/organisations/org:novay").json()["network"]
    assert org["teams"] == 2 and {t["name"] for t in org["themes"]} == {"Bedrijvige Stad", "Onze Stad"}
    assert 1 <= org["broker_rank"] <= org["brokers"]
    city = callers.liaison.get("/cities/city:enschede").json()["network"]
    assert set(city["teams_by_theme"]) == {"theme:bedrijvige-stad", "theme:onze-stad"}
    theme = callers.liaison.get("/themes/theme:onze-stad").json()["network"]
    assert "org:novay" in {b["id"] for b in theme["brokers"]} and "city:utrecht" in {
        c["id"] for c in theme["uncovered_cities"]
    }
    person = callers.liaison.get("/people/person:wolfgang-ebbers").json()["network"]
    assert person["teams"] == 1 and person["degree"] == 2


def test_the_analysis_is_kept_until_the_graph_changes(seeded):
    service = AnalysisService(seeded, check_every=0)  # the counts read on every call
    first = service.get()
    assert service.get() is first and service.computed == 1
    seeded.write_query(
        "MATCH (p:Person {id: 'person:wolfgang-ebbers'}), (t:Team {id: $t}) MERGE (p)-[:MEMBER_OF]->(t)", t=INFRA
    )
    assert service.get() is first  # the old one is given while the new one is made
    service.wait()
    fresh = service.get()
    assert fresh is not first and INFRA not in {t.id for t in fresh.isolated_teams()}
    service.invalidate()
    assert service.get(fresh=True) is not fresh and service.computed == 3
    # By default the counts read last are trusted for a second: a change shows after that.
    trusting = AnalysisService(seeded, check_every=60)
    kept = trusting.get()
    seeded.write_query(
        "MATCH (p:Person {id: 'person:wolfgang-ebbers'})-[m:MEMBER_OF]->(:Team {id: $t}) DELETE m", t=INFRA
    )
    assert trusting.get() is kept and trusting.computed == 1
    trusting.invalidate()  # as every write through the API does
    assert trusting.get() is kept  # given while the new one is made
    trusting.wait()
    assert INFRA in {t.id for t in trusting.get().isolated_teams()}


def test_the_pages_show_coverage_brokers_introductions_and_metrics_in_words(callers):
    callers.app.state.matcher.matcher(wait=True)
    overview = callers.liaison.get("/").text
    assert 'id="dekking"' in overview and "Steden die geen team bereikt" in overview and "Utrecht" in overview
    assert "Novay</a> verbindt 2 thema's" in overview and "G4: 3 van 4 steden doen mee" in overview
    team = callers.liaison.get(f"/p/team/{ZORG}").text
    assert "Warme introductie" in team and "Wolfgang Ebbers werkt bij Novay" in team
    assert "Dit team staat alleen" in callers.liaison.get(f"/p/team/{INFRA}").text
    org = callers.liaison.get("/p/organisation/org:novay").text
    assert "verbindt 2 thema's" in org and "Als verbinder staat Novay op plaats" in org
    city = callers.liaison.get("/p/city/city:enschede").text
    assert "Via wie" in city and 'id="bereik"' in city


def test_the_cli_prints_the_analysis_as_text_and_as_json(seeded, neo4j_target):
    text = run_command(["graph.analysis", "--limit", "3"], neo4j_target)
    assert text.returncode == 0, text.stderr
    assert "Brokers between themes" in text.stdout and "Novay (organisation)" in text.stdout
    assert "Team Bedrijvige stad / ondergrondse infra planning" in text.stdout
    as_json = run_command(["graph.analysis", "--json", "--as-of", "2011-06-16"], neo4j_target)
    assert as_json.returncode == 0, as_json.stderr
    body = json.loads(as_json.stdout)
    assert body["as_of"] == "2011-06-16" and "city:utrecht" in {c["id"] for c in body["uncovered_cities"]}
    bad = run_command(["graph.analysis", "--as-of", "gisteren"], neo4j_target)
    assert bad.returncode == 2 and "not a date" in bad.stderr


def test_the_analysis_benchmark_prints_its_figures(seeded, neo4j_target):
    done = run_command(["bench.analysis_time", "--teams", "3", "--json"], neo4j_target)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["nodes"] == 109 and figures["betweenness_sources"] is None
    assert figures["introductions"]["teams"] == 3
    assert figures["introductions"]["calls"]["short form for ten organisations"]["count"] == 3
