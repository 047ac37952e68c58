"""Dependencies injected into routes: the graph, the matcher and the caller with their role."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graph.analysis.service import AnalysisService
from graph.handle import Graph, native
from graph.repositories import tokens as token_store
from matcher.service import MatcherService

Role = Literal["coordinator", "liaison", "team"]
ROLES: tuple[str, ...] = ("coordinator", "liaison", "team")
# The pages' login cookie holds a session id (api.routes.login), never the API token itself.
SESSION_COOKIE = "stedenlink_session"


@dataclass(frozen=True)
class Caller:
    """Who is calling: the token's id and name, its role, and for a team token the team."""

    id: str
    name: str
    role: str
    team: str | None = None
    expires_at: dt.datetime | None = None

    @property
    def is_coordinator(self) -> bool:
        return self.role == "coordinator"

    def as_actor(self) -> dict:
        return {"id": self.id, "name": self.name, "role": self.role}


def hash_token(token: str) -> str:
    # Tokens are 256 random bits, so a plain SHA-256 is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


class GraphRestarting(Exception):
    """The embedded Neo4j is being started again after a crash; answered 503 with Retry-After."""

    def __init__(self, status: dict):
        super().__init__(status["state"])
        self.status = status


def get_graph(request: Request) -> Graph:
    """The graph, or GraphRestarting at once while the embedded server is down: no request waits
    on a driver that cannot connect."""
    watch = getattr(request.app.state, "neo4j_watch", None)
    if watch is not None and not watch.available:
        raise GraphRestarting(watch.status())
    return request.app.state.graph


def get_matcher(request: Request) -> MatcherService:
    return request.app.state.matcher


def get_analysis(request: Request) -> AnalysisService:
    return request.app.state.analysis


class Unauthenticated(Exception):
    """Why a token or session does not let its bearer in (the 401's detail)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _caller(row: dict, now: dt.datetime) -> Caller:
    expires_at = native(row["expires_at"])
    if expires_at <= now:
        raise Unauthenticated(
            f"API token {row['id']} expired on {expires_at.isoformat(timespec='seconds')}; "
            "ask a coordinator for a new one"
        )
    return Caller(row["id"], row["name"], row["role"], row["team"], expires_at)


def authenticate_token(graph: Graph, token: str) -> Caller:
    """The caller an API token stands for; Unauthenticated for an unknown, revoked or expired one."""
    row = token_store.by_hash(graph, hash_token(token))
    if row is None:
        raise Unauthenticated("unknown or revoked API token")
    return _caller(row, _now())


def authenticate_session(graph: Graph, session_id: str) -> Caller:
    """The caller behind a login cookie's session; Unauthenticated once it is logged out or has
    expired, or its token is revoked or expired."""
    now = _now()
    row = token_store.by_session_hash(graph, hash_token(session_id), now)
    if row is None:
        raise Unauthenticated("the login session has ended (logged out, expired, or its token revoked); log in again")
    return _caller(row, now)


def request_caller(request: Request, graph: Graph, bearer: str | None) -> Caller:
    """The caller of a request: the bearer token if there is one, else the login cookie's session."""
    session_id = request.cookies.get(SESSION_COOKIE)
    if not bearer and not session_id:
        raise Unauthenticated("an API token is required (Authorization: Bearer TOKEN)")
    caller = authenticate_token(graph, bearer) if bearer else authenticate_session(graph, session_id)
    request.state.caller = caller
    return caller


def caller_from_token(graph: Graph, token: str | None) -> Caller | None:
    """The caller a token stands for; None for no token, or an unknown, revoked or expired one."""
    try:
        return authenticate_token(graph, token) if token else None
    except Unauthenticated:
        return None


_bearer = HTTPBearer(auto_error=False, description="An API token made with `python -m api tokens create`.")


def get_caller(
    request: Request,
    graph: Annotated[Graph, Depends(get_graph)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    """The caller named by the `Authorization: Bearer` header, or by the pages' login cookie."""
    try:
        return request_caller(request, graph, credentials.credentials if credentials else None)
    except Unauthenticated as error:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, str(error), headers={"WWW-Authenticate": "Bearer"})


def require_coordinator(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    if not caller.is_coordinator:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN, f"only a coordinator may do this; this token's role is {caller.role}"
        )
    return caller


def require_team_answer(team_id: str, caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    """Coordinators answer for any team; a team token only for its own team."""
    if caller.is_coordinator or (caller.role == "team" and caller.team == team_id):
        return caller
    if caller.role == "team":
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"this token answers for {caller.team} only, not for {team_id}")
    raise HTTPException(status.HTTP_403_FORBIDDEN, f"a {caller.role} token may read suggestions but not answer them")


GraphDep = Annotated[Graph, Depends(get_graph)]
MatcherDep = Annotated[MatcherService, Depends(get_matcher)]
AnalysisDep = Annotated[AnalysisService, Depends(get_analysis)]
CallerDep = Annotated[Caller, Depends(get_caller)]
CoordinatorDep = Annotated[Caller, Depends(require_coordinator)]
TeamAnswerDep = Annotated[Caller, Depends(require_team_answer)]
