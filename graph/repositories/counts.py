"""Counts of what the graph holds, and wiping it (tests only)."""

from neo4j import Driver

from graph.repositories import NETWORK_NODE


def node_counts(driver: Driver, database: str) -> dict[str, int]:
    """Nodes of the network per label; the service's tokens, sessions, audit log and write locks are not
    counted (and /health, which shows these counts to anyone, says nothing about them)."""
    records, _, _ = driver.execute_query(
        f"MATCH (n) WHERE {NETWORK_NODE} "
        "UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label", database_=database)
    return {r["label"]: r["n"] for r in records}


def relationship_counts(driver: Driver, database: str) -> dict[str, int]:
    records, _, _ = driver.execute_query(
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type", database_=database)
    return {r["type"]: r["n"] for r in records}


def wipe(driver: Driver, database: str) -> None:
    """Deletes every node and relationship, in batches so a large graph does not need a huge transaction."""
    # CALL ... IN TRANSACTIONS only runs in an auto-commit transaction, hence session.run.
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()


def snapshot(driver: Driver, database: str) -> tuple[list, list]:
    """Every node of the network (labels, properties) and relationship (start id, type, end id,
    properties), sorted: two snapshots are equal exactly when the networks are. Tokens, sessions, the
    audit log and write locks are the service's, not the network's, and are left out."""
    nodes, _, _ = driver.execute_query(
        f"MATCH (n) WHERE {NETWORK_NODE} "
        "RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id", database_=database)
    rels, _, _ = driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN a.id AS start, type(r) AS type, b.id AS end, properties(r) AS props "
        "ORDER BY start, type, end", database_=database)
    return ([(sorted(r["labels"]), r["props"]) for r in nodes],
            [(r["start"], r["type"], r["end"], r["props"]) for r in rels])
