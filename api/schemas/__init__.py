"""Request and response schemas, kept apart from the graph's own records. Shared shapes live here;
each area of the API has a module of its own."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Recovery(BaseModel):
    """What the service does about a crashed embedded Neo4j (absent for a server named by NEO4J_URI)."""

    state: str = Field(description="`up`, `restarting` (attempts under way) or `failed` (gave up; restart the service)")
    attempts: int = Field(description="restart attempts made for the current crash")
    max_attempts: int
    restarts: int = Field(description="successful restarts since the service started")
    last_error: str | None = None
    last_crash_at: str | None = None


class Health(BaseModel):
    status: str = Field(description="`ok`, `unavailable`, or `restarting` while the embedded Neo4j is started again")
    neo4j: str = Field(description="`up`, `unreachable` or `restarting`")
    nodes: dict[str, int] = {}
    detail: str | None = None
    recovery: Recovery | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list: `total` counts every match, `items` holds at most `limit` from `offset`."""

    total: int = Field(description="how many items match, over all pages")
    limit: int
    offset: int
    items: list[T]


class Message(BaseModel):
    detail: str


# Error answers, for the OpenAPI document.
ERRORS = {
    401: {"model": Message, "description": "no token, or an unknown or revoked one"},
    403: {"model": Message, "description": "the token's role may not do this"},
    404: {"model": Message, "description": "no node with this id"},
    503: {"model": Message, "description": "Neo4j cannot be reached; the service recovers when it is back"},
}
