"""The FastAPI application. The graph connection is made by whoever runs the app (api.serve, the
tests) and handed in, so the app itself never starts servers."""

from typing import Annotated

from fastapi import Depends, FastAPI
from fastapi.responses import JSONResponse
from neo4j.exceptions import DriverError, Neo4jError

from api.deps import Graph, get_graph
from api.schemas import Health
from graph.repositories.stats import node_counts


def create_app(graph: Graph) -> FastAPI:
    app = FastAPI(
        title="Stedenlink partner graph",
        description="Stakeholder network and partner matching for the Digitale Steden Agenda (G4/G32).",
        version="0.1.0",
    )
    app.state.graph = graph

    @app.get("/health", response_model=Health, responses={503: {"model": Health}}, tags=["health"])
    def health(graph: Annotated[Graph, Depends(get_graph)]):
        """Whether the service can reach Neo4j, with the number of nodes per label."""
        try:
            graph.driver.verify_connectivity()
            counts = node_counts(graph.driver, graph.database)
        except (DriverError, Neo4jError, OSError) as error:
            body = Health(status="unavailable", neo4j="unreachable", detail=str(error).splitlines()[0])
            return JSONResponse(status_code=503, content=body.model_dump())
        return Health(status="ok", neo4j="up", nodes=counts)

    return app
