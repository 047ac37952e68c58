"""Suggestions and the answers to them, as the API shows them: read by attribute from the matcher's
results (matcher.results), whose field names they share."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from api.schemas import text
from api.schemas.analysis import IntroductionBrief
from graph.vocabulary import AnswerKind


class PathStep(BaseModel):
    type: str
    forward: bool


class GraphPath(BaseModel):
    """A path through the graph that backs a reason: node ids, and the relationships between them."""

    nodes: list[str]
    relationships: list[PathStep]


class Reason(BaseModel):
    code: str = Field(
        description="what the reason rests on. Partners: named_in_partners_line (comes first, by "
        "rule), wanted_kind, fills_sector_gap, works_with_team_organisations, "
        "works_with_lead, partners_of_partners, close_in_network, active_in_theme, "
        "same_city, same_country, text_fit, often_partner, and ranked_by_model (the model "
        "ranks it on the network as a whole, no single signal stands out). Cities: "
        "champions_theme, pilot_for_question, in_team, in_theme, network_member, "
        "similar_to_committed, evidence"
    )
    text: str = Field(description="the reason in Dutch, for people")
    weight: float | None = Field(
        description="what its signals added to this suggestion's score (the model's "
        "contributions); partners' reasons come most weight first and never "
        "count against the suggestion (ranked_by_model: 0). Null for a named "
        "partner, who comes first by rule"
    )
    paths: list[GraphPath] = []
    data: dict[str, Any] = {}


class PartnerSuggestion(BaseModel):
    organisation: str
    name: str
    score: float
    named_in_partners_line: bool = Field(description="the team named this organisation on its partners line")
    reasons: list[Reason]
    introduction: IntroductionBrief | None = Field(
        default=None, description="the shortest warm introduction; all of them: GET /teams/{id}/introductions/{org}"
    )


class ModelInfo(BaseModel):
    """The model that ranked the partner suggestions."""

    kind: str = Field(
        description="lightgbm-lambdarank (learnt from the graph), or default-weights (fixed, "
        "documented weights, when the graph is too small to learn from)"
    )
    fitted_at: dt.datetime = Field(description="when the model was fitted on the graph")
    training_teams: int = Field(description="teams hidden as if they were the future, to learn from")
    training_queries: int = Field(description="training examples drawn from those teams")
    note: str | None = Field(
        description="in Dutch, for people: why the default weights rank, when they do; "
        "null when the model learnt from the graph"
    )


class UnfilledKind(BaseModel):
    kind: str
    name: str
    text: str = Field(description="how the team wrote it on its partners line")
    organisations_in_network: int
    reason: Reason | dict

    @field_validator("reason", mode="before")
    @classmethod
    def _weightless(cls, value):
        # The matcher's reason for an unfilled kind carries no weight or data (matcher.results.KindReason):
        # it is shown as it is, code, text and paths.
        return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


class PartnerSuggestions(BaseModel):
    team: str
    blind: bool
    partners: list[PartnerSuggestion]
    model: ModelInfo
    kinds: list[UnfilledKind] = Field(
        description="kinds of partner the team asks for that no organisation in the team is yet"
    )


class Liaison(BaseModel):
    id: str
    name: str


class CitySuggestion(BaseModel):
    city: str
    name: str
    score: float
    reasons: list[Reason]
    load: int = Field(description="other teams this city already joined or was asked by")
    status: str | None = Field(description="the city's status with this team, if it has one")
    invite_by: dt.date | None = Field(description="invite before this date: six weeks before the plan deadline")
    liaison: Liaison | None


class CitySuggestions(BaseModel):
    team: str
    as_of: dt.date
    plan_deadline: dt.date | None
    invite_by: dt.date | None
    liaison: Liaison | None
    suggestions: list[CitySuggestion]


class Action(BaseModel):
    kind: Literal["partner", "city", "sector"]
    id: str
    name: str
    text: str
    by: dt.date | None = None


class FoundMissing(BaseModel):
    found: list[str]
    missing: list[str]
    rejected: list[str] = Field(default=[], description="wanted, but the team has since rejected them")


class Sectors(BaseModel):
    covered: list[str]
    missing: list[str]


class Readiness(BaseModel):
    team: str
    name: str
    as_of: dt.date
    plan_deadline: dt.date | None
    days_left: int | None
    members: int
    organisations: int
    wanted_partners: FoundMissing
    wanted_kinds: FoundMissing
    sectors: Sectors
    cities: dict[str, list[str]] = Field(
        description="city ids per status: committed, interested, invited, suggested, declined"
    )
    liaison: Liaison | None
    actions: list[Action] = Field(
        description="what to do next: the best partners, the best cities, then any sector still missing"
    )


class AnswerIn(BaseModel):
    """A team's answer to one suggestion."""

    target: str = Field(
        max_length=200,
        description="what is answered: an organisation (org:...), a partner kind (kind:...) or a city (city:...)",
        examples=["org:actiz"],
    )
    answer: AnswerKind = Field(
        description="accept (an organisation: it becomes a partner of the team); "
        "reject (an organisation, kind or city: not suggested again); "
        "invite, interested, commit, decline (a city's status with the team)"
    )
    reason: text(2000) | None = Field(default=None, description="why; kept with a rejection")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"target": "org:actiz", "answer": "accept"},
                {"target": "org:tno", "answer": "reject", "reason": "zit al in een ander consortium"},
                {"target": "city:rotterdam", "answer": "invite"},
            ]
        }
    }


class Answer(BaseModel):
    team: str
    target: str
    answer: str
    reason: str | None = None
    by: str | None
    at: dt.datetime | None
