"""Parallel writes against the real app served by uvicorn over the real Neo4j: 8 clients, each in
its own thread with its own connection, released together by a barrier. Names stay unique, one
create of an id wins, no PATCH loses another's change, and a team's answers to one target leave one
state: the last answer's."""

from __future__ import annotations

import threading

import httpx2
import pytest

from graph.bundle import name_key
from graph.records import read_record
from tests.support.app import TEAM, seeded_site

CLIENTS = 8


@pytest.fixture
def site(neo4j_target):
    with seeded_site(neo4j_target) as site:
        yield site


def in_parallel(site, role: str, requests: list[tuple[str, str, dict]]) -> list[httpx2.Response]:
    """Sends each (method, path, body) from its own thread and connection, all at once."""
    barrier = threading.Barrier(len(requests))
    responses: list[httpx2.Response | BaseException | None] = [None] * len(requests)

    def client(i: int, method: str, path: str, body: dict) -> None:
        with httpx2.Client(
            base_url=site.origin, timeout=120, headers={"Authorization": f"Bearer {site.tokens[role]}"}
        ) as http:
            http.get("/health")  # connected before the barrier, so that the writes start together
            barrier.wait()
            try:
                responses[i] = http.request(method, path, json=body)
            except BaseException as error:  # noqa: BLE001 - reported below, with the others
                responses[i] = error

    threads = [threading.Thread(target=client, args=(i, *request)) for i, request in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(180)
    assert all(isinstance(r, httpx2.Response) for r in responses), responses
    return responses


def send(site, role: str, method: str, path: str, body: dict | None = None) -> httpx2.Response:
    """One request on its own; patient, as the machine may be busy (the matcher fits in the background)."""
    return httpx2.request(
        method, f"{site.origin}{path}", json=body, timeout=120, headers={"Authorization": f"Bearer {site.tokens[role]}"}
    )


def rows(site, query: str, **params) -> list[dict]:
    return [r.data() for r in site.graph.driver.execute_query(query, params, database_=site.graph.database).records]


def audit(site, target: str) -> list[dict]:
    """The audit log of one target, oldest first."""
    return rows(
        site, "MATCH (e:AuditEntry {target: $t}) RETURN e.action AS action, e.detail AS detail ORDER BY e.at", t=target
    )


def organisation(org_id: str, name: str, **fields) -> dict:
    return {"id": org_id, "name": name, "kind": "housing_corporation", "sector": "civil_society", **fields}


def test_parallel_creates_of_one_name_under_different_ids_make_one_node(site):
    requests = [("POST", "/organisations", organisation(f"org:woonbron-{i}", "Woonbron")) for i in range(CLIENTS)]
    # Half of them spell it differently, or claim it as an alias: the duplicate-name rule's keys.
    for i in range(1, CLIENTS, 2):
        if i % 4 == 1:
            requests[i][2]["name"] = "WOONBRON"
        else:
            requests[i][2].update(name=f"Andere naam {i}", aliases=["WoonBron"])
    responses = in_parallel(site, "coordinator", requests)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (CLIENTS - 1), [r.text for r in responses]
    owners = rows(site, "MATCH (o:Organisation) WHERE any(k IN o.name_keys WHERE k = 'woonbron') RETURN o.id AS id")
    assert len(owners) == 1, owners
    refused = [r for r in responses if r.status_code == 409]
    assert all("woon" in r.text for r in refused), [r.text for r in refused]


def test_parallel_imports_and_creates_of_one_theme_name_make_one_node(site):
    """Every kind whose names single out one node (here a theme), and imports beside single records."""
    theme = lambda i: {"id": f"theme:samen-wonen-{i}", "name": "Samen wonen" if i % 2 else "Samen-Wonen"}
    requests = [
        ("POST", "/themes", theme(i)) if i % 2 else ("POST", "/imports", {"themes": [theme(i)]}) for i in range(CLIENTS)
    ]
    responses = in_parallel(site, "coordinator", requests)
    assert sorted(r.status_code for r in responses if r.status_code not in (200, 201)) == [409] * (CLIENTS - 1), [
        r.text for r in responses
    ]
    assert len(rows(site, "MATCH (t:Theme) WHERE 'samen wonen' IN t.name_keys RETURN t.id AS id")) == 1


@pytest.mark.parametrize("round_", range(3))  # a race need not show in every round: three of them
def test_parallel_creates_of_one_id_answer_201_once_and_409_to_the_others(site, round_):
    org_id = f"org:woonbron-{round_}"
    requests = [
        ("POST", "/organisations", organisation(org_id, f"Woonbron {round_}", description=f"versie {i}"))
        for i in range(CLIENTS)
    ]
    responses = in_parallel(site, "coordinator", requests)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [201] + [409] * (CLIENTS - 1), [r.text for r in responses]
    winner = next(r for r in responses if r.status_code == 201).json()["record"]
    stored = rows(site, "MATCH (o:Organisation {id: $id}) RETURN o.description AS d", id=org_id)
    # The node holds what the one client told 201 sent, not another's version.
    assert stored == [{"d": winner["description"]}]
    assert [e["action"] for e in audit(site, org_id)] == ["create"]
    assert all("already exists" in r.text for r in responses if r.status_code == 409)


def test_parallel_patches_of_different_fields_keep_every_change(site):
    target = "org:tno"
    changes = [
        {"description": "Nieuwe omschrijving"},
        {"website": "https://www.tno.nl/nieuw"},
        {"keywords": ["onderzoek", "innovatie"]},
        {"aliases": ["Nederlandse Organisatie voor TNO"]},
        {"country": "BE"},
        {"source": "telefoongesprek"},
        {"kind": "company"},
        {"is_a": ["kind:overheid"]},
    ]
    before = site.graph.driver.execute_query(
        "MATCH (o:Organisation {id: $id}) RETURN properties(o) AS p", id=target, database_=site.graph.database
    ).records[0]["p"]
    assert all(
        field not in before or before[field] != value
        for change in changes
        for field, value in change.items()
        if field != "is_a"
    )
    responses = in_parallel(site, "coordinator", [("PATCH", f"/organisations/{target}", c) for c in changes])
    assert [r.status_code for r in responses] == [200] * CLIENTS, [r.text for r in responses]
    record = read_record(site.graph, "Organisation", target)  # as the bundle has it
    lost = [c for c in changes for field, value in c.items() if record.get(field) != value]
    assert lost == [], f"{len(lost)} of {CLIENTS} changes lost"
    assert name_key("TNO") in rows(site, "MATCH (o:Organisation {id: $id}) RETURN o.name_keys AS k", id=target)[0]["k"]
    assert [e["action"] for e in audit(site, target)] == ["update"] * CLIENTS


def answer_state(site, org: str) -> tuple[bool, bool]:
    """(a partner of TEAM, rejected by TEAM)."""
    row = rows(
        site,
        "MATCH (t:Team {id: $t}) MATCH (o:Organisation {id: $o}) "
        "RETURN EXISTS { (o)-[:PARTNER_IN]->(t) } AS partner, EXISTS { (t)-[:REJECTED]->(o) } AS rejected",
        t=TEAM,
        o=org,
    )[0]
    return row["partner"], row["rejected"]


def test_accept_then_reject_leaves_the_organisation_rejected_only_and_back(site):
    org = "org:tno"
    post = lambda answer: send(site, "team", "POST", f"/teams/{TEAM}/answers", {"target": org, "answer": answer})
    assert post("accept").status_code == 201 and answer_state(site, org) == (True, False)
    assert post("reject").status_code == 201 and answer_state(site, org) == (False, True)
    assert post("accept").status_code == 201 and answer_state(site, org) == (True, False)
    answers = send(site, "team", "GET", f"/teams/{TEAM}/answers").json()
    assert [(a["target"], a["answer"]) for a in answers if a["target"] == org] == [(org, "accept")]
    # The history stays in the audit log.
    assert [e["action"] for e in audit(site, TEAM)] == ["answer:accept", "answer:reject", "answer:accept"]


def test_parallel_accepts_and_rejects_leave_one_state_the_last_answer_s(site):
    orgs = ["org:tno", "org:nov", "org:vno-ncw"]
    requests = [
        ("POST", f"/teams/{TEAM}/answers", {"target": orgs[i % len(orgs)], "answer": ("accept", "reject")[i % 2]})
        for i in range(CLIENTS * 3)
    ]
    responses = in_parallel(site, "team", requests)
    assert [r.status_code for r in responses] == [201] * len(requests), [r.text for r in responses]
    log = audit(site, TEAM)
    assert len(log) == len(requests)
    for org in orgs:
        last = [e["action"] for e in log if f'"{org}"' in e["detail"]][-1]
        expected = (True, False) if last == "answer:accept" else (False, True)
        assert answer_state(site, org) == expected, (org, last)


def test_a_city_rejected_after_a_commit_is_no_longer_committed(site):
    city = "city:venlo"
    post = lambda answer: send(site, "team", "POST", f"/teams/{TEAM}/answers", {"target": city, "answer": answer})
    assert post("commit").status_code == 201 and post("reject").status_code == 201
    state = rows(
        site,
        "MATCH (t:Team {id: $t}) MATCH (c:City {id: $c}) RETURN "
        "EXISTS { (c)-[:JOINS]->(t) } AS joins, EXISTS { (t)-[:REJECTED]->(c) } AS rejected",
        t=TEAM,
        c=city,
    )
    assert state == [{"joins": False, "rejected": True}]


def test_a_reject_does_not_undo_a_partner_the_team_s_record_names(site):
    patched = send(
        site,
        "coordinator",
        "PATCH",
        f"/teams/{TEAM}",
        {"partners": [{"organisation": "org:tno", "role": "penvoerder"}]},
    )
    assert patched.status_code == 200, patched.text
    response = send(site, "team", "POST", f"/teams/{TEAM}/answers", {"target": "org:tno", "answer": "reject"})
    assert response.status_code == 409 and "penvoerder" in response.json()["detail"], response.text
    assert answer_state(site, "org:tno") == (True, False)
    assert [e["action"] for e in audit(site, TEAM)] == ["update"]


def test_answers_given_while_the_team_is_patched_stay(site):
    """A team's answers are links its record declares: a PATCH of the team at the same time reads
    the record and writes it back, and must not write back a state without them."""
    orgs = ["org:tno", "org:nov", "org:vno-ncw", "org:actiz"]
    requests = [("POST", f"/teams/{TEAM}/answers", {"target": org, "answer": "reject"}) for org in orgs]
    requests += [("PATCH", f"/teams/{TEAM}", {"description": f"Omschrijving {i}"}) for i in range(CLIENTS - len(orgs))]
    responses = in_parallel(site, "coordinator", requests)
    assert [r.status_code for r in responses] == [201] * len(orgs) + [200] * (CLIENTS - len(orgs)), [
        r.text for r in responses
    ]
    rejected = {r["id"] for r in rows(site, "MATCH (:Team {id: $t})-[:REJECTED]->(o) RETURN o.id AS id", t=TEAM)}
    assert rejected == set(orgs)
