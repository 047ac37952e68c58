"""One node's place in an analysis, as the detail endpoints and pages give it: a person's,
organisation's or team's metrics, what a city takes part in, and who links a theme to others."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.analysis.results import Analysis


@dataclass(frozen=True)
class Named:
    id: str
    name: str


@dataclass(frozen=True)
class NodePlace:
    as_of: dt.date
    degree: int
    betweenness: float
    broker_rank: int | None  # 1: the highest betweenness of all people and organisations; None: no paths through it
    brokers: int  # how many people and organisations have paths through them
    community: int
    community_size: int
    teams: int
    themes: tuple[Named, ...]


@dataclass(frozen=True)
class TeamPlace(NodePlace):
    isolated: bool
    linked_teams: tuple[Named, ...]  # the first SHOWN by id
    linked_teams_total: int
    lone_members: tuple[Named, ...]  # the first SHOWN by id
    lone_members_total: int
    communities: tuple[int, ...]


# The most teams or members a place names: on a large network a team links hundreds of others,
# which made every team detail carry them all.
SHOWN = 100


@dataclass(frozen=True)
class CityReach:
    as_of: dt.date
    networks: tuple[str, ...]  # on as_of; empty: in no G4/G32 network then
    teams_by_theme: dict[str, tuple[Named, ...]]  # theme id -> the teams of it the city takes part in


@dataclass(frozen=True)
class ThemeReach:
    as_of: dt.date
    cities: tuple[Named, ...]  # G4/G32 cities taking part in a team of the theme
    uncovered_cities: tuple[Named, ...]  # G4/G32 cities none of its teams reaches
    brokers: tuple[Named, ...]  # people and organisations linking it with another theme, by betweenness


def node_place(analysis: Analysis, node_id: str) -> NodePlace | TeamPlace | None:
    """None for a node the analysis does not hold (a team that started after its date, say)."""
    m = analysis.metrics.get(node_id)
    if m is None:
        return None
    ranks = analysis.broker_ranks
    common = {
        "as_of": analysis.as_of,
        "degree": m.degree,
        "betweenness": round(m.betweenness, 6),
        "broker_rank": ranks.get(node_id),
        "brokers": len(ranks),
        "community": m.community,
        "community_size": analysis.communities[m.community - 1].size,
        "teams": len(m.teams),
        "themes": tuple(Named(t, analysis.themes.get(t, t)) for t in m.themes),
    }
    team = analysis.teams.get(node_id)
    if team is None:
        return NodePlace(**common)
    return TeamPlace(
        **common,
        isolated=team.isolated,
        linked_teams=_named(analysis, team.linked_teams[:SHOWN]),
        linked_teams_total=len(team.linked_teams),
        lone_members=_named(analysis, team.lone_members[:SHOWN]),
        lone_members_total=len(team.lone_members),
        communities=team.communities,
    )


def city_reach(analysis: Analysis, city_id: str) -> CityReach | None:
    city = next((c for c in analysis.coverage if c.id == city_id), None)
    if city is None:
        return CityReach(analysis.as_of, (), {}) if analysis.network and city_id in analysis.network.cities else None
    return CityReach(
        analysis.as_of, city.networks, {t: _named(analysis, teams) for t, teams in city.teams_by_theme.items()}
    )


def theme_reach(analysis: Analysis, theme_id: str, limit: int = 10) -> ThemeReach | None:
    if theme_id not in analysis.themes:
        return None
    reached = analysis.theme_cities(theme_id)
    brokers = [m for m in analysis.brokers(len(analysis.metrics), between_themes=True) if theme_id in m.themes]
    return ThemeReach(
        analysis.as_of,
        tuple(Named(c.id, c.name) for c in reached),
        tuple(Named(c.id, c.name) for c in analysis.coverage if c not in reached),
        tuple(Named(m.id, m.name) for m in brokers[:limit]),
    )


def _named(analysis: Analysis, ids) -> tuple[Named, ...]:
    return tuple(Named(i, analysis.metrics[i].name) for i in ids)
