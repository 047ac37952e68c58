"""Tests run against a real Neo4j over Bolt: their own embedded server (port 7688, data in
var/test-neo4j), never the user's. Set STEDENLINK_TEST_NEO4J_URI (and _USERNAME, _PASSWORD,
_DATABASE) to use another server instead; its database is wiped between tests.
STEDENLINK_TEST_BOLT_PORT and STEDENLINK_TEST_HOME move the tests' own server, so that two test runs
can go on side by side.

Three kinds of tests: tests/unit (no JVM, no database), tests/integration (the real Neo4j) and
tests/browser (Chromium or Firefox against the app served by uvicorn). The server starts only when
a test asks for one of the fixtures below. What tests share besides fixtures is in tests/support."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.driver import Neo4jTarget, close_drivers
from graph.handle import Graph
from graph.loader import load_bundle
from graph.server import LocalNeo4j
from graph.settings import PROJECT_ROOT
from tests.support.app import EMPTY_GRAPH_CALLERS, SEED_DIR, Callers, fresh_graph


@pytest.fixture(scope="session")
def neo4j_target() -> Neo4jTarget:
    uri = os.environ.get("STEDENLINK_TEST_NEO4J_URI")
    if uri:
        yield Neo4jTarget(
            uri,
            os.environ.get("STEDENLINK_TEST_NEO4J_USERNAME", "neo4j"),
            os.environ["STEDENLINK_TEST_NEO4J_PASSWORD"],
            os.environ.get("STEDENLINK_TEST_NEO4J_DATABASE", "neo4j"),
        )
        return
    server = LocalNeo4j(
        Path(os.environ.get("STEDENLINK_TEST_HOME", PROJECT_ROOT / "var" / "test-neo4j")),
        int(os.environ.get("STEDENLINK_TEST_BOLT_PORT", "7688")),
        heap="1g",
        pagecache="256m",
    )
    target = server.start()
    yield target
    close_drivers()
    server.stop()


@pytest.fixture
def graph(neo4j_target) -> Graph:
    """An empty graph with the schema applied."""
    return fresh_graph(neo4j_target)


@pytest.fixture
def seeded(graph) -> Graph:
    load_bundle(graph, SEED_DIR, quiet=True)
    return graph


@pytest.fixture
def seed_dir() -> Path:
    return SEED_DIR


@pytest.fixture
def callers(seeded) -> Callers:
    """The app over the seed graph, with a client per role: coordinator, liaison, team (TEAM),
    other_team (OTHER_TEAM) and anonymous."""
    return Callers(seeded)


@pytest.fixture
def empty_callers(graph) -> Callers:
    """The app over an empty graph (schema only), with the same clients; team tokens need their
    teams, so only coordinator, liaison and anonymous are there."""
    return Callers(graph, EMPTY_GRAPH_CALLERS)


@pytest.fixture(scope="module")
def generated_bundle_dir(tmp_path_factory) -> Path:
    """A small generated bundle (bench.generate, 300 people, seed 7), made once per module."""
    from tests.support.generated import generate

    out = tmp_path_factory.mktemp("generated")
    generate(out, "--seed", "7")
    return out


@pytest.fixture(scope="module")
def generated_bundle(generated_bundle_dir) -> dict[str, list[dict]]:
    """Its records per section."""
    from tests.support.generated import read

    return read(generated_bundle_dir)
