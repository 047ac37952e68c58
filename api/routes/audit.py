"""The audit log: every write, with who made it and when; coordinators only."""

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import CoordinatorDep, GraphDep
from api.schemas import MAX_LIMIT, Offset, Page, errors
from api.schemas.writing import AuditEntry
from graph.handle import native
from graph.repositories import audit

router = APIRouter(tags=["audit"], responses=errors(401, 403, 422, 503))


@router.get("/audit", response_model=Page[AuditEntry])
def audit_log(
    graph: GraphDep,
    _: CoordinatorDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
    offset: Offset = 0,
    actor: Annotated[str | None, Query(max_length=200, description="a token id")] = None,
    target: Annotated[str | None, Query(max_length=200, description="a node id")] = None,
    action: Annotated[
        str | None,
        Query(max_length=200, description="e.g. create, update, delete, merge, import, membership, answer:accept"),
    ] = None,
):
    """Every write, newest first: who (token id, name, role), what (action, target, detail) and when."""
    total, items = audit.entries(graph, limit, offset, actor, target, action)
    for item in items:
        item["at"] = native(item["at"])
    return Page(total=total, limit=limit, offset=offset, items=items)
