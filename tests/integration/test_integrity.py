"""Referential integrity through the real app over the real Neo4j: a node others depend on is
deleted only with ?cascade=true (which the audit log records, with what it did), else 409 naming the
dependants; whatever the API lets through, the export works and every record can still be patched."""

import pytest

from graph.repositories.counts import snapshot
from tests.support.app import Callers

# One of every kind of node, each referring to the others through every kind of link, in an order
# in which each record's references exist already.
NETWORK = [
    ("cities", {"id": "city:a", "name": "Stad A"}),
    (
        "organisations",
        {"id": "org:o", "name": "Organisatie O", "kind": "company", "sector": "business", "city": "city:a"},
    ),
    ("partner-kinds", {"id": "kind:k", "name": "Soort K"}),
    (
        "organisations",
        {"id": "org:n", "name": "Netwerk N", "kind": "city_network", "sector": "government", "is_a": ["kind:k"]},
    ),
    (
        "events",
        {
            "id": "event:e",
            "name": "Bijeenkomst E",
            "kind": "meeting",
            "date": "2011-06-16",
            "city": "city:a",
            "venue": "org:o",
        },
    ),
    (
        "people",
        {
            "id": "person:p",
            "name": "Persoon P",
            "city": "city:a",
            "email": "p@example.nl",
            "works_at": [{"organisation": "org:o"}],
            "events": [{"event": "event:e", "role": "spreker"}],
        },
    ),
    ("themes", {"id": "theme:t", "name": "Thema T", "liaisons": ["person:p"]}),
    ("cities", {"id": "city:b", "name": "Stad B", "networks": [{"network": "org:n"}], "champions": ["theme:t"]}),
    (
        "questions",
        {"id": "question:q", "name": "Vraag Q", "theme": "theme:t", "question": "Hoe?", "pilots": ["city:a"]},
    ),
    (
        "teams",
        {
            "id": "team:x",
            "name": "Team X",
            "question": "question:q",
            "members": [{"person": "person:p", "role": "trekker"}],
            "partners": [{"organisation": "org:o"}],
            "wants": [{"text": "een soort K", "kind": "kind:k"}, {"text": "Netwerk N", "organisation": "org:n"}],
            "cities": [{"city": "city:b", "status": "interested"}],
        },
    ),
    (
        "projects",
        {
            "id": "project:a",
            "name": "Project A",
            "city": "city:a",
            "organisations": ["org:o"],
            "people": [{"person": "person:p", "role": "leider"}],
        },
    ),
    ("projects", {"id": "project:b", "name": "Project B", "part_of": "project:a"}),
    (
        "posts",
        {
            "id": "post:x",
            "author": "person:p",
            "text": "Over team X en O",
            "date": "2011-06-16",
            "mentions": ["team:x", "org:o"],
            "event": "event:e",
        },
    ),
]
SEGMENT = {record["id"]: segment for segment, record in NETWORK}

# What deleting each node does to the others: (dependant, its field, the node it refers to, effect).
# A record that cannot be without the node (a post without author, a team without question, a
# question without theme) is deleted with it; the others lose the link.
DEPENDANTS = {
    "city:a": {
        ("org:o", "city", "city:a", "detached"),
        ("event:e", "city", "city:a", "detached"),
        ("person:p", "city", "city:a", "detached"),
        ("question:q", "pilots", "city:a", "detached"),
        ("project:a", "city", "city:a", "detached"),
    },
    "city:b": {("team:x", "cities", "city:b", "detached")},
    "org:o": {
        ("event:e", "venue", "org:o", "detached"),
        ("person:p", "works_at", "org:o", "detached"),
        ("team:x", "partners", "org:o", "detached"),
        ("project:a", "organisations", "org:o", "detached"),
        ("post:x", "mentions", "org:o", "detached"),
    },
    "org:n": {("city:b", "networks", "org:n", "detached"), ("team:x", "wants", "org:n", "detached")},
    "kind:k": {("org:n", "is_a", "kind:k", "detached"), ("team:x", "wants", "kind:k", "detached")},
    "event:e": {("person:p", "events", "event:e", "detached"), ("post:x", "event", "event:e", "detached")},
    "person:p": {
        ("theme:t", "liaisons", "person:p", "detached"),
        ("team:x", "members", "person:p", "detached"),
        ("project:a", "people", "person:p", "detached"),
        ("post:x", "author", "person:p", "deleted"),
    },
    "theme:t": {
        ("question:q", "theme", "theme:t", "deleted"),
        ("city:b", "champions", "theme:t", "detached"),
        ("team:x", "question", "question:q", "deleted"),
        ("post:x", "mentions", "team:x", "detached"),
    },
    "question:q": {("team:x", "question", "question:q", "deleted"), ("post:x", "mentions", "team:x", "detached")},
    "team:x": {("post:x", "mentions", "team:x", "detached")},
    "project:a": {("project:b", "part_of", "project:a", "detached")},
    "project:b": set(),
    "post:x": set(),
}


def build(callers: Callers) -> None:
    for segment, record in NETWORK:
        response = callers.coordinator.post(f"/{segment}", json=record)
        assert response.status_code == 201, response.text


def graph_of(callers):
    graph = callers.app.state.graph
    return snapshot(graph)


def ids_in(callers) -> set[str]:
    return {props["id"] for _, props in graph_of(callers)[0]}


def as_set(dependants: list[dict]) -> set[tuple]:
    return {(d["id"], d["field"], d["refers_to"], d["effect"]) for d in dependants}


def exports_and_loads_back(callers) -> None:
    exported = callers.coordinator.get("/export")
    assert exported.status_code == 200, exported.text
    again = callers.coordinator.post("/imports", json=exported.json(), params={"check_only": "true"})
    assert again.status_code == 200, again.text
    totals = again.json()["totals"]
    assert totals.get("created", 0) == 0 and totals.get("updated", 0) == 0, totals


def every_record_can_be_patched(callers) -> None:
    for record_id, segment in SEGMENT.items():
        change = {"tags": ["na"]} if segment == "posts" else {"description": "Na het verwijderen"}
        response = callers.coordinator.patch(f"/{segment}/{record_id}", json=change)
        assert response.status_code in (200, 404), (record_id, response.text)


def test_the_network_holds_every_kind_of_node_and_exports(empty_callers):
    build(empty_callers)
    assert set(empty_callers.coordinator.get("/health").json()["nodes"]) == {
        "City",
        "Organisation",
        "PartnerKind",
        "Event",
        "Person",
        "Theme",
        "Question",
        "Team",
        "Project",
        "Post",
    }
    exports_and_loads_back(empty_callers)


@pytest.mark.parametrize("node_id", list(DEPENDANTS))
def test_a_delete_is_refused_naming_the_dependants_then_cascades_cleanly(empty_callers, node_id):
    callers = empty_callers
    build(callers)
    path = f"/{SEGMENT[node_id]}/{node_id}"
    expected = DEPENDANTS[node_id]
    before = graph_of(callers)

    if expected:
        refused = callers.coordinator.delete(path)
        assert refused.status_code == 409, refused.text
        detail = refused.json()["detail"]
        assert as_set(detail["dependants"]) == expected
        assert all(d["id"] in detail["message"] for d in detail["dependants"])
        assert graph_of(callers) == before  # refused: nothing changed, nothing in the audit log
        assert callers.coordinator.get("/audit", params={"action": "delete"}).json()["total"] == 0

    done = callers.coordinator.delete(path, params={"cascade": "true"})
    assert done.status_code == 200, done.text
    assert as_set(done.json()["dependants"]) == expected
    gone = {node_id} | {d[0] for d in expected if d[3] == "deleted"}
    assert ids_in(callers) == set(SEGMENT) - gone

    exports_and_loads_back(callers)
    every_record_can_be_patched(callers)

    # The audit log has the delete with what it cascaded, and an entry for each record it touched.
    log = callers.coordinator.get("/audit", params={"limit": 500}).json()["items"]
    main = [e for e in log if e["action"] == "delete" and e["target"] == node_id]
    assert len(main) == 1 and main[0]["detail"]["cascade"] is True
    assert as_set(main[0]["detail"]["dependants"]) == expected
    for dependant, field, _, effect in expected:
        entries = [e for e in log if e["target"] == dependant and e["detail"].get("cascade_of") == node_id]
        assert entries and entries[0]["action"] == ("delete" if effect == "deleted" else "update"), dependant


def test_every_kind_deleted_in_turn_leaves_a_graph_that_exports(empty_callers):
    callers = empty_callers
    build(callers)
    for node_id in DEPENDANTS:
        response = callers.coordinator.delete(f"/{SEGMENT[node_id]}/{node_id}", params={"cascade": "true"})
        assert response.status_code in (200, 404), response.text  # 404: gone already, with a cascade
        assert callers.coordinator.get("/export").status_code == 200
    assert callers.coordinator.get("/health").json()["nodes"] == {}


def test_deleting_the_author_of_a_post_in_the_seed_is_refused_and_the_export_stays_whole(callers):
    graph = callers.app.state.graph
    author_id = graph.driver.execute_query(
        "MATCH (a:Person)-[:POSTED]->(:Post) RETURN a.id AS id LIMIT 1", database_=graph.database
    ).records[0]["id"]
    refused = callers.coordinator.delete(f"/people/{author_id}")
    assert refused.status_code == 409
    assert any(d["id"].startswith("post:") and d["field"] == "author" for d in refused.json()["detail"]["dependants"])
    assert callers.coordinator.get("/export").status_code == 200


def test_an_export_of_a_graph_with_a_dangling_record_names_it_and_the_record_can_be_repaired(empty_callers):
    """A graph broken before integrity was enforced (or by hand): the export says what to repair,
    never 500, and PATCH repairs it."""
    callers = empty_callers
    build(callers)
    graph = callers.app.state.graph
    graph.driver.execute_query("MATCH (p:Person {id: 'person:p'}) DETACH DELETE p", database_=graph.database)

    refused = callers.coordinator.get("/export")
    assert refused.status_code == 409, refused.text
    assert any("post:x" in p and "author" in p for p in refused.json()["detail"]["problems"])

    still_broken = callers.coordinator.patch("/posts/post:x", json={"tags": ["kapot"]})
    assert still_broken.status_code == 422 and "author" in still_broken.text
    assert callers.coordinator.post("/people", json={"id": "person:q", "name": "Persoon Q"}).status_code == 201
    repaired = callers.coordinator.patch("/posts/post:x", json={"author": "person:q"})
    assert repaired.status_code == 200, repaired.text
    assert repaired.json()["record"]["author"] == "person:q"
    exports_and_loads_back(callers)


def test_the_openapi_document_tells_of_the_cascade_and_the_409s(empty_callers):
    doc = empty_callers.anonymous.get("/openapi.json").json()
    for path, param in [("/people/{person_id}", "person_id"), ("/questions/{question_id}", "question_id")]:
        operation = doc["paths"][path]["delete"]
        assert [p["name"] for p in operation["parameters"]] == [param, "cascade"]
        assert operation["responses"]["409"]["content"]["application/json"]["schema"]["$ref"].endswith("/DeleteRefused")
    assert "409" in doc["paths"]["/export"]["get"]["responses"]
    assert "500" not in doc["paths"]["/export"]["get"]["responses"]
