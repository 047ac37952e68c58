"""Dependencies injected into routes: the graph, the matcher and the caller with their role."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from neo4j import Driver

from graph.repositories import tokens as token_store
from matcher.service import MatcherService

Role = Literal["coordinator", "liaison", "team"]
ROLES: tuple[str, ...] = ("coordinator", "liaison", "team")
TOKEN_COOKIE = "stedenlink_token"


@dataclass(frozen=True)
class Graph:
    driver: Driver
    database: str


@dataclass(frozen=True)
class Caller:
    """Who is calling: the token's id and name, its role, and for a team token the team."""

    id: str
    name: str
    role: str
    team: str | None = None

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


def caller_from_token(graph: Graph, token: str | None) -> Caller | None:
    """The caller a token stands for; None for no token, or an unknown or revoked one."""
    row = token_store.by_hash(graph.driver, graph.database, hash_token(token)) if token else None
    return Caller(row["id"], row["name"], row["role"], row["team"]) if row else None


_bearer = HTTPBearer(auto_error=False, description="An API token made with `python -m api.tokens create`.")


def get_caller(request: Request, graph: Annotated[Graph, Depends(get_graph)],
               credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> Caller:
    """The caller named by the `Authorization: Bearer` header, or by the pages' login cookie."""
    token = credentials.credentials if credentials else request.cookies.get(TOKEN_COOKIE)
    if not token:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "an API token is required (Authorization: Bearer TOKEN)",
                            headers={"WWW-Authenticate": "Bearer"})
    caller = caller_from_token(graph, token)
    if caller is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown or revoked API token",
                            headers={"WWW-Authenticate": "Bearer"})
    return caller


def require_coordinator(caller: Annotated[Caller, Depends(get_caller)]) -> Caller:
    if not caller.is_coordinator:
        raise HTTPException(status.HTTP_403_FORBIDDEN, f"only a coordinator may do this; this token's role is {caller.role}")
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
CallerDep = Annotated[Caller, Depends(get_caller)]
CoordinatorDep = Annotated[Caller, Depends(require_coordinator)]
TeamAnswerDep = Annotated[Caller, Depends(require_team_answer)]
