"""What the read endpoints answer: summaries for lists, details with their links, search hits.

Links to other nodes are small objects: id and name, plus what the relationship says (role,
title, status, since/until). People's e-mail and phone are `Contact` fields: the graph only
returns them to coordinators, and a field without a value is left out of the answer entirely,
so other callers never see the keys at all.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from api.schemas.analysis import CityReach, NodePlace, TeamPlace, ThemeReach
from graph.vocabulary import JoinStatus, OrganisationKind, Sector

Contact = Annotated[
    str | None, Field(default=None, exclude_if=lambda v: v is None, description="only in answers to coordinators")
]
# Optional list properties are absent on nodes that have none; the answer says [] instead.
Strings = Annotated[list[str], BeforeValidator(lambda v: v or [])]
QuestionStatus = Literal["described", "undescribed"]


class Link(BaseModel):
    id: str
    name: str


class RoleLink(Link):
    role: str | None = None


class TitleLink(Link):
    title: str | None = None


class StatusLink(Link):
    """A city joining a team, seen from either side."""

    status: JoinStatus
    since: dt.date | None = None


class EventLink(Link):
    date: dt.date | None = None
    role: str | None = None


class NetworkLink(Link):
    """Membership of a city network; `current` says whether it holds today (or on `as_of`)."""

    since: dt.date | None = None
    until: dt.date | None = None
    current: bool


class PersonLink(Link):
    email: Contact = None
    phone: Contact = None


class OrganisationLink(Link):
    kind: OrganisationKind
    sector: Sector


class QuestionLink(Link):
    status: QuestionStatus


class WantLink(Link):
    """A team that asked for this organisation or kind in its partners line, in its words."""

    text: str


class KindWantLink(WantLink):
    found: bool = Field(description="an organisation of this kind is in the team")


class TeamVia(Link):
    """A team an organisation is in: as a partner (`role`), through its people (`via`), or both."""

    role: str | None = None
    via: list[Link] = []


# --- summaries (lists) ----------------------------------------------------------------------------


class TeamSummary(Link):
    question: Link | None = None
    theme: Link | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    members: int
    organisations: int = Field(description="as partner or through a member")
    cities: int = Field(description="cities with a join status for the team")
    wants: int


class QuestionSummary(Link):
    status: QuestionStatus
    theme: Link | None = None
    teams: int
    pilots: int


class ThemeSummary(Link):
    description: str | None = None
    liaisons: list[Link]
    questions: int
    teams: int
    champions: int


class PersonSummary(PersonLink):
    twitter: str | None = None
    city: Link | None = None
    organisations: list[TitleLink]
    teams: int


class OrganisationSummary(OrganisationLink):
    city: Link | None = None
    people: int
    teams: int


class PartnerKindSummary(Link):
    sector: Sector | None = None
    organisation_kind: OrganisationKind | None = None
    organisations: int
    wanted_by: int


class CitySummary(Link):
    province: str | None = None
    population: int | None = None
    networks: list[Link] = Field(description="networks it is a member of today (or on `as_of`)")
    teams: int
    organisations: int
    people: int = Field(description="living there or working at an organisation there")


# --- details --------------------------------------------------------------------------------------


class TeamQuestion(Link):
    status: QuestionStatus
    question: str | None = None
    approach: str | None = None
    steps: Strings = []


class Member(PersonLink):
    role: str | None = None
    organisations: list[TitleLink]


class TeamOrganisation(OrganisationLink):
    role: str | None = Field(None, description="its role when it takes part as a whole (PARTNER_IN)")
    via: list[Link] = Field(description="members who work there")


class Want(Link):
    type: Literal["organisation", "partner_kind"]
    text: str = Field(description="the partners line's words")
    found: bool = Field(description="the organisation, or one of that kind, is in the team")
    found_by: list[Link]


class TeamDetail(Link):
    description: str | None = None
    partners_line: str | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    source: str | None = None
    question: TeamQuestion | None = None
    theme: Link | None = None
    members: list[Member]
    organisations: list[TeamOrganisation]
    wants: list[Want]
    cities: list[StatusLink]
    network: TeamPlace | None = Field(
        default=None,
        description="its place in the network analysis of today (GET /analysis); null while the first is made",
    )


class QuestionDetail(Link):
    aliases: Strings = []
    description: str | None = None
    status: QuestionStatus
    question: str | None = None
    approach: str | None = None
    steps: Strings = []
    source: str | None = None
    theme: Link | None = None
    teams: list[Link]
    pilots: list[Link]


class ThemeDetail(Link):
    aliases: Strings = []
    description: str | None = None
    source: str | None = None
    liaisons: list[PersonLink]
    questions: list[QuestionLink] = Field(description="the first 100 by name; all of them: GET /questions?theme=")
    questions_total: int
    teams: list[Link] = Field(description="the first 100 by name; all of them: GET /teams?theme=")
    teams_total: int
    champions: list[Link]
    network: ThemeReach | None = Field(
        default=None,
        description="its place in the network analysis of today (GET /analysis); null while the first is made",
    )


class PersonDetail(PersonLink):
    aliases: Strings = []
    description: str | None = None
    twitter: str | None = None
    # The report sometimes quotes an e-mail address as the source; it travels with contact details.
    source: Contact = None
    city: Link | None = None
    organisations: list[TitleLink]
    teams: list[RoleLink]
    liaison_for: list[Link]
    events: list[EventLink]
    projects: list[RoleLink]
    network: NodePlace | None = Field(
        default=None,
        description="its place in the network analysis of today (GET /analysis); null while the first is made",
    )


class Employee(PersonLink):
    title: str | None = None


class OrganisationDetail(OrganisationLink):
    aliases: Strings = []
    description: str | None = None
    keywords: Strings = []
    website: str | None = None
    country: str | None = None
    source: str | None = None
    city: Link | None = None
    partner_kinds: list[Link]
    people: list[Employee]
    teams: list[TeamVia]
    wanted_by: list[WantLink]
    projects: list[Link]
    member_cities: list[NetworkLink] = Field(description="for a city network: its members, past and present")
    network: NodePlace | None = Field(
        default=None,
        description="its place in the network analysis of today (GET /analysis); null while the first is made",
    )


class PartnerKindDetail(Link):
    aliases: Strings = []
    description: str | None = None
    sector: Sector | None = None
    organisation_kind: OrganisationKind | None = None
    keywords: Strings = []
    source: str | None = None
    organisations: list[OrganisationLink] = Field(
        description="the first 100 by name; all of them: GET /organisations?partner_kind="
    )
    organisations_total: int
    wanted_by: list[KindWantLink]


class CityPerson(PersonLink):
    organisations: list[TitleLink] = Field(description="its organisations located in this city")
    teams: list[RoleLink]


class CityOrganisation(OrganisationLink):
    teams: list[Link]


class CityDetail(Link):
    aliases: Strings = []
    description: str | None = None
    province: str | None = None
    population: int | None = None
    population_year: int | None = None
    source: str | None = None
    networks: list[NetworkLink]
    champions: list[Link]
    pilot_for: list[Link]
    teams: list[StatusLink] = Field(description="the first 100 by name; all of them: GET /teams?city=")
    teams_total: int
    people: list[CityPerson] = Field(
        description="who lives there or works at an organisation there, and their teams: the first 100 by name; "
        "all of them: GET /people?city="
    )
    people_total: int
    organisations: list[CityOrganisation] = Field(
        description="the first 100 by name; all of them: GET /organisations?city="
    )
    organisations_total: int
    projects: list[Link] = Field(description="the first 100 by name")
    projects_total: int
    events: list[EventLink]
    network: CityReach | None = Field(
        default=None,
        description="its place in the network analysis of today (GET /analysis); null while the first is made",
    )


class SearchHit(Link):
    type: str = Field(
        description="the node's label: Team, Question, Theme, Person, Organisation, City, PartnerKind or Project"
    )
    score: float
    snippet: str | None = None
    email: Contact = None
    phone: Contact = None


class SearchResults(BaseModel):
    query: str
    items: list[SearchHit]
