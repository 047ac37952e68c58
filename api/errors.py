"""Errors a route may raise, and how each reaches the caller: a status and a JSON `detail`, never
a stack trace."""

from __future__ import annotations

import json
import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from neo4j.exceptions import (
    ClientError,
    ConstraintError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.deps import GraphRestarting
from graph.integrity import HasDependants
from graph.journal import ImportRunning
from graph.loader import BundleRejected
from graph.records import NoSuchRecord, RecordExists
from graph.repositories.answers import PartnerByRecord

log = logging.getLogger("stedenlink.api")


class NotFound(LookupError):
    def __init__(self, what: str):
        super().__init__(what)
        self.detail = what


class Conflict(Exception):
    def __init__(self, detail: str | list):
        super().__init__(str(detail))
        self.detail = detail


class Invalid(ValueError):
    """Input that passed the schema but not the graph's rules, with the field (in the body) or the
    parameter (`where="query"`) it concerns; answered like FastAPI's own 422s."""

    def __init__(self, field: str, message: str, where: str = "body"):
        super().__init__(f"{field}: {message}")
        self.field, self.message, self.where = field, message, where


def rejected_status(rejected: BundleRejected) -> int:
    """409 when a problem is a duplicate (an id or a name that belongs to another record: a clash
    with what exists, answered like an id that exists); else 422, for input that is wrong in
    itself, refers to nothing, or contradicts itself. Told by each problem's code, never its message."""
    return 409 if any(problem.code == "duplicate" for problem in rejected.problems) else 422


def problems_as_detail(rejected: BundleRejected) -> list[dict]:
    """A bundle's problems in the API's one shape of a problem (api.schemas.Problem)."""
    return [
        {
            "loc": [p.location.file, p.location.section, p.location.index, p.field],
            "msg": p.message,
            "type": "bundle",
            "record": p.location.record_id,
            "line": p.location.line,
            "text": str(p),
        }
        for p in rejected.problems
    ]


def validation_problems(error: RequestValidationError) -> list[dict]:
    """FastAPI's own 422s in the same shape. The input is left out: it may be the whole body, and
    the field and message already say what is wrong with it."""
    return [
        {
            "loc": [part if isinstance(part, (str, int)) else str(part) for part in e.get("loc", ())],
            "msg": e.get("msg", "invalid"),
            "type": e.get("type", "value_error"),
        }
        for e in error.errors()
    ]


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped: an error may quote what the caller sent, and a
    lone surrogate in it could not be encoded as UTF-8."""

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode("ascii")


def _json(status: int, detail, headers: dict | None = None) -> JSONResponse:
    return AsciiJSONResponse(status_code=status, content={"detail": detail}, headers=headers)


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")


def allowed_methods(app: FastAPI, scope: dict) -> list[str]:
    """Every method some route answers at the request's path (each method is a route of its own,
    so Starlette's 405 names only the first route's). Asked through Starlette's own matching, since
    included routers are not flattened into app.routes."""

    def answered(method: str) -> bool:
        probe = {**scope, "type": "http", "method": method}
        return any(route.matches(probe)[0] == Match.FULL for route in app.routes)

    methods = [method for method in HTTP_METHODS if answered(method)]
    return [*methods, "OPTIONS"] if methods else []


def retry_after(request: Request) -> dict:
    """The Retry-After header of a 503: the watch's estimate while it restarts Neo4j, else a few seconds."""
    watch = getattr(request.app.state, "neo4j_watch", None)
    return {"Retry-After": str(watch.retry_after() if watch is not None else DEFAULT_RETRY_AFTER)}


DEFAULT_RETRY_AFTER = 5


def install(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    @app.exception_handler(NoSuchRecord)
    async def not_found(_: Request, error: Exception):
        return _json(404, getattr(error, "detail", str(error)))

    @app.exception_handler(Conflict)
    @app.exception_handler(RecordExists)
    @app.exception_handler(PartnerByRecord)
    async def conflict(_: Request, error: Exception):
        return _json(409, getattr(error, "detail", str(error)))

    @app.exception_handler(HasDependants)
    async def has_dependants(_: Request, error: HasDependants):
        return _json(409, {"message": str(error), "dependants": [d.as_dict() for d in error.dependants]})

    @app.exception_handler(RequestValidationError)
    async def request_invalid(_: Request, error: RequestValidationError):
        return _json(422, validation_problems(error))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = ", ".join(allowed_methods(request.app, request.scope))
        return _json(error.status_code, error.detail, headers)

    @app.exception_handler(Invalid)
    async def invalid(_: Request, error: Invalid):
        return _json(
            422, [{"loc": [error.where, *error.field.split(".")], "msg": error.message, "type": "value_error"}]
        )

    @app.exception_handler(BundleRejected)
    async def rejected(_: Request, error: BundleRejected):
        return _json(rejected_status(error), problems_as_detail(error))

    @app.exception_handler(ImportRunning)
    async def importing(request: Request, error: ImportRunning):
        return _json(503, str(error), {"Retry-After": "30"})

    @app.exception_handler(GraphRestarting)
    async def restarting(request: Request, error: GraphRestarting):
        if error.status["state"] == "failed":
            detail = "the graph database (Neo4j) stopped and could not be started again; the service needs a restart"
        else:
            detail = (
                f"the graph database (Neo4j) stopped and is being restarted "
                f"(attempt {error.status['attempts']} of {error.status['max_attempts']}); try again shortly"
            )
        return _json(503, detail, retry_after(request))

    @app.exception_handler(DriverError)
    @app.exception_handler(Neo4jError)
    @app.exception_handler(OSError)
    async def graph_unavailable(request: Request, error: Exception):
        if isinstance(error, ConstraintError):
            return _json(409, f"conflicts with what the graph holds: {error.message}")
        if isinstance(error, ClientError) and not isinstance(error, (ServiceUnavailable, SessionExpired)):
            log.exception("query failed")
            return _json(500, "the graph refused a query; the error is in the service's log")
        return _json(503, "the graph database (Neo4j) cannot be reached; try again shortly", retry_after(request))

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception):
        log.exception("unexpected error")
        return _json(500, "internal error; it is in the service's log")
