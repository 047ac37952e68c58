"""Counts of what the graph holds, and wiping it (tests only)."""

from graph.handle import Graph
from graph.repositories import NETWORK_NODE


def node_counts(graph: Graph) -> dict[str, int]:
    """Nodes of the network per label; the service's tokens, sessions, audit log and write locks are not
    counted (and /health, which shows these counts to anyone, says nothing about them)."""
    rows = graph.read(
        f"MATCH (n) WHERE {NETWORK_NODE} UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label"
    )
    return {r["label"]: r["n"] for r in rows}


def relationship_counts(graph: Graph) -> dict[str, int]:
    rows = graph.read("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type")
    return {r["type"]: r["n"] for r in rows}


def wipe(graph: Graph) -> None:
    """Deletes every node and relationship, in batches so a large graph does not need a huge transaction."""
    # CALL ... IN TRANSACTIONS only runs in an auto-commit transaction, hence session.run.
    with graph.session() as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def snapshot(graph: Graph) -> tuple[list, list]:
    """Every node of the network (labels, properties) and relationship (start id, type, end id,
    properties), sorted: two snapshots are equal exactly when the networks are. Tokens, sessions, the
    audit log and write locks are the service's, not the network's, and are left out."""
    nodes = graph.read(
        f"MATCH (n) WHERE {NETWORK_NODE} RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id"
    )
    rels = graph.read(
        "MATCH (a)-[r]->(b) RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props "
        "ORDER BY start, type, end"
    )
    return (
        [(sorted(r["labels"]), r["props"]) for r in nodes],
        [(r["start"], r["type"], r["end"], r["props"]) for r in rels],
    )
