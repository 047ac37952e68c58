"""The collaboration network as it stood on a date, as an igraph graph: people, organisations and
teams, linked by who works where (WORKS_AT), who is in which team (MEMBER_OF) and which
organisations take part as a whole (PARTNER_IN).

Themes and cities are not nodes of it: a theme links hundreds of teams and a city thousands of
people, so as nodes they would be every shortest path's middle and the only "brokers". They are
what the teams are about and where they work, and are counted per node instead (graph.analysis.metrics).

On `as_of`, a team that starts later is not there yet, and with it its links. A city counts as
G4/G32 while one of its network memberships holds, and takes part in a team from its join's date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

import igraph as ig
import numpy as np
from scipy import sparse

from graph.repositories.analysis import NetworkRows

# A city takes part in a team with one of these join statuses; invited and suggested do not yet.
TAKING_PART = frozenset({"committed", "interested"})
PERSON, ORGANISATION, TEAM = "Person", "Organisation", "Team"


def holds_on(since: dt.date | None, until: dt.date | None, day: dt.date) -> bool:
    """Whether a period [since, until) holds on `day`; an open end is from before (or beyond) our sources."""
    return (since is None or since <= day) and (until is None or until > day)


@dataclass
class CityPlace:
    id: str
    name: str
    networks: list[str]  # names of the networks the city is in on the date (G4, G32)
    # Teams it joined or pilots; those it hosts an organisation of are added by the analysis
    # (graph.analysis.metrics), which knows each organisation's teams.
    teams: set[str] = field(default_factory=set)


@dataclass
class Network:
    """The graph with what the analysis needs to say about its nodes. Vertex i is `ids[i]`."""

    as_of: dt.date
    graph: ig.Graph
    ids: list[str]
    labels: list[str]
    names: list[str]
    team_theme: dict[str, str | None]  # team id -> theme id, for the teams there on the date
    theme_names: dict[str, str]
    cities: dict[str, CityPlace]  # every city, with the teams it joined or pilots on the date
    city_organisations: dict[str, list[str]] = field(default_factory=dict)  # city id -> organisations there
    index: dict[str, int] = field(init=False)
    kept_briefs: dict = field(default_factory=dict, repr=False)  # graph.analysis.introductions.briefs

    def __post_init__(self):
        self.index = {node_id: i for i, node_id in enumerate(self.ids)}

    @cached_property
    def adjacency(self) -> sparse.csr_matrix:
        """Who is linked to whom, both ways, as a sparse matrix: one breadth-first step is one product."""
        pairs = np.array(self.graph.get_edgelist(), dtype=np.int64).reshape(-1, 2)
        rows, cols = np.r_[pairs[:, 0], pairs[:, 1]], np.r_[pairs[:, 1], pairs[:, 0]]
        n = self.graph.vcount()
        return sparse.csr_matrix((np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n, n))

    def distances_from(self, sources: list[int], depth: int) -> np.ndarray:
        """Each vertex's distance to the nearest of `sources`, up to `depth` steps; -1 beyond or
        unreachable. Breadth first, one sparse product per step: a few milliseconds on 100,000
        nodes, without turning a row of them into Python numbers."""
        distance = np.full(self.graph.vcount(), -1, dtype=np.int16)
        frontier = np.zeros(self.graph.vcount(), dtype=np.int8)
        frontier[sources] = 1
        distance[sources] = 0
        for step in range(1, depth + 1):
            reached = (self.adjacency @ frontier > 0) & (distance < 0)
            if not reached.any():
                break
            distance[reached] = step
            frontier = reached.astype(np.int8)
        return distance


def build_network(rows: NetworkRows, as_of: dt.date) -> Network:
    teams = [t for t in rows.teams if t["start_date"] is None or t["start_date"] <= as_of]
    present = {t["id"] for t in teams}
    ids = [p["id"] for p in rows.people] + [o["id"] for o in rows.organisations] + [t["id"] for t in teams]
    labels = [PERSON] * len(rows.people) + [ORGANISATION] * len(rows.organisations) + [TEAM] * len(teams)
    names = [p["name"] for p in rows.people] + [o["name"] for o in rows.organisations] + [t["name"] for t in teams]
    index = {node_id: i for i, node_id in enumerate(ids)}
    edges: set[tuple[int, int]] = set()
    for person in rows.people:
        me = index[person["id"]]
        edges.update((me, index[o]) for o in person["organisations"])
        edges.update((me, index[t]) for t in person["teams"] if t in present)
    for org in rows.organisations:
        edges.update((index[org["id"]], index[t]) for t in org["teams"] if t in present)
    graph = ig.Graph(n=len(ids), edges=sorted(edges))
    return Network(
        as_of=as_of,
        graph=graph,
        ids=ids,
        labels=labels,
        names=names,
        team_theme={t["id"]: t["theme"] for t in teams},
        theme_names={th["id"]: th["name"] for th in rows.themes},
        cities=_city_places(rows, present, as_of),
        city_organisations=_city_organisations(rows),
    )


def _city_organisations(rows: NetworkRows) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for org in rows.organisations:
        if org["city"]:
            found.setdefault(org["city"], []).append(org["id"])
    return found


def _city_places(rows: NetworkRows, present: set[str], as_of: dt.date) -> dict[str, CityPlace]:
    places = {
        c["id"]: CityPlace(
            c["id"],
            c["name"],
            sorted(n["name"] for n in c["networks"] if holds_on(n["since"], n["until"], as_of)),
            {
                j["team"]
                for j in c["joins"]
                if j["team"] in present and j["status"] in TAKING_PART and holds_on(j["since"], None, as_of)
            },
        )
        for c in rows.cities
    }
    for team in rows.teams:
        for city in team["pilots"]:
            if team["id"] in present and city in places:
                places[city].teams.add(team["id"])
    return places
