"""The service over its own embedded Neo4j, as `make run` opens it, survives a `kill -9` of the
Neo4j JVM: 503 with Retry-After meanwhile, /health says it restarts, then it serves again without
a restart of the service, and every acknowledged write is still there."""

import logging
import os
import signal
import time
from pathlib import Path

from fastapi.testclient import TestClient

from api.main import create_app
from api.tokens import new_token
from graph.connect import open_watched_graph
from graph.handle import Graph
from graph.settings import PROJECT_ROOT, Settings

BASE_PORT = int(os.environ.get("STEDENLINK_TEST_BOLT_PORT", "7688"))
TEST_HOME = Path(os.environ.get("STEDENLINK_TEST_HOME", PROJECT_ROOT / "var" / "test-neo4j"))


def _org(n: int) -> dict:
    return {"id": f"org:probe-{n}", "name": f"Probe {n}", "kind": "housing_corporation", "sector": "civil_society"}


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.5)
    raise AssertionError(f"not within {timeout:.0f} s: {what}")


def test_a_killed_embedded_neo4j_is_restarted_and_no_acknowledged_write_is_lost():
    settings = Settings(
        neo4j_uri=None,
        var_dir=TEST_HOME.with_name(TEST_HOME.name + "-recovery"),
        bolt_port=BASE_PORT + 2,
        neo4j_heap="512m",
        neo4j_pagecache="64m",
    )
    with open_watched_graph(settings) as (graph, watch):
        assert watch is not None
        graph.driver.execute_query("MATCH (n) DETACH DELETE n", database_=graph.database)
        token = new_token(graph, "coordinator", "Recovery test")[1]
        client = TestClient(create_app(graph, watch=watch), headers={"Authorization": f"Bearer {token}"})
        acknowledged = [n for n in range(10) if client.post("/organisations", json=_org(n)).status_code == 201]
        assert len(acknowledged) == 10

        os.kill(watch.server.process.pid, signal.SIGKILL)

        def restarting():
            response = client.get("/health")
            return response if response.json()["status"] == "restarting" else None

        health = _wait_for(restarting, 30, "/health reports restarting")
        assert health.status_code == 503 and int(health.headers["Retry-After"]) > 0
        assert health.json()["neo4j"] == "restarting" and "exit -9" in health.json()["recovery"]["last_error"]
        refused = client.post("/organisations", json=_org(99))
        assert refused.status_code == 503 and int(refused.headers["Retry-After"]) > 0
        assert "restarted" in refused.json()["detail"]

        _wait_for(lambda: client.get("/health").status_code == 200, 240, "Neo4j back")
        back = client.get("/health").json()
        assert back["status"] == "ok" and back["recovery"]["restarts"] == 1 and back["recovery"]["state"] == "up"
        for n in acknowledged:
            assert client.get(f"/organisations/org:probe-{n}").status_code == 200, n
        assert client.get("/organisations/org:probe-99").status_code == 404  # refused, so not written
        assert client.post("/organisations", json=_org(10)).status_code == 201  # the same app writes again


def test_a_server_named_by_neo4j_uri_is_not_watched(neo4j_target):
    settings = Settings(
        neo4j_uri=neo4j_target.uri,
        neo4j_username=neo4j_target.username,
        neo4j_password=neo4j_target.password,
        neo4j_database=neo4j_target.database,
    )
    with open_watched_graph(settings) as (graph, watch):
        assert watch is None
        assert TestClient(create_app(graph)).get("/health").json()["recovery"] is None


def test_restarts_are_bounded_and_logged_and_health_says_when_it_gave_up(caplog):
    """A server that cannot start again (here: a password the launcher refuses) is tried
    `max_attempts` times, each attempt logged; then the service reports `failed` and stops trying."""
    from graph.driver import close_driver, get_driver
    from graph.server import LocalNeo4j
    from graph.watch import Neo4jWatch, RestartPolicy

    caplog.set_level(logging.WARNING, logger="stedenlink.neo4j")
    server = LocalNeo4j(TEST_HOME.with_name(TEST_HOME.name + "-bounded"), BASE_PORT + 4, heap="256m", pagecache="16m")
    target = server.start()
    password = server.password_file.read_text()
    watch = Neo4jWatch(server, RestartPolicy(max_attempts=2, first_pause=0.2, max_pause=0.5, check_every=0.2)).start()
    try:
        client = TestClient(create_app(Graph(get_driver(target), target.database), watch=watch))
        assert client.get("/health").json()["recovery"]["state"] == "up"
        server.password_file.write_text("short")
        os.kill(server.process.pid, signal.SIGKILL)

        _wait_for(lambda: watch.status()["state"] == "failed", 120, "the watch gives up")
        status = watch.status()
        assert status["attempts"] == 2 and "stopped during start-up" in status["last_error"]
        health = client.get("/health")
        assert health.status_code == 503 and health.json()["status"] == "failed" and "Retry-After" in health.headers
        refused = client.get("/teams")
        assert refused.status_code == 503 and "could not be started again" in refused.json()["detail"]
        attempts = [r.getMessage() for r in caplog.records if "attempt" in r.getMessage()]
        assert any("attempt 1 of 2" in m for m in attempts) and any("attempt 2 of 2 failed" in m for m in attempts)
        assert any("giving up" in r.getMessage() for r in caplog.records)

        server.password_file.write_text(password)
        time.sleep(2)
        assert watch.status()["attempts"] == 2 and server.process is None  # no third attempt
    finally:
        server.password_file.write_text(password)
        watch.stop()
        close_driver(target)
        server.stop()
