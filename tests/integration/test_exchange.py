"""Import and export over HTTP: the real app (TestClient) on the real Neo4j, no mocks."""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET

import networkx  # brought by pyvis; reads GraphML the way Gephi-like tools do
import pytest
from fastapi.testclient import TestClient

from api.tokens import new_token
from graph.repositories.counts import node_counts, relationship_counts, snapshot, wipe
from graph.schema import apply_schema
from tests.support import answers

TEAM = "team:onze-stad-informele-thuiszorg"
ENDPOINTS = [("post", "/imports"), ("get", "/export"), ("get", "/export.graphml")]
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"

# Valid on the seed graph: written unless the import is refused as a whole.
NEW_THEME = {"id": "theme:nieuw-thema", "name": "Nieuw Thema"}


def graph_of(callers):
    return callers.app.state.graph


def empty_graph_coordinator(callers) -> TestClient:
    """Empties the database behind `callers` and returns a coordinator of the emptied graph
    (emptying takes the tokens with it)."""
    graph = graph_of(callers)
    wipe(graph)
    apply_schema(graph)
    _, token = new_token(graph, "coordinator", "Coördinator Leeg")
    return TestClient(callers.app, headers={"Authorization": f"Bearer {token}"})


def import_entries(graph) -> list[dict]:
    """The audit log's import entries, read directly so that the test does not rest on the audit
    log's own listing."""
    records, _, _ = graph.driver.execute_query(
        "MATCH (e:AuditEntry {action: 'import'}) RETURN properties(e) AS e ORDER BY e.at", database_=graph.database
    )
    return [{**r["e"], "detail": json.loads(r["e"]["detail"])} for r in records]


def exported(client: TestClient) -> dict:
    response = client.get("/export")
    assert response.status_code == 200, response.text
    return response.json()


def test_export_then_import_into_an_empty_database_gives_the_same_graph(callers):
    graph = graph_of(callers)
    before = snapshot(graph)
    response = callers.coordinator.get("/export")
    assert response.headers["content-type"].startswith("application/json")
    assert 'attachment; filename="stedenlink-' in response.headers["content-disposition"]

    coordinator = empty_graph_coordinator(callers)
    assert node_counts(graph) == {}  # only the new token is left, and it is not counted
    imported = coordinator.post("/imports", json=response.json())

    assert imported.status_code == 200, imported.text
    report = imported.json()
    assert report["written"] is True and report["totals"] == {"created": len(before[0]) + len(before[1])}
    assert snapshot(graph) == before


def test_a_round_trip_keeps_the_answers_to_suggestions(callers):
    graph = graph_of(callers)
    at = dt.datetime.now(dt.UTC)
    answers.reject(graph, TEAM, "org:tno", "Organisation", "tok_1", at, "niet nodig")
    answers.reject(graph, TEAM, "kind:traditionele-uitgever", "PartnerKind", "tok_1", at)
    answers.reject(graph, TEAM, "city:alkmaar", "City", "tok_1", at, "te ver")
    answers.accept_partner(graph, TEAM, "org:actiz", "tok_2", at)
    answers.city_status(graph, TEAM, "city:amersfoort", "interested", "tok_3", at)
    before = snapshot(graph)
    assert sum(1 for rel in before[1] if rel[1] == "REJECTED") == 3
    bundle = exported(callers.coordinator)

    coordinator = empty_graph_coordinator(callers)
    assert coordinator.post("/imports", json=bundle).status_code == 200

    assert snapshot(graph) == before


def test_importing_the_export_again_leaves_everything_unchanged(callers):
    graph = graph_of(callers)
    answers.reject(graph, TEAM, "org:tno", "Organisation", "tok_1", dt.datetime.now(dt.UTC), "niet nodig")
    before = snapshot(graph)

    response = callers.coordinator.post("/imports", json=exported(callers.coordinator))

    assert response.status_code == 200, response.text
    assert response.json()["totals"] == {"unchanged": len(before[0]) + len(before[1])}
    assert snapshot(graph) == before


def test_an_import_is_written_with_one_audit_entry(callers):
    graph = graph_of(callers)
    response = callers.coordinator.post("/imports", json={"themes": [NEW_THEME]})

    assert response.status_code == 200, response.text
    assert response.json()["nodes"] == {"Theme": {"created": 1}}
    [entry] = import_entries(graph)
    assert entry["actor_name"] == "Coördinator Test" and entry["role"] == "coordinator"
    assert entry["detail"] == {"format": "json", "records": 1, "totals": {"created": 1}}


def test_a_yaml_body_is_imported(callers):
    graph = graph_of(callers)
    body = (
        "# a new organisation and a team that takes it on as a partner\n"
        "organisations:\n"
        "  - id: org:portaal\n"
        "    name: Portaal\n"
        "    kind: housing_corporation\n"
        "    sector: civil_society\n"
        "    city: city:utrecht\n"
        "teams:\n"
        "  - id: team:thuiszorg-coalitie\n"
        "    name: Coalitie informele thuiszorg\n"
        "    question: question:onze-stad-informele-thuiszorg\n"
        "    partners:\n"
        "      - organisation: org:portaal\n"
        "    cities:\n"
        "      - city: city:amersfoort\n"
        "        status: interested\n"
        "        since: 2011-09-22\n"
    )
    response = callers.coordinator.post("/imports", content=body.encode(), headers={"Content-Type": "application/yaml"})

    assert response.status_code == 200, response.text
    assert response.json()["nodes"] == {"Organisation": {"created": 1}, "Team": {"created": 1}}
    assert response.json()["relationships"]["PARTNER_IN"] == {"created": 1}
    assert [e["detail"]["format"] for e in import_entries(graph)] == ["yaml"]
    team = next(t for t in exported(callers.coordinator)["teams"] if t["id"] == "team:thuiszorg-coalitie")
    assert team["cities"] == [{"city": "city:amersfoort", "status": "interested", "since": "2011-09-22"}]


def test_problems_in_a_yaml_body_name_their_line(callers):
    body = "themes:\n  - id: theme:nieuw-thema\n    name: Nieuw Thema\n  - id: theme:zonder-naam\n"
    response = callers.coordinator.post("/imports", content=body, headers={"Content-Type": "text/yaml"})

    assert response.status_code == 422
    [problem] = response.json()["detail"]
    assert problem["line"] == 4 and problem["record"] == "theme:zonder-naam"
    assert problem["text"] == "request body:4: themes[1] (theme:zonder-naam): field 'name': Field required"


def _bad_field(bundle: dict) -> tuple[int, str, str]:
    bundle["organisations"] = [
        {"id": "org:nieuw", "name": "Nieuwe organisatie", "kind": "bakery", "sector": "business"}
    ]
    return 422, "org:nieuw", "kind"


def _dangling_reference(bundle: dict) -> tuple[int, str, str]:
    bundle["teams"] = [
        {
            "id": "team:nieuw",
            "name": "Nieuw team",
            "question": "question:onze-stad-open-data",
            "members": [{"person": "person:nobody-we-know"}],
        }
    ]
    return 422, "team:nieuw", "members[0].person"


def _duplicate_alias(bundle: dict) -> tuple[int, str, str]:
    bundle["organisations"] = [{"id": "org:vno-ncw-again", "name": "VNO NCW", "kind": "umbrella", "sector": "business"}]
    return 409, "org:vno-ncw-again", "name"


def _rejection_of_a_person(bundle: dict) -> tuple[int, str, str]:
    bundle["teams"] = [
        {
            "id": "team:nieuw",
            "name": "Nieuw team",
            "question": "question:onze-stad-open-data",
            "rejected": [{"target": "person:edu-braat"}],
        }
    ]
    return 422, "team:nieuw", "rejected.0.target"


@pytest.mark.parametrize("spoil", [_bad_field, _dangling_reference, _duplicate_alias, _rejection_of_a_person])
def test_a_bad_bundle_is_refused_by_record_and_field_and_changes_nothing(callers, spoil):
    graph = graph_of(callers)
    bundle = {"themes": [NEW_THEME]}
    status, record, field = spoil(bundle)
    before = snapshot(graph)

    response = callers.coordinator.post("/imports", json=bundle)

    assert response.status_code == status, response.text
    problems = response.json()["detail"]
    assert any(p["record"] == record and p["loc"][-1] == field for p in problems), problems
    assert snapshot(graph) == before
    assert import_entries(graph) == []


def test_check_only_reports_what_an_import_would_do_and_writes_nothing(callers):
    graph = graph_of(callers)
    before = snapshot(graph)

    response = callers.coordinator.post("/imports", params={"check_only": "true"}, json={"themes": [NEW_THEME]})

    assert response.status_code == 200, response.text
    assert response.json()["written"] is False and response.json()["nodes"] == {"Theme": {"created": 1}}
    assert snapshot(graph) == before
    assert import_entries(graph) == []


def test_check_only_refuses_what_the_import_would_refuse(callers):
    response = callers.coordinator.post(
        "/imports",
        params={"check_only": "true"},
        json={"teams": [{"id": "team:nieuw", "name": "Nieuw team", "question": "question:bestaat-niet"}]},
    )

    assert response.status_code == 422
    assert (
        response.json()["detail"][0]["msg"]
        == "refers to question:bestaat-niet, which is not in this bundle or in the graph"
    )


@pytest.mark.parametrize(
    "body, content_type, status, message",
    [
        (b"themes: [", "application/yaml", 422, "request body: cannot be parsed"),
        (b"", "application/json", 422, "request body: cannot be parsed"),
        (b"[]", "application/json", 422, "request body: must be a mapping of section names to lists"),
        (b"sprookjes: []", "application/yaml", 422, "request body: sprookjes: unknown section"),
        (b"themes: []", "text/plain", 415, "send the bundle as application/json or application/yaml"),
    ],
)
def test_a_body_that_is_no_bundle_is_refused(callers, body, content_type, status, message):
    graph = graph_of(callers)
    before = snapshot(graph)

    response = callers.coordinator.post("/imports", content=body, headers={"Content-Type": content_type})

    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    assert (detail if isinstance(detail, str) else detail[0]["text"]).startswith(message), detail
    assert snapshot(graph) == before


@pytest.mark.parametrize("method, path", ENDPOINTS)
@pytest.mark.parametrize("role", ["liaison", "team"])
def test_only_a_coordinator_may_import_or_export(callers, method, path, role):
    graph = graph_of(callers)
    before = snapshot(graph)

    response = getattr(callers, role).request(method, path, json={"themes": [NEW_THEME]})

    assert response.status_code == 403, response.text
    assert snapshot(graph) == before


@pytest.mark.parametrize("method, path", ENDPOINTS)
def test_import_and_export_need_a_token(callers, method, path):
    response = callers.anonymous.request(method, path, json={"themes": [NEW_THEME]})

    assert response.status_code == 401
    assert node_counts(graph_of(callers)).get("Theme") == 6


def test_the_graphml_export_holds_every_node_and_relationship(callers):
    graph = graph_of(callers)
    nodes = node_counts(graph)
    rels = relationship_counts(graph)

    response = callers.coordinator.get("/export.graphml")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    assert response.headers["content-disposition"].endswith('.graphml"')
    root = ET.fromstring(response.content)
    keys = {(k.get("for"), k.get("attr.name")): k for k in root.iter(f"{GRAPHML}key")}
    assert len(root.findall(f"{GRAPHML}graph/{GRAPHML}node")) == sum(nodes.values())
    assert len(root.findall(f"{GRAPHML}graph/{GRAPHML}edge")) == sum(rels.values())
    assert keys[("node", "population")].get("attr.type") == "long"
    assert ("node", "name_keys") not in keys

    read = networkx.read_graphml(io.BytesIO(response.content))
    assert read.number_of_nodes() == sum(nodes.values()) and read.number_of_edges() == sum(rels.values())
    actiz = read.nodes["org:actiz"]
    assert (actiz["label"], actiz["type"], actiz["sector"]) == ("ActiZ", "Organisation", "civil_society")
    assert "brancheorganisatie; zorg" in actiz["keywords"]
    types = [data["type"] for _, _, data in read.edges(data=True)]
    assert {t: types.count(t) for t in set(types)} == rels
    assert isinstance(read.nodes["city:amsterdam"]["population"], int)
