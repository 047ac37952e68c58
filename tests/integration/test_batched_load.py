"""Loads in batches against a real Neo4j: the same graph as one transaction, nothing left of a load
that fails or is killed (counts and a checksum of every id and property), a second load that
changes nothing, and other writes refused while a load is being written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from api.cli import prepare_graph
from graph import journal
from graph.files import read_bundle
from graph.loader import load_bundle, load_raw
from graph.repositories import locks
from graph.settings import PROJECT_ROOT
from tests.support.app import TEAM, fresh_graph
from tests.support.checksum import graph_state

BATCH = 37  # rows per batch here: a bundle of a few thousand rows in about a hundred batches


def changed_copy(bundle: Path, out: Path, tag: str = "bijgewerkt") -> Path:
    """The bundle with every organisation's description changed and 40 people added (each working
    at an organisation), both marked with `tag`: a load of it updates, creates nodes and creates
    relationships."""
    out.mkdir()
    for path in bundle.glob("*.json"):
        content = json.loads(path.read_text(encoding="utf-8"))
        if path.stem == "organisations":
            for org in content["organisations"]:
                org["description"] = (org.get("description") or "") + f" ({tag})"
        if path.stem == "people":
            people = content["people"]
            for k in range(40):
                person = {key: value for key, value in people[k].items() if key not in ("email", "phone", "aliases")}
                person.update(id=f"person:{tag}-{k}", name=f"Deelnemer {tag} {k}")
                people.append(person)
        (out / path.name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return out


def test_a_bundle_in_many_batches_gives_exactly_the_graph_one_transaction_gives(neo4j_target, generated_bundle_dir):
    graph = fresh_graph(neo4j_target)
    whole = load_bundle(graph, generated_bundle_dir, quiet=True)
    in_one = graph_state(graph)

    graph = fresh_graph(neo4j_target)
    batched = load_bundle(graph, generated_bundle_dir, quiet=True, batch_size=BATCH)
    in_batches = graph_state(graph)

    assert whole.batches == 1 and batched.batches > 50
    assert in_batches == in_one and in_one.journal == 0
    assert sum(in_one.nodes.values()) > 500 and sum(in_one.relationships.values()) > 1000
    assert batched.nodes == whole.nodes and batched.relationships == whole.relationships


def test_a_second_load_in_batches_changes_nothing(graph, generated_bundle_dir):
    load_bundle(graph, generated_bundle_dir, quiet=True, batch_size=BATCH)
    before = graph_state(graph)

    again = load_bundle(graph, generated_bundle_dir, quiet=True, batch_size=BATCH)

    totals = again.totals()
    assert totals["created"] == 0 and totals["updated"] == 0 and totals["unchanged"] > 1500
    assert graph_state(graph) == before


def test_a_load_that_fails_in_its_last_batch_leaves_the_graph_as_it_was(graph, generated_bundle_dir, tmp_path):
    load_bundle(graph, generated_bundle_dir, quiet=True)
    before = graph_state(graph)
    changed = changed_copy(generated_bundle_dir, tmp_path / "changed")
    seen = []

    def fail_in_the_last(done: int, batches: int) -> None:
        seen.append(done)
        if done == batches:
            raise RuntimeError("the last batch failed")

    with pytest.raises(RuntimeError, match="the last batch failed"):
        load_raw(graph, read_bundle(changed), str(changed), quiet=True, batch_size=BATCH, on_batch=fail_in_the_last)

    assert len(seen) > 50  # every batch was written before the failure
    assert graph_state(graph) == before
    # The same bundle then loads, and it did change something: the undo took back real writes.
    report = load_bundle(graph, changed, quiet=True, batch_size=BATCH)
    assert report.totals()["updated"] > 50 and report.nodes["Person"]["created"] == 40


def _kill_in_the_middle(neo4j_target, bundle: Path) -> None:
    """Runs `python -m graph load BUNDLE` in batches and kills it (SIGKILL) once it has written a
    dozen of them, well before its end."""
    env = {**os.environ, **neo4j_target.environment()}
    command = [sys.executable, "-m", "graph", "load", str(bundle), "--batch-size", "10", "--quiet"]
    process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    from graph.driver import get_driver
    from graph.handle import Graph

    graph = Graph(get_driver(neo4j_target), neo4j_target.database)
    deadline = time.monotonic() + 120
    try:
        while graph.read("MATCH (s:ImportStep) RETURN count(s) AS n")[0]["n"] < 12:
            assert process.poll() is None, f"the load ended before it was killed: {process.communicate()}"
            assert time.monotonic() < deadline, "the load wrote no dozen batches in two minutes"
            time.sleep(0.02)
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL


def test_a_loader_killed_in_the_middle_is_undone_by_the_next_load_and_by_the_next_server_start(
    graph, neo4j_target, generated_bundle_dir, tmp_path, seed_dir
):
    load_bundle(graph, generated_bundle_dir, quiet=True)
    before = graph_state(graph)
    changed = changed_copy(generated_bundle_dir, tmp_path / "changed")

    _kill_in_the_middle(neo4j_target, changed)
    left = graph_state(graph)
    assert left.journal > 12 and left.checksum != before.checksum  # half a load is in the graph
    # While it is on record, no other write comes in: its undo must not take back anybody's edit.
    with pytest.raises(journal.ImportRunning, match="is being written"):
        graph.write(lambda tx: locks.lock_kinds(tx, ["Organisation"]))

    # The next load undoes it first, then loads.
    report = load_bundle(graph, changed, quiet=True, batch_size=BATCH)
    assert len(report.recovered) == 1 and "undid an unfinished load" in report.recovered[0]
    assert report.nodes["Person"]["created"] == 40  # none of the killed load's people were left
    loaded = graph_state(graph)
    assert loaded.journal == 0 and load_bundle(graph, changed, quiet=True).totals()["updated"] == 0

    # And the server's start undoes one too, back to exactly what was there.
    _kill_in_the_middle(neo4j_target, changed_copy(generated_bundle_dir, tmp_path / "again", "opnieuw"))
    said = prepare_graph(graph, seed_dir)
    assert "undid an unfinished load" in said
    assert graph_state(graph) == loaded


def test_writes_are_refused_while_a_load_is_being_written(seeded, callers):
    import_id = journal.begin(seeded, "a test bundle", {"Organisation"})
    try:
        refused = callers.coordinator.patch("/organisations/org:actiz", json={"description": "Tijdens een import"})
        assert refused.status_code == 503 and refused.headers["Retry-After"] == "30"
        assert "a load of a test bundle is being written" in refused.json()["detail"]
        answer = callers.team.post(f"/teams/{TEAM}/answers", json={"target": "org:tno", "answer": "reject"})
        assert answer.status_code == 503, answer.text
    finally:
        journal.undo(seeded, import_id)
    assert callers.coordinator.patch("/organisations/org:actiz", json={"description": "Erna"}).status_code == 200


def test_properties_kept_by_the_journal_come_back_with_their_types():
    import datetime as dt

    props = {
        "name": "Actiz",
        "since": dt.date(2016, 3, 1),
        "at": dt.datetime(2016, 3, 1, 9, 30, tzinfo=dt.UTC),
        "keywords": ["zorg", "wonen"],
        "dates": [dt.date(2016, 1, 1)],
        "population": 12345,
        "share": 0.5,
        "active": True,
    }
    assert journal.decode(journal.encode(props)) == props
