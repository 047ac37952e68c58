"""The part of the graph the partner matcher works on, read once and held as plain arrays.

Organisations and teams get row numbers; `team_orgs` (organisation x team, sparse) says who is in
which team. Reading it is the only graph-wide work; a team's suggestions then touch only the rows of
its own organisations and of the teams they share.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace

import numpy as np
from scipy import sparse

from graph.handle import Graph, native
from graph.repositories import matching as q
from graph.vocabulary import SECTORS

# Roles on PARTNER_IN or MEMBER_OF that make an organisation its team's lead: the bundle formats'
# own words (CORDIS 'coordinator', the Dutch 'penvoerder' and 'trekker').
LEAD_ROLES = frozenset({"coordinator", "lead", "penvoerder", "trekker"})


@dataclass
class Team:
    id: str
    name: str
    text: str
    theme: str | None
    theme_name: str | None
    question: str | None
    start_date: dt.date | None
    members: int
    named_wants: dict[str, str] = field(default_factory=dict)  # organisation id -> text
    kind_wants: dict[str, str] = field(default_factory=dict)  # partner kind id -> text
    cities: dict[str, str] = field(default_factory=dict)  # city id -> join status
    rejected: set[str] = field(default_factory=set)
    pilots: list[str] = field(default_factory=list)  # cities piloting the team's question


@dataclass
class Snapshot:
    org_ids: list[str]
    org_names: list[str]
    org_sectors: np.ndarray  # index into SECTORS, -1 unknown
    org_types: np.ndarray  # index of the organisation's kind (municipality, company, ...) in org_type_names
    org_type_names: list[str]
    org_cities: list[str | None]
    org_countries: list[str | None]  # ISO code; a city's organisations share it
    city_names: dict[str, str]
    org_kinds: list[list[str]]  # partner kind ids per organisation
    org_texts: list[str]
    kind_names: dict[str, str]
    teams: list[Team]
    team_orgs: sparse.csr_matrix  # organisation x team, 1 where the organisation is in the team
    # (organisation row, team row) -> how the organisation is in the team: a person id for each
    # member who works there, None where it is a partner as a whole (PARTNER_IN).
    link_via: dict[tuple[int, int], list[str | None]]
    # (organisation row, team row) of each organisation that leads its team (see LEAD_ROLES).
    leads: set[tuple[int, int]] = field(default_factory=set)
    fingerprint: tuple[int, int] = (0, 0)

    def __post_init__(self):
        self.org_row = {org_id: i for i, org_id in enumerate(self.org_ids)}
        self.team_row = {team.id: j for j, team in enumerate(self.teams)}
        self.orgs_team = self.team_orgs.T.tocsr()  # team x organisation
        self.team_size = np.asarray(self.team_orgs.sum(axis=0)).ravel()
        self.org_degree = np.asarray(self.team_orgs.sum(axis=1)).ravel()
        self.theme_teams = defaultdict(list)
        for j, team in enumerate(self.teams):
            if team.theme:
                self.theme_teams[team.theme].append(j)
        # Countries as small integers (-1: none), for vectorised comparisons.
        names = sorted({c for c in self.org_countries if c})
        self.country_code = (
            np.array([names.index(c) if c else -1 for c in self.org_countries], dtype=int)
            if names
            else np.full(len(self.org_ids), -1)
        )
        self.kind_members = defaultdict(list)
        for i, kinds in enumerate(self.org_kinds):
            for kind in kinds:
                self.kind_members[kind].append(i)

    def without_links_of(self, teams: list[int]) -> Snapshot:
        """The same graph without the organisation links of `teams`: what was known before they
        started, for a forward-in-time evaluation."""
        keep = np.ones(len(self.teams))
        keep[list(teams)] = 0
        team_orgs = (self.team_orgs @ sparse.diags(keep)).tocsr()
        team_orgs.eliminate_zeros()
        dropped = set(teams)
        return replace(
            self,
            team_orgs=team_orgs,
            link_via={k: v for k, v in self.link_via.items() if k[1] not in dropped},
            leads={k for k in self.leads if k[1] not in dropped},
        )

    def theme_org_counts(self, theme: str) -> np.ndarray:
        """For each organisation, the number of teams of `theme` it is in (computed once per theme)."""
        cache = self.__dict__.setdefault("_theme_counts", {})
        if theme not in cache:
            columns = self.theme_teams.get(theme, [])
            cache[theme] = np.asarray(self.team_orgs[:, columns].sum(axis=1)).ravel()
        return cache[theme]

    def orgs_of_team(self, j: int) -> np.ndarray:
        return self.orgs_team.indices[self.orgs_team.indptr[j] : self.orgs_team.indptr[j + 1]]

    def org_rows(self, ids) -> set[int]:
        """The rows of the organisations among `ids` that the snapshot knows."""
        return {self.org_row[o] for o in ids if o in self.org_row}

    def orgs_of_team_now(self, j: int, joined) -> set[int]:
        """The team's organisation rows, with those of `joined` (ids read since the snapshot was)."""
        return set(self.orgs_of_team(j).tolist()) | self.org_rows(joined)

    def teams_of_org(self, i: int) -> np.ndarray:
        return self.team_orgs.indices[self.team_orgs.indptr[i] : self.team_orgs.indptr[i + 1]]


def org_text(row: dict, kind_names: dict[str, str]) -> str:
    kinds = " ".join(kind_names.get(k, "") for k in row["kinds"])
    return " ".join([row["name"] or "", row["description"], " ".join(row["keywords"]), kinds])


@dataclass
class SnapshotRows:
    """Everything a snapshot is made of, as graph.repositories.matching returns it (dates as Python
    dates): read from the graph by `read_snapshot`, or written out by hand for a test."""

    partner_kinds: list[dict]
    organisations: list[dict]
    teams: list[dict]
    wants: list[dict]
    team_cities: list[dict]
    rejections: list[dict]
    team_organisation_links: list[dict]
    fingerprint: tuple[int, int] = (0, 0)


def read_snapshot(graph: Graph) -> Snapshot:
    stamp = q.fingerprint(graph)
    return build_snapshot(
        SnapshotRows(
            partner_kinds=q.partner_kinds(graph),
            organisations=q.organisations(graph),
            teams=[{**t, "start_date": native(t["start_date"])} for t in q.teams(graph)],
            wants=q.wants(graph),
            team_cities=q.team_cities(graph),
            rejections=q.rejections(graph),
            team_organisation_links=q.team_organisation_links(graph),
            fingerprint=stamp,
        )
    )


def build_snapshot(rows: SnapshotRows) -> Snapshot:
    kind_names = {k["id"]: k["name"] for k in rows.partner_kinds}
    orgs = rows.organisations
    teams = [
        Team(
            id=t["id"],
            name=t["name"],
            text=" ".join(t["texts"]),
            theme=t["theme"],
            theme_name=t["theme_name"],
            question=t["question"],
            start_date=t["start_date"],
            members=t["members"],
            pilots=t["pilots"],
        )
        for t in rows.teams
    ]
    by_team = {t.id: t for t in teams}
    for w in rows.wants:
        target = by_team[w["team"]].kind_wants if w["is_kind"] else by_team[w["team"]].named_wants
        target[w["target"]] = w["text"]
    for c in rows.team_cities:
        by_team[c["team"]].cities[c["city"]] = c["status"]
    for r in rows.rejections:
        by_team[r["team"]].rejected.add(r["target"])

    org_row = {o["id"]: i for i, o in enumerate(orgs)}
    type_names = sorted({o["kind"] or "" for o in orgs})
    team_row = {t.id: j for j, t in enumerate(teams)}
    link_via: dict[tuple[int, int], list[str | None]] = {}
    leads: set[tuple[int, int]] = set()
    for link in rows.team_organisation_links:
        key = (org_row[link["org"]], team_row[link["team"]])
        link_via.setdefault(key, []).append(link["person"])
        if (link["role"] or "").lower() in LEAD_ROLES:
            leads.add(key)
    org_rows, team_cols = zip(*link_via) if link_via else ((), ())
    team_orgs = sparse.csr_matrix((np.ones(len(org_rows)), (org_rows, team_cols)), shape=(len(orgs), len(teams)))
    return Snapshot(
        org_ids=[o["id"] for o in orgs],
        org_names=[o["name"] for o in orgs],
        org_sectors=np.array([SECTORS.index(o["sector"]) if o["sector"] in SECTORS else -1 for o in orgs]),
        org_types=np.array([type_names.index(o["kind"] or "") for o in orgs], dtype=int),
        org_type_names=type_names,
        org_cities=[o["city"] for o in orgs],
        org_countries=[o["country"] for o in orgs],
        city_names={o["city"]: o["city_name"] for o in orgs if o["city"]},
        org_kinds=[o["kinds"] for o in orgs],
        org_texts=[org_text(o, kind_names) for o in orgs],
        kind_names=kind_names,
        teams=teams,
        team_orgs=team_orgs,
        link_via=link_via,
        leads=leads,
        fingerprint=rows.fingerprint,
    )
