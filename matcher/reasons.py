"""Why an organisation is suggested: each reason in plain Dutch for people, as fields for programs,
and with the graph paths behind it (node ids and the relationships between them)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from graph.vocabulary import ORGANISATION_KIND_NL, SECTOR_NL, SECTORS
from matcher.history import History
from matcher.query import TeamQuery
from matcher.results import Path, Reason
from matcher.signals import COLUMN, SIGNALS, TeamSignals
from matcher.snapshot import Snapshot

MAX_PATHS = 3


def org_in_team(snapshot: Snapshot, org: int, team: int) -> Path:
    """How an organisation is in a team: as a partner, or through a member who works there."""
    org_id, team_id = snapshot.org_ids[org], snapshot.teams[team].id
    via = snapshot.link_via[(org, team)][0]
    if via is None:
        return Path.at(org_id).step("PARTNER_IN", team_id)
    return Path.at(org_id).step("WORKS_AT", via, forward=False).step("MEMBER_OF", team_id)


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# Each reason and the signals whose contributions make its weight. Signals about the team alone
# (TEAM_SIGNALS: its size, how many countries it spans) say nothing about the organisation: they are
# no reason.
TEAM_SIGNALS = ("team_size", "team_countries")
REASON_SIGNALS = {
    "wanted_kind": ("kind_want",),
    "fills_sector_gap": ("sector_gap", "type_gap"),
    "works_with_team_organisations": (
        "common_neighbours",
        "adamic_adar",
        "resource_allocation",
        "recent_adamic_adar",
        "paths_of_three",
        "partners_known",
        "strongest_tie",
        "overlap",
    ),
    "works_with_lead": ("works_with_lead",),
    "partners_of_partners": ("two_steps",),
    "close_in_network": ("embedding_similarity", "random_walk"),
    "active_in_theme": ("question_teams", "theme_teams", "theme_share", "theme_recency"),
    "same_city": ("same_city",),
    "same_country": ("country_share", "country_weight"),
    "text_fit": ("text_fit", "text_history"),
    "often_partner": ("teams", "recent_teams", "recency", "led_teams"),
}
# The sector-gap reason in its other wording ("comparable teams have more of this kind") rests on
# the type gap alone: a team with no organisations yet lacks every sector, for every candidate.
TYPE_GAP_SIGNALS = ("type_gap",)


def explain(
    signals: TeamSignals, org: int, X_row: np.ndarray, contributions: np.ndarray, shared_terms: list[str]
) -> list[Reason]:
    """The reasons for one suggestion, most weight first: only those whose signals added to its
    score. A partner the team named itself leads, by rule."""
    history, query = signals.history, signals.query
    snapshot = history.snapshot
    team = snapshot.teams[query.team]
    org_id = snapshot.org_ids[org]
    x = dict(zip(SIGNALS, X_row))

    def weight(reason: Reason) -> float:
        names = (
            TYPE_GAP_SIGNALS
            if reason.code == "fills_sector_gap" and "type" in reason.data
            else REASON_SIGNALS[reason.code]
        )
        return float(sum(contributions[COLUMN[name]] for name in names))

    # A partner the team named itself comes first, by rule: its weight is no sum of signals (None).
    named = []
    if org in query.named_wants:
        text = query.named_wants[org]
        named.append(
            Reason(
                "named_in_partners_line",
                f"genoemd in jullie partnerlijst ('{text}')",
                None,
                (Path.at(team.id).step("WANTS", org_id),),
                {"text": text},
            )
        )
    candidates = [
        _wanted_kind(snapshot, query, org, x),
        _sector_gap(snapshot, signals, org, x),
        _network(history, query, org, x),
        _lead(signals, org, x),
        _partners_of_partners(history, query, org, x),
        _close_in_network(x),
        _theme(history, query, org, x),
        _place(snapshot, signals, org, x),
        _text(x, shared_terms),
        _often(history, query, org, x),
    ]
    weighed = [replace(reason, weight=weight(reason)) for reason in candidates if reason is not None]
    # A signal that counted against the organisation is no reason to suggest it.
    shown = sorted((r for r in weighed if r.weight > 0), key=lambda r: -r.weight)
    return named + [replace(r, weight=round(r.weight, 4)) for r in shown]


def ranked_by_model(kind: str) -> Reason:
    """The reason for a suggestion none of whose signals added to its score on its own: the model
    ranks it for the network as a whole. Weight 0, so it never looks like evidence."""
    if kind == "default-weights":
        text = (
            "geen afzonderlijk signaal spreekt sterk voor deze organisatie; de vaste gewichten zetten haar hier "
            "omdat er weinig betere voorstellen zijn"
        )
    else:
        text = "het model zet deze organisatie hoog op grond van het netwerk als geheel, niet om één reden in het bijzonder"
    return Reason("ranked_by_model", text, 0.0, (), {"model": kind})


def _wanted_kind(snapshot: Snapshot, query: TeamQuery, org: int, x: dict) -> Reason | None:
    kinds = [k for k in snapshot.org_kinds[org] if k in query.kind_wants]
    if not kinds or x["kind_want"] <= 0:
        return None
    name = snapshot.kind_names.get(kinds[0], kinds[0])
    team_id = snapshot.teams[query.team].id
    return Reason(
        "wanted_kind",
        f"is een {name.lower()}, en die zoeken jullie ('{query.kind_wants[kinds[0]]}')",
        0.0,
        tuple(
            Path.at(team_id).step("WANTS", k).step("IS_A", snapshot.org_ids[org], forward=False)
            for k in kinds[:MAX_PATHS]
        ),
        {"kinds": kinds},
    )


def _sector_gap(snapshot: Snapshot, signals: TeamSignals, org: int, x: dict) -> Reason | None:
    if snapshot.org_sectors[org] < 0:
        return None
    sector = SECTORS[snapshot.org_sectors[org]]
    if x["sector_gap"] > 0 and len(signals.query.orgs):
        return Reason(
            "fills_sector_gap", f"vult de ontbrekende sector {SECTOR_NL[sector]}", 0.0, (), {"sector": sector}
        )
    if x["type_gap"] > 0:
        kind = snapshot.org_type_names[snapshot.org_types[org]]
        return Reason(
            "fills_sector_gap",
            f"vergelijkbare teams hebben meer organisaties van dit soort ({ORGANISATION_KIND_NL.get(kind, kind or 'organisatie')})",
            0.0,
            (),
            {"sector": sector, "type": kind, "gap": round(float(x["type_gap"]), 4)},
        )
    return None


def _shared_team_paths(history: History, query: TeamQuery, org: int, members) -> tuple[list[str], list[Path]]:
    """The team's organisations among `members` that shared a visible team with `org`, with paths."""
    snapshot = history.snapshot
    own = set(history.teams_of(org).tolist())
    names, paths = [], []
    for member in members:
        common = [t for t in history.teams_of(member) if t in own and t != query.team]
        if common:
            names.append(snapshot.org_names[member])
            if len(paths) < MAX_PATHS:
                paths.append(
                    org_in_team(snapshot, org, common[0])
                    .join(org_in_team(snapshot, member, common[0]).reversed())
                    .join(org_in_team(snapshot, member, query.team))
                )
    return names, paths


def _network(history: History, query: TeamQuery, org: int, x: dict) -> Reason | None:
    if x["common_neighbours"] <= 0:
        return None
    names, paths = _shared_team_paths(history, query, org, query.orgs)
    if not names:
        return None
    return Reason(
        "works_with_team_organisations",
        f"werkt al samen met {_plural(len(names), 'organisatie', 'organisaties')} uit jullie team "
        f"({', '.join(names[:MAX_PATHS])}{', ...' if len(names) > MAX_PATHS else ''})",
        0.0,
        tuple(paths),
        {"organisations": len(names), "shared_teams": int(x["common_neighbours"])},
    )


def _lead(signals: TeamSignals, org: int, x: dict) -> Reason | None:
    if x["works_with_lead"] <= 0:
        return None
    names, paths = _shared_team_paths(signals.history, signals.query, org, signals.leads)
    if not names:
        return None
    return Reason(
        "works_with_lead",
        f"werkte eerder samen met jullie penvoerder {names[0]}",
        0.0,
        tuple(paths[:1]),
        {"lead": names[0]},
    )


def _partners_of_partners(history: History, query: TeamQuery, org: int, x: dict) -> Reason | None:
    """A path org - team - partner - team - one of the team's organisations, for an organisation
    that has not worked with the team's own organisations."""
    if x["two_steps"] <= 0 or x["common_neighbours"] > 0:
        return None
    snapshot = history.snapshot
    members = sorted(set(query.orgs.tolist()))
    for team in history.teams_of(org):
        for partner in history.orgs_of(team):
            if partner == org:
                continue
            _, paths = _shared_team_paths(history, query, int(partner), members)
            if paths:
                via = org_in_team(snapshot, org, team).join(org_in_team(snapshot, int(partner), team).reversed())
                return Reason(
                    "partners_of_partners",
                    f"werkte samen met {snapshot.org_names[partner]}, een partner van jullie organisaties",
                    0.0,
                    (via.join(paths[0]),),
                    {"via": snapshot.org_ids[partner]},
                )
    return None


def _close_in_network(x: dict) -> Reason | None:
    """Near the team in the embedding, or often reached by a walk from its organisations."""
    if x["embedding_similarity"] <= 0.3 and x["random_walk"] <= 0:
        return None
    return Reason(
        "close_in_network",
        "werkt in hetzelfde deel van het netwerk als jullie organisaties",
        0.0,
        (),
        {"similarity": round(float(x["embedding_similarity"]), 4), "walk": round(float(x["random_walk"]), 6)},
    )


def _theme(history: History, query: TeamQuery, org: int, x: dict) -> Reason | None:
    snapshot = history.snapshot
    team = snapshot.teams[query.team]
    if not team.theme or x["theme_teams"] <= 0:
        return None
    others = [t for t in history.teams_of(org) if t != query.team and snapshot.teams[t].theme == team.theme]
    if not others:
        return None
    paths = [
        org_in_team(snapshot, org, t).step("WORKS_ON", snapshot.teams[t].question).step("IN_THEME", team.theme)
        for t in others[:MAX_PATHS]
        if snapshot.teams[t].question
    ]
    return Reason(
        "active_in_theme",
        f"doet al mee in {_plural(len(others), 'ander team', 'andere teams')} binnen {team.theme_name}",
        0.0,
        tuple(paths),
        {"teams": len(others)},
    )


def _place(snapshot: Snapshot, signals: TeamSignals, org: int, x: dict) -> Reason | None:
    query, team = signals.query, signals.team
    org_id, city = snapshot.org_ids[org], snapshot.org_cities[org]
    if x["same_city"] > 0 and city:
        city_name = snapshot.city_names.get(city, city)
        neighbour = next((m for m in query.orgs if snapshot.org_cities[m] == city), None)
        if neighbour is not None:
            path = (
                Path.at(org_id)
                .step("LOCATED_IN", city)
                .step("LOCATED_IN", snapshot.org_ids[neighbour], forward=False)
                .join(org_in_team(snapshot, neighbour, query.team))
            )
            text = f"zit in {city_name}, net als {snapshot.org_names[neighbour]} uit jullie team"
        elif city in team.pilots:
            path = Path.at(org_id).step("LOCATED_IN", city).step("PILOT_FOR", team.question)
            text = f"zit in {city_name}, pilotplek voor jullie vraagstuk"
        else:
            path = Path.at(org_id).step("LOCATED_IN", city).step("JOINS", team.id)
            text = f"zit in {city_name}, een stad die met jullie team meedoet"
        return Reason("same_city", text, 0.0, (path,), {"city": city})
    country = snapshot.org_countries[org]
    if x["country_share"] > 0 and country:
        count = int(signals.country_members[snapshot.country_code[org]])
        return Reason(
            "same_country",
            f"komt uit {country}, net als {_plural(count, 'organisatie', 'organisaties')} uit jullie team",
            0.0,
            (),
            {"country": country, "organisations": count},
        )
    return None


def _text(x: dict, shared_terms: list[str]) -> Reason | None:
    if x["text_fit"] <= 0 and x["text_history"] <= 0:
        return None
    if x["text_fit"] > 0:
        # Character n-grams can match parts of words that no whole word shares ('zorgaanbieders').
        text = (
            f"past bij jullie vraag (gedeelde woorden: {', '.join(shared_terms)})"
            if shared_terms
            else "past bij jullie vraag (verwante woorden)"
        )
    else:
        text = "werkte eerder aan vragen die op die van jullie lijken"
    return Reason(
        "text_fit",
        text,
        0.0,
        (),
        {
            "terms": shared_terms,
            "similarity": round(float(x["text_fit"]), 4),
            "history_similarity": round(float(x["text_history"]), 4),
        },
    )


def _often(history: History, query: TeamQuery, org: int, x: dict) -> Reason | None:
    degree = round(np.expm1(x["teams"]))
    if degree <= 0:
        return None
    snapshot = history.snapshot
    teams = [t for t in history.teams_of(org) if t != query.team][:MAX_PATHS]
    recent = round(np.expm1(x["recent_teams"]))
    text = f"doet mee in {_plural(degree, 'team', 'teams')}" + (f", {recent} het afgelopen jaar" if recent else "")
    return Reason(
        "often_partner",
        text,
        0.0,
        tuple(org_in_team(snapshot, org, t) for t in teams),
        {"teams": degree, "recent_teams": recent},
    )
