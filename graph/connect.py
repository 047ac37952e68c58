"""Opens the graph for a command-line tool or the service: the external server named by NEO4J_URI,
or the embedded one (started for the duration if it is not running already)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from graph.driver import Neo4jTarget, close_driver, get_driver
from graph.handle import Graph
from graph.schema import apply_schema
from graph.server import LocalNeo4j, target_from_settings
from graph.settings import Settings, get_settings
from graph.watch import Neo4jWatch


@contextmanager
def open_graph(settings: Settings | None = None, schema: bool = True) -> Iterator[Graph]:
    with open_watched_graph(settings, schema, watch=False) as (graph, _):
        yield graph


@contextmanager
def open_watched_graph(
    settings: Settings | None = None, schema: bool = True, watch: bool = True
) -> Iterator[tuple[Graph, Neo4jWatch | None]]:
    """As `open_graph`, and for the embedded server a Neo4jWatch that starts it again after a
    crash (None for a server named by NEO4J_URI: that one is only reconnected to)."""
    settings = settings or get_settings()
    target: Neo4jTarget | None = target_from_settings(settings)
    server = watcher = None
    if target is None:
        server = LocalNeo4j.from_settings(settings)
        target = server.start()
    try:
        graph = Graph(get_driver(target), target.database)
        graph.driver.verify_connectivity()
        if schema:
            apply_schema(graph)
        if watch and server is not None and server.process is not None:
            watcher = Neo4jWatch(server).start()  # only a server this process started is its to restart
        yield graph, watcher
    finally:
        if watcher is not None:
            watcher.stop()  # first, so that the stop below is not taken for a crash
        close_driver(target)  # before the server stops, so that it has no client to wait for
        if server is not None:
            server.stop()


@contextmanager
def scratch_graph(directory, settings: Settings | None = None, quiet: bool = False) -> Iterator[Graph]:
    """A graph holding exactly the bundle in `directory`, in an embedded server of its own
    (var/scratch-neo4j, Bolt port + 2), so that the user's graph is never touched."""
    with scratch_target(directory, settings, quiet) as (graph, _):
        yield graph


@contextmanager
def scratch_target(
    directory, settings: Settings | None = None, quiet: bool = False
) -> Iterator[tuple[Graph, Neo4jTarget]]:
    """As `scratch_graph`, with where the server is, for another process to connect to."""
    from graph.loader import load_bundle
    from graph.repositories.counts import wipe

    settings = settings or get_settings()
    server = LocalNeo4j(
        settings.var_dir / "scratch-neo4j",
        settings.bolt_port + 2,
        settings.neo4j_heap,
        settings.neo4j_pagecache,
        settings.neo4j_startup_timeout,
    )
    target = server.start()
    try:
        graph = Graph(get_driver(target), target.database)
        wipe(graph)
        apply_schema(graph)
        load_bundle(graph, directory, quiet=quiet)
        yield graph, target
    finally:
        close_driver(target)
        server.stop()
