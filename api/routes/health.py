from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError

from api.errors import retry_after
from api.schemas import Health, Recovery
from graph.repositories.counts import node_counts

router = APIRouter(tags=["health"])


def _unavailable(request: Request, body: Health) -> JSONResponse:
    return JSONResponse(status_code=503, content=body.model_dump(), headers=retry_after(request))


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(request: Request):
    """Whether the service can reach Neo4j, with the number of nodes per label, and for the
    embedded server what the service does about a crash (`recovery`). Needs no token."""
    graph, watch = request.app.state.graph, request.app.state.neo4j_watch
    recovery = Recovery(**watch.status()) if watch is not None else None
    if recovery is not None and recovery.state != "up":
        return _unavailable(
            request,
            Health(
                status=recovery.state,
                neo4j="restarting" if recovery.state == "restarting" else "unreachable",
                detail=recovery.last_error,
                recovery=recovery,
            ),
        )
    try:
        graph.driver.verify_connectivity()
        counts = node_counts(graph)
    except (DriverError, Neo4jError, OSError) as error:
        return _unavailable(
            request,
            Health(status="unavailable", neo4j="unreachable", detail=str(error).splitlines()[0], recovery=recovery),
        )
    return Health(status="ok", neo4j="up", nodes=counts, recovery=recovery)
