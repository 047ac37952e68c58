"""The liaison pages: server-rendered, in Dutch, for the people who phone cities and partners.

    /                       overview: per theme its teams and how ready they are for the plan deadline
    /bellijst               call list: cities to invite and partners to approach, by date (?liaison=person:...)
    /p/team/{id}            a team: question, approach, members, wanted partners found and missing, suggestions
    /p/city/{id}            a city: its people and organisations, its teams, the teams that would like it to join
    /p/theme/{id}           a theme: liaison, questions, teams, champion cities
    /p/question/{id}        a question (vraagstuk)
    /p/organisation/{id}    an organisation
    /p/person/{id}          a person; e-mail and phone for coordinators only

Every page takes `peildatum` (YYYY-MM-DD, default today), the date it is seen from: the plan
deadline still ahead, the invite-by dates and network membership follow it, and the links between
pages keep it.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, Response

from api import liaison_views as views
from api.deps import AnalysisDep, Graph, GraphDep, MatcherDep
from api.pages import PageCallerDep, render
from graph.analysis.introductions import briefs, introductions_to_city
from graph.analysis.places import city_reach, node_place
from graph.analysis.results import Analysis
from graph.analysis.service import AnalysisService
from graph.analysis.summary import summarise
from graph.repositories import pages as page_queries
from graph.repositories import reading
from matcher.service import UnknownTeam

router = APIRouter(tags=["pages"], include_in_schema=False)


class Peildatum:
    """The date a page is seen from, and what links to other pages append to keep it."""

    def __init__(self, given: dt.date | None):
        self.given = given
        self.date = given or dt.date.today()
        self.query = f"?peildatum={given.isoformat()}" if given else ""


def _peildatum(peildatum: Annotated[str | None, Query(description="YYYY-MM-DD")] = None) -> Peildatum:
    return Peildatum(views.parse_peildatum(peildatum))


PeildatumDep = Annotated[Peildatum, Depends(_peildatum)]


def _page(request: Request, graph: Graph, when: Peildatum, template: str, title: str, **context) -> Response:
    """Renders a liaison page with what they all show: the peildatum and the plan deadline."""
    return render(
        request,
        template,
        {"title": title, "peildatum": when, "q": when.query, "deadline": views.deadline(graph, when.date), **context},
    )


def _not_found(request: Request, what: str, node_id: str) -> Response:
    return render(
        request,
        "error.html",
        {"title": "Niet gevonden", "message": f"Er is geen {what} met id ‘{node_id}’ in het netwerk."},
        status_code=404,
    )


# --- overview and call list -----------------------------------------------------------------------


@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    graph: GraphDep,
    matcher: MatcherDep,
    analysis: AnalysisDep,
    caller: PageCallerDep,
    when: PeildatumDep,
):
    total, teams = views.progress(graph, matcher=matcher)
    _, themes = reading.themes(graph, limit=500)
    latest = _analysis(analysis, when)
    summary = summarise(latest, limit=10) if latest else None
    return _page(
        request,
        graph,
        when,
        "overview.html",
        "Overzicht",
        groups=views.by_theme(teams, themes),
        furthest=views.furthest_behind(teams),
        total_teams=total,
        shown_teams=len(teams),
        analysis=summary,
        a_themes={t.id: t.name for t in summary.themes} if summary else {},
    )


@router.get("/bellijst", response_class=HTMLResponse)
def call_list(
    request: Request,
    graph: GraphDep,
    matcher: MatcherDep,
    caller: PageCallerDep,
    when: PeildatumDep,
    liaison: Annotated[str | None, Query(description="person:... (a liaison); empty: every theme")] = None,
):
    liaisons = page_queries.liaisons(graph)
    chosen = next((p for p in liaisons if p["id"] == liaison), None) if liaison else None
    if liaison and chosen is None:
        return _not_found(request, "liaison", liaison)
    found = views.call_list(graph, matcher, liaison or None, when.date)
    title = f"Bellijst van {chosen['name']}" if chosen else "Bellijst"
    return _page(request, graph, when, "calllist.html", title, liaisons=liaisons, chosen=chosen, calls=found)


# --- one node per page ----------------------------------------------------------------------------


@router.get("/p/team/{team_id}", response_class=HTMLResponse)
def team_page(
    request: Request,
    team_id: str,
    graph: GraphDep,
    matcher: MatcherDep,
    analysis: AnalysisDep,
    caller: PageCallerDep,
    when: PeildatumDep,
):
    team = reading.team(graph, team_id, contact=caller.is_coordinator)
    if team is None:
        return _not_found(request, "team", team_id)
    try:
        partners = matcher.partner_suggestions(team_id, limit=views.TEAM_SUGGESTIONS)
        cities = matcher.city_suggestions(team_id, when.date, limit=views.TEAM_SUGGESTIONS)
        ready = matcher.readiness(team_id, when.date)
    except UnknownTeam:  # deleted between the two reads
        return _not_found(request, "team", team_id)
    # A wanted party the team turned down is neither found nor missing (as in the readiness).
    rejected = {*ready.wanted_partners.rejected, *ready.wanted_kinds.rejected}
    open_wants = [w for w in team["wants"] if not w["found"]]
    latest = _analysis(analysis, when)
    network = latest.network if latest else None
    return _page(
        request,
        graph,
        when,
        "team.html",
        team["name"],
        team=team,
        partners=partners,
        cities=cities,
        ready=ready,
        wanted_found=[w for w in team["wants"] if w["found"]],
        wanted_missing=[w for w in open_wants if w["id"] not in rejected],
        wanted_rejected=[w for w in open_wants if w["id"] in rejected],
        place=node_place(latest, team_id) if latest else None,
        analysed=latest is not None,
        introductions=briefs(network, team_id, [p.organisation for p in partners.partners]),
    )


@router.get("/p/city/{city_id}", response_class=HTMLResponse)
def city_page(
    request: Request,
    city_id: str,
    graph: GraphDep,
    matcher: MatcherDep,
    analysis: AnalysisDep,
    caller: PageCallerDep,
    when: PeildatumDep,
):
    city = reading.city(graph, city_id, contact=caller.is_coordinator, as_of=when.date)
    if city is None:
        return _not_found(request, "stad", city_id)
    wishes = views.city_wishes(graph, matcher, city_id, when.date)
    latest = _analysis(analysis, when)
    wishing = [w["team"]["id"] for w in wishes["wishes"]]
    return _page(
        request,
        graph,
        when,
        "city.html",
        city["name"],
        city=city,
        wishes=wishes,
        reach=city_reach(latest, city_id) if latest else None,
        theme_names=latest.themes if latest else {},
        city_via=introductions_to_city(latest.network, city_id, wishing) if latest else {},
    )


@router.get("/p/theme/{theme_id}", response_class=HTMLResponse)
def theme_page(
    request: Request, theme_id: str, graph: GraphDep, matcher: MatcherDep, caller: PageCallerDep, when: PeildatumDep
):
    theme = reading.theme(graph, theme_id, contact=caller.is_coordinator)
    if theme is None:
        return _not_found(request, "thema", theme_id)
    total, teams = views.progress(graph, theme=theme_id, matcher=matcher)
    group = views.by_theme(teams, [theme])[0]
    return _page(request, graph, when, "theme.html", theme["name"], theme=theme, group=group, total_teams=total)


@router.get("/p/question/{question_id}", response_class=HTMLResponse)
def question_page(request: Request, question_id: str, graph: GraphDep, caller: PageCallerDep, when: PeildatumDep):
    question = reading.question(graph, question_id)
    if question is None:
        return _not_found(request, "vraagstuk", question_id)
    return _page(request, graph, when, "question.html", f"Vraagstuk {question['name']}", question=question)


@router.get("/p/organisation/{org_id}", response_class=HTMLResponse)
def organisation_page(
    request: Request, org_id: str, graph: GraphDep, analysis: AnalysisDep, caller: PageCallerDep, when: PeildatumDep
):
    org = reading.organisation(graph, org_id, contact=caller.is_coordinator, as_of=when.date)
    if org is None:
        return _not_found(request, "organisatie", org_id)
    return _page(request, graph, when, "organisation.html", org["name"], org=org, place=_place(analysis, org_id, when))


@router.get("/p/person/{person_id}", response_class=HTMLResponse)
def person_page(
    request: Request, person_id: str, graph: GraphDep, analysis: AnalysisDep, caller: PageCallerDep, when: PeildatumDep
):
    person = reading.person(graph, person_id, contact=caller.is_coordinator)
    if person is None:
        return _not_found(request, "persoon", person_id)
    place = _place(analysis, person_id, when)
    return _page(request, graph, when, "person.html", person["name"], person=person, place=place)


def _place(analysis: AnalysisService, node_id: str, when: Peildatum):
    latest = _analysis(analysis, when)
    return node_place(latest, node_id) if latest else None


def _analysis(analysis: AnalysisService, when: Peildatum) -> Analysis | None:
    """The network analysis as of the page's date. Today's is started with the service and a page
    never waits for it (it says it is being made); a peildatum chosen by hand waits for the first
    analysis of that date, which is then kept."""
    return analysis.get(when.date, wait=when.given is not None)


# --- errors ---------------------------------------------------------------------------------------


async def bad_date(request: Request, error: views.BadDate) -> Response:
    return render(
        request,
        "error.html",
        {
            "title": "Ongeldige peildatum",
            "message": f"‘{error}’ is geen datum; geef de peildatum als JJJJ-MM-DD, bijvoorbeeld 2011-06-16.",
        },
        status_code=422,
    )
