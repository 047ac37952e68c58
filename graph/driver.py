"""One Neo4j driver per process, as the driver's documentation advises."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the graph lives: a Bolt/Neo4j URI, credentials and the database name."""

    uri: str
    username: str
    password: str
    database: str = "neo4j"


_lock = threading.Lock()
_drivers: dict[Neo4jTarget, Driver] = {}


def get_driver(target: Neo4jTarget) -> Driver:
    """The process-wide driver for `target`, created on first use."""
    with _lock:
        driver = _drivers.get(target)
        if driver is None:
            driver = GraphDatabase.driver(target.uri, auth=(target.username, target.password))
            _drivers[target] = driver
        return driver


def close_drivers() -> None:
    with _lock:
        for driver in _drivers.values():
            driver.close()
        _drivers.clear()
