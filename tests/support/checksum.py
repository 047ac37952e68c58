"""What a test compares to say "the graph is as it was": the counts per label and type, and a
checksum of every node of the network and every relationship with their properties
(graph.repositories.counts.snapshot), beside how many journal nodes of a batched load are left."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from graph.handle import Graph
from graph.journal import encode
from graph.repositories.counts import snapshot


@dataclass(frozen=True)
class GraphState:
    nodes: dict[str, int]  # per label
    relationships: dict[str, int]  # per type
    checksum: str
    journal: int  # Import and ImportStep nodes (none once a load is done or undone)


def graph_state(graph: Graph) -> GraphState:
    nodes, rels = snapshot(graph)
    lines = [f"N {labels} {encode(props)}" for labels, props in nodes]
    lines += [f"R {start} {type_} {end} {encode(props)}" for start, type_, end, props in rels]
    journal = graph.read("MATCH (n) WHERE n:Import OR n:ImportStep RETURN count(n) AS n")[0]["n"]
    return GraphState(
        dict(Counter(label for labels, _ in nodes for label in labels)),
        dict(Counter(type_ for _, type_, _, _ in rels)),
        hashlib.sha256("\n".join(lines).encode()).hexdigest(),
        journal,
    )
