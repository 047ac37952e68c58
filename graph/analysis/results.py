"""What a network analysis finds, as typed values: the metrics of each person, organisation and
team, the communities, and which cities the teams of each theme reach."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property

from graph.analysis.network import Network


@dataclass(frozen=True)
class NodeMetrics:
    """A person's, organisation's or team's place in the collaboration network."""

    id: str
    label: str
    name: str
    degree: int  # relations in the network (works at, member of, partner in)
    betweenness: float  # share of shortest paths between other nodes that pass through it, 0..1
    community: int  # 1 is the largest community
    teams: tuple[str, ...]  # the teams it is in (an organisation: as a partner or through its people)
    themes: tuple[str, ...]  # the themes of those teams


@dataclass(frozen=True)
class TeamConnection:
    """How a team is tied to the rest of the network."""

    id: str
    name: str
    theme: str | None
    members: int
    linked_teams: tuple[str, ...]  # teams sharing a member or an organisation with it
    lone_members: tuple[str, ...]  # members with no other team, at organisations in no other team
    communities: tuple[int, ...]  # the communities of the team, its members and its organisations

    @property
    def isolated(self) -> bool:
        return not self.linked_teams


@dataclass(frozen=True)
class Community:
    number: int
    size: int
    people: int
    organisations: int
    teams: int
    themes: tuple[tuple[str, int], ...]  # theme id and number of its teams in the community, most first
    central: tuple[str, ...]  # ids of its most central members (by betweenness, then degree)


@dataclass(frozen=True)
class CityCoverage:
    """A G4/G32 city and the teams it takes part in (joined, pilots their question, or hosts one of
    their organisations), per theme."""

    id: str
    name: str
    networks: tuple[str, ...]
    teams_by_theme: dict[str, tuple[str, ...]]

    @property
    def team_count(self) -> int:
        return sum(len(teams) for teams in self.teams_by_theme.values())


@dataclass
class Analysis:
    as_of: dt.date
    fingerprint: tuple[int, int]
    seconds: float  # how long it took
    nodes: int
    edges: int
    # None: betweenness counted from every node; a number: from that many sampled nodes, scaled.
    betweenness_sources: int | None
    themes: dict[str, str]  # id -> name, the coverage table's columns
    metrics: dict[str, NodeMetrics]
    teams: dict[str, TeamConnection]
    communities: list[Community]  # largest first; their number is their place in this list
    coverage: list[CityCoverage]  # the cities in a network on `as_of`, by name
    modularity: float = 0.0
    network: Network | None = field(default=None, repr=False)  # what it was computed on (for introductions)
    computed_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))

    @cached_property
    def ranked_brokers(self) -> list[NodeMetrics]:
        """People and organisations with shortest paths through them, highest betweenness first."""
        candidates = [m for m in self.metrics.values() if m.label != "Team" and m.betweenness > 0]
        return sorted(candidates, key=lambda m: (-m.betweenness, -m.degree, m.id))

    @cached_property
    def community_of(self) -> dict[str, int]:
        return {node_id: m.community for node_id, m in self.metrics.items()}

    @cached_property
    def broker_ranks(self) -> dict[str, int]:
        return {m.id: rank for rank, m in enumerate(self.ranked_brokers, start=1)}

    def brokers(self, limit: int = 10, between_themes: bool = False) -> list[NodeMetrics]:
        """The top brokers; `between_themes`: only those in teams of two themes or more."""
        found = (m for m in self.ranked_brokers if not between_themes or len(m.themes) >= 2)
        return [m for _, m in zip(range(limit), found)]

    def isolated_teams(self) -> list[TeamConnection]:
        return sorted((t for t in self.teams.values() if t.isolated), key=lambda t: t.name)

    def uncovered_cities(self) -> list[CityCoverage]:
        return [c for c in self.coverage if c.team_count == 0]

    def theme_cities(self, theme: str) -> list[CityCoverage]:
        return [c for c in self.coverage if c.teams_by_theme.get(theme)]
