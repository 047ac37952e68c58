"""The team as it is now, and the facts a city suggestion rests on: what the matcher's service
reads live for each question (graph.repositories.matching), as plain values for the calculations.

The snapshot a fit was made from may be minutes old; an answer the team gave since (a partner
accepted, a city committed, anything rejected) must count at once, so these are read per request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.handle import native
from matcher.results import Liaison


@dataclass(frozen=True)
class JoinedCity:
    """A city with a status (suggested, invited, ...) with the team."""

    city: str
    name: str
    status: str
    province: str | None = None
    population: int | None = None


@dataclass(frozen=True)
class TeamNow:
    id: str
    name: str
    question: str | None
    theme: str | None
    theme_name: str | None
    organisations: frozenset[str]  # partners, and organisations a member works at
    rejected: frozenset[str]  # ids of organisations, partner kinds and cities the team turned down
    cities: tuple[JoinedCity, ...]
    liaisons: tuple[Liaison, ...]  # of the team's theme
    plan_deadlines: tuple[dt.date, ...]  # every plan deadline on record, earliest first

    @classmethod
    def from_row(cls, row: dict) -> TeamNow:
        """From graph.repositories.matching.team_now's row."""
        return cls(
            id=row["id"],
            name=row["name"],
            question=row["question"],
            theme=row["theme"],
            theme_name=row["theme_name"],
            organisations=frozenset(row["organisations"]),
            rejected=frozenset(row["rejected"]),
            cities=tuple(JoinedCity(**c) for c in row["cities"]),
            liaisons=tuple(Liaison(**p) for p in row["liaisons"]),
            plan_deadlines=tuple(sorted(native(d) for d in row["deadlines"] if d is not None)),
        )


@dataclass(frozen=True)
class CitySignal:
    """One reason a city could join the team (graph.repositories.matching.city_signals' row):
    `signal` names it, `via` and `via2` are the nodes it runs through."""

    city: str
    name: str
    province: str | None
    population: int | None
    signal: str
    via: str | None
    via2: str | None
    posts: tuple[str, ...]  # a few posts that mention the city
    projects: tuple[str, ...]  # a few projects located there
    load: int  # other teams the city joined or was asked by
    teams: tuple[str, ...] = ()  # for `in_theme`: the first other teams of the theme with an organisation there
    team_count: int = 0  # for `in_theme`: how many there are

    @classmethod
    def from_row(cls, row: dict) -> CitySignal:
        return cls(
            **{
                **row,
                "posts": tuple(row["posts"]),
                "projects": tuple(row["projects"]),
                "teams": tuple(row.get("teams") or ()),
            }
        )
