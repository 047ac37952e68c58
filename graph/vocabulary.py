"""The network's words: sectors, organisation kinds, join statuses, question statuses, roles and the
answers a team gives to suggestions, each with its Dutch for people.

Defined here once, in the bottom layer, so that the bundle format, the matcher's reasons, the API,
the viewer and the pages all use the same lists and the same Dutch.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal, get_args


class Sector(str, Enum):
    """The four sectors of the quadruple helix."""

    government = "government"
    business = "business"
    knowledge = "knowledge"
    civil_society = "civil_society"


# In this order everywhere a sector list is shown or counted (readiness, the pages, the generator).
SECTORS: tuple[str, ...] = tuple(s.value for s in Sector)

SECTOR_NL = {
    "government": "overheid",
    "business": "ondernemingen",
    "knowledge": "onderwijs/onderzoek",
    "civil_society": "maatschappelijke organisaties",
}


class OrganisationKind(str, Enum):
    municipality = "municipality"
    province = "province"
    ministry = "ministry"
    government_agency = "government_agency"
    city_network = "city_network"
    political_party = "political_party"
    company = "company"
    knowledge_institute = "knowledge_institute"
    umbrella = "umbrella"  # koepel or branch organisation
    foundation = "foundation"  # including funds
    school = "school"
    school_board = "school_board"
    care_provider = "care_provider"
    housing_corporation = "housing_corporation"
    media = "media"
    community = "community"  # residents' groups, online communities, associations
    other = "other"


ORGANISATION_KIND_NL = {
    "municipality": "gemeente",
    "province": "provincie",
    "ministry": "ministerie",
    "government_agency": "overheidsdienst",
    "city_network": "stedennetwerk",
    "political_party": "politieke partij",
    "company": "bedrijf",
    "knowledge_institute": "kennisinstelling",
    "umbrella": "koepel- of brancheorganisatie",
    "foundation": "stichting of fonds",
    "school": "school",
    "school_board": "schoolbestuur",
    "care_provider": "zorgaanbieder",
    "housing_corporation": "woningcorporatie",
    "media": "media",
    "community": "gemeenschap of vereniging",
    "other": "overig",
}


class JoinStatus(str, Enum):
    suggested = "suggested"
    invited = "invited"
    interested = "interested"
    committed = "committed"
    declined = "declined"


JOIN_STATUSES: tuple[str, ...] = tuple(s.value for s in JoinStatus)
# A team's cities per status, furthest along first: the order readiness and the overview list them in.
JOIN_STATUSES_BY_PROGRESS: tuple[str, ...] = ("committed", "interested", "invited", "suggested", "declined")

JOIN_STATUS_NL = {
    "suggested": "voorgesteld",
    "invited": "uitgenodigd",
    "interested": "geïnteresseerd",
    "committed": "toegezegd",
    "declined": "afgezegd",
}

# 'undescribed' records a question the source mentions without describing it.
QuestionStatus = Literal["described", "undescribed"]

QUESTION_STATUS_NL = {"described": "uitgewerkt", "undescribed": "nog niet uitgewerkt"}

# Roles in a team as the pages name them; other roles (free text in a bundle) show as written.
ROLE_NL = {"member": "lid", "partner": "partner", "lead": "trekker"}

# A team's answer to one suggestion (graph.repositories.answers says what each one writes).
AnswerKind = Literal["accept", "reject", "invite", "interested", "commit", "decline"]
ANSWER_KINDS: tuple[str, ...] = get_args(AnswerKind)

# The answers that set a city's status with the team, and the status each one sets.
CITY_STATUS_OF_ANSWER = {"invite": "invited", "interested": "interested", "commit": "committed", "decline": "declined"}

# Which answers fit which kind of target (by the target's node label).
ANSWERS_FOR = {
    "Organisation": {"accept", "reject"},
    "PartnerKind": {"reject"},
    "City": {"reject", *CITY_STATUS_OF_ANSWER},
}

# Dates in Dutch text (reasons, actions, the pages).
MONTHS_NL = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def date_nl(value: dt.date | None, weekday: bool = False) -> str:
    """'16 juni 2011', or with `weekday` 'donderdag 16 juni 2011'."""
    if value is None:
        return ""
    text = f"{value.day} {MONTHS_NL[value.month - 1]} {value.year}"
    return f"{WEEKDAYS_NL[value.weekday()]} {text}" if weekday else text
