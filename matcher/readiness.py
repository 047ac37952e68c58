"""Team readiness against the plan deadline: what a coordinator's overview and a liaison's call
list are built from. A calculation over the fit's snapshot, the team as it is now and the team's
suggestions, all handed in (matcher.service reads and ranks them)."""

from __future__ import annotations

import datetime as dt

from graph.vocabulary import JOIN_STATUSES_BY_PROGRESS, SECTOR_NL, SECTORS, date_nl
from matcher.now import TeamNow
from matcher.results import (
    Action,
    CitySuggestion,
    CitySuggestions,
    FoundMissing,
    PartnerSuggestion,
    PartnerSuggestions,
    Readiness,
    Sectors,
)
from matcher.snapshot import Snapshot


def readiness(
    snapshot: Snapshot,
    team: TeamNow,
    as_of: dt.date,
    partners: PartnerSuggestions,
    cities: CitySuggestions,
    actions: int = 6,
) -> Readiness:
    """Wanted partners found and missing, sectors, cities, size, days left and the next actions:
    the best three partners (`partners`, from the fit `snapshot` belongs to), the best two cities,
    then any sector still missing. A partner accepted or a city committed since the fit (`team`,
    read now) counts at once."""
    row = snapshot.team_row[team.id]
    info = snapshot.teams[row]
    in_team_rows = snapshot.orgs_of_team_now(row, team.organisations)
    in_team = {snapshot.org_ids[i] for i in in_team_rows}
    # A wanted party the team has since rejected is neither found nor missing: the team decided.
    rejected = team.rejected
    kinds_found = sorted(k for k in info.kind_wants if any(i in in_team_rows for i in snapshot.kind_members.get(k, [])))
    covered = sorted({SECTORS[s] for s in snapshot.org_sectors[list(in_team_rows)] if s >= 0}) if in_team_rows else []
    deadline = cities.plan_deadline
    todo = [_approach(p) for p in partners.partners] + [_invite(c) for c in cities.suggestions]
    # A team with no organisations yet lacks every sector; its first partners say more than the list would.
    todo += [
        Action("sector", s, SECTOR_NL[s], f"Zoek een partner uit de sector {SECTOR_NL[s]}")
        for s in SECTORS
        if s not in covered and in_team_rows
    ]
    return Readiness(
        team=team.id,
        name=info.name,
        as_of=as_of,
        plan_deadline=deadline,
        days_left=(deadline - as_of).days if deadline else None,
        members=info.members,
        organisations=len(in_team),
        wanted_partners=FoundMissing(
            found=tuple(sorted(o for o in info.named_wants if o in in_team)),
            missing=tuple(sorted(o for o in info.named_wants if o not in in_team and o not in rejected)),
            rejected=tuple(sorted(rejected & set(info.named_wants))),
        ),
        wanted_kinds=FoundMissing(
            found=tuple(kinds_found),
            missing=tuple(sorted(k for k in info.kind_wants if k not in kinds_found and k not in rejected)),
            rejected=tuple(sorted(rejected & set(info.kind_wants))),
        ),
        sectors=Sectors(covered=tuple(covered), missing=tuple(s for s in SECTORS if s not in covered)),
        cities={
            status: tuple(sorted(c.city for c in team.cities if c.status == status))
            for status in JOIN_STATUSES_BY_PROGRESS
        },
        liaison=cities.liaison,
        actions=tuple(todo[:actions]),
    )


def _approach(partner: PartnerSuggestion) -> Action:
    text = f"Benader {partner.name}"
    if partner.reasons:
        text += f": {partner.reasons[0].text}"
    return Action("partner", partner.organisation, partner.name, text)


def _invite(city: CitySuggestion) -> Action:
    text = f"Nodig {city.name} uit"
    if city.invite_by:
        text += f" vóór {date_nl(city.invite_by)}"
    if city.reasons:
        text += f": {city.reasons[0].text}"
    return Action("city", city.city, city.name, text, by=city.invite_by)
