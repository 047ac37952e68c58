"""Hostile and careless input, through the real app over the real Neo4j: every limit answers a 4xx
that names it and the field, in the API's one shape of a problem, and changes nothing. Each test
here comes from a request the generated-requests probe (issue 10) saw answered with a 5xx, a
wrong shape or a wrong acceptance."""

from __future__ import annotations

import json
import time

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from api.schemas import Problem
from graph.repositories.counts import snapshot
from graph.settings import Settings
from graph.validate import MAX_LIST, MAX_TEXT

NEW_ORG = {"id": "org:nieuwe-partner", "name": "Nieuwe Partner", "kind": "company", "sector": "business"}


def graph_state(callers):
    graph = callers.app.state.graph
    return snapshot(graph)


def problems(response) -> list[dict]:
    """The 422's problems, each checked against the documented shape (api.schemas.Problem)."""
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, list) and detail
    for item in detail:
        Problem.model_validate(item)
    return detail


def fields(response) -> set:
    return {item["loc"][-1] for item in problems(response)}


# --- paging and query parameters ------------------------------------------------------------------


def test_an_offset_past_the_bound_is_a_422_naming_offset(callers):
    # Before: 10^18 reached Neo4j (503 "cannot be reached"), 2^63 the driver (500).
    for path in ("/themes", "/organisations", "/audit"):
        for offset in (10**18, 2**63, 100_001):
            response = callers.coordinator.get(path, params={"offset": offset})
            assert [item["loc"] for item in problems(response)] == [["query", "offset"]], (path, offset)
            assert "100000" in response.json()["detail"][0]["msg"]


def test_the_largest_offset_answers_an_empty_page(callers):
    response = callers.coordinator.get("/themes", params={"offset": 100_000})
    assert response.status_code == 200 and response.json()["items"] == []


def test_as_of_is_a_date_in_range_not_a_timestamp(callers):
    # Before: as_of=0 was read as 1970-01-01 (seconds since the epoch) and answered 200.
    for path in (
        "/teams/team:onze-stad-informele-thuiszorg/readiness",
        "/teams/team:onze-stad-informele-thuiszorg/city-suggestions",
        "/cities",
    ):
        for as_of in ("0", "1322611200", "1850-01-01", "2400-01-01"):
            response = callers.coordinator.get(path, params={"as_of": as_of})
            assert [item["loc"] for item in problems(response)] == [["query", "as_of"]], (path, as_of)


def test_a_valid_as_of_is_still_taken(callers):
    response = callers.coordinator.get(
        "/teams/team:onze-stad-informele-thuiszorg/readiness", params={"as_of": "2011-10-01"}
    )
    assert response.status_code == 200 and response.json()["as_of"] == "2011-10-01"


# --- the audit log -------------------------------------------------------------------------------


def test_the_audit_log_shows_an_import_which_has_no_target(callers):
    # Before: an import's entry has no target, the schema required one: 500 for the whole log.
    assert callers.coordinator.post("/imports", json={"organisations": [NEW_ORG]}).status_code == 200
    response = callers.coordinator.get("/audit", params={"action": "import"})
    assert response.status_code == 200, response.text
    [entry] = response.json()["items"]
    assert entry["target"] is None and entry["detail"]["records"] == 1
    assert callers.coordinator.get("/audit").status_code == 200


# --- what the graph cannot store -----------------------------------------------------------------


@pytest.mark.parametrize("number", [2**63, 10**30])
def test_an_integer_past_64_bits_is_a_422_naming_the_field(callers, number):
    before = graph_state(callers)
    city = {"id": "city:grootstad", "name": "Grootstad", "population": number}
    response = callers.coordinator.post("/cities", json=city)
    assert fields(response) == {"population"}
    assert "64 bits" in response.json()["detail"][0]["msg"]
    response = callers.coordinator.post("/imports", json={"cities": [city]})
    [problem] = problems(response)
    assert problem["record"] == "city:grootstad" and problem["loc"][-1] == "population"
    assert graph_state(callers) == before


def test_a_lone_surrogate_is_a_422_naming_the_field(callers):
    before = graph_state(callers)
    # Raw JSON text: json.dumps would not let a lone surrogate through as it is.
    body = (
        '{"organisations": [{"id": "org:nieuwe-partner", "name": "Nieuwe Partner", "kind": "company", '
        '"sector": "business", "description": "half \\ud800 teken"}]}'
    )
    response = callers.coordinator.post("/imports", content=body, headers={"Content-Type": "application/json"})
    [problem] = problems(response)
    assert problem["loc"][-1] == "description" and "surrogate" in problem["msg"]
    response = callers.coordinator.patch(
        "/organisations/org:actiz", content='{"description": "\\udfff"}', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422 and "description" in response.text
    assert graph_state(callers) == before


def test_a_bad_field_name_is_a_422_whatever_words_it_holds(callers):
    # The status comes from the problem's code, not its message: a message quoting a field name with
    # the words of a duplicate ("already belongs") once made this a 409.
    before = graph_state(callers)
    body = (
        '{"organisations": [{"id": "org:nieuwe-partner", "name": "Nieuwe Partner", "kind": "company", '
        '"sector": "business", "already belongs \\ud800": 1}]}'
    )
    response = callers.coordinator.post("/imports", content=body, headers={"Content-Type": "application/json"})
    [problem] = problems(response)
    assert problem["record"] == "org:nieuwe-partner" and "field name" in problem["msg"]
    assert graph_state(callers) == before


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("application/json", "[" * 200_000 + "]" * 200_000),
        ("application/json", '{"a":' * 200_000 + "1" + "}" * 200_000),
        ("application/yaml", "[" * 200_000 + "]" * 200_000),
        ("application/yaml", "- " * 50_000 + "x"),
    ],
)
def test_a_deeply_nested_import_is_a_422_not_a_500(callers, content_type, body):
    response = callers.coordinator.post("/imports", content=body.encode(), headers={"Content-Type": content_type})
    [problem] = problems(response)
    assert "nested" in problem["msg"] and problem["loc"][0] == "request body"


def test_a_deeply_nested_record_body_is_refused(callers):
    body = (
        '{"id": "org:x", "name": "X", "kind": "company", "sector": "business", "description": '
        + "[" * 100_000
        + "]" * 100_000
        + "}"
    )
    response = callers.coordinator.post("/organisations", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code in (400, 422), response.text
    assert response.status_code < 500


# --- YAML aliases --------------------------------------------------------------------------------

BILLION_LAUGHS = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
organisations: [*i]
"""


def test_a_yaml_alias_bomb_is_refused_at_once(callers):
    started = time.monotonic()
    response = callers.coordinator.post(
        "/imports",
        params={"check_only": "true"},
        content=BILLION_LAUGHS.encode(),
        headers={"Content-Type": "application/yaml"},
    )
    [problem] = problems(response)
    assert "alias" in problem["msg"] and problem["line"] is None
    assert time.monotonic() - started < 5


# --- text, list and nesting limits ---------------------------------------------------------------


def test_a_text_past_the_limit_is_a_422_naming_the_field_and_the_limit(callers):
    before = graph_state(callers)
    response = callers.coordinator.post("/organisations", json={**NEW_ORG, "description": "x" * (MAX_TEXT + 1)})
    [problem] = problems(response)
    assert problem["loc"][-1] == "description" and str(MAX_TEXT) in problem["msg"]
    assert problem["record"] == "org:nieuwe-partner"
    response = callers.coordinator.patch("/organisations/org:actiz", json={"description": "x" * 50_000})
    assert fields(response) == {"description"}
    response = callers.coordinator.put(
        "/teams/team:onze-stad-informele-thuiszorg/members/person:stephan-verveen",
        json={"role": "lid", "source": "x" * (MAX_TEXT + 1)},
    )
    assert [item["loc"] for item in problems(response)] == [["body", "source"]]
    response = callers.coordinator.post(
        "/teams/team:onze-stad-informele-thuiszorg/answers",
        json={"target": "org:tno", "answer": "reject", "reason": "x" * 3000},
    )
    assert [item["loc"] for item in problems(response)] == [["body", "reason"]]
    assert graph_state(callers) == before
    # A text at the limit is fine.
    assert (
        callers.coordinator.post("/organisations", json={**NEW_ORG, "description": "x" * MAX_TEXT}).status_code == 201
    )


def test_a_list_past_the_limit_is_a_422_naming_the_field(callers):
    aliases = [f"Naam {i}" for i in range(MAX_LIST + 1)]
    response = callers.coordinator.post("/organisations", json={**NEW_ORG, "aliases": aliases})
    [problem] = problems(response)
    assert problem["loc"][-1] == "aliases" and str(MAX_LIST) in problem["msg"]


# --- dates ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("date", [0, 1322611200, "0525-01-29", "2400-01-01", True])
def test_a_record_date_is_text_within_range(callers, date):
    event = {"id": "event:bijeenkomst", "name": "Bijeenkomst", "kind": "meeting", "date": date}
    response = callers.coordinator.post("/events", json=event)
    assert "date" in {tuple(item["loc"])[-1] for item in problems(response)}
    response = callers.coordinator.post("/imports", json={"events": [event]})
    assert "date" in {item["loc"][-1] for item in problems(response)}


def test_a_count_is_a_number_not_a_boolean(callers):
    response = callers.coordinator.post("/cities", json={"id": "city:x", "name": "X", "population_year": False})
    assert "population_year" in {item["loc"][-1] for item in problems(response)}


# --- body size -----------------------------------------------------------------------------------


def test_a_body_past_the_limit_is_413_before_the_token_is_looked_at(callers):
    big = json.dumps({**NEW_ORG, "description": "x" * 3_000_000})
    for client in (callers.anonymous, callers.liaison, callers.coordinator):
        response = client.post("/organisations", content=big, headers={"Content-Type": "application/json"})
        assert response.status_code == 413, response.text
        assert "2000000" in response.json()["detail"] and "MAX_BODY_BYTES" in response.json()["detail"]
    # An import may be larger, up to its own limit.
    response = callers.anonymous.post("/imports", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 401
    response = callers.anonymous.post(
        "/imports", content=b" " * 20_000_001, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "MAX_IMPORT_BYTES" in response.json()["detail"]


def test_the_body_limit_is_a_setting(graph):
    app = create_app(graph, settings=Settings(max_body_bytes=2048, max_import_bytes=4096))
    client = TestClient(app)
    assert client.post("/organisations", content=b"x" * 2049).status_code == 413
    assert client.post("/organisations", content=b"x" * 2048).status_code == 401
    assert client.post("/imports", content=b"x" * 4097).status_code == 413
    # A body sent in chunks, without a length, is counted as it comes.
    assert client.post("/organisations", content=iter([b"x" * 1500, b"x" * 1500])).status_code == 413
    assert client.post("/organisations", content=iter([b"x" * 500, b"x" * 500])).status_code == 401


# --- the contract: shapes, statuses, OPTIONS ------------------------------------------------------


def test_every_422_has_the_documented_shape(callers):
    # A record write refused by the graph's rules (a reference to nothing) ...
    response = callers.coordinator.post(
        "/events", json={"id": "event:x", "name": "X", "kind": "meeting", "date": "2011-01-01", "city": "city:nergens"}
    )
    [problem] = problems(response)
    assert problem["type"] == "bundle" and problem["record"] == "event:x"
    # ... and by the schema; and an import's query parameter: one shape for all.
    problems(callers.coordinator.post("/events", json={"id": "nope"}))
    problems(callers.coordinator.post("/imports", params={"check_only": "null"}, json={}))
    problems(callers.coordinator.get("/themes", params={"limit": 0}))
    document = callers.coordinator.get("/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            schema = operation["responses"].get("422", {}).get("content", {}).get("application/json", {})
            if schema:
                assert schema["schema"]["$ref"].rsplit("/", 1)[-1] in ("Problems", "BundleProblems"), (method, path)


def test_options_answers_with_allow(callers):
    response = callers.anonymous.options("/cities/city:utrecht")
    assert response.status_code == 204
    assert response.headers["allow"] == "GET, PUT, PATCH, DELETE, OPTIONS"
    assert callers.anonymous.options("/imports").headers["allow"] == "POST, OPTIONS"
    assert callers.anonymous.options("/nothing-here").status_code == 404


def test_a_405_lists_every_method_of_the_path(callers):
    response = callers.coordinator.post("/cities/city:utrecht", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, PUT, PATCH, DELETE, OPTIONS"


def test_routes_document_their_error_statuses(callers):
    document = callers.coordinator.get("/openapi.json").json()
    for path in ("/viewer/node", "/viewer/search", "/viewer/data"):
        assert {"401", "422"} <= set(document["paths"][path]["get"]["responses"]), path
    for path, method in (
        ("/organisations", "post"),
        ("/organisations/{org_id}", "patch"),
        ("/teams/{team_id}/answers", "post"),
        ("/imports", "post"),
    ):
        assert {"413", "422"} <= set(document["paths"][path][method]["responses"]), path
    assert "400" in document["paths"]["/organisations/{org_id}"]["patch"]["responses"]
