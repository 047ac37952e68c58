"""The network analysis and warm introductions as the API gives them: read by attribute from
graph.analysis's results, whose field names they share."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field


class _Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class NamedCount(_Read):
    id: str
    name: str
    count: int


class Named(_Read):
    id: str
    name: str


class Broker(_Read):
    id: str
    label: str = Field(description="Person or Organisation")
    name: str
    betweenness: float = Field(description="share of the shortest paths between other nodes through it, 0..1")
    degree: int
    community: int
    teams: int
    themes: list[str]


class CommunityBrief(_Read):
    number: int = Field(description="1 is the largest")
    size: int
    people: int
    organisations: int
    teams: int
    themes: list[NamedCount] = Field(description="the themes of its teams, with how many of its teams have each")
    central: list[NamedCount] = Field(description="its most central members (count: their degree)")


class IsolatedTeam(_Read):
    id: str
    name: str
    theme: str | None
    members: int
    lone_members: int = Field(description="members with no other team, at organisations in no other team")


class CoverageRow(_Read):
    city: str
    name: str
    networks: list[str]
    teams_by_theme: dict[str, int]
    teams: int


class NetworkCoverage(_Read):
    network: str = Field(description="the city network's name: G4, G32")
    cities: int
    reached: int = Field(description="its cities that take part in a team")
    reached_by_theme: dict[str, int]


class AnalysisSummary(_Read):
    """The network as of a date: people, organisations and teams, linked by who works where, who is
    in which team and which organisations are partners. Computed when the graph changes."""

    as_of: dt.date
    nodes: int
    edges: int
    seconds: float = Field(description="how long the analysis took")
    betweenness_sources: int | None = Field(description="null: exact; a number: sampled from that many nodes")
    modularity: float
    community_count: int
    communities: list[CommunityBrief] = Field(description="the largest, up to `limit`")
    brokers: list[Broker]
    theme_brokers: list[Broker] = Field(description="brokers in teams of two themes or more")
    isolated_teams: list[IsolatedTeam] = Field(description="teams sharing no member or organisation with another")
    uncovered_cities: list[NamedCount] = Field(description="G4/G32 cities no team reaches")
    themes: list[NamedCount] = Field(description="the coverage table's columns (count: cities reached)")
    coverage: list[CoverageRow] = Field(
        description="per G4/G32 city, the teams of each theme it takes part in: joined (committed or "
        "interested), pilots their question, or hosts one of their organisations"
    )
    networks: list[NetworkCoverage] = Field(description="per city network, how many of its cities are reached")


class NodePlace(_Read):
    """A node's place in the network analysis (of today; null while the first is being made)."""

    as_of: dt.date
    degree: int
    betweenness: float
    broker_rank: int | None = Field(description="1: the highest betweenness; null: no shortest paths through it")
    brokers: int = Field(description="people and organisations with a broker rank")
    community: int
    community_size: int
    teams: int
    themes: list[Named]


class TeamPlace(NodePlace):
    isolated: bool = Field(description="shares no member or organisation with another team")
    linked_teams: list[Named] = Field(description="teams sharing a member or organisation with it: the first 100 by id")
    linked_teams_total: int
    lone_members: list[Named] = Field(description="members with no link outside the team: the first 100 by id")
    lone_members_total: int
    communities: list[int]


class CityReach(_Read):
    as_of: dt.date
    networks: list[str]
    teams_by_theme: dict[str, list[Named]]


class ThemeReach(_Read):
    as_of: dt.date
    cities: list[Named]
    uncovered_cities: list[Named]
    brokers: list[Named] = Field(description="people and organisations linking it with another theme")


class ChainPerson(BaseModel):
    id: str
    name: str
    email: str | None = Field(default=None, exclude_if=lambda v: v is None, description="coordinators only")
    phone: str | None = Field(default=None, exclude_if=lambda v: v is None, description="coordinators only")


class Step(_Read):
    kind: str = Field(description="teammates, colleagues, works_at, member_of or partner_in")
    text: str = Field(description="the step in Dutch")
    people: list[str]


class Chain(BaseModel):
    text: str
    path: list[str] = Field(description="node ids from the team to the target")
    steps: list[Step]
    people: list[ChainPerson]


class Introductions(BaseModel):
    team: str
    organisation: str
    name: str
    already_in_team: bool
    max_steps: int
    chains: list[Chain] = Field(description="the shortest first; empty when none of max_steps or fewer exists")


class IntroductionBrief(_Read):
    """The shortest chain to a suggested organisation, in short: GET .../introductions/{org} has them all."""

    steps: int
    text: str
    via: str = Field(description="the team's member or partner the chain starts with")
