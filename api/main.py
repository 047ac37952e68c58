"""The FastAPI application, assembled in one place: `create_app` includes every router (the API's and
the pages'), registers the error handlers, the pages' template environment and the static files,
and adds the middleware. Importing a module of the app changes nothing; only create_app does.

The graph connection is made by whoever runs the app (`python -m api serve`, the tests) and handed
in, so the app itself never starts servers."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.staticfiles import StaticFiles

from api import errors, pages
from api.liaison_views import BadDate
from api.limits import AnswerOptions, BodyLimit
from api.redaction import RedactJsonForNonCoordinators
from api.routes import analysis, audit, exchange, health, liaison, login, reading, suggestions, viewer, writing
from graph.analysis.service import AnalysisService
from graph.handle import Graph
from graph.settings import Settings, get_settings
from graph.watch import Neo4jWatch
from matcher.service import MatcherService
from viz.graphdata import WholeGraphCache

# The API's routers, then the pages' (the login form, the viewer, the liaison pages).
ROUTERS = (health, reading, suggestions, analysis, writing, exchange, audit, login, viewer, liaison)

DESCRIPTION = """Stakeholder network and partner matching for the Digitale Steden Agenda (G4/G32).

Every endpoint but `/health` needs an API token, sent as `Authorization: Bearer TOKEN`; tokens are
made with `python -m api tokens create --role ROLE --name NAME [--team TEAM]`.

* **coordinator**: reads everything (contact details included) and writes everything;
* **liaison**: reads;
* **team**: reads, and answers suggestions for its own team.

Lists take `limit` (at most 500) and `offset` (at most 100,000) and say the `total`. Errors come as
`{"detail": ...}`: 400 for a body that cannot be parsed, 401 without a valid token, 403 for a role
that may not, 404 for an unknown id, 409 for a conflict (a duplicate id or a name that belongs to
another node), 413 for a body past the size limit (2 MB, 20 MB for `/imports`), 422 for invalid
input: a list of problems `{loc, msg, type}` (a record's also with `record`, `line`, `text`), 503
with `Retry-After` while Neo4j cannot be reached (or is being
restarted). A request that fails changes nothing.

Limits: a text field holds at most 10,000 characters, a list field 1,000 items, a record nests at
most 6 levels; integers fit 64 bits; dates are written YYYY-MM-DD, between 1900 and 2199; YAML
aliases may stand for at most 10,000 values. Each answers 422 naming the field."""


def create_app(
    graph: Graph,
    matcher: MatcherService | None = None,
    settings: Settings | None = None,
    watch: Neo4jWatch | None = None,
    analysis: AnalysisService | None = None,
) -> FastAPI:
    """`watch`, when given, is what restarts the embedded Neo4j after a crash (api.cli's serve makes it):
    meanwhile requests answer 503 at once, with `Retry-After`, and /health reports its state."""
    settings = settings or get_settings()
    app = FastAPI(title="Stedenlink partner graph", description=DESCRIPTION, version="0.2.0")
    app.state.graph = graph
    app.state.neo4j_watch = watch
    app.state.matcher = matcher or MatcherService(graph)
    app.state.analysis = analysis or AnalysisService(graph)
    app.state.templates = pages.page_templates()
    app.state.viewer_cache = WholeGraphCache()
    errors.install(app)
    app.add_exception_handler(pages.LoginRequired, pages.to_login)
    app.add_exception_handler(BadDate, liaison.bad_date)
    app.add_middleware(RedactJsonForNonCoordinators)  # contact data in free text: coordinators only
    for module in ROUTERS:
        app.include_router(module.router)
    # vis-network as pyvis ships it: served by the app, so pages work offline and behind a proxy.
    app.mount("/static/vendor/vis", StaticFiles(directory=pages.VIS_DIR), name="vendor-vis")
    app.mount("/static", StaticFiles(directory=pages.STATIC_DIR), name="static")
    app.add_middleware(AnswerOptions, fastapi_app=app)
    # Outside the redaction (which reads the JSON): large answers, such as the viewer's whole network
    # (about a megabyte at 1,500 nodes), go compressed to a client that accepts gzip.
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    # Outermost: a body past the limit is refused before anything else looks at the request.
    app.add_middleware(BodyLimit, max_body_bytes=settings.max_body_bytes, max_import_bytes=settings.max_import_bytes)
    return app
