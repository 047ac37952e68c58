"""Every problem a bundle check finds carries a code (duplicate, conflict, invalid, dangling), set by
the check that finds it, and the API's status for a rejected bundle follows the codes alone: 409
for a duplicate, 422 for the rest, whatever the messages say."""

from __future__ import annotations

from api.errors import rejected_status
from graph.files import BundleProblem, Location, read_content
from graph.loader import BundleRejected
from graph.validate import check_against_graph, check_bundle

ORG = {"id": "org:woonbron", "name": "Woonbron", "kind": "company", "sector": "civil_society"}


def problems_of(content: dict) -> list[BundleProblem]:
    """What the checks without a graph find: every reference must be inside the bundle."""
    checked = check_bundle(read_content(content, "request body"))
    return checked.problems + check_against_graph(checked.plan, None)


def codes(problems: list[BundleProblem]) -> list[tuple[str | None, str | None, str]]:
    return [(p.location.record_id, p.field, p.code) for p in problems]


def test_a_duplicate_id_is_a_duplicate():
    problems = problems_of({"organisations": [ORG, {**ORG, "name": "Woonbron Rotterdam"}]})
    assert codes(problems) == [("org:woonbron", "id", "duplicate")]
    assert rejected_status(BundleRejected(problems)) == 409


def test_a_name_that_belongs_to_another_node_is_a_duplicate():
    problems = problems_of({"organisations": [ORG, {**ORG, "id": "org:woonbron-2", "name": "WOONBRON"}]})
    assert codes(problems) == [("org:woonbron-2", "name", "duplicate")]
    assert "already belongs to org:woonbron" in problems[0].message
    alias = problems_of(
        {"organisations": [ORG, {**ORG, "id": "org:maasstad", "name": "Maasstad", "aliases": ["woonbron"]}]}
    )
    assert codes(alias) == [("org:maasstad", "aliases", "duplicate")]


def test_a_reference_to_nothing_is_dangling():
    problems = problems_of({"organisations": [{**ORG, "city": "city:atlantis"}]})
    assert codes(problems) == [("org:woonbron", "city", "dangling")]
    assert rejected_status(BundleRejected(problems)) == 422


def test_a_bad_field_is_invalid():
    assert codes(problems_of({"organisations": [{**ORG, "sector": "industrie"}]})) == [
        ("org:woonbron", "sector", "invalid")
    ]
    assert codes(problems_of({"organisations": [{**ORG, "description": "x" * 10_001}]})) == [
        ("org:woonbron", "description", "invalid")
    ]
    unreadable = read_content({"themes": {}}, "request body").problems
    assert [p.code for p in unreadable] == ["invalid"]
    assert rejected_status(BundleRejected(unreadable)) == 422


def test_statements_that_cannot_both_hold_are_a_conflict():
    team = {
        "id": "team:x",
        "name": "X",
        "question": "question:y",
        "partners": [{"organisation": "org:a"}],
        "rejected": [{"target": "org:a"}],
    }
    problems = check_bundle(read_content({"teams": [team]}, "request body")).problems
    assert codes(problems) == [("team:x", "rejected[0].target", "conflict")]
    assert rejected_status(BundleRejected(problems)) == 422


def test_the_status_follows_the_codes_not_the_messages():
    where = Location("request body", "organisations", 0, "org:woonbron")
    worded_like_a_duplicate = BundleProblem(
        where, "has a field name that is not a name: 'already belongs'", None, "invalid"
    )
    assert rejected_status(BundleRejected([worded_like_a_duplicate])) == 422
    duplicate = BundleProblem(where, "is the same party as another record", "name", "duplicate")
    assert rejected_status(BundleRejected([worded_like_a_duplicate, duplicate])) == 409
