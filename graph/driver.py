"""One Neo4j driver per process, as the driver's documentation advises."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from neo4j import Driver, GraphDatabase, NotificationDisabledClassification

# The loader asks about relationship types and properties that a new graph does not have yet;
# the server's "does not exist" notices about them are expected, not worth a warning each.
QUIET = {"notifications_disabled_classifications": [NotificationDisabledClassification.UNRECOGNIZED]}
# Managed transactions retry transient errors (a deadlock, a lost connection) for this long. The
# driver's 30 s default would keep an API caller waiting that long while Neo4j is down; 5 s rides
# out a hiccup and then answers 503.
RETRIES = {"max_transaction_retry_time": 5.0}


@dataclass(frozen=True)
class Neo4jTarget:
    """Where the graph lives: a Bolt/Neo4j URI, credentials and the database name."""

    uri: str
    username: str
    password: str
    database: str = "neo4j"

    def environment(self) -> dict[str, str]:
        """The NEO4J_* variables (graph.settings) that point a child process at this target."""
        return {
            "NEO4J_URI": self.uri,
            "NEO4J_USERNAME": self.username,
            "NEO4J_PASSWORD": self.password,
            "NEO4J_DATABASE": self.database,
        }


_lock = threading.Lock()
_drivers: dict[Neo4jTarget, Driver] = {}


def get_driver(target: Neo4jTarget) -> Driver:
    """The process-wide driver for `target`, created on first use."""
    with _lock:
        driver = _drivers.get(target)
        if driver is None:
            driver = GraphDatabase.driver(target.uri, auth=(target.username, target.password), **QUIET, **RETRIES)
            _drivers[target] = driver
        return driver


def close_drivers() -> None:
    with _lock:
        for driver in _drivers.values():
            driver.close()
        _drivers.clear()


def close_driver(target: Neo4jTarget) -> None:
    with _lock:
        driver = _drivers.pop(target, None)
    if driver is not None:
        driver.close()
