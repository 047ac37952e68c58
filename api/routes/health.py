from fastapi import APIRouter
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError

from api.deps import GraphDep
from api.schemas import Health
from graph.repositories.stats import node_counts

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(graph: GraphDep):
    """Whether the service can reach Neo4j, with the number of nodes per label. Needs no token."""
    try:
        graph.driver.verify_connectivity()
        counts = node_counts(graph.driver, graph.database)
    except (DriverError, Neo4jError, OSError) as error:
        body = Health(status="unavailable", neo4j="unreachable", detail=str(error).splitlines()[0])
        return JSONResponse(status_code=503, content=body.model_dump())
    return Health(status="ok", neo4j="up", nodes=counts)
