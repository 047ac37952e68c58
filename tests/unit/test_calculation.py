"""The matcher's calculations without a graph: readiness, city suggestions and partner suggestions
over a snapshot built from a small network written out as rows, and the team as it is now.
No Neo4j (and no JVM) is needed: these functions read nothing, they are handed what they need."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from api.schemas import suggestions as schemas
from matcher.cities import (
    INVITE_LEAD,
    LOAD_PENALTY,
    WEIGHTS,
    city_suggestions,
    invite_by,
    plan_deadline,
)
from matcher.city_facts import CityFacts, Membership, team_signals
from matcher.now import CitySignal, JoinedCity, TeamNow
from matcher.partners import PartnerMatcher
from matcher.readiness import readiness
from matcher.results import (
    CitySuggestion,
    CitySuggestions,
    Liaison,
    PartnerSuggestion,
    PartnerSuggestions,
    Path,
    RankingModel,
    Reason,
    Step,
)
from matcher.snapshot import SnapshotRows, build_snapshot
from matcher.suggestions import partner_suggestions

AS_OF = dt.date(2011, 6, 16)
DEADLINE = dt.date(2011, 11, 30)
LIAISON = Liaison("person:liaison", "Lia Ison")


def _org(org_id, name, kind, sector, city=None, kinds=(), description=""):
    return {
        "id": org_id,
        "name": name,
        "kind": kind,
        "sector": sector,
        "country": "NL",
        "description": description,
        "keywords": [],
        "city": city,
        "city_name": city and city.split(":")[1].title(),
        "kinds": list(kinds),
    }


def _team(team_id, name, text, start, members):
    return {
        "id": team_id,
        "name": name,
        "start_date": start,
        "question": f"question:{team_id[5:]}",
        "theme": "theme:zorg",
        "theme_name": "Zorg",
        "texts": [name, text],
        "members": members,
        "pilots": [],
    }


# A small network: team:wijk has a municipality (as a partner) and a company (through a member who
# works there); it names the university it wants and asks for a housing corporation. Two other
# teams give the organisations a history together.
ROWS = SnapshotRows(
    partner_kinds=[
        {"id": "kind:woningcorporatie", "name": "Woningcorporatie", "sector": "civil_society", "description": ""},
        {"id": "kind:kennis", "name": "Kennisinstelling", "sector": "knowledge", "description": ""},
    ],
    organisations=[
        _org("org:gemeente", "Gemeente Aa", "municipality", "government", "city:aa", description="zorg in de wijk"),
        _org("org:bedrijf", "Bedrijf Bee", "company", "business", "city:aa", description="software"),
        _org(
            "org:corporatie",
            "Corporatie Cee",
            "housing_corporation",
            "civil_society",
            "city:cee",
            ["kind:woningcorporatie"],
            "wonen en zorg in de wijk",
        ),
        _org(
            "org:uni",
            "Universiteit Dee",
            "knowledge_institute",
            "knowledge",
            "city:dee",
            ["kind:kennis"],
            "onderzoek naar zorg",
        ),
        _org("org:stichting", "Stichting Ee", "foundation", "civil_society", "city:dee", description="zorg"),
    ],
    teams=[
        _team("team:wijk", "Zorg in de wijk", "wonen en zorg", dt.date(2011, 5, 1), 1),
        _team("team:oud", "Oud team", "zorg", dt.date(2009, 1, 1), 0),
        _team("team:ouder", "Ouder team", "wonen", dt.date(2008, 1, 1), 0),
    ],
    wants=[
        {"team": "team:wijk", "target": "org:uni", "is_kind": False, "text": "de universiteit"},
        {"team": "team:wijk", "target": "kind:woningcorporatie", "is_kind": True, "text": "een woningcorporatie"},
    ],
    team_cities=[],
    rejections=[],
    team_organisation_links=[
        {"team": "team:wijk", "org": "org:gemeente", "person": None, "role": "lead"},
        {"team": "team:wijk", "org": "org:bedrijf", "person": "person:piet", "role": "member"},
        {"team": "team:oud", "org": "org:gemeente", "person": None, "role": "partner"},
        {"team": "team:oud", "org": "org:uni", "person": None, "role": "partner"},
        {"team": "team:oud", "org": "org:stichting", "person": None, "role": "partner"},
        {"team": "team:ouder", "org": "org:corporatie", "person": None, "role": "partner"},
        {"team": "team:ouder", "org": "org:uni", "person": None, "role": "partner"},
    ],
)
SNAPSHOT = build_snapshot(ROWS)


def team_now(organisations=("org:gemeente", "org:bedrijf"), rejected=(), cities=(), deadlines=(DEADLINE,)) -> TeamNow:
    return TeamNow(
        id="team:wijk",
        name="Zorg in de wijk",
        question="question:wijk",
        theme="theme:zorg",
        theme_name="Zorg",
        organisations=frozenset(organisations),
        rejected=frozenset(rejected),
        cities=tuple(cities),
        liaisons=(LIAISON,),
        plan_deadlines=tuple(deadlines),
    )


def reason(text: str, weight: float = 1.0) -> Reason:
    return Reason("test", text, weight)


def partners(*orgs: str) -> PartnerSuggestions:
    model = RankingModel("default-weights", dt.datetime(2011, 6, 1, tzinfo=dt.UTC), 0, 0, None)
    return PartnerSuggestions(
        "team:wijk",
        False,
        tuple(PartnerSuggestion(o, o.title(), 1.0, False, (reason(f"waarom {o}"),)) for o in orgs),
        model,
        (),
    )


def cities(*ids: str, by: dt.date | None = dt.date(2011, 10, 19)) -> CitySuggestions:
    return CitySuggestions(
        "team:wijk",
        AS_OF,
        DEADLINE,
        by,
        LIAISON,
        tuple(CitySuggestion(c, c[5:].title(), 1.0, (reason(f"omdat {c}"),), 0, None, by, LIAISON) for c in ids),
    )


# --- readiness ------------------------------------------------------------------------------------


def test_readiness_counts_what_the_fit_knows_of_the_team():
    ready = readiness(SNAPSHOT, team_now(), AS_OF, partners(), cities())
    assert ready.organisations == 2 and ready.members == 1
    assert ready.sectors.covered == ("business", "government")
    assert ready.sectors.missing == ("knowledge", "civil_society")  # in the vocabulary's order
    assert (ready.wanted_partners.found, ready.wanted_partners.missing) == ((), ("org:uni",))
    assert (ready.wanted_kinds.found, ready.wanted_kinds.missing) == ((), ("kind:woningcorporatie",))
    assert ready.plan_deadline == DEADLINE and ready.days_left == (DEADLINE - AS_OF).days == 167
    assert ready.liaison == LIAISON


def test_a_partner_accepted_and_a_kind_rejected_since_the_fit_count_at_once():
    now = team_now(organisations=("org:gemeente", "org:bedrijf", "org:uni"), rejected=("kind:woningcorporatie",))
    ready = readiness(SNAPSHOT, now, AS_OF, partners(), cities())
    assert ready.organisations == 3
    assert ready.wanted_partners.found == ("org:uni",) and ready.wanted_partners.missing == ()
    assert ready.sectors.missing == ("civil_society",)
    # The team decided against the kind: neither found nor missing.
    assert ready.wanted_kinds == type(ready.wanted_kinds)((), (), ("kind:woningcorporatie",))


def test_a_kind_is_found_through_an_organisation_of_that_kind_in_the_team():
    now = team_now(organisations=("org:gemeente", "org:corporatie"))
    assert readiness(SNAPSHOT, now, AS_OF, partners(), cities()).wanted_kinds.found == ("kind:woningcorporatie",)


def test_the_actions_are_partners_then_cities_then_missing_sectors_at_most_six():
    ready = readiness(
        SNAPSHOT,
        team_now(),
        AS_OF,
        partners("org:uni", "org:corporatie", "org:stichting"),
        cities("city:aa", "city:cee"),
    )
    assert [(a.kind, a.id) for a in ready.actions] == [
        ("partner", "org:uni"),
        ("partner", "org:corporatie"),
        ("partner", "org:stichting"),
        ("city", "city:aa"),
        ("city", "city:cee"),
        ("sector", "knowledge"),
    ]  # civil_society cut off at six
    assert ready.actions[0].text == "Benader Org:Uni: waarom org:uni" and ready.actions[0].by is None
    assert ready.actions[3].text == "Nodig Aa uit vóór 19 oktober 2011: omdat city:aa"
    assert ready.actions[3].by == dt.date(2011, 10, 19)
    assert ready.actions[5].text == "Zoek een partner uit de sector onderwijs/onderzoek"
    no_date = readiness(SNAPSHOT, team_now(), AS_OF, partners(), cities("city:aa", by=None))
    assert no_date.actions[0].text == "Nodig Aa uit: omdat city:aa"


def test_a_team_without_organisations_gets_no_sector_actions():
    # The snapshot as if team:wijk had no organisations yet.
    empty = SNAPSHOT.without_links_of([SNAPSHOT.team_row["team:wijk"]])
    ready = readiness(empty, team_now(organisations=()), AS_OF, partners(), cities())
    assert ready.organisations == 0 and ready.actions == ()
    assert ready.sectors.covered == () and len(ready.sectors.missing) == 4


def test_cities_are_listed_per_status_furthest_along_first():
    now = team_now(
        cities=(
            JoinedCity("city:zz", "Zz", "invited"),
            JoinedCity("city:bb", "Bb", "committed"),
            JoinedCity("city:aa", "Aa", "invited"),
        )
    )
    ready = readiness(SNAPSHOT, now, AS_OF, partners(), cities())
    assert list(ready.cities) == ["committed", "interested", "invited", "suggested", "declined"]
    assert ready.cities["invited"] == ("city:aa", "city:zz") and ready.cities["committed"] == ("city:bb",)


# --- city suggestions -----------------------------------------------------------------------------


def signal(
    city, signal, via=None, via2=None, load=0, province=None, population=None, posts=(), projects=(), teams=(), count=0
):
    return CitySignal(
        city, city[5:].title(), province, population, signal, via, via2, tuple(posts), tuple(projects), load,
        tuple(teams), count,
    )  # fmt: skip


def test_the_theme_s_other_teams_come_as_one_row_per_city_with_their_count_and_the_first_of_them():
    now = team_now()
    signals = [
        signal("city:aa", "in_theme", teams=["team:a", "team:b"], count=12),
        signal("city:bb", "in_theme", count=1),
    ]
    aa, bb = city_suggestions(now, signals, AS_OF).suggestions
    assert aa.reasons[0].text.startswith("heeft organisaties in 12 andere teams van ")
    assert aa.reasons[0].data["teams"] == ["team:a", "team:b"] and aa.score == bb.score == WEIGHTS["in_theme"]
    assert bb.reasons[0].text.startswith("heeft organisaties in 1 ander team van ")


def test_a_city_scores_the_sum_of_its_reasons_less_its_load_and_comes_best_first():
    now = team_now(cities=(JoinedCity("city:utrecht", "Utrecht", "committed", province="Utrecht"),))
    signals = [
        signal("city:aa", "champions_theme", "theme:zorg", load=1),
        signal("city:aa", "in_team", "org:gemeente", load=1),
        signal("city:aa", "in_team", "org:bedrijf", "person:piet", load=1),
        signal("city:amersfoort", "pilot_for_question", "question:wijk", province="Utrecht", posts=["post:1"]),
    ]
    found = city_suggestions(now, signals, AS_OF)
    assert [s.city for s in found.suggestions] == ["city:amersfoort", "city:aa"]
    amersfoort, aa = found.suggestions
    assert amersfoort.score == WEIGHTS["pilot_for_question"] + WEIGHTS["similar_to_committed"] + WEIGHTS["evidence"]
    assert [r.code for r in amersfoort.reasons] == ["pilot_for_question", "similar_to_committed", "evidence"]
    assert amersfoort.reasons[1].text == "lijkt op Utrecht, die al meedoet (zelfde provincie)"
    assert aa.score == WEIGHTS["champions_theme"] + WEIGHTS["in_team"] - LOAD_PENALTY
    assert [r.code for r in aa.reasons] == ["champions_theme", "in_team"]
    assert aa.reasons[1].text == "heeft al 2 organisaties of personen in jullie team"
    # The paths run from the city to the team, the way each one is in it.
    assert aa.reasons[1].paths == (
        Path.at("city:aa").step("LOCATED_IN", "org:gemeente", forward=False).step("PARTNER_IN", "team:wijk"),
        Path.at("city:aa")
        .step("LOCATED_IN", "org:bedrijf", forward=False)
        .step("WORKS_AT", "person:piet", forward=False)
        .step("MEMBER_OF", "team:wijk"),
    )
    assert (aa.invite_by, aa.liaison, aa.load, aa.status) == (dt.date(2011, 10, 19), LIAISON, 1, None)


def test_committed_declined_and_rejected_cities_are_left_out_and_ties_go_by_name():
    now = team_now(
        cities=(
            JoinedCity("city:cc", "Cc", "committed"),
            JoinedCity("city:dd", "Dd", "declined"),
            JoinedCity("city:ii", "Ii", "invited"),
        ),
        rejected=("city:ee",),
    )
    signals = [
        signal(c, "network_member", "org:g32", "G32")
        for c in ("city:cc", "city:dd", "city:ee", "city:zz", "city:ii", "city:bb")
    ]
    found = city_suggestions(now, signals, AS_OF, limit=2)
    assert [s.city for s in found.suggestions] == ["city:bb", "city:ii"]
    assert found.suggestions[1].status == "invited"
    assert found.suggestions[0].reasons[0].text == "is lid van G32"


def test_the_plan_deadline_still_ahead_decides_the_invite_by_date():
    deadlines = (dt.date(2010, 11, 30), DEADLINE)
    assert plan_deadline(deadlines, AS_OF) == DEADLINE
    assert plan_deadline(deadlines, dt.date(2012, 1, 1)) is None
    assert invite_by(DEADLINE, AS_OF) == DEADLINE - INVITE_LEAD == dt.date(2011, 10, 19)
    assert invite_by(DEADLINE, dt.date(2011, 11, 1)) == dt.date(2011, 11, 1)  # late: at once
    assert invite_by(None, AS_OF) is None
    late = city_suggestions(
        team_now(deadlines=deadlines), [signal("city:aa", "in_team", "org:gemeente")], dt.date(2012, 1, 1)
    )
    assert (late.plan_deadline, late.invite_by, late.suggestions[0].invite_by) == (None, None, None)


# --- partner suggestions --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fitted() -> PartnerMatcher:
    return PartnerMatcher().fit(SNAPSHOT)  # too small to learn from: the default weights rank


def test_the_named_partner_leads_and_the_team_now_decides_what_is_left_out(fitted):
    found = partner_suggestions(fitted, team_now(), limit=10)
    assert found.partners[0].organisation == "org:uni" and found.partners[0].named_in_partners_line
    assert found.partners[0].reasons[0].code == "named_in_partners_line" and found.partners[0].reasons[0].weight is None
    assert {"org:gemeente", "org:bedrijf"}.isdisjoint(p.organisation for p in found.partners)
    assert [k.kind for k in found.kinds] == ["kind:woningcorporatie"]
    assert found.model.kind == "default-weights" and "te klein" in found.model.note
    # Rejected since the fit, and a corporation accepted since: neither suggested, the kind filled.
    later = partner_suggestions(
        fitted,
        team_now(organisations=("org:gemeente", "org:bedrijf", "org:corporatie"), rejected=("org:uni",)),
        limit=10,
    )
    assert {"org:uni", "org:corporatie"}.isdisjoint(p.organisation for p in later.partners)
    assert later.kinds == ()
    assert partner_suggestions(fitted, team_now(), limit=10, blind=True).kinds == ()


def test_the_fit_builds_what_the_first_question_would_build(fitted):
    # The embedding's SVD and the other learned structure are made by the fit, not by the first
    # question after it (which would pay for them, every time the service refits).
    assert {"embedding", "profiles", "countries", "recent"} <= set(fitted.history_._cache)


def test_a_partner_s_reasons_weigh_most_first_and_are_rounded(fitted):
    for p in partner_suggestions(fitted, team_now(), limit=10).partners:
        weights = [r.weight for r in p.reasons if r.weight is not None]
        assert weights == sorted(weights, reverse=True)
        assert all(w == round(w, 4) for w in weights)


# --- the API's view of the results ----------------------------------------------------------------


def test_the_api_schemas_read_the_results_as_they_are(fitted):
    found = partner_suggestions(fitted, team_now(), limit=3)
    shown = schemas.PartnerSuggestions.model_validate(found, from_attributes=True).model_dump(mode="json")
    assert shown["partners"][0]["reasons"][0]["weight"] is None
    assert shown["partners"][0]["reasons"][0]["paths"] == [
        {"nodes": ["team:wijk", "org:uni"], "relationships": [{"type": "WANTS", "forward": True}]}
    ]
    # An unfilled kind's reason has no weight and no data, as it never had.
    assert set(shown["kinds"][0]["reason"]) == {"code", "text", "paths"}
    ready = readiness(SNAPSHOT, team_now(), AS_OF, found, cities("city:aa"))
    shown = schemas.Readiness.model_validate(ready, from_attributes=True).model_dump(mode="json")
    assert shown["actions"][0]["by"] is None and shown["actions"][3]["by"] == "2011-10-19"
    assert shown["liaison"] == {"id": "person:liaison", "name": "Lia Ison"}
    assert list(shown["cities"]) == ["committed", "interested", "invited", "suggested", "declined"]


# --- paths ----------------------------------------------------------------------------------------


def test_a_path_is_built_step_by_step_without_changing_the_one_it_grew_from():
    start = Path.at("org:a")
    one = start.step("PARTNER_IN", "team:t")
    assert start == Path(("org:a",)) and one.relationships == (Step("PARTNER_IN", True),)
    back = Path.at("org:b").step("WORKS_AT", "person:p", forward=False).step("MEMBER_OF", "team:t")
    joined = one.join(back.reversed())
    assert joined.nodes == ("org:a", "team:t", "person:p", "org:b")
    assert [(r.type, r.forward) for r in joined.relationships] == [
        ("PARTNER_IN", True),
        ("MEMBER_OF", False),
        ("WORKS_AT", True),
    ]
    with pytest.raises(AssertionError):
        one.join(back)  # does not start where `one` ends


# --- a team's city signals from its neighbourhood and the cities' shared facts ---------------------


def facts(city, load=0, networks=(), posts=()):
    return CityFacts(city, city[5:].title(), None, 50_000, tuple(posts), (), load, tuple(networks))


def test_a_team_s_city_signals_join_its_neighbourhood_its_theme_and_the_networks_of_the_day():
    g32 = Membership("org:g32", "G32", dt.date(2010, 1, 1), dt.date(2011, 1, 1))
    table = {
        "city:aa": facts("city:aa", load=3, posts=["post:1"]),
        "city:bb": facts("city:bb", load=2, networks=[g32]),
        "city:cc": facts("city:cc", load=1),
    }
    now = team_now(cities=(JoinedCity("city:aa", "Aa", "invited"), JoinedCity("city:cc", "Cc", "declined")))
    rows = [
        {"city": "city:aa", "signal": "in_team", "via": "org:b", "via2": None},
        {"city": "city:aa", "signal": "in_team", "via": "org:a", "via2": "person:p"},
        {"city": "city:aa", "signal": "in_team", "via": "org:a", "via2": None},
        {"city": "city:zz", "signal": "in_team", "via": "org:z", "via2": None},  # not in the facts yet
    ]
    in_theme = [{"city": "city:bb", "teams": ["team:x"], "team_count": 4}]
    during = team_signals(now, rows, in_theme, table, dt.date(2010, 6, 1))
    assert [(s.city, s.signal, s.via, s.via2) for s in during] == [
        ("city:aa", "in_team", "org:a", "person:p"),
        ("city:aa", "in_team", "org:a", None),
        ("city:aa", "in_team", "org:b", None),
        ("city:bb", "in_theme", None, None),
        ("city:bb", "network_member", "org:g32", "G32"),
    ]
    # The team's own invitation is not load; a declined city's would not have been counted at all.
    assert [s.load for s in during] == [2, 2, 2, 2, 2]
    assert during[0].posts == ("post:1",) and (during[3].teams, during[3].team_count) == (("team:x",), 4)
    # The membership ended before this day.
    after = team_signals(now, rows, in_theme, table, dt.date(2011, 1, 1))
    assert "network_member" not in [s.signal for s in after]


def test_a_fitted_matcher_lets_go_of_the_training_text_fits_and_keeps_a_bounded_number(monkeypatch):
    import matcher.partners as partners_module

    monkeypatch.setattr(partners_module, "ANSWER_TEXT_FITS", 1)
    fitted = PartnerMatcher().fit(SNAPSHOT)
    assert fitted._text_cache == {}
    teams = range(len(SNAPSHOT.teams))
    fits = [fitted.text_fit(team).copy() for team in teams]
    assert len(fitted._text_cache) <= 1 and len(SNAPSHOT.teams) > 1
    for team, fit in zip(teams, fits):  # the same answer, kept or made again
        assert np.array_equal(fitted.text_fit(team), fit)
        assert np.array_equal(fit, fitted.text_.model.similarity(SNAPSHOT.teams[team].text))
