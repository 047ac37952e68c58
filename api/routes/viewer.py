"""The graph viewer: /viewer (the page), /viewer/data (the same view as JSON, and a node's
neighbours when the page expands it) and /viewer/node (one node's details).

    /viewer                              the whole network (capped; filters in the URL apply on the server)
    /viewer?theme=&team=&city=&kind=&sector=   the whole network, filtered
    /viewer?focus=ID&depth=1|2           a node and its neighbours
    /viewer?team=ID&suggestions=1        a team with its suggested partners and cities
    &max=N                               show at most N nodes (default 1500)
    &size=links|degree|betweenness       what the node sizes show (default links: those in view)
    &colour=type|community               what the node colours show (default type)
    &date=YYYY-MM-DD                     the network as it stood on that day (the date slider's start)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse

from api.deps import CallerDep, Graph, GraphDep, MatcherDep
from api.pages import PageCallerDep, render
from api.schemas import Date, errors
from graph.bundle import name_key
from graph.repositories import viewing
from graph.vocabulary import ORGANISATION_KIND_NL, SECTOR_NL
from matcher.service import MatcherService, UnknownTeam
from viz.analysis import node_metrics, node_periods, panel
from viz.details import node_info
from viz.graphdata import Filters, WholeGraphCache, read_nodes
from viz.links import viewer_url
from viz.network import (
    MAX_NODES,
    MAX_NODES_LIMIT,
    UnknownNode,
    ego_view,
    summary,
    vis_data,
    whole_view,
)
from viz.overlay import overlay_view, suggestions
from viz.style import NODE_STYLES

router = APIRouter(tags=["viewer"])


@dataclass(frozen=True)
class ViewRequest:
    focus: str | None
    depth: int
    filters: Filters
    suggestions: bool
    max_nodes: int
    as_of: dt.date
    size: str = "links"
    colour: str = "type"
    date: dt.date | None = None


def _view_request(
    focus: str | None = None,
    depth: int = Query(1, ge=1, le=2),
    theme: str | None = None,
    team: str | None = None,
    city: str | None = None,
    kind: str | None = None,
    sector: str | None = None,
    suggestions: bool = False,
    max_nodes: int = Query(MAX_NODES, alias="max", ge=10, le=MAX_NODES_LIMIT),
    as_of: Date | None = None,
    size: Literal["links", "degree", "betweenness"] = "links",
    colour: Literal["type", "community"] = "type",
    date: Date | None = None,
) -> ViewRequest:
    # Unknown kinds and sectors are dropped rather than refused: a hand-edited URL still shows a view.
    filters = Filters(
        theme or None,
        team or None,
        city or None,
        kind if kind in ORGANISATION_KIND_NL else None,
        sector if sector in SECTOR_NL else None,
    )
    return ViewRequest(
        focus or None,
        depth,
        filters,
        suggestions and bool(team),
        max_nodes,
        as_of or dt.date.today(),
        size,
        colour,
        date,
    )


ViewRequestDep = Annotated[ViewRequest, Depends(_view_request)]


def _cache(request: Request) -> WholeGraphCache:
    return request.app.state.viewer_cache


def build_view(request: Request, graph: Graph, matcher: MatcherService, ask: ViewRequest) -> dict:
    """The view the request asks for: vis-network data, what it shows and leaves out, and for
    the suggestions overlay the matcher's answers. Raises UnknownNode or UnknownTeam."""
    overlay, extra, initial = None, [], ask.filters
    analysis = request.app.state.analysis.get(wait=False)  # none while the first is made: no metrics yet
    if ask.suggestions:
        overlay = suggestions(matcher, ask.filters.team, ask.as_of, analysis=analysis)
        view, extra = overlay_view(graph, ask.filters.team, overlay, ask.max_nodes)
        # The team is the view's subject here, not a filter: suggested partners are outside it.
        initial = Filters(**{**ask.filters.as_dict(), "team": None})
    elif ask.focus:
        view = ego_view(graph, ask.focus, ask.depth, ask.max_nodes)
    else:
        communities = analysis.community_of if analysis else None
        view = whole_view(_cache(request).get(graph), ask.filters, ask.max_nodes, communities)
    shown = [n.id for n in view.nodes]
    return {
        **vis_data(view, extra, node_metrics(analysis, shown), node_periods(graph, view.nodes)),
        "analysis": panel(analysis, set(shown)),
        "display": {"size": ask.size, "colour": ask.colour, "date": ask.date.isoformat() if ask.date else None},
        "summary": summary(view, suggestions=len(extra)),
        "overlay": overlay,
        "filters": initial.as_dict(),
        "max_nodes": ask.max_nodes,
    }


# Above this many teams the team filter offers the teams in view only: a list of thousands is of
# no use to pick from, and made the viewer's page a megabyte on 12,500 teams.
CHOICE_TEAMS = 300


def _choices(graph: Graph, view: dict) -> dict:
    in_view = None
    if viewing.team_count(graph) > CHOICE_TEAMS:
        in_view = {n["id"] for n in view["nodes"] if n["type"] == "Team"} | ({view["filters"]["team"]} - {None})
    found = viewing.choices(graph, None if in_view is None else sorted(in_view))
    return {
        **found,
        "teams_in_view_only": in_view is not None,
        "kinds": [{"id": k, "name": v} for k, v in sorted(ORGANISATION_KIND_NL.items(), key=lambda i: i[1])],
        "sectors": [{"id": k, "name": v} for k, v in SECTOR_NL.items()],
        "types": [{"id": label, "name": s.plural} for label, s in NODE_STYLES.items()],
    }


def _title(view: dict) -> str:
    subject = view["overlay"]["team"] if view["overlay"] else view["summary"]["focus"]
    if subject is None:
        return "Het netwerk"
    name = next((n["name"] for n in view["nodes"] if n["id"] == subject), subject)
    return f"Voorstellen voor {name}" if view["overlay"] else f"Omgeving van {name}"


@router.get("/viewer", response_class=HTMLResponse, include_in_schema=False)
def viewer_page(request: Request, graph: GraphDep, matcher: MatcherDep, caller: PageCallerDep, ask: ViewRequestDep):
    try:
        view = build_view(request, graph, matcher, ask)
    except (UnknownNode, UnknownTeam) as error:
        missing = getattr(error, "node_id", None) or getattr(error, "team_id", None)
        return render(
            request,
            "error.html",
            {"title": "Niet gevonden", "message": f"Er is geen knoop met id ‘{missing}’ in het netwerk."},
            status_code=404,
        )
    view["choices"] = _choices(graph, view)
    if view["choices"]["teams_in_view_only"]:
        # A node's teams matter to the page only as the team filter's choices: a large
        # organisation is in thousands of teams, which made the page's data a megabyte.
        offered = {t["id"] for t in view["choices"]["teams"]}
        for node in view["nodes"]:
            node["ctx"]["teams"] = [t for t in node["ctx"]["teams"] if t in offered]
    view["contacts"] = caller.is_coordinator
    return render(request, "viewer.html", {"view": view, "title": _title(view)})


@router.get("/viewer/data", responses=errors(401, 404, 422, 503))
def viewer_data(request: Request, graph: GraphDep, matcher: MatcherDep, caller: CallerDep, ask: ViewRequestDep):
    """The viewer's data as JSON: vis-network nodes (with position and filter context), edges and
    options, and what the view leaves out. The page calls it to expand a node (focus=ID)."""
    try:
        return build_view(request, graph, matcher, ask)
    except UnknownNode as error:
        raise HTTPException(404, str(error))
    except UnknownTeam as error:
        raise HTTPException(404, str(error))


@router.get("/viewer/node", responses=errors(401, 404, 422, 503))
def viewer_node(graph: GraphDep, caller: CallerDep, id: Annotated[str, Query(max_length=200)]):
    """One node's details for the viewer's panel; e-mail and phone only for a coordinator."""
    found = read_nodes(graph, [id])
    if id not in found:
        raise HTTPException(404, f"no node with id {id!r}")
    return node_info(found[id], contacts=caller.is_coordinator)


@router.get("/viewer/search", responses=errors(401, 422, 503))
def viewer_search(graph: GraphDep, caller: CallerDep, q: str = Query(..., min_length=1, max_length=200)):
    """Nodes by name or alias, in any spelling: what the search box offers for a node the current
    view does not show."""
    key = name_key(q)
    if not key:
        return {"results": []}
    found = viewing.find(graph, key)
    return {
        "results": [
            {"id": r["id"], "name": r["name"], "type": NODE_STYLES[r["label"]].name, "ego": viewer_url(focus=r["id"])}
            for r in found
        ]
    }
