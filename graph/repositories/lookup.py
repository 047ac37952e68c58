"""Reading single nodes and their neighbours; used by spot checks now and the API later."""

from graph.bundle import name_key
from graph.handle import Graph
from graph.repositories import label as _label


def ids_by_name(graph: Graph, label: str, name: str) -> list[str]:
    """The ids of nodes of `label` that go by `name` (their name or an alias, in any spelling)."""
    rows = graph.read(
        f"MATCH (n:{_label(label)}) WHERE $key IN n.name_keys RETURN n.id AS id ORDER BY id", key=name_key(name)
    )
    return [r["id"] for r in rows]


def neighbours(
    graph: Graph, node_id: str, rel_type: str | None = None, direction: str = "both"
) -> list[tuple[str, str, str]]:
    """(relationship type, direction, neighbour id) for each relationship of the node."""
    pattern = {"out": "(n)-[r]->(m)", "in": "(n)<-[r]-(m)", "both": "(n)-[r]-(m)"}[direction]
    rows = graph.read(
        f"MATCH {pattern} WHERE n.id = $id AND ($type IS NULL OR type(r) = $type) "
        "RETURN type(r) AS type, CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END AS dir, m.id AS other "
        "ORDER BY type, other",
        id=node_id,
        type=rel_type,
    )
    return [(r["type"], r["dir"], r["other"]) for r in rows]
