"""What the viewer takes from the network analysis (graph.analysis) and from the graph's dates:
each node's metrics for sizing and colouring, the periods in which a node was there (for the date
slider), and the brokers and isolated teams the side panel lists."""

from __future__ import annotations

from collections import Counter

from graph.analysis.results import Analysis
from graph.handle import Graph
from graph.repositories import viewing
from viz.graphdata import ViewNode, iso_day

# Communities drawn in a colour of their own, largest first; smaller ones share a grey.
COMMUNITY_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
    "#ad494a",
)
OTHER_COMMUNITY = "#c8c8c8"
LISTED = 10


def view_colours(analysis: Analysis | None, ids) -> dict[int, str]:
    """A colour for each of the communities with the most nodes among `ids` (of a large network a
    view shows a few members of many communities: the largest of the network need not be there)."""
    if analysis is None:
        return {}
    counts = Counter(analysis.community_of[i] for i in ids if i in analysis.community_of)
    ranked = sorted(counts, key=lambda c: (-counts[c], c))[: len(COMMUNITY_COLOURS)]
    return dict(zip(ranked, COMMUNITY_COLOURS))


def node_metrics(analysis: Analysis | None, ids) -> dict[str, dict]:
    """Degree, betweenness and community of the people, organisations and teams among `ids`, with
    the colour of their community in this view."""
    if analysis is None:
        return {}
    colours = view_colours(analysis, ids)
    found = {}
    for node_id in ids:
        m = analysis.metrics.get(node_id)
        if m is not None:
            found[node_id] = {
                "degree": m.degree,
                "betweenness": round(m.betweenness, 6),
                "community": m.community,
                "communityColour": colours.get(m.community, OTHER_COMMUNITY),
            }
    return found


def node_periods(graph: Graph, nodes: list[ViewNode]) -> dict[str, list[list[str | None]]]:
    """Per node, the periods [since, until) it was there, as ISO dates (null: open): a team from its
    start date, a city while in a network and from each team it joined. Nodes with no dates are
    there on every day and are left out."""
    periods = {
        n.id: [[iso_day(n.props["start_date"]), None]] for n in nodes if n.label == "Team" and n.props.get("start_date")
    }
    cities = [n.id for n in nodes if n.label == "City"]
    for city, spans in (viewing.city_periods(graph, cities) if cities else {}).items():
        periods[city] = [[iso_day(since), iso_day(until)] for since, until in spans]
    return periods


def panel(analysis: Analysis | None, shown: set[str]) -> dict | None:
    """The side panel's lists: the top brokers and the isolated teams, each saying whether it is in
    the view; and the communities coloured in the view, for the legend."""
    if analysis is None:
        return None
    in_view = Counter(analysis.community_of[i] for i in shown if i in analysis.community_of)
    isolated = analysis.isolated_teams()
    return {
        "as_of": analysis.as_of.isoformat(),
        "brokers": [
            {
                "id": m.id,
                "name": m.name,
                "betweenness": round(m.betweenness, 4),
                "themes": len(m.themes),
                "shown": m.id in shown,
            }
            for m in analysis.brokers(LISTED)
        ],
        "isolated": [
            {"id": t.id, "name": t.name, "members": t.members, "shown": t.id in shown} for t in isolated[:LISTED]
        ],
        "isolated_count": len(isolated),
        "communities": [
            {"number": c, "size": analysis.communities[c - 1].size, "in_view": in_view[c], "colour": colour}
            for c, colour in view_colours(analysis, shown).items()
        ],
        "community_count": len(analysis.communities),
    }
