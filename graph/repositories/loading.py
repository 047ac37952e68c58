"""Queries the loader runs, all inside one managed write transaction."""

from __future__ import annotations

from neo4j import ManagedTransaction

from graph.bundle import LABELS
from graph.repositories import label as _label
from graph.repositories import rel_type as _rel_type


def existing_ids(tx: ManagedTransaction, label: str, ids: list[str]) -> set[str]:
    result = tx.run(f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) RETURN n.id AS id", ids=ids)
    return {record["id"] for record in result}


def name_keys(tx: ManagedTransaction, label: str) -> list[tuple[str, list[str]]]:
    """(id, name_keys) of every node of `label`. Read whole and matched in Python: Neo4j's range
    indexes do not index list elements, and one pass over a label is cheaper than a search per key."""
    result = tx.run(f"MATCH (n:{_label(label)}) WHERE n.name_keys IS NOT NULL RETURN n.id AS id, n.name_keys AS keys")
    return [(record["id"], record["keys"]) for record in result]


def node_properties(tx: ManagedTransaction, label: str, ids: list[str]) -> dict[str, dict]:
    result = tx.run(
        f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) RETURN n.id AS id, properties(n) AS props",
        ids=ids,
    )
    return {record["id"]: record["props"] for record in result}


def relationship_properties(
    tx: ManagedTransaction, type_: str, start_label: str, end_label: str, pairs: list[dict]
) -> dict[tuple[str, str], dict]:
    result = tx.run(
        f"UNWIND $pairs AS pair "
        f"MATCH (a:{_label(start_label)} {{id: pair.start}})-[r:{_rel_type(type_)}]->(b:{_label(end_label)} {{id: pair.end}}) "
        "RETURN a.id AS start, b.id AS end, properties(r) AS props",
        pairs=pairs,
    )
    return {(record["start"], record["end"]): record["props"] for record in result}


def write_nodes(tx: ManagedTransaction, label: str, rows: list[dict]) -> None:
    """Creates or replaces nodes: each row is {id, props} and props become the node's properties."""
    tx.run(f"UNWIND $rows AS row MERGE (n:{_label(label)} {{id: row.id}}) SET n = row.props", rows=rows)


def write_relationships(tx: ManagedTransaction, type_: str, start_label: str, end_label: str, rows: list[dict]) -> None:
    """Creates or replaces relationships: each row is {start, end, props}."""
    tx.run(
        f"UNWIND $rows AS row "
        f"MATCH (a:{_label(start_label)} {{id: row.start}}) MATCH (b:{_label(end_label)} {{id: row.end}}) "
        f"MERGE (a)-[r:{_rel_type(type_)}]->(b) SET r = row.props",
        rows=rows,
    )


def is_new_graph(tx: ManagedTransaction, seed_action: str) -> bool:
    """True when the graph holds no node of the network and no seed was ever loaded into it (its
    audit log has no `seed_action` entry): tokens and other audit entries do not count."""
    record = tx.run(
        "RETURN NOT EXISTS { MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) } "
        "AND NOT EXISTS { MATCH (e:AuditEntry {action: $action}) } AS new",
        labels=list(LABELS),
        action=seed_action,
    ).single()
    return record["new"]


def remove_network(tx: ManagedTransaction) -> dict[str, int]:
    """Deletes every node of the network with its relationships, leaving the service's own nodes
    (tokens, audit log); how many nodes went, per label."""
    result = tx.run(
        "MATCH (n) WITH n, [l IN labels(n) WHERE l IN $labels][0] AS label WHERE label IS NOT NULL "
        "DETACH DELETE n RETURN label, count(*) AS n ORDER BY label",
        labels=list(LABELS),
    )
    return {record["label"]: record["n"] for record in result}
