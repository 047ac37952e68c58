"""Opens the graph for a command-line tool or the service: the external server named by NEO4J_URI,
or the embedded one (started for the duration if it is not running already)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from neo4j import Driver

from graph.driver import Neo4jTarget, close_driver, get_driver
from graph.schema import apply_schema
from graph.server import LocalNeo4j, target_from_settings
from graph.settings import Settings, get_settings


@contextmanager
def open_graph(settings: Settings | None = None, schema: bool = True) -> Iterator[tuple[Driver, str]]:
    settings = settings or get_settings()
    target: Neo4jTarget | None = target_from_settings(settings)
    server = None
    if target is None:
        server = LocalNeo4j.from_settings(settings)
        target = server.start()
    try:
        driver = get_driver(target)
        driver.verify_connectivity()
        if schema:
            apply_schema(driver, target.database)
        yield driver, target.database
    finally:
        close_driver(target)  # before the server stops, so that it has no client to wait for
        if server is not None:
            server.stop()
