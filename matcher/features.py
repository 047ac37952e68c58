"""The signals that make an organisation a likely partner for a team, for all organisations at once.

Every signal is computed from a TeamQuery: the team as the matcher may see it. Evaluation hides a
link by leaving the organisation out of `orgs` (and out of every count that would reveal it), and
goes blind by leaving out the team's wanted partners.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matcher.snapshot import Snapshot

# The signals the model weighs. A partner the team named itself is not among them: it leads the
# list by rule (see matcher.partners), since the team already said it wants it.
FEATURES = ("kind_want", "sector_gap", "text_fit", "network", "theme_network", "same_city", "popularity")


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
    named = {} if blind else {snapshot.org_row[o]: text for o, text in info.named_wants.items() if o in snapshot.org_row}
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


def network_scores(snapshot: Snapshot, query: TeamQuery) -> np.ndarray:
    """Adamic-Adar between each organisation and the team's organisations: a shared team counts
    more the smaller it is. Touches only the teams the team's organisations are in."""
    scores = np.zeros(len(snapshot.org_ids))
    for other, held in shared_teams(snapshot, query).items():
        scores[snapshot.orgs_of_team(other)] += held / np.log(max(snapshot.team_size[other], 2))
    return scores


def features(snapshot: Snapshot, text_fit: np.ndarray, query: TeamQuery) -> np.ndarray:
    """One row per organisation, one column per name in FEATURES."""
    n = len(snapshot.org_ids)
    X = np.zeros((n, len(FEATURES)))
    in_team = np.zeros(n, dtype=bool)
    in_team[snapshot.orgs_of_team(query.team)] = True  # every link of the team, hidden ones too

    # A wanted kind says more the fewer organisations are of that kind ('onderzoeksbureau' over
    # 'overheid'): its weight is the kind's share-of-organisations surprise, log(n / k) / log(n).
    for kind in query.kind_wants:
        members = snapshot.kind_members.get(kind, [])
        if members:
            specificity = np.log(n / len(members)) / np.log(max(n, 2))
            X[members, 0] = np.maximum(X[members, 0], specificity)

    covered = {int(s) for s in snapshot.org_sectors[query.orgs] if s >= 0}
    missing = [s for s in range(4) if s not in covered]
    X[:, 1] = np.isin(snapshot.org_sectors, missing)

    # Relative to the best fit for this team: how well texts match differs a lot between teams
    # (a long project text against short descriptions), the order within a team is what counts.
    if len(text_fit) and text_fit.max() > 0:
        X[:, 2] = text_fit / text_fit.max()

    X[:, 3] = network_scores(snapshot, query)

    theme = snapshot.teams[query.team].theme
    if theme:
        theme_count = snapshot.theme_org_counts(theme).copy()
        theme_count[in_team] -= 1  # the team itself is not "another team in the theme"
        X[:, 4] = np.log1p(np.maximum(theme_count, 0))

    cities = {snapshot.org_cities[o] for o in query.orgs} | query.cities
    cities.discard(None)
    if cities:
        X[:, 5] = [c in cities for c in snapshot.org_cities]

    # A hidden link must not make its organisation look more popular.
    X[:, 6] = np.log1p(snapshot.org_degree - in_team)

    return X
