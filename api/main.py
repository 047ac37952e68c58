"""The FastAPI application. The graph connection is made by whoever runs the app (api.serve, the
tests) and handed in, so the app itself never starts servers."""

from __future__ import annotations

from fastapi import FastAPI

from api import errors, pages
from api.deps import Graph
from api.redaction import RedactJsonForNonCoordinators
from api.routes import audit, exchange, health, reading, suggestions, writing
from graph.watch import Neo4jWatch
from matcher.service import MatcherService

DESCRIPTION = """Stakeholder network and partner matching for the Digitale Steden Agenda (G4/G32).

Every endpoint but `/health` needs an API token, sent as `Authorization: Bearer TOKEN`; tokens are
made with `python -m api.tokens create --role ROLE --name NAME [--team TEAM]`.

* **coordinator**: reads everything (contact details included) and writes everything;
* **liaison**: reads;
* **team**: reads, and answers suggestions for its own team.

Lists take `limit` and `offset` and say the `total`. Errors come as `{"detail": ...}`: 401 without
a valid token, 403 for a role that may not, 404 for an unknown id, 409 for a conflict (a duplicate
id or a name that belongs to another node), 422 for invalid input (with the field), 503 with `Retry-After` while
Neo4j cannot be reached (or is being restarted). A request that fails changes nothing."""


def create_app(graph: Graph, matcher: MatcherService | None = None, watch: Neo4jWatch | None = None) -> FastAPI:
    """`watch`, when given, is what restarts the embedded Neo4j after a crash (api.serve makes it):
    meanwhile requests answer 503 at once, with `Retry-After`, and /health reports its state."""
    app = FastAPI(title="Stedenlink partner graph", description=DESCRIPTION, version="0.2.0")
    app.state.graph = graph
    app.state.neo4j_watch = watch
    app.state.matcher = matcher or MatcherService(graph.driver, graph.database)
    errors.install(app)
    app.add_middleware(RedactJsonForNonCoordinators)  # contact data in free text: coordinators only
    for module in (health, reading, suggestions, writing, exchange, audit):
        app.include_router(module.router)
    pages.install(app)  # the viewer, the liaison pages, their login and static files
    return app
