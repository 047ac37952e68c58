"""How the viewer draws each kind of node and relationship, and what it calls them in Dutch
(the network's other words, sectors, kinds and statuses, are in graph.vocabulary).

Colour and shape together tell node types apart: the seven main types have a shape of their own,
so the legend still works for a reader who cannot tell the colours apart. Shapes are ones vis-network
draws with the label underneath, so every node's label sits in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NodeStyle:
    name: str  # singular, Dutch
    plural: str
    colour: str
    shape: str  # a vis-network shape
    size: int


NODE_STYLES: dict[str, NodeStyle] = {
    "Team": NodeStyle("team", "teams", "#c0392b", "star", 22),
    "Person": NodeStyle("persoon", "personen", "#2471a3", "dot", 12),
    "Organisation": NodeStyle("organisatie", "organisaties", "#d35400", "square", 14),
    "City": NodeStyle("stad", "steden", "#1e8449", "triangle", 16),
    "Theme": NodeStyle("thema", "thema's", "#7d3c98", "hexagon", 22),
    "Question": NodeStyle("vraagstuk", "vraagstukken", "#7b5b3a", "diamond", 16),
    "PartnerKind": NodeStyle("soort partner", "soorten partners", "#c2185b", "triangleDown", 13),
    "Event": NodeStyle("bijeenkomst", "bijeenkomsten", "#9a7d0a", "diamond", 13),
    "Project": NodeStyle("project", "projecten", "#117a8b", "hexagon", 13),
    "Post": NodeStyle("bericht", "berichten", "#717d7e", "dot", 8),
}

# Relationship type -> (Dutch label drawn on the edge, colour). Colours group the types: people
# (blue), teams (red), places (green), themes and questions (purple), everything else grey.
EDGE_STYLES: dict[str, tuple[str, str]] = {
    "MEMBER_OF": ("lid van", "#c0392b"),
    "PARTNER_IN": ("partner in", "#e67e22"),
    "WANTS": ("zoekt", "#f1948a"),
    "JOINS": ("doet mee met", "#27ae60"),
    "WORKS_ON": ("werkt aan", "#a04000"),
    "WORKS_AT": ("werkt bij", "#5dade2"),
    "LIAISON_FOR": ("contactpersoon voor", "#8e44ad"),
    "IN_THEME": ("hoort bij thema", "#bb8fce"),
    "CHAMPIONS": ("trekker van", "#6c3483"),
    "PILOT_FOR": ("pilot voor", "#52be80"),
    "LOCATED_IN": ("gevestigd in", "#82e0aa"),
    "IN_NETWORK": ("lid van netwerk", "#196f3d"),
    "IS_A": ("is een", "#f5b7b1"),
    "TOOK_PART_IN": ("nam deel aan", "#a9cce3"),
    "HELD_AT": ("gehouden bij", "#b7950b"),
    "POSTED": ("plaatste", "#aab7b8"),
    "MENTIONS": ("noemt", "#aab7b8"),
    "POSTED_DURING": ("geplaatst tijdens", "#aab7b8"),
    "INVOLVED_IN": ("betrokken bij", "#76d7c4"),
    "PART_OF": ("onderdeel van", "#76d7c4"),
    "REJECTED": ("afgewezen", "#566573"),
}
DEFAULT_EDGE = ("verbonden met", "#aab7b8")

SUGGESTION_COLOUR = "#c0392b"


def node_style(label: str) -> NodeStyle:
    return NODE_STYLES[label]


def edge_style(rel_type: str) -> tuple[str, str]:
    return EDGE_STYLES.get(rel_type, DEFAULT_EDGE)


def legend(labels: set[str] | None = None, rel_types: set[str] | None = None) -> dict:
    """The legend for the types that occur in a view (all types when not given)."""
    return {
        "nodes": [
            {"label": label, "name": s.name, "plural": s.plural, "colour": s.colour, "shape": s.shape}
            for label, s in NODE_STYLES.items()
            if labels is None or label in labels
        ],
        "edges": [
            {"type": t, "name": name, "colour": colour}
            for t, (name, colour) in EDGE_STYLES.items()
            if rel_types is None or t in rel_types
        ],
    }
