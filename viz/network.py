"""The viewer's views of the graph, and their vis-network data made with pyvis.

Two views: the whole network (filtered on the server when the URL asks, then capped at the
best-connected nodes) and the ego view of one node (its neighbours to depth 1 or 2). Positions come
from viz.layout, so the browser draws with physics off: nothing moves, and a large view is drawn
as fast as a small one is.
"""

from __future__ import annotations

import json
import math
import textwrap
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field

import numpy as np
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from graph.handle import Graph
from graph.repositories import viewing
from graph.vocabulary import JOIN_STATUS_NL
from viz.graphdata import Filters, ViewNode, WholeGraph, iso_day, read_nodes
from viz.layout import SPACING, spring_layout
from viz.style import (
    EDGE_STYLES,
    NODE_STYLES,
    edge_style,
    legend,
    node_style,
)

MAX_NODES = 1500  # what one view shows by default: a laptop pans and zooms this smoothly
MAX_NODES_LIMIT = 6000  # the most a caller may ask for (?max=)
MANY_EDGES = 2000  # above this, edges are hidden while dragging or zooming, to keep it smooth
SMALL_VIEW = 120  # up to this many nodes, a view is drawn roomier and with one label size


class UnknownNode(LookupError):
    def __init__(self, node_id: str):
        super().__init__(f"no node with id {node_id!r}")
        self.node_id = node_id


@dataclass
class View:
    mode: str  # "whole" or "ego"
    nodes: list[ViewNode]
    edges: list[dict]
    positions: np.ndarray
    total_nodes: int  # what the view would show without the cap
    total_edges: int
    left_out: Counter = field(default_factory=Counter)  # left out by the cap, per label
    filtered_out: int = 0  # left out by the server-side filters
    focus: str | None = None
    depth: int | None = None


# --- choosing what to show ------------------------------------------------------------------


def _rank(nodes, first=lambda n: 0):
    return sorted(nodes, key=lambda n: (first(n), -n.degree, n.id))


def whole_view(
    graph: WholeGraph, filters: Filters, max_nodes: int = MAX_NODES, communities: dict[str, int] | None = None
) -> View:
    """The network's best-connected `max_nodes` nodes among those the filters keep; laid out by
    `communities` (node id -> community) when given, so that clusters read as clusters."""
    candidates = [n for n in graph.nodes.values() if filters.keeps(n)]
    ranked = _rank(candidates)
    shown, dropped = ranked[:max_nodes], ranked[max_nodes:]
    shown_ids = {n.id for n in shown}
    candidate_ids = {n.id for n in candidates}
    edges = [e for e in graph.edges if e["source"] in shown_ids and e["target"] in shown_ids]
    total_edges = sum(1 for e in graph.edges if e["source"] in candidate_ids and e["target"] in candidate_ids)
    return View(
        "whole",
        shown,
        edges,
        _positions(graph.fingerprint, shown, edges, communities),
        len(candidates),
        total_edges,
        Counter(n.label for n in dropped),
        len(graph.nodes) - len(candidates),
    )


def ego_view(graph: Graph, focus: str, depth: int = 1, max_nodes: int = MAX_NODES) -> View:
    """`focus` and the nodes up to `depth` relationships away, nearest and best-connected first."""
    distance = {focus: 0}
    frontier = [focus]
    for step in range(1, depth + 1):
        reached = []
        for row in viewing.relationships_touching(graph, frontier):
            for end in (row["source"], row["target"]):
                if end not in distance:
                    distance[end] = step
                    reached.append(end)
        frontier = reached
    nodes = read_nodes(graph, distance)
    if focus not in nodes:
        raise UnknownNode(focus)
    ranked = _rank(nodes.values(), first=lambda n: distance[n.id])
    shown, dropped = ranked[:max_nodes], ranked[max_nodes:]
    edges = viewing.relationships_among(graph, [n.id for n in shown])
    total_edges = len(edges) if not dropped else len(viewing.relationships_among(graph, list(nodes)))
    return View(
        "ego",
        shown,
        edges,
        _positions(None, shown, edges),
        len(nodes),
        total_edges,
        Counter(n.label for n in dropped),
        focus=focus,
        depth=depth,
    )


# --- positions ------------------------------------------------------------------------------

_layout_lock = threading.Lock()
_layouts: OrderedDict = OrderedDict()  # (fingerprint, node ids) -> positions, for whole views


def _positions(fingerprint, nodes: list[ViewNode], edges: list[dict], communities: dict | None = None) -> np.ndarray:
    """Layout positions, kept for the last few whole-network views: the same view asked again
    (another user, a reload) is then served without laying it out again."""
    ids = tuple(n.id for n in nodes)
    key = (fingerprint, ids, communities is not None) if fingerprint is not None else None
    if key is not None:
        with _layout_lock:
            if key in _layouts:
                _layouts.move_to_end(key)
                return _layouts[key]
    index = {node_id: i for i, node_id in enumerate(ids)}
    pairs = np.array([(index[e["source"]], index[e["target"]]) for e in edges], dtype=np.int64).reshape(-1, 2)
    if communities:
        pairs = np.vstack([pairs, _community_anchors(ids, communities)])
    # A small view is read label by label: it gets more room.
    spacing = SPACING * (1.6 if len(ids) <= SMALL_VIEW else 1)
    positions = spring_layout(len(ids) + _anchor_count(ids, communities), pairs, spacing=spacing)[: len(ids)]
    if key is not None:
        with _layout_lock:
            _layouts[key] = positions
            while len(_layouts) > 8:
                _layouts.popitem(last=False)
    return positions


def _grouped(ids, communities: dict | None) -> dict[int, list[int]]:
    """The view's rows per community of two members or more."""
    groups: dict[int, list[int]] = {}
    for row, node_id in enumerate(ids):
        if node_id in (communities or {}):
            groups.setdefault(communities[node_id], []).append(row)
    return {c: rows for c, rows in sorted(groups.items()) if len(rows) > 1}


def _anchor_count(ids, communities: dict | None) -> int:
    return len(_grouped(ids, communities))


# How many times stronger a community's pull is than one relationship's.
COMMUNITY_PULL = 8


def _community_anchors(ids, communities: dict) -> np.ndarray:
    """Edges from each member of a community to an extra node of its own (after the view's
    nodes): the force layout then pulls a community together, and its anchor is dropped after."""
    pairs = [(row, len(ids) + k) for k, rows in enumerate(_grouped(ids, communities).values()) for row in rows]
    return np.tile(np.array(pairs, dtype=np.int64).reshape(-1, 2), (COMMUNITY_PULL, 1))


# --- vis-network data through pyvis -----------------------------------------------------------


class _Network(Network):
    """pyvis's Network, but checking for known nodes in a set: pyvis searches a list, which
    makes adding thousands of nodes and edges quadratic. Nodes and edges are still pyvis's own
    Node and Edge objects."""

    def __init__(self):
        # Undirected as far as pyvis is concerned: it would add "arrows" to every edge, which the
        # options already say once for all (EXTRA_OPTIONS).
        super().__init__(directed=False)
        self._ids: set[str] = set()

    def add_node(self, n_id, label=None, shape="dot", color="#97c2fc", **options):
        if n_id in self._ids:
            return
        self._ids.add(n_id)
        node = Node(n_id, shape, label=label or n_id, color=color, font_color=self.font_color, **options)
        self.nodes.append(node.options)
        self.node_ids.append(n_id)
        self.node_map[n_id] = node.options

    def add_edge(self, source, to, **options):
        if source not in self._ids or to not in self._ids:
            raise ValueError(f"edge {source} -> {to} has an end that is not in the network")
        self.edges.append(Edge(source, to, self.directed, **options).options)


# vis-network options pyvis has no setter for: readable labels (a white halo keeps them legible
# over edges), small arrows, hover tooltips. Physics stays off: positions come from the server.
EXTRA_OPTIONS = {
    "nodes": {
        "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
        "borderWidth": 1,
    },
    "edges": {
        "font": {
            "size": 10,
            "face": "system-ui, sans-serif",
            "align": "middle",
            "color": "#444444",
            "strokeWidth": 3,
            "strokeColor": "#ffffff",
        },
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "width": 1,
        "selectionWidth": 2,
    },
    "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": {"enabled": True, "bindToWindow": False}},
    "layout": {"improvedLayout": False},
}


def _merge(base: dict, extra: dict) -> dict:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def wrap_label(text: str, width: int = 24, lines: int = 3) -> str:
    parts = textwrap.wrap(text, width) or [text]
    if len(parts) > lines:
        parts = parts[:lines]
        parts[-1] = parts[-1][: width - 1] + "…"
    return "\n".join(parts)


def edge_id(row: dict) -> str:
    return f"{row['source']}|{row['type']}|{row['target']}"


def _edge_title(row: dict, names: dict[str, str]) -> str:
    name, _ = edge_style(row["type"])
    props = row.get("props") or {}
    text = f"{names.get(row['source'], row['source'])} — {name} — {names.get(row['target'], row['target'])}"
    extra = [
        f"{label}: {_prop_text(props[key])}"
        for key, label in (
            ("role", "rol"),
            ("status", "status"),
            ("title", "functie"),
            ("text", "in de partnerregel"),
            ("since", "sinds"),
            ("until", "tot"),
        )
        if props.get(key) is not None
    ]
    return "\n".join([text, *extra])


def _prop_text(value) -> str:
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return JOIN_STATUS_NL.get(value, str(value))


def node_size(node: ViewNode) -> float:
    # Bigger with more links, slowly: hubs stand out without covering their neighbours.
    return round(node_style(node.label).size + min(14.0, 3 * math.log2(1 + node.degree)), 1)


def font_size(node: ViewNode, small: bool) -> int:
    # vis-network leaves out labels smaller than 5 px on screen. In a large view, zoomed out to
    # fit, well-connected nodes get larger labels: the hubs stay named and zooming in names the rest.
    return 18 if small else int(min(40, 12 + 4 * math.log2(1 + node.degree)))


def node_data(
    node: ViewNode, x: float, y: float, small: bool = True, metrics: dict | None = None, periods: list | None = None
) -> dict:
    """What the browser needs of a node: how to draw it, its filter context, and for the viewer's
    sizing, colouring and date slider its network metrics and the periods it was there."""
    style = node_style(node.label)
    extra = {k: v for k, v in (("metrics", metrics), ("periods", periods)) if v is not None}
    return {
        "label": wrap_label(node.name),
        "shape": style.shape,
        "color": style.colour,
        "size": node_size(node),
        "font": {"size": font_size(node, small)},
        "title": f"{node.name} ({style.name})",
        "x": round(float(x), 1),
        "y": round(float(y), 1),
        "type": node.label,
        "name": node.name,
        "kind": node.kind,
        "sector": node.sector,
        "ctx": {"teams": sorted(node.teams), "themes": sorted(node.themes), "cities": sorted(node.cities)},
        **extra,
    }


def edge_data(row: dict, names: dict[str, str]) -> dict:
    name, colour = edge_style(row["type"])
    status = (row.get("props") or {}).get("status")
    label = f"{name} ({JOIN_STATUS_NL.get(status, status)})" if row["type"] == "JOINS" and status else name
    data = {"id": edge_id(row), "label": label, "title": _edge_title(row, names), "color": colour, "type": row["type"]}
    if row["type"] in DATED_EDGES:
        props = row.get("props") or {}
        data["period"] = [iso_day(props.get("since")), iso_day(props.get("until"))]
    return data


# Relationships that hold from or until a date: the date slider hides them outside it.
DATED_EDGES = ("JOINS", "IN_NETWORK")


def vis_data(
    view: View, extra_edges: list[dict] = (), metrics: dict | None = None, periods: dict | None = None
) -> dict:
    """Nodes, edges and options for vis-network, through pyvis. `extra_edges` are edge options
    with `source` and `target` (the suggestion overlay's dashed edges); `metrics` and `periods`
    (node id -> value) go with the nodes that have them (viz.analysis)."""
    metrics, periods = metrics or {}, periods or {}
    net = _Network()
    net.toggle_physics(False)
    net.options.edges.smooth.enabled = False  # straight edges: much cheaper to draw by the thousand
    net.options.edges.inherit_colors(False)
    many = len(view.edges) > MANY_EDGES
    net.options.interaction.hideEdgesOnDrag = many
    names = {n.id: n.name for n in view.nodes}
    small = len(view.nodes) <= SMALL_VIEW
    for node, (x, y) in zip(view.nodes, view.positions):
        net.add_node(node.id, **node_data(node, x, y, small, metrics.get(node.id), periods.get(node.id)))
    for row in view.edges:
        net.add_edge(row["source"], row["target"], **edge_data(row, names))
    for extra in extra_edges:
        net.add_edge(
            extra["source"], extra["target"], **{k: v for k, v in extra.items() if k not in ("source", "target")}
        )
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    options = _merge(json.loads(options), EXTRA_OPTIONS)
    if many:
        options["interaction"]["hideEdgesOnZoom"] = True
    return {"nodes": nodes, "edges": edges, "options": options}


def summary(view: View, suggestions: int = 0) -> dict:
    """What the page says about the view: how much it shows and what it left out."""
    return {
        "mode": view.mode,
        "focus": view.focus,
        "depth": view.depth,
        "shown": {"nodes": len(view.nodes), "edges": len(view.edges), "suggestions": suggestions},
        "total": {"nodes": view.total_nodes, "edges": view.total_edges},
        "left_out": {
            "nodes": view.total_nodes - len(view.nodes),
            "edges": view.total_edges - len(view.edges),
            "by_type": [
                {
                    "type": label,
                    "count": count,
                    "name": NODE_STYLES[label].name if count == 1 else NODE_STYLES[label].plural,
                }
                for label, count in view.left_out.most_common()
            ],
        },
        "filtered_out": view.filtered_out,
        "legend": legend({n.label for n in view.nodes}, {e["type"] for e in view.edges} & set(EDGE_STYLES)),
    }
