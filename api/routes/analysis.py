"""The network analysis (brokers, communities, isolated teams, coverage) and a team's warm
introductions to an organisation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from api.deps import AnalysisDep, CallerDep, GraphDep
from api.errors import NotFound
from api.schemas import analysis as s
from api.schemas import as_of_query, errors
from graph.analysis.introductions import MAX_STEPS, introductions
from graph.analysis.network import ORGANISATION, TEAM
from graph.analysis.summary import summarise
from graph.repositories import analysis as store

router = APIRouter(tags=["analysis"])

AsOf = as_of_query("the network as it stood on this date: teams by start date, cities by network and join dates")


@router.get("/analysis", response_model=s.AnalysisSummary, responses=errors(401, 422, 503))
def get_analysis(
    analysis: AnalysisDep,
    _: CallerDep,
    as_of: AsOf = None,
    limit: Annotated[int, Query(ge=1, le=100, description="communities and brokers given")] = 10,
):
    """Communities (Leiden) with their members' counts, the top brokers (betweenness), brokers
    between themes, isolated teams, the G4/G32 cities no team reaches, and the coverage table of
    themes by cities. Made once per graph version and date; the first of a date is made on request."""
    return summarise(analysis.get(as_of), limit)


@router.get(
    "/teams/{team_id}/introductions/{org_id}", response_model=s.Introductions, responses=errors(401, 404, 422, 503)
)
def get_introductions(
    team_id: str,
    org_id: str,
    analysis: AnalysisDep,
    graph: GraphDep,
    caller: CallerDep,
    max_steps: Annotated[int, Query(ge=1, le=6, description="the longest chain, in steps")] = MAX_STEPS,
    limit: Annotated[int, Query(ge=1, le=20, description="how many chains at most")] = 5,
):
    """The shortest chains of real relations from the team's members (or partners) to someone at
    the organisation: who sat together in a team, who works where. Each step is said in Dutch;
    e-mail and phone of the people in them only for coordinators."""
    result = analysis.get()
    if not (_is(result.network, team_id, TEAM) and _is(result.network, org_id, ORGANISATION)):
        result = analysis.get(fresh=True)  # made after the last analysis, perhaps
    network = result.network
    if not _is(network, team_id, TEAM):
        raise NotFound(f"no team with id {team_id!r} (that has started)")
    if not _is(network, org_id, ORGANISATION):
        raise NotFound(f"no organisation with id {org_id!r}")
    found = introductions(network, team_id, org_id, max_steps, limit)
    people = [p for chain in found.chains for p in chain.people]
    contacts = store.contacts(graph, people) if caller.is_coordinator else {}
    return s.Introductions(
        team=team_id,
        organisation=org_id,
        name=network.names[network.index[org_id]],
        already_in_team=found.already_in_team,
        max_steps=max_steps,
        chains=[
            s.Chain(
                text=chain.text,
                path=list(chain.path),
                steps=[s.Step.model_validate(step) for step in chain.steps],
                people=[
                    s.ChainPerson(
                        id=p,
                        name=network.names[network.index[p]],
                        email=contacts.get(p, {}).get("email"),
                        phone=contacts.get(p, {}).get("phone"),
                    )
                    for p in chain.people
                ],
            )
            for chain in found.chains
        ],
    )


def _is(network, node_id: str, label: str) -> bool:
    i = network.index.get(node_id)
    return i is not None and network.labels[i] == label
