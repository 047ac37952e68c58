"""Loading a bundle held in memory (a request body): graph.files.read_content/read_text and
graph.loader.load_content/load_raw, with the `after` hook and dry runs, against a real Neo4j."""

from __future__ import annotations

import pytest

from graph.files import read_text
from graph.loader import BundleRejected, load_content, load_raw
from graph.repositories import audit
from graph.repositories.counts import node_counts, snapshot

BUNDLE = {"themes": [{"id": "theme:nieuw-thema", "name": "Nieuw Thema", "liaisons": ["person:edu-braat"]}]}
ACTOR = {"id": "tok_test", "name": "Test", "role": "coordinator"}


def test_content_is_loaded_and_after_writes_in_the_same_transaction(seeded):
    seen = []

    def after(tx, report):
        seen.append(report.totals())
        audit.record(tx, ACTOR, "import", None, {"records": report.records})

    report = load_content(seeded, BUNDLE, "request body", after=after)

    assert report.nodes["Theme"]["created"] == 1 and report.relationships["LIAISON_FOR"]["created"] == 1
    assert seen == [report.totals()]
    assert node_counts(seeded)["Theme"] == 7 and audit_entries(seeded) == 1


def audit_entries(graph) -> int:
    return graph.driver.execute_query("MATCH (e:AuditEntry) RETURN count(e) AS n", database_=graph.database).records[0][
        "n"
    ]


def test_when_after_fails_nothing_is_written(seeded):
    before = snapshot(seeded)

    def after(tx, report):
        audit.record(tx, ACTOR, "import", None)
        raise RuntimeError("the audit log refused")

    with pytest.raises(RuntimeError):
        load_content(seeded, BUNDLE, "request body", after=after)

    assert snapshot(seeded) == before
    assert audit_entries(seeded) == 0


def test_a_dry_run_counts_without_writing_and_skips_after(seeded):
    before = snapshot(seeded)
    called = []

    report = load_content(seeded, BUNDLE, "request body", dry_run=True, after=lambda tx, report: called.append(report))

    assert report.nodes["Theme"] == {"created": 1} and report.relationships["LIAISON_FOR"] == {"created": 1}
    assert called == []
    assert snapshot(seeded) == before


def test_a_dry_run_still_checks_against_the_graph(seeded):
    bundle = {"themes": [{"id": "theme:nieuw-thema", "name": "Nieuw Thema", "liaisons": ["person:niemand"]}]}

    with pytest.raises(BundleRejected) as refused:
        load_content(seeded, bundle, "request body", dry_run=True)

    assert [str(p) for p in refused.value.problems] == [
        (
            "request body: themes[0] (theme:nieuw-thema): field 'liaisons[0]': "
            "refers to person:niemand, which is not in this bundle or in the graph"
        )
    ]


def test_load_raw_refuses_a_bad_record_before_touching_the_graph(graph):
    raw = read_text(
        '{"teams": [{"id": "team:x", "name": "X", "question": "question:y", "rejected": [{"target": "team:z"}]}]}',
        "request body",
        "json",
    )

    with pytest.raises(BundleRejected) as refused:
        load_raw(graph, raw, "request body")

    assert [(p.location.record_id, p.field) for p in refused.value.problems] == [("team:x", "rejected.0.target")]
    assert node_counts(graph) == {}
