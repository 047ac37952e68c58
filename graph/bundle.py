"""The bundle format: what a directory of YAML/JSON files may hold, as pydantic models.

A bundle is a directory of files; each file is a mapping from section names (``themes``,
``people``, ...) to lists of records. The models here check one record at a time; checks that need
the whole bundle or the graph (references, duplicate ids and aliases) live in ``graph.validate``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
    model_validator,
)

from graph.vocabulary import JoinStatus, OrganisationKind, QuestionStatus, Sector

SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def ref(prefix: str):
    """A reference to another record by id, e.g. ``ref("org")`` accepts ``org:actiz``."""
    return Annotated[str, StringConstraints(pattern=rf"^{prefix}:{SLUG}$")]


# Dates a record may hold: written as text (YYYY-MM-DD, or an ISO date-time), within a range a
# date of this network can have. A number is refused: pydantic would read 0 as 1970-01-01.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2199, 12, 31)
_ISO_START = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _date_text(value):
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_START.match(value)):
        return value
    raise ValueError("a date is written as text, YYYY-MM-DD")


def _date_in_range(value):
    day = value.date() if isinstance(value, dt.datetime) else value
    if not EARLIEST_DATE <= day <= LATEST_DATE:
        raise ValueError(f"a date between {EARLIEST_DATE} and {LATEST_DATE}")
    return value


Date = Annotated[dt.date, BeforeValidator(_date_text), AfterValidator(_date_in_range)]
DateTime = Annotated[dt.datetime, BeforeValidator(_date_text), AfterValidator(_date_in_range)]


AnyRef = Annotated[
    str,
    StringConstraints(pattern=rf"^(theme|question|team|person|org|kind|city|event|post|project):{SLUG}$"),
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    # Where a fact comes from (a page of the report, a public source); free text.
    source: str | None = None


class Named(Record):
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    description: str | None = None


class Theme(Named):
    id: ref("theme")
    liaisons: list[ref("person")] = Field(default_factory=list)


class Question(Named):
    """A vraagstuk: the challenge a team works on, with what its team sheet says about it."""

    id: ref("question")
    theme: ref("theme")
    question: str | None = None  # the sharpened 'nieuwe vraag'
    approach: str | None = None
    steps: list[Text] = Field(default_factory=list)
    # 'undescribed' records a question the source mentions without describing it.
    status: QuestionStatus = "described"
    pilots: list[ref("city")] = Field(default_factory=list)

    @model_validator(mode="after")
    def _described_has_text(self):
        if self.status == "described" and not self.question:
            raise ValueError("a described question needs its 'question' text")
        return self


class Membership(Record):
    person: ref("person")
    role: str = "member"


class Answered(Record):
    """Who recorded a link through an answer to a suggestion, and when (see
    graph.repositories.answers); carried so that an export loads back into the same graph."""

    via: str | None = None  # 'suggestion' for a partner accepted from the matcher's list
    by: str | None = None
    at: DateTime | None = None


class TeamPartner(Answered):
    organisation: ref("org")
    role: str = "partner"


class Want(Record):
    """One party from a team's partners line: a named organisation or a kind of partner."""

    text: Text
    organisation: ref("org") | None = None
    kind: ref("kind") | None = None

    @model_validator(mode="after")
    def _exactly_one_target(self):
        if (self.organisation is None) == (self.kind is None):
            raise ValueError("a want names exactly one of 'organisation' or 'kind'")
        return self


class CityJoin(Answered):
    city: ref("city")
    status: JoinStatus
    since: Date | None = None


class Rejection(Record):
    """A suggestion the team turned down: this organisation, partner kind or city is not suggested
    to it again."""

    target: Annotated[str, StringConstraints(pattern=rf"^(org|kind|city):{SLUG}$")]
    reason: str | None = None
    by: str | None = None
    at: DateTime | None = None


class Team(Named):
    id: ref("team")
    question: ref("question")
    partners_line: str | None = None  # the partners line as written on the sheet
    members: list[Membership] = Field(default_factory=list)
    partners: list[TeamPartner] = Field(default_factory=list)
    wants: list[Want] = Field(default_factory=list)
    cities: list[CityJoin] = Field(default_factory=list)
    rejected: list[Rejection] = Field(default_factory=list)
    # When the team's work started and ends (a consortium's project dates); lets an evaluation
    # learn from earlier teams and test on later ones.
    start_date: Date | None = None
    end_date: Date | None = None


class Employment(Record):
    organisation: ref("org")
    title: str | None = None


class Participation(Record):
    event: ref("event")
    role: Text


class Person(Named):
    id: ref("person")
    works_at: list[Employment] = Field(default_factory=list)
    events: list[Participation] = Field(default_factory=list)
    city: ref("city") | None = None
    email: str | None = None
    phone: str | None = None
    twitter: str | None = None


class Organisation(Named):
    id: ref("org")
    kind: OrganisationKind
    sector: Sector
    keywords: list[Text] = Field(default_factory=list)
    city: ref("city") | None = None
    is_a: list[ref("kind")] = Field(default_factory=list)
    website: str | None = None
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")] | None = None


class PartnerKind(Named):
    """A kind of partner a team asks for without naming one, e.g. woningcorporaties."""

    id: ref("kind")
    sector: Sector | None = None
    organisation_kind: OrganisationKind | None = None
    keywords: list[Text] = Field(default_factory=list)


class NetworkMembership(Record):
    network: ref("org")
    since: Date | None = None  # None: a member from before our sources
    until: Date | None = None


class City(Named):
    id: ref("city")
    province: str | None = None
    # Strict: a count is a number, not `true` (which pydantic would read as 1).
    population: StrictInt | None = Field(default=None, ge=0)
    population_year: StrictInt | None = Field(default=None, ge=EARLIEST_DATE.year, le=LATEST_DATE.year)
    networks: list[NetworkMembership] = Field(default_factory=list)
    champions: list[ref("theme")] = Field(default_factory=list)


class Event(Named):
    id: ref("event")
    kind: Text
    date: Date
    city: ref("city") | None = None
    venue: ref("org") | None = None


class Post(Record):
    """A tweet or other post, kept as evidence of who works on what."""

    id: ref("post")
    author: ref("person")
    text: Text
    date: Date
    tags: list[Text] = Field(default_factory=list)
    mentions: list[AnyRef] = Field(default_factory=list)
    event: ref("event") | None = None


class ProjectRole(Record):
    person: ref("person")
    role: Text


class Project(Named):
    """A local project shown as practice (e.g. Amersfoort Breed's)."""

    id: ref("project")
    city: ref("city") | None = None
    organisations: list[ref("org")] = Field(default_factory=list)
    people: list[ProjectRole] = Field(default_factory=list)
    part_of: ref("project") | None = None


# Section name -> (node label, model). The order is the order of writing.
SECTIONS: dict[str, tuple[str, type[Record]]] = {
    "themes": ("Theme", Theme),
    "cities": ("City", City),
    "organisations": ("Organisation", Organisation),
    "partner_kinds": ("PartnerKind", PartnerKind),
    "people": ("Person", Person),
    "questions": ("Question", Question),
    "teams": ("Team", Team),
    "events": ("Event", Event),
    "projects": ("Project", Project),
    "posts": ("Post", Post),
}

LABEL_OF_PREFIX = {
    "theme": "Theme",
    "question": "Question",
    "team": "Team",
    "person": "Person",
    "org": "Organisation",
    "kind": "PartnerKind",
    "city": "City",
    "event": "Event",
    "post": "Post",
    "project": "Project",
}
LABELS = tuple(LABEL_OF_PREFIX.values())

# Labels whose names and aliases must single out one node (entity resolution).
RESOLVED_LABELS = ("Theme", "Person", "Organisation", "PartnerKind", "City")


def label_of(node_id: str) -> str:
    return LABEL_OF_PREFIX[node_id.split(":", 1)[0]]


def name_key(name: str) -> str:
    """The form under which two spellings count as the same name.

    Case, accents, punctuation and spacing are ignored: 'VNO NCW' and 'vno-ncw', 'Gemeente
    Enschede' and 'gemeente enschede' are one key.
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[0-9a-z]+", text))


# Every relationship type a bundle can create (see graph.plan).
RELATIONSHIP_TYPES = (
    "LIAISON_FOR",
    "IN_THEME",
    "PILOT_FOR",
    "WORKS_ON",
    "MEMBER_OF",
    "PARTNER_IN",
    "WANTS",
    "JOINS",
    "WORKS_AT",
    "TOOK_PART_IN",
    "LOCATED_IN",
    "IS_A",
    "IN_NETWORK",
    "CHAMPIONS",
    "HELD_AT",
    "POSTED",
    "MENTIONS",
    "POSTED_DURING",
    "INVOLVED_IN",
    "PART_OF",
    # Written by answers to suggestions, and by bundles that carry them (an export):
    "REJECTED",
)
