"""Request and response schemas, kept apart from the graph's own records. Shared shapes live here;
each area of the API has a module of its own."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Health(BaseModel):
    status: str
    neo4j: str
    nodes: dict[str, int] = {}
    detail: str | None = None


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
