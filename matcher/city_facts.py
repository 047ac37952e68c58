"""What every team's city suggestions share about a city: its name and size, a few posts and projects
that mention it, how many teams it already joined, and the networks it is in.

Read for all cities at once, once per graph version (graph.repositories.matching.city_facts),
rather than per city and per question: on a network of 100,000 people a large city has thousands of
located organisations, people and projects and thousands of teams, and walking them again for
every row of every team's list cost nine tenths of a city suggestion's time. A question then reads
only its own team's neighbourhood, and `team_signals` puts the two together.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graph.handle import native
from matcher.now import CitySignal, TeamNow


@dataclass(frozen=True)
class Membership:
    network: str  # the network's organisation id
    name: str
    since: dt.date | None
    until: dt.date | None

    def holds_on(self, day: dt.date) -> bool:
        return (self.since is None or self.since <= day) and (self.until is None or self.until > day)


@dataclass(frozen=True)
class CityFacts:
    city: str
    name: str
    province: str | None
    population: int | None
    posts: tuple[str, ...]  # the first few by id
    projects: tuple[str, ...]
    load: int  # teams the city joined or was asked by, not declined
    networks: tuple[Membership, ...]

    @classmethod
    def from_row(cls, row: dict) -> CityFacts:
        """From a row of graph.repositories.matching.city_facts."""
        return cls(
            city=row["city"],
            name=row["name"],
            province=row["province"],
            population=row["population"],
            posts=tuple(row["posts"]),
            projects=tuple(row["projects"]),
            load=row["load"],
            networks=tuple(
                Membership(m["network"], m["name"], native(m["since"]), native(m["until"])) for m in row["networks"]
            ),
        )


def _asked(team: TeamNow) -> set[str]:
    """The cities whose load counts this team: joined or asked, not declined."""
    return {c.city for c in team.cities if c.status is not None and c.status != "declined"}


def team_signals(
    team: TeamNow, rows: list[dict], in_theme: list[dict], facts: dict[str, CityFacts], as_of: dt.date
) -> list[CitySignal]:
    """The team's city signals, ordered by city, signal, via and via2 (matcher.cities.city_suggestions
    takes them so): `rows` from its neighbourhood (graph.repositories.matching.city_signals), the
    theme's other teams per city (`in_theme`, from matcher.theme_cities), and each city's network
    memberships on `as_of`; every row with its city's facts, and the load without the team itself."""
    found: set[tuple] = set()
    for row in rows:
        found.add((row["city"], row["signal"], row["via"], row["via2"], (), 0))
    for row in in_theme:
        found.add((row["city"], "in_theme", None, None, tuple(row["teams"]), row["team_count"]))
    for city in facts.values():
        for membership in city.networks:
            if membership.holds_on(as_of):
                found.add((city.city, "network_member", membership.network, membership.name, (), 0))
    asked = _asked(team)
    signals = []
    for city_id, signal, via, via2, teams, team_count in sorted(found, key=_order):
        city = facts.get(city_id)
        if city is None:  # added since the facts were read: it waits for the next read
            continue
        signals.append(
            CitySignal(
                city_id,
                city.name,
                city.province,
                city.population,
                signal,
                via,
                via2,
                city.posts,
                city.projects,
                city.load - (city_id in asked),
                teams,
                team_count,
            )
        )
    return signals


def _order(signal: tuple) -> tuple:
    # As Cypher's ORDER BY city, signal, via, via2: a missing value after every present one.
    city, kind, via, via2 = signal[:4]
    return city, kind, via is None, via or "", via2 is None, via2 or ""
