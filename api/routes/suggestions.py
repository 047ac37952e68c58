"""Partner and city suggestions, readiness, and the teams' answers to them."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query, status

from api.deps import AnalysisDep, CallerDep, GraphDep, MatcherDep, TeamAnswerDep
from api.errors import Invalid, NotFound
from api.schemas import BODY_ERRORS, Message, as_of_query, errors
from api.schemas.analysis import IntroductionBrief
from api.schemas.suggestions import (
    Answer,
    AnswerIn,
    CitySuggestions,
    PartnerSuggestions,
    Readiness,
)
from graph.analysis.introductions import briefs
from graph.bundle import LABEL_OF_PREFIX
from graph.repositories import answers as store
from graph.repositories.audit import audited_write
from graph.vocabulary import ANSWERS_FOR
from matcher.service import UnknownTeam

router = APIRouter(prefix="/teams/{team_id}", tags=["suggestions"], responses=errors(401, 403, 404, 422, 503))

Limit = Annotated[int, Query(ge=1, le=100, description="how many suggestions at most")]
AsOf = as_of_query(
    "the date to plan from (default today): decides the plan deadline still ahead, the "
    "invite-by date and network membership"
)


def _known_team(call):
    try:
        return call()
    except UnknownTeam as error:
        raise NotFound(str(error)) from None


@router.get("/partner-suggestions", response_model=PartnerSuggestions)
def partner_suggestions(
    team_id: str,
    matcher: MatcherDep,
    analysis: AnalysisDep,
    _: CallerDep,
    limit: Limit = 10,
    blind: Annotated[
        bool, Query(description="ignore the team's partners line: what the network alone suggests")
    ] = False,
):
    """Organisations the team should approach, best first, each with its reasons (in Dutch) and the
    graph paths behind them; and the kinds of partner the team asks for that it still lacks.
    Rejected organisations and the team's own are never suggested. Each comes with the shortest
    warm introduction to it, in short (null when none is known)."""
    found = _known_team(lambda: matcher.partner_suggestions(team_id, limit=limit, blind=blind))
    answer = PartnerSuggestions.model_validate(found, from_attributes=True)
    latest = analysis.get(wait=False)
    shortest = briefs(latest.network if latest else None, team_id, [p.organisation for p in answer.partners])
    for partner in answer.partners:
        if partner.organisation in shortest:
            partner.introduction = IntroductionBrief.model_validate(shortest[partner.organisation])
    return answer


@router.get("/city-suggestions", response_model=CitySuggestions)
def city_suggestions(team_id: str, matcher: MatcherDep, _: CallerDep, limit: Limit = 10, as_of: AsOf = None):
    """Cities that should come on board before the plan deadline, with reasons, the date to invite
    them by and the liaison who makes the call. Committed, declined and rejected cities are left out."""
    return _known_team(lambda: matcher.city_suggestions(team_id, as_of or dt.date.today(), limit=limit))


@router.get("/readiness", response_model=Readiness)
def readiness(team_id: str, matcher: MatcherDep, _: CallerDep, as_of: AsOf = None):
    """How far the team is: wanted partners and kinds found and missing, sectors covered, cities per
    status, days to the plan deadline, and the next actions."""
    return _known_team(lambda: matcher.readiness(team_id, as_of or dt.date.today()))


@router.get("/answers", response_model=list[Answer])
def list_answers(team_id: str, graph: GraphDep, _: CallerDep):
    """Every answer the team gave to suggestions, newest first, with who answered and when."""
    with graph.driver.session(database=graph.database) as session:
        if not session.execute_read(lambda tx: tx.run("MATCH (t:Team {id: $id}) RETURN t", id=team_id).single()):
            raise NotFound(f"no team with id {team_id!r}")
        return session.execute_read(store.team_answers, team_id)


@router.post(
    "/answers",
    response_model=Answer,
    status_code=status.HTTP_201_CREATED,
    responses={
        **errors(*BODY_ERRORS),
        422: {
            **errors(422)[422],
            "description": "invalid input, or an answer that does not fit the target, e.g. accepting a city",
        },
        409: {
            "model": Message,
            "description": "a reject of an organisation that the team's own "
            "record names as a partner (not one from an "
            "accepted suggestion)",
        },
    },
)
def answer(
    team_id: str, body: AnswerIn, graph: GraphDep, matcher: MatcherDep, analysis: AnalysisDep, caller: TeamAnswerDep
):
    """Answers one suggestion for the team: coordinators for any team, a team token for its own.
    The answer is stored in the graph with who gave it and when, and the next suggestions follow it
    at once: a rejected or accepted organisation is no longer suggested, a committed or declined
    city neither. The answer replaces the target's earlier one (a reject after an accept ends the
    partnership the accept made; an accept after a reject lifts it); the audit log keeps them all."""
    target_label = LABEL_OF_PREFIX.get(body.target.split(":", 1)[0])
    if target_label not in ANSWERS_FOR:
        raise Invalid(
            "target", f"{body.target!r} is not an organisation (org:...), partner kind (kind:...) or city (city:...)"
        )
    if body.answer not in ANSWERS_FOR[target_label]:
        raise Invalid(
            "answer",
            f"'{body.answer}' does not fit a {target_label}; it takes {', '.join(sorted(ANSWERS_FOR[target_label]))}",
        )
    at = dt.datetime.now(dt.UTC)

    def store_answer(tx):
        if not store.apply_answer(tx, team_id, body.target, target_label, body.answer, caller.name, at, body.reason):
            # Raised inside the transaction, so that it is rolled back with its audit entry unwritten.
            raise NotFound(f"no team {team_id!r} or no {target_label} {body.target!r} in the graph")

    audited_write(
        graph,
        caller.as_actor(),
        f"answer:{body.answer}",
        team_id,
        store_answer,
        detail={"target": body.target, "reason": body.reason},
    )
    # A status set on a city the team already had changes no count: the pages' kept reads must hear of it.
    matcher.changed()
    analysis.invalidate()  # a city's join status decides whether it takes part (the coverage)
    return Answer(team=team_id, target=body.target, answer=body.answer, reason=body.reason, by=caller.name, at=at)
