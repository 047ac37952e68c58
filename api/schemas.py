"""Request and response schemas, kept apart from the graph's own records."""

from pydantic import BaseModel


class Health(BaseModel):
    status: str
    neo4j: str
    nodes: dict[str, int] = {}
    detail: str | None = None
