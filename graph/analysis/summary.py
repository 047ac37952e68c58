"""An analysis in brief, as `GET /analysis` and `python -m graph.analysis` give it: the largest
communities, the top brokers, the isolated teams and the cities no team reaches, and the coverage
table of themes by G4/G32 cities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.analysis.results import Analysis, NodeMetrics


@dataclass(frozen=True)
class NamedCount:
    id: str
    name: str
    count: int


@dataclass(frozen=True)
class Broker:
    id: str
    label: str
    name: str
    betweenness: float
    degree: int
    community: int
    teams: int
    themes: tuple[str, ...]


@dataclass(frozen=True)
class CommunityBrief:
    number: int
    size: int
    people: int
    organisations: int
    teams: int
    themes: tuple[NamedCount, ...]
    central: tuple[NamedCount, ...]  # count: the member's degree


@dataclass(frozen=True)
class IsolatedTeam:
    id: str
    name: str
    theme: str | None
    members: int
    lone_members: int


@dataclass(frozen=True)
class CoverageRow:
    city: str
    name: str
    networks: tuple[str, ...]
    teams_by_theme: dict[str, int]  # theme id -> teams of the theme the city takes part in
    teams: int


@dataclass(frozen=True)
class NetworkCoverage:
    """How many of a city network's cities (G4, G32) the teams reach, per theme too."""

    network: str
    cities: int
    reached: int
    reached_by_theme: dict[str, int]


@dataclass(frozen=True)
class Summary:
    as_of: dt.date
    nodes: int
    edges: int
    seconds: float
    betweenness_sources: int | None
    modularity: float
    community_count: int
    communities: tuple[CommunityBrief, ...]
    brokers: tuple[Broker, ...]
    theme_brokers: tuple[Broker, ...]
    isolated_teams: tuple[IsolatedTeam, ...]
    uncovered_cities: tuple[NamedCount, ...]  # count: the teams in reach (0)
    themes: tuple[NamedCount, ...]  # the coverage table's columns; count: cities the theme reaches
    coverage: tuple[CoverageRow, ...]
    networks: tuple[NetworkCoverage, ...] = ()


def broker(m: NodeMetrics) -> Broker:
    return Broker(m.id, m.label, m.name, round(m.betweenness, 6), m.degree, m.community, len(m.teams), m.themes)


def summarise(analysis: Analysis, limit: int = 10) -> Summary:
    metrics = analysis.metrics
    communities = tuple(
        CommunityBrief(
            c.number,
            c.size,
            c.people,
            c.organisations,
            c.teams,
            tuple(NamedCount(t, analysis.themes.get(t, t), n) for t, n in c.themes),
            tuple(NamedCount(x, metrics[x].name, metrics[x].degree) for x in c.central),
        )
        for c in analysis.communities[:limit]
    )
    return Summary(
        as_of=analysis.as_of,
        nodes=analysis.nodes,
        edges=analysis.edges,
        seconds=analysis.seconds,
        betweenness_sources=analysis.betweenness_sources,
        modularity=round(analysis.modularity, 4),
        community_count=len(analysis.communities),
        communities=communities,
        brokers=tuple(broker(m) for m in analysis.brokers(limit)),
        theme_brokers=tuple(broker(m) for m in analysis.brokers(limit, between_themes=True)),
        isolated_teams=tuple(
            IsolatedTeam(t.id, t.name, t.theme, t.members, len(t.lone_members)) for t in analysis.isolated_teams()
        ),
        uncovered_cities=tuple(NamedCount(c.id, c.name, 0) for c in analysis.uncovered_cities()),
        themes=tuple(NamedCount(t, name, len(analysis.theme_cities(t))) for t, name in analysis.themes.items()),
        coverage=tuple(
            CoverageRow(
                c.id, c.name, c.networks, {t: len(teams) for t, teams in c.teams_by_theme.items()}, c.team_count
            )
            for c in analysis.coverage
        ),
        networks=_networks(analysis),
    )


def _networks(analysis: Analysis) -> tuple[NetworkCoverage, ...]:
    names = sorted({n for c in analysis.coverage for n in c.networks})
    found = []
    for name in names:
        cities = [c for c in analysis.coverage if name in c.networks]
        found.append(
            NetworkCoverage(
                name,
                len(cities),
                sum(1 for c in cities if c.team_count),
                {t: sum(1 for c in cities if c.teams_by_theme.get(t)) for t in analysis.themes},
            )
        )
    return tuple(found)
