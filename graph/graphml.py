"""The whole network as GraphML, the format Gephi (and yEd, Cytoscape, networkx) reads.

Every property becomes a GraphML attribute with a declared type, so that Gephi can size nodes by
population or filter by sector. Nodes also get `label` (what Gephi shows: the name) and `type`
(the Neo4j label), edges `type` (the relationship type). GraphML has no lists or dates: lists are
joined with '; ', dates written as ISO text.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

from graph.export import DERIVED, plain
from graph.handle import Graph
from graph.repositories.exporting import read_network

NAMESPACE = "http://graphml.graphdrawing.org/xmlns"
LIST_SEPARATOR = "; "
# Characters XML 1.0 cannot hold at all, not even escaped; a stray one would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def network_graphml(graph: Graph) -> bytes:
    """The network (domain labels only; tokens and the audit log are left out) as GraphML, UTF-8."""
    nodes, rels = read_network(graph)
    return to_graphml(nodes, rels)


def to_graphml(nodes: list[dict], rels: list[dict]) -> bytes:
    """GraphML for nodes and relationships as graph.repositories.exporting reads them."""
    root = ET.Element("graphml", xmlns=NAMESPACE)
    # The id is the node's own id in GraphML; name_keys are the loader's, not the network's.
    node_props = [{k: v for k, v in n["props"].items() if k not in DERIVED and k != "id"} for n in nodes]
    node_keys = _declare(root, "node", {"label": "string", "type": "string"}, node_props, first=0)
    edge_keys = _declare(root, "edge", {"type": "string"}, [r["props"] for r in rels], first=len(node_keys))

    graph = ET.SubElement(root, "graph", id="stedenlink", edgedefault="directed")
    for node, props in zip(nodes, node_props):
        element = ET.SubElement(graph, "node", id=_text(node["props"].get("id")))
        _data(element, node_keys, {"label": _display_name(props), "type": node["label"]}, props)
    for number, rel in enumerate(rels):
        element = ET.SubElement(graph, "edge", id=f"e{number}", source=_text(rel["start"]), target=_text(rel["end"]))
        _data(element, edge_keys, {"type": rel["type"]}, rel["props"])

    ET.indent(root)
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue()


def _declare(root: ET.Element, domain: str, fixed: dict[str, str], rows: list[dict], first: int) -> dict[str, str]:
    """Declares a <key> for each fixed attribute and each property any row has; returns
    attribute name -> key id. A property named like a fixed attribute is kept as 'property_NAME'."""
    types: dict[str, str] = dict(fixed)
    for row in rows:
        for name, value in row.items():
            if value is None:
                continue
            name = _attribute_name(name, fixed)
            types[name] = _merge(types.get(name), _graphml_type(value))
    ids = {}
    for number, name in enumerate([*fixed, *sorted(set(types) - set(fixed))], start=first):
        ids[name] = f"d{number}"
        ET.SubElement(root, "key", {"id": ids[name], "for": domain, "attr.name": name, "attr.type": types[name]})
    return ids


def _data(element: ET.Element, keys: dict[str, str], fixed: dict[str, str], props: dict) -> None:
    values = {**fixed, **{_attribute_name(k, fixed): v for k, v in props.items() if v is not None}}
    for name, value in values.items():
        ET.SubElement(element, "data", key=keys[name]).text = _text(value)


def _attribute_name(name: str, fixed: dict) -> str:
    return f"property_{name}" if name in fixed else name


def _graphml_type(value) -> str:
    # bool first: in Python True is also an int.
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _merge(seen: str | None, new: str) -> str:
    """One type for a property over all nodes: long and double give double, any other mix string."""
    if seen is None or seen == new:
        return new
    return "double" if {seen, new} == {"long", "double"} else "string"


def _text(value) -> str:
    value = plain(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_text(v) for v in value)
    return _NOT_XML.sub("", str(value))


def _display_name(props: dict) -> str:
    """What Gephi shows on a node: its name; a post, which has none, the start of its text."""
    if props.get("name"):
        return str(props["name"])
    text = str(props.get("text") or "")
    return text if len(text) <= 60 else text[:59] + "…"
