"""Reading and checking bundles in memory (a request body), without a database: problems name
their document, record, field and line."""

from __future__ import annotations

from graph.files import read_content, read_text
from graph.validate import check_bundle


def test_in_memory_bundles_name_their_document_and_yaml_lines():
    assert [str(p) for p in read_content(None, "request body").problems] == [
        "request body: is empty: expected a mapping of section names to lists"
    ]
    assert [str(p) for p in read_content({"themes": {}}, "request body").problems] == [
        "request body: themes: must be a list of records"
    ]
    raw = read_text("themes:\n  - id: theme:a\n    name: A\n  - id: theme:b\n", "request body", "yaml")
    assert [(r.location.line, r.data) for r in raw.records] == [
        (2, {"id": "theme:a", "name": "A"}),
        (4, {"id": "theme:b"}),
    ]
    assert raw.files == ["request body"]
    assert read_text(b"\xff", "request body", "json").problems[0].message.startswith("cannot be parsed")


def test_a_team_record_cannot_both_reject_and_take_one_target():
    team = {
        "id": "team:x",
        "name": "X",
        "question": "question:y",
        "partners": [{"organisation": "org:a"}],
        "cities": [{"city": "city:b", "status": "invited"}],
        "rejected": [{"target": "org:a"}, {"target": "city:b"}, {"target": "org:c"}],
    }
    problems = check_bundle(read_content({"teams": [team]}, "body")).problems
    assert [(p.location.record_id, p.field) for p in problems] == [
        ("team:x", "rejected[0].target"),
        ("team:x", "rejected[1].target"),
    ]
    assert "partners[0].organisation" in problems[0].message and "cities[0].city" in problems[1].message
