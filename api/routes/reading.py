"""Reading the network: lists (filters, sorting, `limit`/`offset` with a total), one node with its
links, and typo-tolerant search. Every role may read; e-mail and phone only reach coordinators
(the graph is asked for them only then)."""

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BeforeValidator

from api.deps import AnalysisDep, CallerDep, Graph, GraphDep
from api.errors import Invalid, NotFound
from api.schemas import MAX_LIMIT, Offset, Page, as_of_query, errors
from api.schemas import reading as s
from graph.analysis import places
from graph.analysis.service import AnalysisService
from graph.bundle import SLUG
from graph.repositories import reading
from graph.schema import SEARCHABLE_LABELS
from graph.vocabulary import JoinStatus, OrganisationKind, Sector

router = APIRouter(tags=["reading"])

LIST_ERRORS = errors(401, 422, 503)
DETAIL_ERRORS = errors(401, 404, 422, 503)


# --- parameters -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paging:
    limit: int
    offset: int


def paging(
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")] = 50, offset: Offset = 0
) -> Paging:
    return Paging(limit, offset)


PagingDep = Annotated[Paging, Depends(paging)]


def ref(prefix: str, description: str):
    """An optional filter holding an id of one kind: a malformed one is a 422 naming the
    parameter, not silently an empty list."""
    return Query(None, pattern=rf"^{prefix}:{SLUG}$", description=description)


def sorting(sorts: dict[str, str]):
    """The `sort` parameter of a list: one of the list's sort keys, '-' first for descending.
    Anything else is a 422 naming `sort` and the values it takes."""
    options = tuple(reading.sort_options(sorts))
    return Annotated[Literal[options], Query(description="sort key; '-' in front for descending")]


TeamSort = sorting(reading.TEAM_SORTS)
QuestionSort = sorting(reading.QUESTION_SORTS)
ThemeSort = sorting(reading.THEME_SORTS)
PersonSort = sorting(reading.PERSON_SORTS)
OrganisationSort = sorting(reading.ORGANISATION_SORTS)
PartnerKindSort = sorting(reading.PARTNER_KIND_SORTS)
CitySort = sorting(reading.CITY_SORTS)
AsOf = as_of_query("network membership on this date; default today")


def _found(node: dict | None, what: str, node_id: str) -> dict:
    if node is None:
        raise NotFound(f"no {what} with id {node_id!r}")
    return node


def _placed(node: dict, analysis: AnalysisService, place) -> dict:
    """The detail with its place in today's network analysis (none while the first is made: a
    detail never waits for it)."""
    latest = analysis.get(wait=False)
    node["network"] = place(latest, node["id"]) if latest is not None else None
    return node


def _list(query, graph: Graph, paging: Paging, **filters) -> dict:
    """One page of a list from the graph, with the total, as `Page` has it."""
    total, items = query(graph, limit=paging.limit, offset=paging.offset, **filters)
    return {"total": total, "limit": paging.limit, "offset": paging.offset, "items": items}


def _value(choice):
    return choice.value if choice is not None else None


# --- teams ----------------------------------------------------------------------------------------


@router.get("/teams", response_model=Page[s.TeamSummary], responses=LIST_ERRORS)
def list_teams(
    graph: GraphDep,
    caller: CallerDep,
    page: PagingDep,
    sort: TeamSort = "name",
    theme: str | None = ref("theme", "its question's theme"),
    question: str | None = ref("question", "the question it works on"),
    city: str | None = ref("city", "a city that joined the team"),
    status: Annotated[JoinStatus | None, Query(description="a city's join status (with `city`: that city's)")] = None,
    organisation: str | None = ref("org", "in the team, as partner or through a member"),
    person: str | None = ref("person", "a member"),
):
    """Teams with their question, theme and counts."""
    return _list(
        reading.teams,
        graph,
        page,
        sort=sort,
        theme=theme,
        question=question,
        city=city,
        status=_value(status),
        organisation=organisation,
        person=person,
    )


@router.get("/teams/{team_id}", response_model=s.TeamDetail, responses=DETAIL_ERRORS)
def get_team(team_id: str, graph: GraphDep, analysis: AnalysisDep, caller: CallerDep):
    """A team: its question, theme, members (role, organisations), the organisations in it, what
    its partners line wants and whether it is found, and the cities with their status."""
    found = _found(reading.team(graph, team_id, contact=caller.is_coordinator), "team", team_id)
    return _placed(found, analysis, places.node_place)


# --- questions ------------------------------------------------------------------------------------


@router.get("/questions", response_model=Page[s.QuestionSummary], responses=LIST_ERRORS)
def list_questions(
    graph: GraphDep,
    caller: CallerDep,
    page: PagingDep,
    sort: QuestionSort = "name",
    theme: str | None = ref("theme", "its theme"),
    status: s.QuestionStatus | None = None,
):
    return _list(reading.questions, graph, page, sort=sort, theme=theme, status=status)


@router.get("/questions/{question_id}", response_model=s.QuestionDetail, responses=DETAIL_ERRORS)
def get_question(question_id: str, graph: GraphDep, caller: CallerDep):
    """A question (vraagstuk): its texts, theme, teams and pilot cities."""
    return _found(reading.question(graph, question_id), "question", question_id)


# --- themes ---------------------------------------------------------------------------------------


@router.get("/themes", response_model=Page[s.ThemeSummary], responses=LIST_ERRORS)
def list_themes(graph: GraphDep, caller: CallerDep, page: PagingDep, sort: ThemeSort = "name"):
    return _list(reading.themes, graph, page, sort=sort)


@router.get("/themes/{theme_id}", response_model=s.ThemeDetail, responses=DETAIL_ERRORS)
def get_theme(theme_id: str, graph: GraphDep, analysis: AnalysisDep, caller: CallerDep):
    """A theme: its liaisons, questions, teams and champion cities."""
    found = _found(reading.theme(graph, theme_id, contact=caller.is_coordinator), "theme", theme_id)
    return _placed(found, analysis, places.theme_reach)


# --- people ---------------------------------------------------------------------------------------


@router.get("/people", response_model=Page[s.PersonSummary], responses=LIST_ERRORS)
def list_people(
    graph: GraphDep,
    caller: CallerDep,
    page: PagingDep,
    sort: PersonSort = "name",
    organisation: str | None = ref("org", "works there"),
    city: str | None = ref("city", "lives there or works at an organisation there"),
    team: str | None = ref("team", "member of the team"),
    theme: str | None = ref("theme", "member of a team of the theme, or its liaison"),
):
    return _list(
        reading.people,
        graph,
        page,
        sort=sort,
        organisation=organisation,
        city=city,
        team=team,
        theme=theme,
        contact=caller.is_coordinator,
    )


@router.get("/people/{person_id}", response_model=s.PersonDetail, responses=DETAIL_ERRORS)
def get_person(person_id: str, graph: GraphDep, analysis: AnalysisDep, caller: CallerDep):
    """A person: organisations (title), teams (role), themes they are liaison for, city, events,
    projects; e-mail and phone for coordinators."""
    found = _found(reading.person(graph, person_id, contact=caller.is_coordinator), "person", person_id)
    return _placed(found, analysis, places.node_place)


# --- organisations --------------------------------------------------------------------------------


@router.get("/organisations", response_model=Page[s.OrganisationSummary], responses=LIST_ERRORS)
def list_organisations(
    graph: GraphDep,
    caller: CallerDep,
    page: PagingDep,
    sort: OrganisationSort = "name",
    kind: OrganisationKind | None = None,
    sector: Sector | None = None,
    city: str | None = ref("city", "located there"),
    team: str | None = ref("team", "in the team, as partner or through its people"),
    partner_kind: str | None = ref("kind", "is a partner of this kind"),
    q: Annotated[
        str | None, Query(min_length=1, max_length=200, description=("part of its name or an alias, any spelling"))
    ] = None,
):
    return _list(
        reading.organisations,
        graph,
        page,
        sort=sort,
        kind=_value(kind),
        sector=_value(sector),
        city=city,
        team=team,
        partner_kind=partner_kind,
        q=q,
    )


@router.get("/organisations/{org_id}", response_model=s.OrganisationDetail, responses=DETAIL_ERRORS)
def get_organisation(org_id: str, graph: GraphDep, analysis: AnalysisDep, caller: CallerDep):
    """An organisation: kind, sector, city, partner kinds, people (title), teams (as partner or
    through its people), teams that asked for it, projects, and a network's member cities."""
    found = _found(reading.organisation(graph, org_id, contact=caller.is_coordinator), "organisation", org_id)
    return _placed(found, analysis, places.node_place)


# --- partner kinds --------------------------------------------------------------------------------


@router.get("/partner-kinds", response_model=Page[s.PartnerKindSummary], responses=LIST_ERRORS)
def list_partner_kinds(
    graph: GraphDep, caller: CallerDep, page: PagingDep, sort: PartnerKindSort = "name", sector: Sector | None = None
):
    return _list(reading.partner_kinds, graph, page, sort=sort, sector=_value(sector))


@router.get("/partner-kinds/{kind_id}", response_model=s.PartnerKindDetail, responses=DETAIL_ERRORS)
def get_partner_kind(kind_id: str, graph: GraphDep, caller: CallerDep):
    """A kind of partner: the organisations that are one, and the teams asking for one."""
    return _found(reading.partner_kind(graph, kind_id), "partner kind", kind_id)


# --- cities ---------------------------------------------------------------------------------------


@router.get("/cities", response_model=Page[s.CitySummary], responses=LIST_ERRORS)
def list_cities(
    graph: GraphDep,
    caller: CallerDep,
    page: PagingDep,
    sort: CitySort = "name",
    network: Annotated[
        str | None, Query(min_length=1, max_length=100, description=("a city network by name or id: G4, G32, org:g32"))
    ] = None,
    province: Annotated[str | None, Query(min_length=1, max_length=100, description="any case")] = None,
    theme: str | None = ref("theme", "champions it, pilots a question of it or joined a team of it"),
    team: str | None = ref("team", "joined the team (any status)"),
    as_of: AsOf = None,
):
    network_id = None
    if network is not None:
        network_id = reading.network_id(graph, network)
        if network_id is None:
            raise Invalid("network", f"no city network is called {network!r}; try G4 or G32", where="query")
    return _list(
        reading.cities,
        graph,
        page,
        sort=sort,
        network=network_id,
        province=province,
        theme=theme,
        team=team,
        as_of=as_of,
    )


@router.get("/cities/{city_id}", response_model=s.CityDetail, responses=DETAIL_ERRORS)
def get_city(city_id: str, graph: GraphDep, analysis: AnalysisDep, caller: CallerDep, as_of: AsOf = None):
    """A city: province, population, networks, champion themes, pilots, teams it joined (status),
    who from it works on what (people and organisations with their teams), projects, events."""
    found = _found(reading.city(graph, city_id, contact=caller.is_coordinator, as_of=as_of), "city", city_id)
    return _placed(found, analysis, places.city_reach)


# --- search ---------------------------------------------------------------------------------------

# `type` takes a label as the results name it ('Organisation'), or in any case or snake case
# ('organisation', 'partner_kind').
_LABEL_BY_KEY = {label.lower(): label for label in SEARCHABLE_LABELS} | {"partner_kind": "PartnerKind"}
SearchType = Annotated[
    Literal[SEARCHABLE_LABELS], BeforeValidator(lambda v: _LABEL_BY_KEY.get(v.lower(), v) if isinstance(v, str) else v)
]


@router.get("/search", response_model=s.SearchResults, responses=LIST_ERRORS)
def search(
    graph: GraphDep,
    caller: CallerDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words; typos are forgiven")],
    type: Annotated[list[SearchType] | None, Query(description="only these kinds; repeat for several")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
):
    """Full-text search over names, aliases, descriptions and keywords, best match first. Each
    word must match exactly, as a prefix, or with a typo or two ('Enschde', 'Actix')."""
    items = reading.search(graph, q, types=type, limit=limit, contact=caller.is_coordinator)
    return {"query": q, "items": items}
