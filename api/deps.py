"""Dependencies injected into routes: the driver and database the app was started with."""

from dataclasses import dataclass

from fastapi import Request
from neo4j import Driver


@dataclass(frozen=True)
class Graph:
    driver: Driver
    database: str


def get_graph(request: Request) -> Graph:
    return request.app.state.graph
