"""Coordinators' writes through the real app over the seeded real Neo4j: memberships, deletes,
merges, the audit log, and who may write at all."""

import pytest

from graph.loader import load_bundle
from graph.repositories.counts import snapshot
from graph.repositories.lookup import neighbours
from tests.support.app import TEAM


def graph_of(callers):
    graph = callers.app.state.graph
    return snapshot(graph)


def test_membership_put_changes_role_and_delete_removes_it(callers):
    graph = callers.app.state.graph
    person = "person:stephan-verveen"
    response = callers.coordinator.put(f"/teams/{TEAM}/members/{person}", json={"role": "adviseur"})
    assert response.status_code == 200 and response.json()["created"] is True
    assert ("MEMBER_OF", "out", TEAM) in neighbours(graph, person)
    response = callers.coordinator.put(f"/teams/{TEAM}/members/{person}", json={"role": "trekker"})
    assert response.json()["created"] is False
    role = graph.driver.execute_query(
        "MATCH (:Person {id: $p})-[m:MEMBER_OF]->(:Team {id: $t}) RETURN m.role AS r",
        p=person,
        t=TEAM,
        database_=graph.database,
    ).records[0]["r"]
    assert role == "trekker"
    assert callers.coordinator.delete(f"/teams/{TEAM}/members/{person}").status_code == 204
    assert ("MEMBER_OF", "out", TEAM) not in neighbours(graph, person)
    assert callers.coordinator.delete(f"/teams/{TEAM}/members/{person}").status_code == 404
    assert callers.coordinator.put(f"/teams/{TEAM}/members/person:niemand", json={}).status_code == 404
    actions = [e["action"] for e in callers.api_writes()]
    assert actions == ["membership:remove", "membership", "membership"]


def test_delete_removes_the_node_and_its_links_and_404s_after(callers):
    before = callers.coordinator.get("/health").json()["nodes"]["Organisation"]
    # A team wants ActiZ: refused without the cascade, which then removes that link.
    assert callers.coordinator.delete("/organisations/org:actiz").status_code == 409
    response = callers.coordinator.delete("/organisations/org:actiz", params={"cascade": "true"})
    assert response.status_code == 200 and response.json()["relationships_removed"] >= 1
    assert {(d["id"], d["field"], d["effect"]) for d in response.json()["dependants"]} >= {
        ("team:onze-stad-informele-thuiszorg", "wants", "detached")
    }
    assert callers.coordinator.get("/health").json()["nodes"]["Organisation"] == before - 1
    assert callers.coordinator.delete("/organisations/org:actiz").status_code == 404
    # The id names an organisation, so the people collection does not know it.
    assert callers.coordinator.delete("/people/org:tno").status_code == 404
    entry = callers.coordinator.get("/audit", params={"action": "delete", "target": "org:actiz"}).json()["items"][0]
    assert entry["target"] == "org:actiz" and entry["actor_name"] == "Coördinator Test"


def test_merge_moves_links_keeps_names_as_aliases_and_removes_the_duplicate(callers, tmp_path):
    graph = callers.app.state.graph
    (tmp_path / "dup.yaml").write_text(
        "organisations:\n"
        "  - id: org:werkgevers-vno\n    name: Werkgeversvereniging VNO\n    kind: umbrella\n    sector: business\n"
        "    city: city:utrecht\n"
        "    website: https://www.vno-ncw.nl\n"
        "people:\n"
        "  - id: person:jan-de-werkgever\n    name: Jan de Werkgever\n"
        "    works_at:\n      - organisation: org:werkgevers-vno\n        title: beleidsmedewerker\n",
        encoding="utf-8",
    )
    load_bundle(graph, tmp_path, quiet=True)
    response = callers.coordinator.post("/merge", json={"keep": "org:vno-ncw", "remove": "org:werkgevers-vno"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["relationships_moved"] == 1 and body["aliases_added"] == ["Werkgeversvereniging VNO"]
    assert body["properties_filled"] == ["website"]  # VNO-NCW had none; its other properties stay its own
    kept = graph.driver.execute_query(
        "MATCH (o:Organisation {id: 'org:vno-ncw'}) RETURN o.kind AS kind, o.website AS website",
        database_=graph.database,
    ).records[0]
    assert (kept["kind"], kept["website"]) == ("umbrella", "https://www.vno-ncw.nl")
    assert ("WORKS_AT", "out", "org:vno-ncw") in neighbours(graph, "person:jan-de-werkgever")
    assert callers.coordinator.delete("/organisations/org:werkgevers-vno").status_code == 404
    # The old name now finds the kept node.
    from graph.repositories.lookup import ids_by_name

    assert ids_by_name(graph, "Organisation", "werkgeversvereniging vno") == ["org:vno-ncw"]
    assert callers.coordinator.get("/audit", params={"action": "merge"}).json()["total"] == 1
    # VNO-NCW keeps its own city (an organisation has one), and the graph still exports whole.
    assert [n for n in neighbours(graph, "org:vno-ncw") if n[0] == "LOCATED_IN"] == [
        ("LOCATED_IN", "out", "city:den-haag")
    ]
    assert body["relationships_already_there"] == 1
    assert callers.coordinator.get("/export").status_code == 200


def test_merge_refuses_what_cannot_be_one_party_and_changes_nothing(callers):
    before = graph_of(callers)
    for body, status, field in [
        ({"keep": "org:tno", "remove": "org:tno"}, 422, "remove"),
        ({"keep": "org:tno", "remove": "city:venlo"}, 422, "remove"),
        ({"keep": "org:tno"}, 422, "remove"),
    ]:
        response = callers.coordinator.post("/merge", json=body)
        assert response.status_code == status and response.json()["detail"][0]["loc"][-1] == field
    response = callers.coordinator.post("/merge", json={"keep": "org:tno", "remove": "org:bestaat-niet"})
    assert response.status_code == 404 and "org:bestaat-niet" in response.json()["detail"]
    assert graph_of(callers) == before
    assert callers.api_writes() == []


def test_the_audit_log_is_for_coordinators_only(callers):
    for role in ("liaison", "team"):
        assert getattr(callers, role).get("/audit").status_code == 403
    assert callers.anonymous.get("/audit").status_code == 401


NEW_ORG = {
    "id": "org:woonbron",
    "name": "Woonbron",
    "aliases": ["Woningcorporatie Woonbron"],
    "kind": "housing_corporation",
    "sector": "civil_society",
    "city": "city:rotterdam",
    "is_a": ["kind:woningcorporatie"],
}


def test_create_read_patch_replace_a_record_through_the_loader_s_checks(callers):
    created = callers.coordinator.post("/organisations", json=NEW_ORG)
    assert created.status_code == 201, created.text
    assert created.json()["record"]["city"] == "city:rotterdam" and created.json()["record"]["is_a"] == [
        "kind:woningcorporatie"
    ]
    assert callers.liaison.get("/organisations/org:woonbron").json()["name"] == "Woonbron"

    patched = callers.coordinator.patch(
        "/organisations/org:woonbron", json={"description": "Corporatie in Rotterdam", "city": None}
    )
    assert patched.status_code == 200, patched.text
    record = patched.json()["record"]
    assert record["description"] == "Corporatie in Rotterdam" and "city" not in record
    assert record["aliases"] == ["Woningcorporatie Woonbron"] and record["is_a"] == ["kind:woningcorporatie"]

    replaced = callers.coordinator.put(
        "/organisations/org:woonbron",
        json={"id": "org:woonbron", "name": "Woonbron", "kind": "housing_corporation", "sector": "civil_society"},
    )
    assert replaced.status_code == 200 and "is_a" not in replaced.json()["record"]  # links it declared went too
    person = {
        "id": "person:anna-bakker",
        "name": "Anna Bakker",
        "email": "anna@example.nl",
        "works_at": [{"organisation": "org:woonbron", "title": "projectleider"}],
    }
    assert callers.coordinator.post("/people", json=person).status_code == 201
    team = callers.coordinator.patch(f"/teams/{TEAM}", json={"description": "Nieuwe omschrijving"})
    assert team.status_code == 200 and team.json()["record"]["members"]  # untouched fields stay
    actions = {(e["action"], e["target"]) for e in callers.api_writes()}
    assert actions == {
        ("create", "org:woonbron"),
        ("update", "org:woonbron"),
        ("create", "person:anna-bakker"),
        ("update", TEAM),
    }


def test_bad_records_get_the_field_named_and_change_nothing(callers):
    before = graph_of(callers)
    cases = [
        ("post", "/organisations", {**NEW_ORG, "sector": "industrie"}, 422, "sector"),
        ("post", "/organisations", {**NEW_ORG, "id": "person:woonbron"}, 422, "id"),
        ("post", "/organisations", {**NEW_ORG, "city": "city:atlantis"}, 422, "city"),
        ("post", "/organisations", {**NEW_ORG, "id": "org:tno"}, 409, None),
        ("post", "/organisations", {**NEW_ORG, "aliases": ["VNO NCW"]}, 409, "aliases"),
        ("put", "/organisations/org:tno", {**NEW_ORG}, 422, "id"),
        ("patch", "/organisations/org:tno", {"id": "org:tno2"}, 422, "id"),
        ("patch", "/organisations/org:tno", {"kind": "bakkerij"}, 422, "kind"),
        ("patch", "/organisations/org:bestaat-niet", {"description": "x"}, 404, None),
        ("put", "/people/org:tno", {**NEW_ORG, "id": "org:tno"}, 422, "id"),
    ]
    for method, path, body, status, field in cases:
        response = getattr(callers.coordinator, method)(path, json=body)
        assert response.status_code == status, (method, path, body, response.text)
        if field:
            assert field in str(response.json()["detail"]), response.text
    assert graph_of(callers) == before
    assert callers.api_writes() == []


# Every write of the API, and what it needs to succeed. Each is tried by every role: only the
# coordinator (and for answers, the team itself) may; the others get 403, anonymous 401.
WRITES = [
    ("post", "/organisations", NEW_ORG),
    (
        "put",
        "/organisations/org:tno",
        {"id": "org:tno", "name": "TNO", "kind": "knowledge_institute", "sector": "knowledge"},
    ),
    ("patch", "/people/person:stephan-verveen", {"description": "x"}),
    ("delete", "/cities/city:venlo?cascade=true", None),
    ("put", f"/teams/{TEAM}/members/person:stephan-verveen", {"role": "lid"}),
    ("delete", f"/teams/{TEAM}/members/person:patrick-anthonissen", None),
    ("post", "/merge", {"keep": "org:vno-ncw", "remove": "org:mkb-nederland"}),
    ("post", "/imports", {"themes": [{"id": "theme:nieuw", "name": "Nieuw thema"}]}),
    ("post", f"/teams/{TEAM}/answers", {"target": "org:tno", "answer": "reject"}),
]


@pytest.mark.parametrize("method, path, body", WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_role_table_for_every_write(callers, method, path, body):
    answers_for_team = path.endswith("/answers")
    expected = {"anonymous": 401, "liaison": 403, "other_team": 403, "team": None if answers_for_team else 403}
    before = graph_of(callers)
    for role, status in expected.items():
        if status is None:
            continue
        kwargs = {"json": body} if body is not None else {}
        response = getattr(callers, role).request(method.upper(), path, **kwargs)
        assert response.status_code == status, (role, response.text)
    assert graph_of(callers) == before
    writers = ["coordinator", "team"] if answers_for_team else ["coordinator"]
    for role in writers:
        kwargs = {"json": body} if body is not None else {}
        response = getattr(callers, role).request(method.upper(), path, **kwargs)
        assert response.status_code in (200, 201, 204), (role, response.text)
    assert graph_of(callers) != before or path.endswith("/answers")
