"""Request and response schemas, kept apart from the graph's own records. Shared shapes live here;
each area of the API has a module of its own."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from graph.bundle import EARLIEST_DATE, LATEST_DATE, Date
from graph.validate import MAX_TEXT, text_problem

T = TypeVar("T")

# Paging bounds: a page is at most MAX_LIMIT items, and nothing lies past MAX_OFFSET (the graph
# refuses list indexes that large, and no list of the network is anywhere near it).
MAX_LIMIT = 500
MAX_OFFSET = 100_000


def _valid_text(value: str) -> str:
    problem = text_problem(value)
    if problem:
        raise ValueError(problem)
    return value


def text(max_length: int = MAX_TEXT):
    """Free text the API's own schemas take: bounded, and only characters the graph can store."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_valid_text)]


Text = text()


def as_of_query(description: str):
    return Annotated[
        Date | None, Query(description=f"{description} (YYYY-MM-DD, {EARLIEST_DATE.year}-{LATEST_DATE.year})")
    ]


Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"items to skip (at most {MAX_OFFSET})")]


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


class Problem(BaseModel):
    """One thing wrong with a request: where (`loc`), what (`msg`) and its kind (`type`). Problems
    with a record or bundle also say the record's id, the line in a YAML body and the whole problem
    in one line, as the command-line loader prints it."""

    model_config = ConfigDict(extra="forbid")

    loc: list[str | int | None] = Field(
        description="where: ['body', field...], ['query', name], ['path', name], "
        "or for a record [document, section, position, field]"
    )
    msg: str
    type: str = Field(description="e.g. missing, string_too_long, value_error, json_invalid, bundle")
    record: str | None = Field(default=None, description="the record's id, for a record or bundle")
    line: int | None = Field(default=None, description="the line in a YAML body where the record starts")
    text: str | None = Field(default=None, description="the whole problem in one line")


class Problems(BaseModel):
    """The answer to a request with invalid input (422): every problem found; nothing was written."""

    detail: list[Problem]


class ConflictMessage(BaseModel):
    detail: str | list[Problem] = Field(description="what conflicts: a sentence, or the problems of a record")


# Error answers, for the OpenAPI document. Every route that takes input may also answer 400 (a
# body that is not JSON), 413 (a body past the size limit) and 422.
ERRORS = {
    400: {"model": Message, "description": "the body cannot be parsed (not JSON, not UTF-8, nested too deeply)"},
    401: {"model": Message, "description": "no token, or an unknown or revoked one"},
    403: {"model": Message, "description": "the token's role may not do this"},
    404: {"model": Message, "description": "no node with this id"},
    413: {"model": Message, "description": "the body is larger than the limit (the answer names it)"},
    422: {"model": Problems, "description": "invalid input: each problem with its place and kind"},
    503: {"model": Message, "description": "Neo4j cannot be reached; the service recovers when it is back"},
}
BODY_ERRORS = (400, 413, 422)


def errors(*codes: int) -> dict:
    """The error answers `codes`, for a route's `responses=`."""
    return {code: ERRORS[code] for code in codes}


CONFLICT = {
    409: {
        "model": ConflictMessage,
        "description": "a duplicate id, or a name or alias that belongs to another node; nothing was written",
    }
}
