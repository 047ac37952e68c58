"""Reads the whole network back for an export: every node of the domain's labels and every
relationship between two of them. Tokens and audit entries are the service's, not the network's,
and are never read here."""

from __future__ import annotations

from neo4j import ManagedTransaction

from graph.bundle import LABELS
from graph.handle import Graph

# A node's domain label: the loader gives each node exactly one, but the query must not trust that.
_DOMAIN_LABEL = "[l IN labels({v}) WHERE l IN $labels][0]"


def read_network(graph: Graph) -> tuple[list[dict], list[dict]]:
    """Nodes as {label, props} sorted by id, and relationships as {start, start_label, type, end,
    end_label, props} sorted by start, type and end. Both are read in one transaction, so they
    describe the same state of the graph even while others write."""

    def work(tx: ManagedTransaction) -> tuple[list[dict], list[dict]]:
        nodes = tx.run(
            f"MATCH (n) WHERE {_DOMAIN_LABEL.format(v='n')} IS NOT NULL "
            f"RETURN {_DOMAIN_LABEL.format(v='n')} AS label, properties(n) AS props ORDER BY n.id",
            labels=list(LABELS),
        ).data()
        rels = tx.run(
            f"MATCH (a)-[r]->(b) "
            f"WITH a, r, b, {_DOMAIN_LABEL.format(v='a')} AS start_label, {_DOMAIN_LABEL.format(v='b')} AS end_label "
            "WHERE start_label IS NOT NULL AND end_label IS NOT NULL "
            "RETURN a.id AS start, start_label, type(r) AS type, b.id AS end, end_label, properties(r) AS props "
            "ORDER BY start, type, end",
            labels=list(LABELS),
        ).data()
        return nodes, rels

    return graph.read_transaction(work)


def read_node(tx: ManagedTransaction, node_id: str) -> tuple[dict | None, list[dict]]:
    """One node as read_network reads it, with every relationship it has to another domain node."""
    node = tx.run(
        f"MATCH (n {{id: $id}}) WHERE {_DOMAIN_LABEL.format(v='n')} IS NOT NULL "
        f"RETURN {_DOMAIN_LABEL.format(v='n')} AS label, properties(n) AS props",
        id=node_id,
        labels=list(LABELS),
    ).single()
    if node is None:
        return None, []
    rels = tx.run(
        f"MATCH (n {{id: $id}})-[r]-() WITH DISTINCT r, startNode(r) AS a, endNode(r) AS b "
        f"WITH a, r, b, {_DOMAIN_LABEL.format(v='a')} AS start_label, {_DOMAIN_LABEL.format(v='b')} AS end_label "
        "WHERE start_label IS NOT NULL AND end_label IS NOT NULL "
        "RETURN a.id AS start, start_label, type(r) AS type, b.id AS end, end_label, properties(r) AS props "
        "ORDER BY start, type, end",
        id=node_id,
        labels=list(LABELS),
    ).data()
    return node.data(), rels
