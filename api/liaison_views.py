"""What the liaison pages show, built from the graph's read queries and the matcher: the plan
deadline as of a date, each team's progress, the call list, and the teams that would like a city
to join. The routes (api.routes.liaison) only pick these and render them.

Everything here is bounded: lists that ask the matcher about many teams stop at a cap and say so.
They ask about all of their teams at once (MatcherService.city_suggestions_of and
partner_suggestions_of: a few reads of the graph whatever the number of teams).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from api.deps import Graph
from graph.repositories import pages as q
from graph.vocabulary import JOIN_STATUSES_BY_PROGRESS, SECTORS
from matcher.cities import INVITE_LEAD
from matcher.results import Reason
from matcher.service import MatcherService

# How many suggestions each list shows. The team page shows the API's default; the call list the
# few a liaison can phone about in one sitting.
TEAM_SUGGESTIONS = 10
CALL_CITIES = 3
CALL_PARTNERS = 3
# Caps on the teams the matcher is asked about for one page (see the module's docstring).
CALL_LIST_TEAMS = 30
CITY_WISH_TEAMS = 40
OVERVIEW_TEAMS = 500
# A team whose progress is below this share stands out on the overview.
BEHIND = 1 / 3


class BadDate(ValueError):
    pass


def parse_peildatum(value: str | None) -> dt.date | None:
    """The `peildatum` query parameter (YYYY-MM-DD); None when absent or empty."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadDate(value) from None


# --- the plan deadline ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """The plan deadline as seen on `as_of`: the next one, or the last one that has passed."""

    as_of: dt.date
    date: dt.date | None  # the next deadline on or after as_of
    name: str | None
    passed: dt.date | None  # the last deadline before as_of, when there is no next one
    passed_name: str | None

    @property
    def days_left(self) -> int | None:
        return (self.date - self.as_of).days if self.date else None

    @property
    def days_since(self) -> int | None:
        return (self.as_of - self.passed).days if self.passed else None


def deadline(graph: Graph, as_of: dt.date) -> Deadline:
    dates = q.plan_deadlines(graph)
    ahead = [d for d in dates if d["date"] >= as_of]
    behind = [d for d in dates if d["date"] < as_of]
    nxt = ahead[0] if ahead else None
    last = behind[-1] if behind and not ahead else None
    return Deadline(as_of, nxt and nxt["date"], nxt and nxt["name"], last and last["date"], last and last["name"])


# --- progress per team ----------------------------------------------------------------------------


@dataclass
class Progress:
    """A team's readiness in counts, as the overview shows it. The same facts as the matcher's
    readiness (tests hold them equal), read for all teams in one query."""

    id: str
    name: str
    theme: dict | None
    question: dict | None
    members: int
    organisations: int
    wanted_found: list[dict]
    wanted_missing: list[dict]
    wanted_rejected: list[dict]
    sectors_covered: list[str]
    sectors_missing: list[str]
    cities: dict[str, list[dict]]
    share: float = field(init=False)

    def __post_init__(self):
        # Three parts, each from 0 to 1: wanted partners found, sectors covered, a city committed.
        # A team that wants nothing in particular has nothing missing there; a wanted party the
        # team has since rejected no longer counts (as in the matcher's readiness).
        wanted = len(self.wanted_found) + len(self.wanted_missing)
        parts = (
            len(self.wanted_found) / wanted if wanted else 1.0,
            len(self.sectors_covered) / len(SECTORS),
            1.0 if self.cities["committed"] else 0.0,
        )
        self.share = sum(parts) / len(parts)

    @property
    def percent(self) -> int:
        return round(self.share * 100)

    @property
    def behind(self) -> bool:
        return self.share < BEHIND


def _progress(row: dict) -> Progress:
    wants: dict[str, dict] = {}
    for want in row["wants"]:  # one phrase may name a party twice; count the party once
        wants.setdefault(want["id"], want)
    covered = [s for s in SECTORS if s in row["sectors"]]
    cities = {status: [c for c in row["cities"] if c["status"] == status] for status in JOIN_STATUSES_BY_PROGRESS}
    found = [w for w in wants.values() if w["found"]]
    return Progress(
        row["id"],
        row["name"],
        row["theme"],
        row["question"],
        row["members"],
        row["organisations"],
        found,
        [w for w in wants.values() if not w["found"] and not w["rejected"]],
        [w for w in wants.values() if not w["found"] and w["rejected"]],
        covered,
        [s for s in SECTORS if s not in covered],
        cities,
    )


def progress(
    graph: Graph, theme: str | None = None, matcher: MatcherService | None = None
) -> tuple[int, list[Progress]]:
    """Every team's progress (or one theme's), by theme and name; at most OVERVIEW_TEAMS. With
    `matcher`, the read is kept until the graph changes (MatcherService.kept): the overview reads
    every team, a tenth of a second on 12,500 teams, and liaisons open it far more often than the
    graph changes."""

    def read():
        return q.team_progress(graph, theme=theme, limit=OVERVIEW_TEAMS)

    total, rows = matcher.kept(("team_progress", theme), read) if matcher else read()
    return total, [_progress(row) for row in rows]


def furthest_behind(teams: list[Progress], n: int = 3) -> list[Progress]:
    return sorted(teams, key=lambda t: (t.share, t.name))[:n]


def by_theme(teams: list[Progress], themes: list[dict]) -> list[dict]:
    """Every theme with its teams, least progress first; themes whose weakest team is furthest
    behind come first, themes without teams last."""
    groups = [
        {
            "theme": theme,
            "teams": sorted(
                (t for t in teams if t.theme and t.theme["id"] == theme["id"]), key=lambda t: (t.share, t.name)
            ),
        }
        for theme in themes
    ]
    loose = [t for t in teams if not t.theme]
    if loose:
        groups.append({"theme": None, "teams": sorted(loose, key=lambda t: (t.share, t.name))})
    return sorted(groups, key=lambda g: (not g["teams"], min((t.share for t in g["teams"]), default=1.0)))


# --- the call list --------------------------------------------------------------------------------


def _reasons(reasons: tuple[Reason, ...], n: int = 2) -> list[str]:
    return [r.text for r in reasons[:n]]


def call_list(
    graph: Graph, matcher: MatcherService, liaison: str | None, as_of: dt.date, max_teams: int = CALL_LIST_TEAMS
) -> dict:
    """Cities to invite and partners to approach for the teams of `liaison`'s themes (None: every
    team with a theme), each with its team, its reasons and the date to call by; grouped by that
    date, earliest first. A partner gets the same date as the team's cities: it too has to be on
    board in time to help write the plan (matcher.cities.INVITE_LEAD)."""
    total, teams = q.call_list_teams(graph, liaison, limit=max_teams)
    ids = [team["id"] for team in teams]
    # Teams deleted since the list was read, or made since the last fit, are left out.
    cities_of = matcher.city_suggestions_of(ids, as_of, limit=CALL_CITIES)
    partners_of = matcher.partner_suggestions_of(ids, limit=CALL_PARTNERS)
    items = []
    model_note = None  # one fit ranks every team's partners: its note, if any, holds for all
    for team in teams:
        cities, partners = cities_of.get(team["id"]), partners_of.get(team["id"])
        if cities is None or partners is None:
            continue
        model_note = partners.model.note
        common = {"team": team, "by": cities.invite_by}
        items += [
            {
                **common,
                "kind": "city",
                "id": c.city,
                "name": c.name,
                "score": c.score,
                "status": c.status,
                "reasons": _reasons(c.reasons),
            }
            for c in cities.suggestions
        ]
        items += [
            {
                **common,
                "kind": "partner",
                "id": p.organisation,
                "name": p.name,
                "score": p.score,
                "status": None,
                "reasons": _reasons(p.reasons),
            }
            for p in partners.partners
        ]
    # By date (none last: the deadline has passed), then team, cities before partners, best first.
    items.sort(
        key=lambda i: (
            i["by"] is None,
            i["by"] or dt.date.min,
            i["team"]["name"].lower(),
            i["kind"] != "city",
            -i["score"],
        )
    )
    groups: list[dict] = []
    for item in items:
        if not groups or groups[-1]["by"] != item["by"]:
            groups.append({"by": item["by"], "calls": []})
        groups[-1]["calls"].append(item)
    return {
        "groups": groups,
        "count": len(items),
        "teams": teams,
        "total_teams": total,
        "capped": total > len(teams),
        "cities_per_team": CALL_CITIES,
        "partners_per_team": CALL_PARTNERS,
        "lead_weeks": INVITE_LEAD.days // 7,
        "model_note": model_note,
    }


# --- a city's page --------------------------------------------------------------------------------


def city_wishes(
    graph: Graph, matcher: MatcherService, city_id: str, as_of: dt.date, max_teams: int = CITY_WISH_TEAMS
) -> dict:
    """The teams whose city suggestions (the first TEAM_SUGGESTIONS, as a team page shows them)
    include the city, with its place in their list, the date to invite by and the reasons. Asks
    the teams closest to the city first and at most `max_teams` of them."""
    total, teams = q.teams_near_city(graph, city_id, limit=max_teams)
    lists = matcher.city_suggestions_of([team["id"] for team in teams], as_of, limit=TEAM_SUGGESTIONS)
    wishes = []
    for team in teams:
        found = lists.get(team["id"])
        if found is None:  # deleted since the list was read
            continue
        for rank, suggestion in enumerate(found.suggestions, start=1):
            if suggestion.city == city_id:
                wishes.append(
                    {
                        "team": team,
                        "rank": rank,
                        "by": suggestion.invite_by,
                        "status": suggestion.status,
                        "liaison": suggestion.liaison,
                        "reasons": [r.text for r in suggestion.reasons],
                    }
                )
    wishes.sort(key=lambda w: (w["rank"], w["team"]["name"].lower()))
    return {"wishes": wishes, "asked": len(teams), "total_teams": total, "capped": total > len(teams)}
