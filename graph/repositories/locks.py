"""Write locks that make a read and the write that depends on it one atomic step.

Neo4j reads what is committed (read committed): two transactions that each check "is this name
free?" and then write it both see it free. A transaction that first takes an exclusive lock and
only then reads sees everything committed by the one that held the lock before it, so checks and
writes that take the same lock happen one after the other.

Setting and removing a property in one statement takes the node's exclusive lock (held until the
transaction ends) and leaves the node as it was; removing an absent property alone takes none.
"""

from __future__ import annotations

from neo4j import ManagedTransaction

from graph.repositories import label as _label
from graph.repositories.journal import IMPORT_LABEL, ImportRunning

LOCK_LABEL = "WriteLock"  # the service's own nodes (SERVICE_LABELS), one per kind of record


def lock_kinds(tx: ManagedTransaction, labels, importing: bool = False) -> None:
    """Locks the writes of records of these labels: names and aliases are unique within a label and
    ids within the graph, so creating, changing or deleting a record of a label takes its lock.
    Taken in one order (sorted), so that two writes of several labels cannot wait for each other.
    Raises ImportRunning while a batched load is being written (graph.journal), unless this is
    that load beginning (`importing`)."""
    for name in sorted(set(labels)):
        tx.run(f"MERGE (l:{LOCK_LABEL} {{id: $label}}) SET l._lock = true REMOVE l._lock", label=_label(name))
    if not importing:
        refuse_while_importing(tx)


def refuse_while_importing(tx: ManagedTransaction) -> None:
    """Raises ImportRunning when a batched load is being written: its journal must be the only
    writer until it commits, so that undoing it undoes nobody else's edit."""
    running = tx.run(f"MATCH (i:{IMPORT_LABEL} {{status: 'running'}}) RETURN properties(i) AS running LIMIT 1").single()
    if running is not None:
        raise ImportRunning(running["running"])


def lock_node(tx: ManagedTransaction, label: str, node_id: str) -> bool:
    """Locks one node (a team whose answers change, a record being patched); False if it is not there."""
    record = tx.run(
        f"MATCH (n:{_label(label)} {{id: $id}}) SET n._lock = true REMOVE n._lock RETURN count(n) AS n", id=node_id
    ).single()
    refuse_while_importing(tx)
    return record["n"] > 0
