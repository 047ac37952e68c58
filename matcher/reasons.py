"""Why an organisation is suggested: each reason in plain Dutch for people, as fields for programs,
and with the graph paths behind it (node ids and the relationships between them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from matcher.features import FEATURES, TeamQuery
from matcher.snapshot import SECTORS, Snapshot

SECTOR_NL = {
    "government": "overheid",
    "business": "ondernemingen",
    "knowledge": "onderwijs/onderzoek",
    "civil_society": "maatschappelijke organisaties",
}
MAX_PATHS = 3


@dataclass
class Path:
    nodes: list[str]
    relationships: list[dict] = field(default_factory=list)  # {"type": ..., "forward": bool}

    def step(self, rel_type: str, node: str, forward: bool = True) -> "Path":
        self.relationships.append({"type": rel_type, "forward": forward})
        self.nodes.append(node)
        return self

    def join(self, other: "Path") -> "Path":
        assert other.nodes[0] == self.nodes[-1]
        return Path(self.nodes + other.nodes[1:], self.relationships + other.relationships)

    def reversed(self) -> "Path":
        rels = [{"type": r["type"], "forward": not r["forward"]} for r in reversed(self.relationships)]
        return Path(list(reversed(self.nodes)), rels)

    def as_dict(self) -> dict:
        return {"nodes": self.nodes, "relationships": self.relationships}


@dataclass
class Reason:
    code: str
    text: str  # Dutch, for people
    weight: float  # what the signal added to the score (log-odds); named partners: inf
    paths: list[Path] = field(default_factory=list)
    data: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "text": self.text, "weight": round(self.weight, 4) if np.isfinite(self.weight) else None,
                "paths": [p.as_dict() for p in self.paths], "data": self.data}


def org_in_team(snapshot: Snapshot, org: int, team: int) -> Path:
    """How an organisation is in a team: as a partner, or through a member who works there."""
    org_id, team_id = snapshot.org_ids[org], snapshot.teams[team].id
    via = snapshot.link_via[(org, team)][0]
    if via is None:
        return Path([org_id]).step("PARTNER_IN", team_id)
    return Path([org_id]).step("WORKS_AT", via, forward=False).step("MEMBER_OF", team_id)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def explain(snapshot: Snapshot, query: TeamQuery, org: int, X_row: np.ndarray, contributions: np.ndarray,
            shared_terms: list[str]) -> list[Reason]:
    team = snapshot.teams[query.team]
    org_id = snapshot.org_ids[org]
    reasons: list[Reason] = []
    weight = dict(zip(FEATURES, contributions))

    if org in query.named_wants:
        text = query.named_wants[org]
        reasons.append(Reason("named_in_partners_line", f"genoemd in jullie partnerlijst ('{text}')", float("inf"),
                              [Path([team.id]).step("WANTS", org_id)], {"text": text}))

    wanted_kinds = [k for k in snapshot.org_kinds[org] if k in query.kind_wants]
    if wanted_kinds and X_row[0] > 0:
        kind = wanted_kinds[0]
        name = snapshot.kind_names.get(kind, kind)
        reasons.append(Reason(
            "wanted_kind", f"is een {name.lower()}, en die zoeken jullie ('{query.kind_wants[kind]}')",
            weight["kind_want"],
            [Path([team.id]).step("WANTS", kind).step("IS_A", org_id, forward=False) for kind in wanted_kinds[:MAX_PATHS]],
            {"kinds": wanted_kinds}))

    if X_row[1] > 0 and snapshot.org_sectors[org] >= 0 and len(query.orgs):
        sector = SECTORS[snapshot.org_sectors[org]]
        reasons.append(Reason("fills_sector_gap", f"vult de ontbrekende sector {SECTOR_NL[sector]}",
                              weight["sector_gap"], [], {"sector": sector}))

    if X_row[3] > 0:
        partners, paths = [], []
        own_teams = set(snapshot.teams_of_org(org).tolist())
        for member in query.orgs:
            common = [t for t in snapshot.teams_of_org(member) if t in own_teams and t != query.team]
            if common:
                partners.append(snapshot.org_names[member])
                if len(paths) < MAX_PATHS:
                    paths.append(org_in_team(snapshot, org, common[0])
                                 .join(org_in_team(snapshot, member, common[0]).reversed())
                                 .join(org_in_team(snapshot, member, query.team)))
        reasons.append(Reason(
            "works_with_team_organisations",
            f"werkt al samen met {_plural(len(partners), 'organisatie', 'organisaties')} uit jullie team "
            f"({', '.join(partners[:MAX_PATHS])}{', ...' if len(partners) > MAX_PATHS else ''})",
            weight["network"], paths, {"organisations": len(partners)}))

    if X_row[4] > 0 and team.theme:
        others = [t for t in snapshot.theme_teams[team.theme] if t != query.team and org in set(snapshot.orgs_of_team(t).tolist())]
        paths = [org_in_team(snapshot, org, t).step("WORKS_ON", snapshot.teams[t].question).step("IN_THEME", team.theme)
                 for t in others[:MAX_PATHS] if snapshot.teams[t].question]
        reasons.append(Reason(
            "active_in_theme", f"doet al mee in {_plural(len(others), 'ander team', 'andere teams')} binnen {team.theme_name}",
            weight["theme_network"], paths, {"teams": len(others)}))

    city = snapshot.org_cities[org]
    if X_row[5] > 0 and city:
        city_name = snapshot.city_names.get(city, city)
        neighbour = next((m for m in query.orgs if snapshot.org_cities[m] == city), None)
        if neighbour is not None:
            path = (Path([org_id]).step("LOCATED_IN", city).step("LOCATED_IN", snapshot.org_ids[neighbour], forward=False)
                    .join(org_in_team(snapshot, neighbour, query.team)))
            text = f"zit in {city_name}, net als {snapshot.org_names[neighbour]} uit jullie team"
        elif city in team.pilots:
            path = Path([org_id]).step("LOCATED_IN", city).step("PILOT_FOR", team.question)
            text = f"zit in {city_name}, pilotplek voor jullie vraagstuk"
        else:
            path = Path([org_id]).step("LOCATED_IN", city).step("JOINS", team.id)
            text = f"zit in {city_name}, een stad die met jullie team meedoet"
        reasons.append(Reason("same_city", text, weight["same_city"], [path], {"city": city}))

    if X_row[2] > 0:
        # Character n-grams can match parts of words that no whole word shares ('zorgaanbieders').
        text = (f"past bij jullie vraag (gedeelde woorden: {', '.join(shared_terms)})" if shared_terms
                else "past bij jullie vraag (verwante woorden)")
        reasons.append(Reason("text_fit", text, weight["text_fit"], [],
                              {"terms": shared_terms, "similarity": round(float(X_row[2]), 4)}))

    degree = int(round(np.expm1(X_row[6])))
    if degree > 0:
        teams = [t for t in snapshot.teams_of_org(org) if t != query.team][:MAX_PATHS]
        reasons.append(Reason("often_partner", f"doet mee in {_plural(degree, 'team', 'teams')}",
                              weight["popularity"], [org_in_team(snapshot, org, t) for t in teams], {"teams": degree}))

    # Named partners first, then the signals that added most; a signal that counted against the
    # organisation is no reason to suggest it.
    reasons.sort(key=lambda r: -r.weight)
    positive = [r for r in reasons if r.weight > 0]
    return positive or reasons


# Dates in Dutch text (reasons, actions, the pages).
MONTHS_NL = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
             "oktober", "november", "december")
WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def date_nl(value: dt.date | None, weekday: bool = False) -> str:
    """'16 juni 2011', or with `weekday` 'donderdag 16 juni 2011'."""
    if value is None:
        return ""
    text = f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"
    return f"{WEEKDAYS_NL[value.weekday()]} {text}" if weekday else text
