"""The metrics of a collaboration network (graph.analysis.network), computed with igraph.

- Degree: a node's relations.
- Betweenness: how many shortest paths between other nodes pass through a node, as a share of all
  pairs (0..1): a broker between teams has a high one. Exact up to EXACT_BETWEENNESS_UP_TO nodes;
  above, counted from SAMPLED_SOURCES nodes drawn with a fixed seed and scaled up (the brokers
  come out nearly the same: on the 20,000-person generated network, 17 of the exact top 20 people
  and organisations are in the sampled top 20, in about 2 s instead of 50 to 64 s).
- Communities: Leiden, optimising modularity, two passes, with a fixed seed; the same graph gives
  the same communities. They are numbered by size, 1 the largest.
"""

from __future__ import annotations

import random
import threading
import time

import igraph as ig
import numpy as np

from graph.analysis.network import ORGANISATION, PERSON, TEAM, Network
from graph.analysis.results import Analysis, CityCoverage, Community, NodeMetrics, TeamConnection

EXACT_BETWEENNESS_UP_TO = 5000
SAMPLED_SOURCES = 1000
SEED = 42
# Leiden's passes over the graph. Until nothing moves (-1) took 16 s on 137,500 nodes for a
# modularity of 0.849; two passes take 0.5 s for 0.842.
LEIDEN_ITERATIONS = 2
CENTRAL_PER_COMMUNITY = 3

# igraph draws its random numbers from one generator for the whole process.
_random_lock = threading.Lock()


def analyse(network: Network, fingerprint: tuple[int, int] = (0, 0)) -> Analysis:
    started = time.perf_counter()
    graph = network.graph
    betweenness, sources = _betweenness(graph)
    membership, modularity = _communities(graph)
    team_vertices = [v for v, label in enumerate(network.labels) if label == TEAM]
    teams_of = _teams_of(network)
    degree = graph.degree()
    metrics = {}
    for v, node_id in enumerate(network.ids):
        teams = tuple(sorted(network.ids[t] for t in teams_of[v]))
        themes = tuple(sorted({network.team_theme[t] for t in teams if network.team_theme.get(t)}))
        metrics[node_id] = NodeMetrics(
            node_id,
            network.labels[v],
            network.names[v],
            int(degree[v]),
            float(betweenness[v]),
            int(membership[v]),
            teams,
            themes,
        )
    analysis = Analysis(
        as_of=network.as_of,
        fingerprint=fingerprint,
        seconds=0.0,
        nodes=graph.vcount(),
        edges=graph.ecount(),
        betweenness_sources=sources,
        themes=dict(sorted(network.theme_names.items())),
        metrics=metrics,
        teams={network.ids[v]: _team_connection(network, v, teams_of, membership) for v in team_vertices},
        communities=_community_list(network, membership, betweenness, degree, teams_of),
        coverage=_coverage(network, teams_of),
        modularity=modularity,
        network=network,
    )
    analysis.seconds = round(time.perf_counter() - started, 3)
    return analysis


def _betweenness(graph: ig.Graph) -> tuple[np.ndarray, int | None]:
    n = graph.vcount()
    if n < 3:
        return np.zeros(n), None
    pairs = (n - 1) * (n - 2) / 2
    if n <= EXACT_BETWEENNESS_UP_TO:
        return np.asarray(graph.betweenness(directed=False)) / pairs, None
    sources = random.Random(SEED).sample(range(n), SAMPLED_SOURCES)
    # Paths from a sample of sources, scaled to all n: an estimate of the exact count.
    counted = np.asarray(graph.betweenness(directed=False, sources=sources)) * (n / SAMPLED_SOURCES)
    return counted / pairs, SAMPLED_SOURCES


def _communities(graph: ig.Graph) -> tuple[np.ndarray, float]:
    """Each vertex's community number (1 the largest; ties by the first vertex), and the modularity."""
    if graph.vcount() == 0:
        return np.zeros(0, dtype=int), 0.0
    with _random_lock:
        ig.set_random_number_generator(random.Random(SEED))
        try:
            found = graph.community_leiden(objective_function="modularity", n_iterations=LEIDEN_ITERATIONS)
        finally:
            ig.set_random_number_generator(random)
    raw = np.asarray(found.membership)
    sizes = np.bincount(raw)
    first = np.full(len(sizes), len(raw))
    np.minimum.at(first, raw, np.arange(len(raw)))
    order = sorted(range(len(sizes)), key=lambda c: (-sizes[c], first[c]))
    number = np.empty(len(sizes), dtype=int)
    number[order] = np.arange(1, len(sizes) + 1)
    return number[raw], float(graph.modularity(found.membership)) if graph.ecount() else 0.0


def _teams_of(network: Network) -> list[set[int]]:
    """Per vertex, the team vertices it is in: a person's teams, an organisation's as a partner and
    through its people, and a team itself."""
    graph, labels = network.graph, network.labels
    adjacency = graph.get_adjlist()
    teams_of: list[set[int]] = [set() for _ in labels]
    for v, label in enumerate(labels):
        if label == TEAM:
            teams_of[v].add(v)
        elif label == PERSON:
            teams_of[v].update(u for u in adjacency[v] if labels[u] == TEAM)
    for v, label in enumerate(labels):
        if label == ORGANISATION:
            for u in adjacency[v]:
                teams_of[v].update([u] if labels[u] == TEAM else teams_of[u] if labels[u] == PERSON else ())
    return teams_of


def _team_connection(network: Network, v: int, teams_of: list[set[int]], membership: np.ndarray) -> TeamConnection:
    graph, labels, ids = network.graph, network.labels, network.ids
    around = graph.neighbors(v)
    members = [u for u in around if labels[u] == PERSON]
    organisations = {u for u in around if labels[u] == ORGANISATION}
    employers = {m: [u for u in graph.neighbors(m) if labels[u] == ORGANISATION] for m in members}
    for found in employers.values():
        organisations.update(found)
    linked = set().union(*(teams_of[u] for u in [*members, *organisations])) - {v}
    lone = [m for m in members if teams_of[m] == {v} and all(teams_of[o] <= {v} for o in employers[m])]
    return TeamConnection(
        id=ids[v],
        name=network.names[v],
        theme=network.team_theme.get(ids[v]),
        members=len(members),
        linked_teams=tuple(sorted(ids[t] for t in linked)),
        lone_members=tuple(sorted(ids[m] for m in lone)),
        communities=tuple(sorted({int(membership[u]) for u in [v, *members, *organisations]})),
    )


def _community_list(network: Network, membership, betweenness, degree, teams_of) -> list[Community]:
    members: dict[int, list[int]] = {}
    for v, number in enumerate(membership):
        members.setdefault(int(number), []).append(v)
    found = []
    for number in sorted(members):
        vertices = members[number]
        labels = [network.labels[v] for v in vertices]
        theme_count: dict[str, int] = {}
        for v in vertices:
            theme = network.team_theme.get(network.ids[v]) if network.labels[v] == TEAM else None
            if theme:
                theme_count[theme] = theme_count.get(theme, 0) + 1
        central = sorted(vertices, key=lambda v: (-betweenness[v], -degree[v], network.ids[v]))
        found.append(
            Community(
                number=number,
                size=len(vertices),
                people=labels.count(PERSON),
                organisations=labels.count(ORGANISATION),
                teams=labels.count(TEAM),
                themes=tuple(sorted(theme_count.items(), key=lambda kv: (-kv[1], kv[0]))),
                central=tuple(network.ids[v] for v in central[:CENTRAL_PER_COMMUNITY]),
            )
        )
    return found


def _coverage(network: Network, teams_of: list[set[int]]) -> list[CityCoverage]:
    """Per G4/G32 city, the teams it joined or pilots, and those it hosts an organisation of (as a
    partner, or through a member who works there), by theme."""
    rows = []
    for city in sorted(network.cities.values(), key=lambda c: (c.name, c.id)):
        if not city.networks:
            continue
        hosted = {
            network.ids[t] for org in network.city_organisations.get(city.id, []) for t in teams_of[network.index[org]]
        }
        by_theme: dict[str, list[str]] = {}
        for team in sorted(city.teams | hosted):
            theme = network.team_theme.get(team)
            if theme:
                by_theme.setdefault(theme, []).append(team)
        rows.append(
            CityCoverage(city.id, city.name, tuple(city.networks), {k: tuple(v) for k, v in sorted(by_theme.items())})
        )
    return rows
