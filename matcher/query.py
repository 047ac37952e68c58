"""A team as the matcher may see it.

Every signal is computed from a TeamQuery. Evaluation hides a link by leaving the organisation out
of `orgs` (and out of every count that would reveal it), and goes blind by leaving out the team's
wanted partners.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matcher.snapshot import Snapshot


@dataclass
class TeamQuery:
    team: int  # the team's row in the snapshot
    orgs: np.ndarray  # rows of the organisations the matcher may see in the team
    hidden: frozenset[int] = frozenset()  # rows of links hidden from the matcher
    named_wants: dict[int, str] = field(default_factory=dict)  # organisation row -> partners-line text
    kind_wants: dict[str, str] = field(default_factory=dict)  # partner kind id -> partners-line text
    cities: set[str] = field(default_factory=set)  # cities that joined the team or pilot its question


def team_query(snapshot: Snapshot, team: int, hidden: frozenset[int] = frozenset(), blind: bool = False) -> TeamQuery:
    """The team as the matcher sees it: without the `hidden` organisations' links and, when
    `blind`, without its partners line."""
    info = snapshot.teams[team]
    orgs = np.array([i for i in snapshot.orgs_of_team(team) if i not in hidden], dtype=int)
    named = (
        {} if blind else {snapshot.org_row[o]: text for o, text in info.named_wants.items() if o in snapshot.org_row}
    )
    kinds = {} if blind else dict(info.kind_wants)
    cities = {c for c, status in info.cities.items() if status in ("committed", "interested")} | set(info.pilots)
    return TeamQuery(team, orgs, frozenset(hidden), named, kinds, cities)


def shared_teams(snapshot: Snapshot, query: TeamQuery) -> dict[int, int]:
    """Other teams that the team's organisations are in, with how many of them each holds."""
    counts: dict[int, int] = {}
    for org in query.orgs:
        for other in snapshot.teams_of_org(org):
            if other != query.team:
                counts[other] = counts.get(other, 0) + 1
    return counts
