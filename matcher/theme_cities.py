"""Per theme, the cities where its teams have organisations, from the fit's snapshot.

A city with organisations in other teams of the team's theme is a reason to ask it (matcher.cities,
`in_theme`). Walking a theme of thousands of teams in the graph for every question cost most of a
city suggestion's time on a large network; this table is made once per fit instead, and a question
reads its theme's row. Like the partner ranking, it catches up with the graph at the next refit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from matcher.snapshot import Snapshot

SHOWN = 5  # other teams a reason names


@dataclass(frozen=True)
class ThemeCity:
    team_count: int  # teams of the theme with an organisation in the city
    first: tuple[int, ...]  # the first SHOWN + 1 of them by id (team rows): one more, for a team to leave itself out


@dataclass
class ThemeCities:
    by_theme: dict[str, dict[str, ThemeCity]]
    team_city: sparse.csr_matrix  # team x city, > 0 where the team has an organisation in the city
    city_column: dict[str, int]
    team_ids: list[str]

    @classmethod
    def of(cls, snapshot: Snapshot) -> ThemeCities:
        cities = sorted({c for c in snapshot.org_cities if c})
        column = {c: k for k, c in enumerate(cities)}
        located = [(i, column[c]) for i, c in enumerate(snapshot.org_cities) if c]
        org_city = sparse.csr_matrix(
            (np.ones(len(located)), ([i for i, _ in located], [k for _, k in located])),
            shape=(len(snapshot.org_ids), len(cities)),
        )
        team_city = (snapshot.orgs_team @ org_city).tocsr()
        by_id = np.argsort(np.argsort([t.id for t in snapshot.teams], kind="stable"), kind="stable")
        by_theme = {}
        for theme, rows in snapshot.theme_teams.items():
            sub = team_city[rows].tocoo()
            teams = np.asarray(rows)[sub.row]
            order = np.lexsort((by_id[teams], sub.col))  # per city, teams by id
            table: dict[str, ThemeCity] = {}
            for k in np.unique(sub.col):
                in_city = teams[order][sub.col[order] == k]
                table[cities[k]] = ThemeCity(len(in_city), tuple(int(t) for t in in_city[: SHOWN + 1]))
            by_theme[theme] = table
        return cls(by_theme, team_city, column, [t.id for t in snapshot.teams])

    def for_team(self, theme: str | None, team: int | None) -> list[dict]:
        """Rows {city, teams, team_count} for the question of team row `team` (None: a team the fit
        does not know) in `theme`: the other teams of the theme per city, the first SHOWN by id."""
        own_columns: set[int] = set()
        if team is not None:  # the team's own cities, from its row at once (an element at a time is slow in scipy)
            row = self.team_city[team]
            own_columns = set(row.indices[row.data > 0].tolist())
        rows = []
        for city, found in self.by_theme.get(theme, {}).items():
            own = self.city_column[city] in own_columns
            others = [self.team_ids[t] for t in found.first if t != team][:SHOWN]
            count = found.team_count - own
            if count > 0:
                rows.append({"city": city, "teams": others, "team_count": count})
        return rows
