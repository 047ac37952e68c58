"""The part of the graph a view draws: nodes with their filter context, and relationships; and
the filters themselves, which the browser applies again without a reload (viewer.js mirrors
`Filters.keeps`)."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from graph.handle import Graph
from graph.repositories import matching, viewing


def iso_day(value) -> str | None:
    """A date from the graph (Neo4j's or Python's) as YYYY-MM-DD; None stays None."""
    if value is None:
        return None
    return value.iso_format() if hasattr(value, "iso_format") else value.isoformat()


@dataclass
class ViewNode:
    id: str
    label: str
    props: dict
    degree: int
    teams: set[str] = field(default_factory=set)
    themes: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return self.props.get("name") or self.props.get("text") or self.id

    @property
    def kind(self) -> str | None:
        return self.props.get("kind") if self.label == "Organisation" else None

    @property
    def sector(self) -> str | None:
        return self.props.get("sector") if self.label == "Organisation" else None


@dataclass(frozen=True)
class Filters:
    """Which nodes a view keeps. Theme, team and city keep the nodes that belong with them (see
    graph.repositories.viewing); organisation kind and sector hide the organisations of other
    kinds and sectors and leave the other types of node alone."""

    theme: str | None = None
    team: str | None = None
    city: str | None = None
    kind: str | None = None
    sector: str | None = None

    def active(self) -> bool:
        return any((self.theme, self.team, self.city, self.kind, self.sector))

    def keeps(self, node: ViewNode) -> bool:
        if self.theme and self.theme not in node.themes:
            return False
        if self.team and self.team not in node.teams:
            return False
        if self.city and self.city not in node.cities:
            return False
        if node.label == "Organisation":
            if self.kind and node.kind != self.kind:
                return False
            if self.sector and node.sector != self.sector:
                return False
        return True

    def as_dict(self) -> dict:
        return {"theme": self.theme, "team": self.team, "city": self.city, "kind": self.kind, "sector": self.sector}


def _view_nodes(rows: list[dict], team_theme: dict[str, str]) -> dict[str, ViewNode]:
    nodes = {}
    for row in rows:
        props = {k: v for k, v in row["props"].items() if k != "name_keys"}
        node = ViewNode(
            row["id"], row["label"], props, row["degree"], set(row["teams"]), set(row["themes"]), set(row["cities"])
        )
        # A node belongs with itself, and with the themes of the teams it belongs with.
        own = {"Team": node.teams, "Theme": node.themes, "City": node.cities}.get(node.label)
        if own is not None:
            own.add(node.id)
        node.themes |= {team_theme[t] for t in node.teams if t in team_theme}
        nodes[node.id] = node
    return nodes


def read_nodes(graph: Graph, ids) -> dict[str, ViewNode]:
    rows = viewing.nodes(graph, ids)
    # The themes of the teams these nodes are in (and of the teams among them), not of every team.
    teams = {t for row in rows for t in row["teams"]} | {row["id"] for row in rows if row["label"] == "Team"}
    return _view_nodes(rows, viewing.team_themes(graph, teams))


@dataclass
class WholeGraph:
    fingerprint: tuple[int, int]
    nodes: dict[str, ViewNode]
    edges: list[dict]


class WholeGraphCache:
    """The whole network, read once and kept while the graph's node and relationship counts stay
    the same, and for at most `ttl` seconds (so that a property edited in place shows up soon).
    Reading a 5,000-node graph with its filter context takes about a second; most views reuse it."""

    def __init__(self, ttl: float = 60.0):
        self.ttl = ttl
        self._lock = threading.Lock()
        self._graph: WholeGraph | None = None
        self._read_at = 0.0

    def get(self, graph: Graph) -> WholeGraph:
        stamp = matching.fingerprint(graph)
        with self._lock:
            fresh = time.monotonic() - self._read_at < self.ttl
            if self._graph is None or self._graph.fingerprint != stamp or not fresh:
                rows = viewing.all_nodes(graph)
                nodes = _view_nodes(rows, viewing.team_themes(graph))
                self._graph = WholeGraph(stamp, nodes, viewing.all_relationships(graph))
                self._read_at = time.monotonic()
            return self._graph
