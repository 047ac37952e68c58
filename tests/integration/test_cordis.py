"""The CORDIS Horizon 2020 converter (bench.cordis) on the real data: its bundle passes the loader's
checks and loads into a real Neo4j with exactly the teams, partners, organisations and cities the
CSV files hold. The expected figures are counted here from the CSV files, not taken from the
converter."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import cordis
from graph.bundle import name_key
from graph.loader import load_bundle
from graph.repositories.counts import node_counts, relationship_counts
from tests.support.cordis import LIMIT, needs_cordis_data, rows

pytestmark = needs_cordis_data


def first_projects(n: int) -> list[dict]:
    """The first n projects by start date, then project id; undated ones last."""
    projects = rows("projects.csv")
    projects.sort(key=lambda p: (not p["start_date"], p["start_date"], int(p["project_id"])))
    return projects[:n]


def city_key(org: dict) -> tuple[str, str] | None:
    # The data's non-ASCII text is UTF-8 read as Mac Roman; one spelling of a place is one city.
    city = org["city"] if org["city"].isascii() else org["city"].encode("mac_roman").decode("utf-8")
    return (org["country"], name_key(city)) if name_key(city) else None


def expected_subset(n: int) -> dict:
    project_ids = {p["project_id"] for p in first_projects(n)}
    orgs = {o["org_id"]: o for o in rows("organisations.csv")}
    pairs = {
        (m["project_id"], m["org_id"])
        for m in rows("memberships.csv")
        if m["project_id"] in project_ids and m["org_id"] in orgs
    }
    org_ids = {org_id for _, org_id in pairs}
    cities = {city_key(orgs[org_id]) for org_id in org_ids} - {None}
    return {
        "teams": len(project_ids),
        "partner_in": len(pairs),
        "organisations": len(org_ids),
        "cities": len(cities),
        "located_in": sum(1 for org_id in org_ids if city_key(orgs[org_id])),
        "questions": len({p["topic_code"] for p in first_projects(n)}),
    }


@pytest.fixture(scope="module")
def subset(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cordis") / "bundle"
    assert cordis.main([str(out), "--limit-projects", str(LIMIT)]) == 0
    return out


def test_the_subset_loads_with_exactly_the_teams_and_partners_of_the_csv_files(graph, subset):
    expected = expected_subset(LIMIT)
    load_bundle(graph, subset, quiet=True)

    nodes = node_counts(graph)
    rels = relationship_counts(graph)
    assert nodes["Team"] == expected["teams"] == LIMIT
    assert nodes["Organisation"] == expected["organisations"]
    assert nodes["City"] == expected["cities"]
    assert nodes["Question"] == expected["questions"]
    assert rels["PARTNER_IN"] == expected["partner_in"]
    assert rels["LOCATED_IN"] == expected["located_in"]
    assert rels["WORKS_ON"] == LIMIT


def test_a_real_consortium_has_its_partners_and_coordinator(graph, subset):
    """'Party do not stop' (project 193209): the city of Genoa coordinates seven partners."""
    load_bundle(graph, subset, quiet=True)
    members = {m["org_id"]: m["role"] for m in rows("memberships.csv") if m["project_id"] == "193209"}

    found = graph.driver.execute_query(
        "MATCH (o:Organisation)-[p:PARTNER_IN]->(t:Team {id: 'team:cordis-193209'}) "
        "OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:City) "
        "RETURN o.id AS org, o.name AS name, o.kind AS kind, p.role AS role, c.name AS city, t.name AS team",
        database_=graph.database,
    ).records
    assert {r["org"]: r["role"] for r in found} == {f"org:cordis-{org_id}": role for org_id, role in members.items()}
    assert len(found) == 8
    coordinator = [r for r in found if r["role"] == "coordinator"]
    assert [(r["name"], r["kind"], r["city"]) for r in coordinator] == [
        ("COMUNE DI GENOVA", "municipality", "Genova (IT)")
    ]
    assert found[0]["team"] == "Party do not stop"


def test_loading_the_subset_again_changes_nothing(graph, subset):
    load_bundle(graph, subset, quiet=True)
    totals = load_bundle(graph, subset, quiet=True).totals()
    assert totals["created"] == 0 and totals["updated"] == 0 and totals["unchanged"] > 0
