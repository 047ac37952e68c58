"""City suggestions: which cities should come on board before the team's plan is due, by when,
and which liaison makes the call.

The signals are few and each is a plain fact from the graph, so they are weighed by fixed,
documented weights rather than a fitted model: the graph holds too few cities joining teams to
learn from, and a coordinator must be able to follow the sum.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from matcher.now import CitySignal, JoinedCity, TeamNow
from matcher.results import CitySuggestion, CitySuggestions, Path, Reason

WEIGHTS = {
    "champions_theme": 3.0,
    "pilot_for_question": 3.0,
    "in_team": 2.0,
    "in_theme": 1.0,
    "similar_to_committed": 1.0,
    "evidence": 0.5,
    "network_member": 0.5,
}
LOAD_PENALTY = 0.75  # per other team the city already joined or was asked by: spread the asks
INVITE_LEAD = dt.timedelta(weeks=6)  # a city needs time to decide and to give people for the plan
CLOSED = ("committed", "declined")


def plan_deadline(deadlines: tuple[dt.date, ...], as_of: dt.date) -> dt.date | None:
    """The first plan deadline on or after `as_of`; None when all are past (or none is known)."""
    return next((d for d in sorted(deadlines) if d >= as_of), None)


def invite_by(deadline: dt.date | None, as_of: dt.date) -> dt.date | None:
    if deadline is None:
        return None
    return max(as_of, deadline - INVITE_LEAD)


def _similar(city: CitySignal, committed: list[JoinedCity]) -> tuple[JoinedCity, str] | None:
    """A committed city this one resembles, and in what."""
    for other in committed:
        if city.province and city.province == other.province:
            return other, "zelfde provincie"
        a, b = city.population, other.population
        if a and b and 2 / 3 <= a / b <= 3 / 2:
            return other, "vergelijkbare omvang"
    return None


def _reason(code: str, text: str, paths: list[Path], **data) -> Reason:
    return Reason(code, text, WEIGHTS[code], tuple(paths), data)


def city_suggestions(team: TeamNow, signals: list[CitySignal], as_of: dt.date, limit: int = 10) -> CitySuggestions:
    """The team's city suggestions, best first, from the signals read for it (the rows of
    graph.repositories.matching.city_signals, in their order)."""
    joined = {c.city: c for c in team.cities}
    committed = [c for c in team.cities if c.status == "committed"]
    deadline = plan_deadline(team.plan_deadlines, as_of)
    call_by = invite_by(deadline, as_of)
    liaison = team.liaisons[0] if team.liaisons else None

    by_city: dict[str, list[CitySignal]] = defaultdict(list)
    for row in signals:
        status = joined[row.city].status if row.city in joined else None
        if status not in CLOSED and row.city not in team.rejected:
            by_city[row.city].append(row)

    suggestions = []
    for city_id, rows in by_city.items():
        first = rows[0]
        by_signal: dict[str, list[CitySignal]] = defaultdict(list)
        for row in rows:
            by_signal[row.signal].append(row)
        reasons = _city_reasons(team, city_id, by_signal)
        similar = _similar(first, committed)
        if similar:
            other, why = similar
            reasons.append(
                _reason("similar_to_committed", f"lijkt op {other.name}, die al meedoet ({why})", [], city=other.city)
            )
        if first.posts or first.projects:
            paths = [Path.at(city_id).step("MENTIONS", p, forward=False) for p in first.posts]
            paths += [Path.at(city_id).step("LOCATED_IN", p, forward=False) for p in first.projects]
            reasons.append(
                _reason(
                    "evidence",
                    "komt voor in berichten of projecten uit het netwerk",
                    paths,
                    posts=list(first.posts),
                    projects=list(first.projects),
                )
            )
        score = sum(r.weight for r in reasons) - LOAD_PENALTY * first.load
        reasons.sort(key=lambda r: -r.weight)
        suggestions.append(
            CitySuggestion(
                city=city_id,
                name=first.name,
                score=round(score, 4),
                reasons=tuple(reasons),
                load=first.load,
                status=joined[city_id].status if city_id in joined else None,
                invite_by=call_by,
                liaison=liaison,
            )
        )
    suggestions.sort(key=lambda s: (-s.score, s.name))
    return CitySuggestions(
        team=team.id,
        as_of=as_of,
        plan_deadline=deadline,
        invite_by=call_by,
        liaison=liaison,
        suggestions=tuple(suggestions[:limit]),
    )


def _city_reasons(team: TeamNow, city_id: str, by_signal: dict[str, list[CitySignal]]) -> list[Reason]:
    reasons = []
    if "champions_theme" in by_signal:
        reasons.append(
            _reason(
                "champions_theme",
                f"heeft zich verbonden aan het thema {team.theme_name}",
                [Path.at(city_id).step("CHAMPIONS", team.theme)],
            )
        )
    if "pilot_for_question" in by_signal:
        reasons.append(
            _reason(
                "pilot_for_question",
                "is pilotplek voor jullie vraagstuk",
                [Path.at(city_id).step("PILOT_FOR", team.question)],
            )
        )
    if "in_team" in by_signal:
        paths = []
        for row in by_signal["in_team"][:3]:
            if row.via.startswith("person:"):
                paths.append(Path.at(city_id).step("LOCATED_IN", row.via, forward=False).step("MEMBER_OF", team.id))
            elif row.via2:
                paths.append(
                    Path.at(city_id)
                    .step("LOCATED_IN", row.via, forward=False)
                    .step("WORKS_AT", row.via2, forward=False)
                    .step("MEMBER_OF", team.id)
                )
            else:
                paths.append(Path.at(city_id).step("LOCATED_IN", row.via, forward=False).step("PARTNER_IN", team.id))
        n = len({row.via for row in by_signal["in_team"]})
        reasons.append(
            _reason(
                "in_team",
                f"heeft al {n} {'organisatie of persoon' if n == 1 else 'organisaties of personen'} in jullie team",
                paths,
                count=n,
            )
        )
    if "in_theme" in by_signal:
        row = by_signal["in_theme"][0]  # one row per city: the count and the first teams
        n = row.team_count
        reasons.append(
            _reason(
                "in_theme",
                f"heeft organisaties in {n} {'ander team' if n == 1 else 'andere teams'} van {team.theme_name}",
                [],
                teams=list(row.teams),
            )
        )
    if "network_member" in by_signal:
        row = by_signal["network_member"][0]
        reasons.append(
            _reason(
                "network_member",
                f"is lid van {row.via2}",
                [Path.at(city_id).step("IN_NETWORK", row.via)],
                network=row.via,
            )
        )
    return reasons
