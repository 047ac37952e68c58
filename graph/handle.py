"""The graph a process works with: one driver and the name of its database, handed around as one
value (`Graph`) by the API, the matcher's service, the viewer and the command-line tools. It knows
the project's three ways in: a read query, a unit of work in a managed transaction (which the
driver retries on transient errors), and a session for what needs one (an auto-commit query).

`native` is the one conversion of Neo4j's temporal values (neo4j.time.Date, DateTime, ...) to
Python's (datetime.date, datetime.datetime, ...)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from neo4j import READ_ACCESS, WRITE_ACCESS, Driver, ManagedTransaction, RoutingControl, Session

T = TypeVar("T")


@dataclass(frozen=True)
class Graph:
    driver: Driver
    database: str

    def read(self, query: str, **params) -> list[dict]:
        """The rows of one read query, each as a dict, values as the driver gives them (see `native`)."""
        records, _, _ = self.driver.execute_query(query, params, database_=self.database, routing_=RoutingControl.READ)
        return [record.data() for record in records]

    def write_query(self, query: str, **params) -> list[dict]:
        """The rows of one write query, run on its own in a transaction of its own."""
        records, _, _ = self.driver.execute_query(query, params, database_=self.database, routing_=RoutingControl.WRITE)
        return [record.data() for record in records]

    def read_transaction(self, work: Callable[[ManagedTransaction], T]) -> T:
        """`work(tx)` in one managed read transaction: several reads that see one state of the graph."""
        with self.session(READ_ACCESS) as session:
            return session.execute_read(work)

    def write(self, work: Callable[[ManagedTransaction], T]) -> T:
        """`work(tx)` in one managed write transaction: all of it is written, or nothing. The driver
        runs `work` again after a transient error, so it must not keep state between attempts."""
        with self.session() as session:
            return session.execute_write(work)

    def session(self, access_mode: str = WRITE_ACCESS) -> Session:
        """A session on the graph's database, for work the helpers above do not cover."""
        return self.driver.session(database=self.database, default_access_mode=access_mode)


def native(value):
    """Neo4j's temporal values as Python's, through lists and maps; anything else as it is (so a
    value that is already Python's passes unchanged)."""
    if isinstance(value, dict):
        return {k: native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [native(v) for v in value]
    return value.to_native() if hasattr(value, "to_native") else value
