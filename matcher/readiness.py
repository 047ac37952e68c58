"""Team readiness against the plan deadline: what a coordinator's overview and a liaison's call
list are built from."""

from __future__ import annotations

import datetime as dt

from matcher.reasons import SECTOR_NL, date_nl
from matcher.snapshot import SECTORS, Snapshot


def readiness(snapshot: Snapshot, team_id: str, as_of: dt.date, partners: dict, now: dict, cities: dict,
              actions: int = 6) -> dict:
    """Wanted partners found and missing, sectors, cities, size, days left and the next actions:
    the best three partners (`partners`, from the fit `snapshot` belongs to), the best two cities,
    then any sector still missing. `now` is the team as it is now (graph.repositories.matching.team_now),
    read with the partners: a partner accepted or a city committed since the last fit counts at once."""
    team = snapshot.team_row[team_id]
    info = snapshot.teams[team]
    in_team_rows = set(snapshot.orgs_of_team(team).tolist()) | {snapshot.org_row[o] for o in now["organisations"]
                                                                 if o in snapshot.org_row}
    in_team = {snapshot.org_ids[i] for i in in_team_rows}
    # A wanted party the team has since rejected is neither found nor missing: the team decided.
    rejected = set(now.get("rejected", []))
    named_found = sorted(o for o in info.named_wants if o in in_team)
    named_missing = sorted(o for o in info.named_wants if o not in in_team and o not in rejected)
    kinds_found = sorted(k for k in info.kind_wants if any(i in in_team_rows for i in snapshot.kind_members.get(k, [])))
    kinds_missing = sorted(k for k in info.kind_wants if k not in kinds_found and k not in rejected)
    covered = sorted({SECTORS[s] for s in snapshot.org_sectors[list(in_team_rows)] if s >= 0}) if in_team_rows else []
    deadline = cities["plan_deadline"]
    todo = [{"kind": "partner", "id": p["organisation"], "name": p["name"],
             "text": f"Benader {p['name']}: {p['reasons'][0]['text']}" if p["reasons"] else f"Benader {p['name']}"}
            for p in partners["partners"]]
    todo += [{"kind": "city", "id": c["city"], "name": c["name"], "by": c["invite_by"],
              "text": f"Nodig {c['name']} uit" + (f" vóór {date_nl(c['invite_by'])}" if c["invite_by"] else "")
                      + (f": {c['reasons'][0]['text']}" if c["reasons"] else "")}
             for c in cities["suggestions"]]
    todo += [{"kind": "sector", "id": s, "name": SECTOR_NL[s], "text": f"Zoek een partner uit de sector {SECTOR_NL[s]}"}
             for s in SECTORS if s not in covered and in_team_rows]
    return {
        "team": team_id, "name": info.name, "as_of": as_of,
        "plan_deadline": deadline, "days_left": (deadline - as_of).days if deadline else None,
        "members": info.members, "organisations": len(in_team),
        "wanted_partners": {"found": named_found, "missing": named_missing,
                            "rejected": sorted(rejected & set(info.named_wants))},
        "wanted_kinds": {"found": kinds_found, "missing": kinds_missing,
                         "rejected": sorted(rejected & set(info.kind_wants))},
        "sectors": {"covered": covered, "missing": [s for s in SECTORS if s not in covered]},
        "cities": {status: sorted(c["city"] for c in now["cities"] if c["status"] == status)
                   for status in ("committed", "interested", "invited", "suggested", "declined")},
        "liaison": cities["liaison"],
        "actions": todo[:actions],
    }
