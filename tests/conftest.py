"""Tests run against a real Neo4j over Bolt: their own embedded server (port 7688, data in
var/test-neo4j), never the user's. Set STEDENLINK_TEST_NEO4J_URI (and _USERNAME, _PASSWORD,
_DATABASE) to use another server instead; its database is wiped between tests.
STEDENLINK_TEST_BOLT_PORT and STEDENLINK_TEST_HOME move the tests' own server, so that two test runs
can go on side by side."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from api.deps import Graph
from graph.driver import Neo4jTarget, close_drivers, get_driver
from graph.loader import load_bundle
from graph.repositories.stats import wipe
from graph.schema import apply_schema
from graph.server import LocalNeo4j
from graph.settings import PROJECT_ROOT

SEED_DIR = PROJECT_ROOT / "seed_data"


def run_command(args: list[str], target: Neo4jTarget, **kw) -> subprocess.CompletedProcess:
    """`python -m ARGS` as a user runs it, talking to the test server through NEO4J_* variables;
    the caller checks the exit code."""
    env = dict(os.environ, NEO4J_URI=target.uri, NEO4J_USERNAME=target.username,
               NEO4J_PASSWORD=target.password, NEO4J_DATABASE=target.database)
    return subprocess.run([sys.executable, "-m", *args], cwd=PROJECT_ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False, **kw)


@pytest.fixture(scope="session")
def neo4j_target() -> Neo4jTarget:
    uri = os.environ.get("STEDENLINK_TEST_NEO4J_URI")
    if uri:
        yield Neo4jTarget(uri, os.environ.get("STEDENLINK_TEST_NEO4J_USERNAME", "neo4j"),
                          os.environ["STEDENLINK_TEST_NEO4J_PASSWORD"],
                          os.environ.get("STEDENLINK_TEST_NEO4J_DATABASE", "neo4j"))
        return
    server = LocalNeo4j(Path(os.environ.get("STEDENLINK_TEST_HOME", PROJECT_ROOT / "var" / "test-neo4j")),
                        int(os.environ.get("STEDENLINK_TEST_BOLT_PORT", "7688")),
                        heap="1g", pagecache="256m")
    target = server.start()
    yield target
    close_drivers()
    server.stop()


@pytest.fixture
def graph(neo4j_target) -> Graph:
    """An empty graph with the schema applied."""
    driver = get_driver(neo4j_target)
    wipe(driver, neo4j_target.database)
    apply_schema(driver, neo4j_target.database)
    return Graph(driver, neo4j_target.database)


@pytest.fixture
def seeded(graph) -> Graph:
    load_bundle(graph.driver, graph.database, SEED_DIR, quiet=True)
    return graph


@pytest.fixture
def seed_dir() -> Path:
    return SEED_DIR


TEAM = "team:onze-stad-informele-thuiszorg"
OTHER_TEAM = "team:zorgende-stad-zorg-op-afstand"


class Callers:
    """One TestClient per kind of caller of the real app, each sending its own token."""

    def __init__(self, graph: Graph):
        from fastapi.testclient import TestClient

        from api.main import create_app
        from api.tokens import new_token

        self.app = create_app(graph)
        self.anonymous = TestClient(self.app)
        self.tokens = {
            "coordinator": new_token(graph.driver, graph.database, "coordinator", "Coördinator Test")[1],
            "liaison": new_token(graph.driver, graph.database, "liaison", "Liaison Test")[1],
            "team": new_token(graph.driver, graph.database, "team", "Team Thuiszorg", TEAM)[1],
            "other_team": new_token(graph.driver, graph.database, "team", "Team Zorg op afstand", OTHER_TEAM)[1],
        }
        for role, token in self.tokens.items():
            setattr(self, role, TestClient(self.app, headers={"Authorization": f"Bearer {token}"}))

    def api_writes(self) -> list[dict]:
        """The audit log without the entries of making the tokens above."""
        log = self.coordinator.get("/audit", params={"limit": 500}).json()["items"]
        return [entry for entry in log if entry["role"] != "cli"]


@pytest.fixture
def callers(seeded) -> Callers:
    """The app over the seed graph, with a client per role: coordinator, liaison, team (TEAM),
    other_team (OTHER_TEAM) and anonymous."""
    return Callers(seeded)


@pytest.fixture
def empty_callers(graph) -> Callers:
    """The app over an empty graph (schema only), with the same clients; team tokens need their
    teams, so only coordinator, liaison and anonymous are there."""
    from fastapi.testclient import TestClient

    from api.main import create_app
    from api.tokens import new_token

    callers = Callers.__new__(Callers)
    callers.app = create_app(graph)
    callers.anonymous = TestClient(callers.app)
    callers.tokens = {role: new_token(graph.driver, graph.database, role, f"{role} test")[1]
                      for role in ("coordinator", "liaison")}
    for role, token in callers.tokens.items():
        setattr(callers, role, TestClient(callers.app, headers={"Authorization": f"Bearer {token}"}))
    return callers


@dataclass
class Site:
    """The app served by uvicorn on a free port over the seed graph, for the browser tests."""

    origin: str
    graph: Graph
    tokens: dict[str, str]


@contextmanager
def seeded_site(neo4j_target: Neo4jTarget):
    from api.tokens import new_token
    from viz.harness import serve

    driver = get_driver(neo4j_target)
    wipe(driver, neo4j_target.database)
    apply_schema(driver, neo4j_target.database)
    load_bundle(driver, neo4j_target.database, SEED_DIR, quiet=True)
    graph = Graph(driver, neo4j_target.database)
    tokens = {role: new_token(driver, graph.database, role, f"Browser {role}", TEAM if role == "team" else None)[1]
              for role in ("coordinator", "liaison", "team")}
    with serve(graph) as origin:
        yield Site(origin, graph, tokens)
