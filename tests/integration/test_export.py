"""The export (graph.export) against a real Neo4j: the graph read back into the loader's records."""

from __future__ import annotations

import datetime as dt

import pytest

from graph import bundle as b
from graph.export import ExportError, export_bundle
from graph.files import read_bundle, read_content
from graph.repositories import audit, loading
from graph.validate import check_bundle
from tests.support import answers

TEAM = "team:onze-stad-informele-thuiszorg"
AT = dt.datetime(2024, 5, 14, 9, 30, 12, 345678, tzinfo=dt.UTC)


def planned(raw) -> tuple[dict, dict]:
    """What a bundle would write: node properties by (label, id), relationship properties by key."""
    checked = check_bundle(raw)
    assert checked.problems == []
    return ({(n.label, n.id): n.props for n in checked.plan.nodes}, {r.key: r.props for r in checked.plan.rels})


def test_the_export_of_the_seed_graph_declares_what_the_seed_data_declares(seeded, seed_dir):
    exported = export_bundle(seeded)

    assert planned(read_content(exported, "export")) == planned(read_bundle(seed_dir))


def test_the_export_is_in_the_loaders_format_sorted_by_id(seeded):
    exported = export_bundle(seeded)

    assert list(exported) == list(b.SECTIONS)
    for section, records in exported.items():
        ids = [r["id"] for r in records]
        assert ids == sorted(ids) and len(ids) == len(set(ids))
        for record in records:
            assert "name_keys" not in record
            b.SECTIONS[section][1].model_validate(record)
    event = exported["events"][0]
    assert isinstance(event["date"], str) and dt.date.fromisoformat(event["date"])
    team = next(t for t in exported["teams"] if t["id"] == TEAM)
    assert team["question"] == "question:onze-stad-informele-thuiszorg"
    assert {"text": "Actiz", "organisation": "org:actiz"} in team["wants"]
    # Relationships pointing into a record come back in it: the team's members (Person -> Team).
    assert {"person": "person:edu-braat", "role": "member"} in team["members"]


def test_answers_to_suggestions_are_exported_in_the_team_record(seeded):
    answers.reject(seeded, TEAM, "org:tno", "Organisation", "tok_a", AT, "geen zorg")
    answers.reject(seeded, TEAM, "kind:traditionele-uitgever", "PartnerKind", "tok_a", AT)
    answers.accept_partner(seeded, TEAM, "org:actiz", "tok_b", AT)
    answers.city_status(seeded, TEAM, "city:amersfoort", "committed", "tok_c", AT)

    team = next(t for t in export_bundle(seeded)["teams"] if t["id"] == TEAM)

    at = "2024-05-14T09:30:12.345678Z"
    assert team["rejected"] == [
        {"target": "kind:traditionele-uitgever", "by": "tok_a", "at": at},
        {"target": "org:tno", "reason": "geen zorg", "by": "tok_a", "at": at},
    ]
    assert {"organisation": "org:actiz", "role": "partner", "via": "suggestion", "by": "tok_b", "at": at} in team[
        "partners"
    ]
    assert team["cities"] == [
        {"city": "city:amersfoort", "status": "committed", "since": "2024-05-14", "by": "tok_c", "at": at}
    ]


def test_tokens_and_audit_entries_are_not_exported(seeded):
    before = export_bundle(seeded)
    actor = {"id": "tok_x", "name": "Test", "role": "coordinator"}
    audit.audited_write(seeded, actor, "test", "org:actiz", lambda tx: None)

    assert export_bundle(seeded) == before


def _write(graph, work) -> None:
    with graph.driver.session(database=graph.database) as session:
        session.execute_write(work)


def _extra_node_property(tx):
    props = loading.node_properties(tx, "Organisation", ["org:actiz"])["org:actiz"]
    loading.write_nodes(tx, "Organisation", [{"id": "org:actiz", "props": {**props, "colour": "red"}}])
    return "org:actiz: field 'colour'"


def _property_on_a_plain_link(tx):
    loading.write_relationships(
        tx,
        "IS_A",
        "Organisation",
        "PartnerKind",
        [{"start": "org:actiz", "end": "kind:omgeving", "props": {"weight": 2}}],
    )
    return "(org:actiz)-[:IS_A]->(kind:omgeving): properties ['weight']"


def _membership_without_role(tx):
    # A re-load would give it the bundle's default role 'member': not the same graph.
    member = loading.relationship_properties(
        tx, "MEMBER_OF", "Person", "Team", [{"start": "person:edu-braat", "end": TEAM}]
    )
    assert member, "the seed data has this membership"
    loading.write_relationships(
        tx, "MEMBER_OF", "Person", "Team", [{"start": "person:edu-braat", "end": TEAM, "props": {}}]
    )
    return f"(person:edu-braat)-[:MEMBER_OF]->({TEAM}): a re-load would change its properties ['role']"


@pytest.mark.parametrize("spoil", [_extra_node_property, _property_on_a_plain_link, _membership_without_role])
def test_what_a_bundle_cannot_carry_is_refused_by_name(seeded, spoil):
    expected = []
    _write(seeded, lambda tx: expected.append(spoil(tx)))

    with pytest.raises(ExportError) as refused:
        export_bundle(seeded)

    assert any(expected[0] in p for p in refused.value.problems), refused.value.problems
