"""What tests share besides fixtures: the seed's ids they use, the app with a client per role, the
app served by uvicorn for the browser, and the command-line tools run as a user runs them."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from dataclasses import dataclass

from graph.driver import Neo4jTarget, get_driver
from graph.handle import Graph
from graph.loader import load_bundle
from graph.repositories.counts import wipe
from graph.schema import apply_schema
from graph.settings import PROJECT_ROOT

SEED_DIR = PROJECT_ROOT / "seed_data"
TEAM = "team:onze-stad-informele-thuiszorg"
OTHER_TEAM = "team:zorgende-stad-zorg-op-afstand"

# The clients of `Callers` over the seed graph: attribute -> (role, token name, team).
SEED_CALLERS = {
    "coordinator": ("coordinator", "Coördinator Test", None),
    "liaison": ("liaison", "Liaison Test", None),
    "team": ("team", "Team Thuiszorg", TEAM),
    "other_team": ("team", "Team Zorg op afstand", OTHER_TEAM),
}
# Over an empty graph: team tokens need their teams, so only these.
EMPTY_GRAPH_CALLERS = {role: (role, f"{role} test", None) for role in ("coordinator", "liaison")}


def run_command(args: list[str], target: Neo4jTarget, **kw) -> subprocess.CompletedProcess:
    """`python -m ARGS` as a user runs it, talking to the test server through NEO4J_* variables;
    the caller checks the exit code."""
    env = {**os.environ, **target.environment()}
    return subprocess.run(
        [sys.executable, "-m", *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kw,
    )


class Callers:
    """One TestClient per kind of caller of the real app, each sending its own token: an attribute
    per entry of `clients` (see SEED_CALLERS), and `anonymous` without a token."""

    def __init__(self, graph: Graph, clients: dict[str, tuple[str, str, str | None]] = SEED_CALLERS):
        from fastapi.testclient import TestClient

        from api.main import create_app
        from api.tokens import new_token

        self.app = create_app(graph)
        # `api serve` starts the network analysis as it starts; here it is waited for, so that
        # every answer has it from the first request.
        self.app.state.analysis.get()
        self.anonymous = TestClient(self.app)
        self.tokens = {
            attribute: new_token(graph, role, name, team)[1] for attribute, (role, name, team) in clients.items()
        }
        for attribute, token in self.tokens.items():
            setattr(self, attribute, TestClient(self.app, headers={"Authorization": f"Bearer {token}"}))

    def api_writes(self) -> list[dict]:
        """The audit log without the entries of making the tokens above."""
        log = self.coordinator.get("/audit", params={"limit": 500}).json()["items"]
        return [entry for entry in log if entry["role"] != "cli"]


@dataclass
class Site:
    """The app served by uvicorn on a free port over the seed graph, for the browser tests."""

    origin: str
    graph: Graph
    tokens: dict[str, str]


def fresh_graph(target: Neo4jTarget) -> Graph:
    """The test server's graph, emptied, with the schema applied."""
    graph = Graph(get_driver(target), target.database)
    wipe(graph)
    apply_schema(graph)
    return graph


@contextmanager
def seeded_site(neo4j_target: Neo4jTarget, prepare=None):
    """The app served over the seed graph; `prepare(graph)`, when given, changes the graph first."""
    from api.tokens import new_token
    from tests.support.harness import serve

    graph = fresh_graph(neo4j_target)
    load_bundle(graph, SEED_DIR, quiet=True)
    if prepare is not None:
        prepare(graph)
    tokens = {
        role: new_token(graph, role, f"Browser {role}", TEAM if role == "team" else None)[1]
        for role in ("coordinator", "liaison", "team")
    }
    with serve(graph) as origin:
        yield Site(origin, graph, tokens)
