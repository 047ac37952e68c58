"""The network analysis (graph.analysis) on a small network written out by hand: who brokers,
which team stands alone, what a date leaves out, which cities are reached, and the warm
introductions with their Dutch steps."""

from __future__ import annotations

import datetime as dt

from graph.analysis.__main__ import as_text
from graph.analysis.introductions import briefs, introductions, introductions_to_city
from graph.analysis.metrics import analyse
from graph.analysis.network import build_network
from graph.analysis.places import city_reach, node_place, theme_reach
from graph.analysis.summary import summarise
from graph.repositories.analysis import NetworkRows

DAY = dt.date(2012, 1, 1)


def person(pid, name, orgs=(), teams=()):
    return {"id": pid, "name": name, "organisations": list(orgs), "teams": list(teams)}


def rows() -> NetworkRows:
    """Team A (care) and team B (business) share Bea, who works at Brug BV; team C (care) stands
    alone; team D (business) starts in 2013. Anna and Cor are colleagues at Alfa; Dirk of Delta is
    in team B and Delta is in Utrecht."""
    return NetworkRows(
        teams=[
            {"id": "team:a", "name": "Team A", "start_date": None, "theme": "theme:care", "pilots": []},
            {"id": "team:b", "name": "Team B", "start_date": dt.date(2011, 6, 16), "theme": "theme:biz", "pilots": []},
            {"id": "team:c", "name": "Team C", "start_date": None, "theme": "theme:care", "pilots": ["city:zwolle"]},
            {"id": "team:d", "name": "Team D", "start_date": dt.date(2013, 1, 1), "theme": "theme:biz", "pilots": []},
        ],
        people=[
            person("person:anna", "Anna", ["org:alfa"], ["team:a"]),
            person("person:bea", "Bea", ["org:brug"], ["team:a", "team:b"]),
            person("person:cor", "Cor", ["org:alfa"], []),
            person("person:dirk", "Dirk", ["org:delta"], ["team:b"]),
            person("person:eva", "Eva", ["org:echo"], ["team:c"]),
            person("person:fred", "Fred", ["org:foxtrot"], ["team:d", "team:c"]),
        ],
        organisations=[
            {"id": "org:alfa", "name": "Alfa", "kind": "company", "city": None, "teams": []},
            {"id": "org:brug", "name": "Brug BV", "kind": "company", "city": None, "teams": []},
            {"id": "org:delta", "name": "Delta", "kind": "company", "city": "city:utrecht", "teams": []},
            {"id": "org:echo", "name": "Echo", "kind": "company", "city": None, "teams": []},
            {"id": "org:foxtrot", "name": "Foxtrot", "kind": "company", "city": None, "teams": []},
            {"id": "org:gamma", "name": "Gamma", "kind": "company", "city": None, "teams": ["team:b"]},
            {"id": "org:g32", "name": "G32", "kind": "network", "city": None, "teams": []},
        ],
        cities=[
            {
                "id": "city:utrecht",
                "name": "Utrecht",
                "networks": [{"network": "org:g32", "name": "G32", "since": None, "until": None}],
                "joins": [],
            },
            {
                "id": "city:zwolle",
                "name": "Zwolle",
                "networks": [{"network": "org:g32", "name": "G32", "since": None, "until": None}],
                "joins": [{"team": "team:a", "status": "invited", "since": None}],
            },
            {
                "id": "city:oss",
                "name": "Oss",
                "networks": [{"network": "org:g32", "name": "G32", "since": dt.date(2014, 5, 1), "until": None}],
                "joins": [{"team": "team:b", "status": "committed", "since": dt.date(2014, 6, 1)}],
            },
            {"id": "city:ede", "name": "Ede", "networks": [], "joins": []},
        ],
        themes=[{"id": "theme:care", "name": "Zorgende Stad"}, {"id": "theme:biz", "name": "Bedrijvige Stad"}],
    )


def test_the_person_in_two_teams_is_the_broker_between_themes_and_the_lone_team_is_isolated():
    analysis = analyse(build_network(rows(), DAY))
    bea = analysis.metrics["person:bea"]
    assert bea.teams == ("team:a", "team:b") and bea.themes == ("theme:biz", "theme:care")
    assert analysis.brokers(1)[0].id == "person:bea"
    assert [m.id for m in analysis.brokers(10, between_themes=True)] == ["person:bea"]
    # An organisation is in its people's teams and in those it is a partner of.
    assert analysis.metrics["org:delta"].teams == ("team:b",)
    assert analysis.metrics["org:gamma"].teams == ("team:b",) and analysis.metrics["org:gamma"].degree == 1
    assert [t.id for t in analysis.isolated_teams()] == ["team:c"]
    assert analysis.teams["team:a"].linked_teams == ("team:b",)
    # Anna is in no other team, and Alfa in none through anyone else (her colleague Cor is in none).
    assert analysis.teams["team:a"].lone_members == ("person:anna",)
    # Fred's team D has not started yet: on this date he too has no link outside team C.
    assert analysis.teams["team:c"].lone_members == ("person:eva", "person:fred")
    # Team D starts after the date: not there, and Fred is in team C only for now.
    assert "team:d" not in analysis.teams and analysis.metrics["person:fred"].teams == ("team:c",)
    assert analysis.betweenness_sources is None  # exact on a small network


def test_the_same_network_gives_the_same_communities_and_a_later_date_adds_the_later_team():
    first, again = analyse(build_network(rows(), DAY)), analyse(build_network(rows(), DAY))
    assert first.community_of == again.community_of
    sizes = [c.size for c in first.communities]
    assert sizes == sorted(sizes, reverse=True) and [c.number for c in first.communities] == list(
        range(1, len(sizes) + 1)
    )
    later = analyse(build_network(rows(), dt.date(2015, 1, 1)))
    assert "team:d" in later.teams
    # Fred now links team C with team D: C no longer stands alone.
    assert later.teams["team:c"].linked_teams == ("team:d",) and not later.isolated_teams()


def test_coverage_counts_joins_pilots_and_organisations_in_the_city_and_follows_network_dates():
    analysis = analyse(build_network(rows(), DAY))
    by_city = {c.id: c for c in analysis.coverage}
    # Ede is in no network; Oss joins the G32 in 2014.
    assert set(by_city) == {"city:utrecht", "city:zwolle"}
    assert by_city["city:utrecht"].teams_by_theme == {"theme:biz": ("team:b",)}  # Delta is there
    # Zwolle pilots team C's question; being invited to team A is not taking part.
    assert by_city["city:zwolle"].teams_by_theme == {"theme:care": ("team:c",)}
    assert analysis.uncovered_cities() == []
    later = {c.id: c for c in analyse(build_network(rows(), dt.date(2015, 1, 1))).coverage}
    assert later["city:oss"].teams_by_theme == {"theme:biz": ("team:b",)}
    before_joining = {c.id: c for c in analyse(build_network(rows(), dt.date(2014, 5, 15))).coverage}
    assert before_joining["city:oss"].team_count == 0
    reach = theme_reach(analysis, "theme:care")
    assert [c.id for c in reach.cities] == ["city:zwolle"] and [c.id for c in reach.uncovered_cities] == [
        "city:utrecht"
    ]
    assert city_reach(analysis, "city:ede").networks == ()


def test_a_warm_introduction_names_each_step_in_dutch_and_none_is_made_up():
    network = build_network(rows(), DAY)
    found = introductions(network, "team:a", "org:delta")
    assert not found.already_in_team
    [chain] = found.chains
    assert chain.path == ("team:a", "person:bea", "team:b", "person:dirk", "org:delta")
    assert chain.text == "Bea (Brug BV) zat samen met Dirk (Delta) in Team B; Dirk werkt bij Delta"
    assert chain.people == ("person:bea", "person:dirk")
    # Team C shares no one with anybody: no chain to Delta at all.
    assert introductions(network, "team:c", "org:delta").chains == ()
    # Alfa employs a member of team A already.
    assert introductions(network, "team:a", "org:alfa").already_in_team
    # Through a partner organisation: team B's Gamma; and colleagues: Cor is reached through Anna.
    assert introductions(network, "team:a", "org:gamma").chains[0].text == (
        "Bea zit in Team B; Gamma is partner in Team B"
    )
    assert introductions(network, "team:a", "org:delta", max_steps=1).chains == ()
    assert briefs(network, "team:a", ["org:delta", "org:echo", "org:unknown"])["org:delta"].via == "Bea"
    assert set(briefs(network, "team:a", ["org:delta", "org:echo"])) == {"org:delta"}
    # Kept with the network: asked again, the same answer without a search.
    assert briefs(network, "team:a", ["org:delta", "org:echo"]) is briefs(network, "team:a", ["org:delta", "org:echo"])


def test_a_city_is_reached_through_the_organisations_located_there():
    network = build_network(rows(), DAY)
    found = introductions_to_city(network, "city:utrecht", ["team:a", "team:b", "team:c"])
    assert set(found) == {"team:a", "team:b"}
    assert found["team:a"].text == "Bea (Brug BV) zat samen met Dirk (Delta) in Team B; Dirk werkt bij Delta"
    assert found["team:b"].text == "Dirk werkt bij Delta"


def test_places_and_the_summary_say_the_same_as_the_metrics():
    analysis = analyse(build_network(rows(), DAY))
    place = node_place(analysis, "person:bea")
    assert place.broker_rank == 1 and [t.name for t in place.themes] == ["Bedrijvige Stad", "Zorgende Stad"]
    team = node_place(analysis, "team:c")
    assert team.isolated and [m.id for m in team.lone_members] == ["person:eva", "person:fred"]
    assert team.lone_members_total == 2 and team.linked_teams_total == 0
    assert node_place(analysis, "team:d") is None
    summary = summarise(analysis, limit=3)
    assert [b.id for b in summary.theme_brokers] == ["person:bea"]
    assert [t.id for t in summary.isolated_teams] == ["team:c"]
    [g32] = summary.networks
    assert (g32.network, g32.cities, g32.reached) == ("G32", 2, 2)
    assert g32.reached_by_theme == {"theme:biz": 1, "theme:care": 1}
    text = as_text(summary)
    assert "G32: 2 of 2 cities reached (Bedrijvige Stad 1, Zorgende Stad 1)" in text
    assert "Bea (person)" in text and "Team C (Zorgende Stad): 2 members, 2 with no link outside the team" in text


def test_a_team_place_names_its_first_linked_teams_and_says_how_many(monkeypatch):
    from graph.analysis import places

    analysis = analyse(build_network(rows(), dt.date(2015, 1, 1)))
    assert [t.id for t in node_place(analysis, "team:c").linked_teams] == ["team:d"]
    monkeypatch.setattr(places, "SHOWN", 0)
    capped = node_place(analysis, "team:c")
    assert capped.linked_teams == () and capped.linked_teams_total == 1
