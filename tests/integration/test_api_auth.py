"""Tokens made by the CLI, stored hashed; and the service while Neo4j is away and back."""

import os
from pathlib import Path

from fastapi.testclient import TestClient

from api.deps import hash_token
from api.main import create_app
from api.tokens import new_token
from graph.driver import get_driver
from graph.handle import Graph
from graph.repositories.tokens import listing
from graph.schema import apply_schema
from graph.server import LocalNeo4j
from graph.settings import PROJECT_ROOT
from tests.support.app import run_command as run


def test_cli_creates_lists_and_revokes_tokens_that_the_api_accepts(seeded, neo4j_target):
    made = run(
        ["api", "tokens", "create", "--role", "team", "--team", "team:onze-stad-open-data", "--name", "Team open data"],
        neo4j_target,
    )
    assert made.returncode == 0, made.stderr
    token_id, token = made.stdout.split()[1], made.stdout.strip().splitlines()[-1]
    assert token.startswith("sl_") and token_id.startswith("tok_")

    stored = seeded.driver.execute_query(
        "MATCH (t:ApiToken {id: $id}) RETURN properties(t) AS p", id=token_id, database_=seeded.database
    ).records[0]["p"]
    assert stored["hash"] == hash_token(token) and token not in str(stored)

    client = TestClient(create_app(seeded), headers={"Authorization": f"Bearer {token}"})
    assert client.get("/teams/team:onze-stad-open-data/readiness").status_code == 200
    answered = client.post("/teams/team:onze-stad-open-data/answers", json={"target": "org:tno", "answer": "reject"})
    assert answered.status_code == 201

    listed = run(["api", "tokens", "list"], neo4j_target)
    assert token_id in listed.stdout and "active" in listed.stdout and token not in listed.stdout
    assert run(["api", "tokens", "revoke", token_id], neo4j_target).returncode == 0
    assert "revoked" in run(["api", "tokens", "list"], neo4j_target).stdout
    response = client.get("/teams/team:onze-stad-open-data/readiness")
    assert response.status_code == 401 and "revoked" in response.json()["detail"]
    log = seeded.driver.execute_query(
        "MATCH (e:AuditEntry {target: $id}) RETURN e.action AS action, e.role AS role ORDER BY e.at",
        id=token_id,
        database_=seeded.database,
    ).records
    assert [(r["action"], r["role"]) for r in log] == [("token:create", "cli"), ("token:revoke", "cli")]


def test_cli_refuses_a_team_token_without_a_known_team(seeded, neo4j_target):
    for args in (
        ["--role", "team", "--name", "x"],
        ["--role", "team", "--team", "team:bestaat-niet", "--name", "x"],
        ["--role", "liaison", "--team", "team:onze-stad-open-data", "--name", "x"],
    ):
        result = run(["api", "tokens", "create", *args], neo4j_target)
        assert result.returncode == 2 and "team" in result.stderr
    assert run(["api", "tokens", "revoke", "tok_bestaatniet"], neo4j_target).returncode == 2
    assert listing(seeded) == []


def test_503_while_neo4j_is_down_and_recovery_when_it_is_back(neo4j_target):
    port = int(os.environ.get("STEDENLINK_TEST_BOLT_PORT", "7688")) + 5
    home = Path(os.environ.get("STEDENLINK_TEST_HOME", PROJECT_ROOT / "var" / "test-neo4j")).with_name(
        "test-neo4j-outage"
    )
    server = LocalNeo4j(home, port, heap="512m", pagecache="64m")
    target = server.start()
    try:
        graph = Graph(get_driver(target), target.database)
        apply_schema(graph)
        token = new_token(graph, "liaison", "Liaison")[1]
        client = TestClient(create_app(graph), headers={"Authorization": f"Bearer {token}"})
        assert client.get("/audit").status_code == 403  # up: the token works, the role does not fit

        server.stop()
        for path in ("/health", "/teams/team:x/readiness", "/audit"):
            response = client.get(path)
            assert response.status_code == 503, (path, response.text)
            assert "Traceback" not in response.text
        assert "Neo4j" in client.get("/audit").json()["detail"]

        server.start()
        assert client.get("/health").status_code == 200
        assert client.get("/audit").status_code == 403  # the same app and driver, working again
    finally:
        server.stop()
