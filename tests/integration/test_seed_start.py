"""The seed is a starting point: `make run` (api.cli.prepare_graph, what its main calls at every
start) loads seed_data/ into a new graph only, never over coordinators' edits; resetting to the
seed is a command of its own, recorded in the audit log. Against the real Neo4j and the real app."""

import subprocess

from api.cli import prepare_graph
from graph.repositories.counts import snapshot
from tests.support.app import Callers, run_command

ACTIZ = "/organisations/org:actiz"
EDITED = "Door een coördinator herschreven omschrijving"


def start(graph, seed_dir) -> str:
    return prepare_graph(graph, seed_dir)


def test_an_edit_through_the_api_survives_the_next_start(graph, seed_dir):
    start(graph, seed_dir)  # the first start, on a new graph, loads the seed
    callers = Callers(graph)
    seeded_description = callers.coordinator.get(ACTIZ).json()["description"]
    response = callers.coordinator.patch(ACTIZ, json={"description": EDITED})
    assert response.status_code == 200, response.text
    assert seeded_description != EDITED
    before = snapshot(graph)

    line = start(graph, seed_dir)  # make run again

    assert callers.coordinator.get(ACTIZ).json()["description"] == EDITED
    assert snapshot(graph) == before
    assert "not loaded" in line
    log = callers.coordinator.get("/audit", params={"limit": 500}).json()["items"]
    assert [e["action"] for e in log if e["action"].startswith("seed")] == ["seed"]  # the first start only


def test_a_deleted_record_does_not_come_back_at_the_next_start(graph, seed_dir):
    start(graph, seed_dir)
    callers = Callers(graph)
    post = callers.coordinator.get("/audit").json()  # any read: the app is up
    assert post is not None
    posts = graph.driver.execute_query(
        "MATCH (p:Post) RETURN p.id AS id ORDER BY id LIMIT 1", database_=graph.database
    ).records
    post_id = posts[0]["id"]
    assert callers.coordinator.delete(f"/posts/{post_id}").status_code == 200
    start(graph, seed_dir)
    assert (
        graph.driver.execute_query("MATCH (p:Post {id: $id}) RETURN p", id=post_id, database_=graph.database).records
        == []
    )


def test_the_reset_command_brings_the_seed_back_and_is_in_the_audit_log(graph, seed_dir, neo4j_target, tmp_path):
    start(graph, seed_dir)
    callers = Callers(graph)
    seeded_description = callers.coordinator.get(ACTIZ).json()["description"]
    assert callers.coordinator.patch(ACTIZ, json={"description": EDITED}).status_code == 200
    extra = {"id": "theme:nieuw", "name": "Een nieuw thema"}
    assert callers.coordinator.post("/themes", json=extra).status_code == 201

    # A seed with a problem: nothing is reset.
    (tmp_path / "bad.yaml").write_text("themes:\n  - id: theme:kapot\n", encoding="utf-8")
    refused = run_command(["graph", "load", "--reset", str(tmp_path), "--yes"], neo4j_target)
    assert refused.returncode == 1 and "nothing was written" in refused.stderr
    assert callers.coordinator.get(ACTIZ).json()["description"] == EDITED

    # Without --yes and without a terminal to ask on, nothing happens either.
    unconfirmed = run_command(["graph", "load", "--reset", str(seed_dir)], neo4j_target, stdin=subprocess.DEVNULL)
    assert unconfirmed.returncode == 2 and "--yes" in unconfirmed.stderr
    assert callers.coordinator.get(ACTIZ).json()["description"] == EDITED

    done = run_command(["graph", "load", "--reset", str(seed_dir), "--yes"], neo4j_target)
    assert done.returncode == 0, done.stderr
    assert callers.coordinator.get(ACTIZ).json()["description"] == seeded_description
    assert callers.coordinator.get("/themes/theme:nieuw").status_code == 404
    # Tokens and the audit log are the service's, not the seed's: they stay.
    entries = callers.coordinator.get("/audit", params={"action": "seed:reset"}).json()["items"]
    assert len(entries) == 1 and entries[0]["detail"]["removed"]["Theme"] >= 1
    assert entries[0]["detail"]["source"] == str(seed_dir)
    assert callers.coordinator.get("/audit", params={"target": "org:actiz"}).json()["total"] == 1  # the PATCH
