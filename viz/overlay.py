"""The suggestions overlay: a team's ego view plus the partners and cities the matcher suggests,
drawn as dashed edges from the team with the reasons on hover, and the sectors the team still
lacks."""

from __future__ import annotations

import datetime as dt

import numpy as np

from graph.analysis.introductions import briefs
from graph.analysis.results import Analysis
from graph.handle import Graph
from graph.vocabulary import SECTOR_NL
from matcher.service import MatcherService
from viz.graphdata import read_nodes
from viz.network import View, ego_view
from viz.style import SUGGESTION_COLOUR

PARTNERS = 8
CITIES = 5


def suggestions(
    matcher: MatcherService,
    team_id: str,
    as_of: dt.date,
    partners: int = PARTNERS,
    cities: int = CITIES,
    analysis: Analysis | None = None,
) -> dict:
    """The matcher's answers for the team, as the page's side panel shows them, each partner with
    its shortest warm introduction (from `analysis`'s network) when there is one."""
    found = matcher.partner_suggestions(team_id, limit=partners)
    shortest = briefs(analysis.network if analysis else None, team_id, [p.organisation for p in found.partners])
    places = matcher.city_suggestions(team_id, as_of, limit=cities)
    ready = matcher.readiness(team_id, as_of)
    return {
        "team": team_id,
        "as_of": as_of.isoformat(),
        "partners": [
            {
                "id": p.organisation,
                "name": p.name,
                "score": p.score,
                "reasons": [r.text for r in p.reasons],
                "introduction": shortest[p.organisation].text if p.organisation in shortest else None,
            }
            for p in found.partners
        ],
        "cities": [
            {
                "id": c.city,
                "name": c.name,
                "score": c.score,
                "invite_by": c.invite_by.isoformat() if c.invite_by else None,
                "reasons": [r.text for r in c.reasons],
            }
            for c in places.suggestions
        ],
        "liaison": places.liaison.name if places.liaison else None,
        "missing_sectors": [SECTOR_NL[s] for s in ready.sectors.missing],
        "covered_sectors": [SECTOR_NL[s] for s in ready.sectors.covered],
        "unfilled_kinds": [k.text for k in found.kinds],
        "model_note": found.model.note,
    }


def _title(kind: str, item: dict, liaison: str | None) -> str:
    if kind == "partner":
        head = f"Voorgestelde partner: {item['name']} (score {item['score']:.2f})"
    else:
        head = f"Voorgestelde stad: {item['name']}"
        if item["invite_by"]:
            head += f", uitnodigen vóór {item['invite_by']}"
        if liaison:
            head += f" (belt: {liaison})"
    lines = [head, *[f"• {r}" for r in item["reasons"]]]
    if item.get("introduction"):
        lines.append(f"Warme introductie: {item['introduction']}")
    return "\n".join(lines)


def overlay_view(graph: Graph, team_id: str, found: dict, max_nodes: int) -> tuple[View, list[dict]]:
    """The team's ego view with the suggested organisations and cities added (on a ring around
    the team), and the dashed suggestion edges (vis-network edge options, for `vis_data`)."""
    view = ego_view(graph, team_id, 1, max_nodes)
    present = {n.id for n in view.nodes}
    wanted = [("partner", p) for p in found["partners"]] + [("city", c) for c in found["cities"]]
    extra = read_nodes(graph, [item["id"] for _, item in wanted if item["id"] not in present])
    centre = view.positions[[n.id for n in view.nodes].index(team_id)]
    radius = float(np.abs(view.positions - centre).max()) + 150.0
    ring = list(extra.values())
    angles = np.linspace(0, 2 * np.pi, len(ring), endpoint=False) + np.pi / 7
    ring_positions = centre + radius * np.column_stack([np.cos(angles), np.sin(angles)])
    view.nodes = view.nodes + ring
    view.positions = np.vstack([view.positions, ring_positions]) if ring else view.positions
    view.total_nodes += len(ring)
    edges = [
        {
            "source": team_id,
            "target": item["id"],
            "id": f"suggestion|{team_id}|{item['id']}",
            "label": "voorstel",
            "dashes": True,
            "width": 2,
            "color": SUGGESTION_COLOUR,
            "title": _title(kind, item, found["liaison"]),
            "type": "SUGGESTED",
            "suggestion": kind,
        }
        for kind, item in wanted
    ]
    return view, edges
