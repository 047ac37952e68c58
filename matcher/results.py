"""What the matcher answers: partner and city suggestions, a team's readiness, the reasons behind
them and the graph paths behind the reasons.

Frozen, because one answer is kept for the fit it came from and handed to every caller that asks
the same question (matcher.service): nobody may change it under another. The API's schemas
(api.schemas.suggestions) read these by attribute, so field names here are the API's names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    """One relationship on a path: its type, and whether it points along the path."""

    type: str
    forward: bool


@dataclass(frozen=True)
class Path:
    """A path through the graph that backs a reason: node ids, and the relationships between them."""

    nodes: tuple[str, ...]
    relationships: tuple[Step, ...] = ()

    @classmethod
    def at(cls, node: str) -> Path:
        return cls((node,))

    def step(self, rel_type: str, node: str, forward: bool = True) -> Path:
        return Path((*self.nodes, node), (*self.relationships, Step(rel_type, forward)))

    def join(self, other: Path) -> Path:
        assert other.nodes[0] == self.nodes[-1]
        return Path(self.nodes + other.nodes[1:], self.relationships + other.relationships)

    def reversed(self) -> Path:
        return Path(self.nodes[::-1], tuple(Step(r.type, not r.forward) for r in reversed(self.relationships)))


@dataclass(frozen=True)
class Reason:
    code: str
    text: str  # Dutch, for people
    weight: float | None  # what its signals added to the score; None for a partner the team named
    paths: tuple[Path, ...] = ()
    data: Mapping = field(default_factory=dict)


@dataclass(frozen=True)
class KindReason:
    """Why a kind of partner is listed as unfilled: no weight, it is a fact about the team."""

    code: str
    text: str
    paths: tuple[Path, ...] = ()


@dataclass(frozen=True)
class PartnerSuggestion:
    organisation: str
    name: str
    score: float
    named_in_partners_line: bool
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class RankingModel:
    """Which model ranked the partner suggestions; `note` (Dutch) says when the default weights did."""

    kind: str
    fitted_at: dt.datetime
    training_teams: int
    training_queries: int
    note: str | None


@dataclass(frozen=True)
class UnfilledKind:
    kind: str
    name: str
    text: str  # how the team wrote it on its partners line
    organisations_in_network: int
    reason: KindReason


@dataclass(frozen=True)
class PartnerSuggestions:
    team: str
    blind: bool
    partners: tuple[PartnerSuggestion, ...]
    model: RankingModel
    kinds: tuple[UnfilledKind, ...]


@dataclass(frozen=True)
class Liaison:
    id: str
    name: str


@dataclass(frozen=True)
class CitySuggestion:
    city: str
    name: str
    score: float
    reasons: tuple[Reason, ...]
    load: int  # other teams the city already joined or was asked by
    status: str | None  # its status with this team, if it has one
    invite_by: dt.date | None
    liaison: Liaison | None


@dataclass(frozen=True)
class CitySuggestions:
    team: str
    as_of: dt.date
    plan_deadline: dt.date | None
    invite_by: dt.date | None
    liaison: Liaison | None
    suggestions: tuple[CitySuggestion, ...]


@dataclass(frozen=True)
class Action:
    kind: str  # partner, city or sector
    id: str
    name: str
    text: str  # Dutch, for people
    by: dt.date | None = None


@dataclass(frozen=True)
class FoundMissing:
    found: tuple[str, ...]
    missing: tuple[str, ...]
    rejected: tuple[str, ...]  # wanted, but the team has since rejected them


@dataclass(frozen=True)
class Sectors:
    covered: tuple[str, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True)
class Readiness:
    team: str
    name: str
    as_of: dt.date
    plan_deadline: dt.date | None
    days_left: int | None
    members: int
    organisations: int
    wanted_partners: FoundMissing
    wanted_kinds: FoundMissing
    sectors: Sectors
    cities: Mapping[str, tuple[str, ...]]  # city ids per join status, furthest along first
    liaison: Liaison | None
    actions: tuple[Action, ...]
