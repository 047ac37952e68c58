"""The read endpoints against the real app over the seeded real Neo4j: lists (totals, pages,
sorting, filters), details with their links, search, errors, and who sees contact details.

Expected values come from seed_data/. The seed has no team partners, city joins or champion
cities; `add_links` loads a small bundle through the real loader to give the graph some."""

from __future__ import annotations

import pytest

from graph.loader import load_bundle, load_content
from graph.settings import PROJECT_ROOT

THUISZORG = "team:onze-stad-informele-thuiszorg"
OPEN_DATA = "team:onze-stad-open-data"
ZORG_OP_AFSTAND = "team:zorgende-stad-zorg-op-afstand"
FLEXPLEKKEN = "team:bedrijvige-stad-nieuwe-flexplekken"
VERGLAASD = "team:bedrijvige-stad-bedrijventerreinen-verglaasd"
INFRA = "team:bedrijvige-stad-ondergrondse-infra-planning"
LERENDE_STAD = "team:lerende-stad-content"
ALL_TEAMS = {THUISZORG, OPEN_DATA, ZORG_OP_AFSTAND, FLEXPLEKKEN, VERGLAASD, INFRA, LERENDE_STAD}

# Contact details in the seed (and the example bundle): none may reach a non-coordinator.
SEED_CONTACTS = [
    "minouche@stedenlink.nl",
    "06 27027473",
    "frederieke@stedenlink.nl",
    "06 51203983",
    "stephan@stedenlink.nl",
    "06 38256661",
    "yvonne@stedenlink.nl",
    "ingrid@example.org",
]

# A small bundle on top of the seed: ActiZ joins the thuiszorg team as a partner, Enschede commits
# to it and Geldrop-Mierlo declines, and Enschede champions Onze Stad.
LINKS = {
    "teams": [
        {
            "id": THUISZORG,
            "name": "Team Onze Stad / (In)formele thuiszorg",
            "question": "question:onze-stad-informele-thuiszorg",
            "partners": [{"organisation": "org:actiz", "role": "partner"}],
            "cities": [
                {"city": "city:enschede", "status": "committed", "since": "2011-10-01"},
                {"city": "city:geldrop-mierlo", "status": "declined"},
            ],
        }
    ],
    "cities": [
        {
            "id": "city:enschede",
            "name": "Enschede",
            "province": "Overijssel",
            "population": 158000,
            "population_year": 2011,
            "champions": ["theme:onze-stad"],
        }
    ],
}


def add_links(callers) -> None:
    graph = callers.app.state.graph
    load_content(graph, LINKS, "test links")


def add_example_bundle(callers) -> None:
    graph = callers.app.state.graph
    load_bundle(graph, PROJECT_ROOT / "docs" / "example-bundle", quiet=True)


def ok(client, path: str, **params) -> dict:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def ids(page: dict) -> list[str]:
    return [item["id"] for item in page["items"]]


def by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}


def all_ids(client, path: str, **params) -> set[str]:
    page = ok(client, path, limit=500, **params)
    assert page["total"] == len(page["items"])
    return set(ids(page))


def error_locations(response) -> list[list]:
    assert response.status_code == 422, response.text
    return [error["loc"] for error in response.json()["detail"]]


# --- access ---------------------------------------------------------------------------------------

READ_PATHS = [
    "/teams",
    f"/teams/{THUISZORG}",
    "/questions",
    "/questions/question:onze-stad-open-data",
    "/themes",
    "/themes/theme:onze-stad",
    "/people",
    "/people/person:minouche-besters",
    "/organisations",
    "/organisations/org:actiz",
    "/cities",
    "/cities/city:enschede",
    "/partner-kinds",
    "/partner-kinds/kind:overheid",
    "/search?q=actiz",
]


def test_every_read_endpoint_refuses_anonymous_callers_and_unknown_tokens(callers):
    from fastapi.testclient import TestClient

    forged = TestClient(callers.app, headers={"Authorization": "Bearer sl_not-a-real-token"})
    for path in READ_PATHS:
        assert callers.anonymous.get(path).status_code == 401, path
        assert forged.get(path).status_code == 401, path
    assert callers.anonymous.get("/health").status_code == 200


def test_every_role_may_read_every_endpoint(callers):
    for client in (callers.coordinator, callers.liaison, callers.team, callers.other_team):
        for path in READ_PATHS:
            assert client.get(path).status_code == 200, path


# --- teams ----------------------------------------------------------------------------------------


def test_team_list_gives_each_team_with_its_question_theme_and_counts(callers):
    page = ok(callers.liaison, "/teams")
    assert page["total"] == 7 and page["limit"] == 50 and page["offset"] == 0
    assert set(ids(page)) == ALL_TEAMS
    thuiszorg = by_id(page["items"])[THUISZORG]
    assert thuiszorg["name"] == "Team Onze Stad / (In)formele thuiszorg"
    assert thuiszorg["question"] == {"id": "question:onze-stad-informele-thuiszorg", "name": "(In)formele thuiszorg"}
    assert thuiszorg["theme"] == {"id": "theme:onze-stad", "name": "Onze Stad"}
    # 5 members, each from another organisation; 13 wants in the partners line; no city joins.
    assert (thuiszorg["members"], thuiszorg["organisations"], thuiszorg["wants"], thuiszorg["cities"]) == (5, 5, 13, 0)
    assert by_id(page["items"])[VERGLAASD]["organisations"] == 0  # Jan Herps, no organisation known


def test_team_pages_are_disjoint_and_cover_the_list(callers):
    pages = [ok(callers.team, "/teams", limit=3, offset=offset) for offset in (0, 3, 6)]
    assert [page["total"] for page in pages] == [7, 7, 7]
    assert [len(page["items"]) for page in pages] == [3, 3, 1]
    seen = [team_id for page in pages for team_id in ids(page)]
    assert len(seen) == len(set(seen)) and set(seen) == ALL_TEAMS
    assert ids(ok(callers.team, "/teams")) == seen  # the same order as one big page
    beyond = ok(callers.team, "/teams", limit=3, offset=7)
    assert beyond["total"] == 7 and beyond["items"] == []


def test_team_list_sorts_both_ways(callers):
    page = ok(callers.liaison, "/teams", sort="name")
    by_name = ids(page)
    # Case-blind: 'Team Bedrijvige stad / bedrijventerreinen' before 'Team Bedrijvige Stad / Nieuwe'.
    assert by_name[:3] == [VERGLAASD, FLEXPLEKKEN, INFRA]
    names = [team["name"].lower() for team in page["items"]]
    assert names == sorted(names)
    assert ids(ok(callers.liaison, "/teams", sort="-name")) == by_name[::-1]
    most_members = ids(ok(callers.liaison, "/teams", sort="-members"))
    assert most_members[0] == ZORG_OP_AFSTAND and most_members[-1] == VERGLAASD  # 10 members, 1 member
    assert ids(ok(callers.liaison, "/teams", sort="members"))[0] == VERGLAASD
    assert ids(ok(callers.liaison, "/teams", sort="-organisations"))[0] == OPEN_DATA  # 7 organisations
    by_theme = ids(ok(callers.liaison, "/teams", sort="theme"))
    assert set(by_theme[:3]) == {FLEXPLEKKEN, VERGLAASD, INFRA} and by_theme[-1] == ZORG_OP_AFSTAND
    assert ids(ok(callers.liaison, "/teams", sort="-theme"))[0] == ZORG_OP_AFSTAND


def test_team_list_filters(callers):
    c = callers.liaison
    assert all_ids(c, "/teams", theme="theme:bedrijvige-stad") == {FLEXPLEKKEN, VERGLAASD, INFRA}
    assert all_ids(c, "/teams", theme="theme:groene-stad") == set()
    assert all_ids(c, "/teams", question="question:zorgende-stad-zorg-op-afstand") == {ZORG_OP_AFSTAND}
    # Novay is in two teams, each through one of its people.
    assert all_ids(c, "/teams", organisation="org:novay") == {OPEN_DATA, FLEXPLEKKEN}
    assert all_ids(c, "/teams", person="person:jan-herps") == {VERGLAASD}
    assert all_ids(c, "/teams", city="city:enschede") == set()
    add_links(callers)
    assert all_ids(c, "/teams", organisation="org:actiz") == {THUISZORG}  # as a partner of its own
    assert all_ids(c, "/teams", city="city:enschede") == {THUISZORG}
    assert all_ids(c, "/teams", status="declined") == {THUISZORG}
    assert all_ids(c, "/teams", city="city:enschede", status="committed") == {THUISZORG}
    assert all_ids(c, "/teams", city="city:enschede", status="declined") == set()


def test_team_detail_has_question_members_organisations_and_wants(callers):
    team = ok(callers.liaison, f"/teams/{THUISZORG}")
    assert team["name"] == "Team Onze Stad / (In)formele thuiszorg"
    assert team["partners_line"].startswith("lokale en regionale overheden, Actiz, Metzo")
    question = team["question"]
    assert question["id"] == "question:onze-stad-informele-thuiszorg" and question["status"] == "described"
    assert question["question"] == (
        "Hoe zorgen we ervoor dat mensen de nieuwe informele zorgplatformen ook echt gaan gebruiken?"
    )
    assert question["approach"].startswith("Een aantal gemeenten gaan samen")
    assert question["steps"][0] == "kwestie en kansen presenteren bij G32 bestuurlijk"
    assert team["theme"] == {"id": "theme:onze-stad", "name": "Onze Stad"}

    members = by_id(team["members"])
    assert set(members) == {
        "person:patrick-anthonissen",
        "person:edu-braat",
        "person:marcel-van-leuken",
        "person:els-van-laarhoven",
        "person:andre-leijser",
    }
    marcel = members["person:marcel-van-leuken"]
    assert marcel["role"] == "member"
    assert marcel["organisations"] == [
        {"id": "org:gemeente-geldrop-mierlo", "name": "Gemeente Geldrop-Mierlo", "title": None}
    ]

    organisations = by_id(team["organisations"])
    assert set(organisations) == {
        "org:i-spire",
        "org:workpatch",
        "org:gemeente-geldrop-mierlo",
        "org:puntextra",
        "org:inresult",
    }
    geldrop = organisations["org:gemeente-geldrop-mierlo"]
    assert geldrop["kind"] == "municipality" and geldrop["role"] is None
    assert geldrop["via"] == [{"id": "person:marcel-van-leuken", "name": "Marcel van Leuken"}]

    wants = {(w["id"], w["text"]): w for w in team["wants"]}
    assert len(wants) == 13
    actiz = wants[("org:actiz", "Actiz")]
    assert actiz["type"] == "organisation" and actiz["name"] == "ActiZ" and actiz["found"] is False
    # The team wants local government; Geldrop-Mierlo's municipality is in it through Marcel.
    local = wants[("kind:lokale-overheid", "lokale en regionale overheden")]
    assert local["type"] == "partner_kind" and local["found"] is True
    assert local["found_by"] == [{"id": "org:gemeente-geldrop-mierlo", "name": "Gemeente Geldrop-Mierlo"}]
    assert wants[("kind:woningcorporatie", "woningcorporaties")]["found"] is False
    assert team["cities"] == []


def test_team_detail_shows_partners_found_wants_and_cities_with_status(callers):
    add_links(callers)
    team = ok(callers.liaison, f"/teams/{THUISZORG}")
    actiz = by_id(team["organisations"])["org:actiz"]
    assert actiz["role"] == "partner" and actiz["via"] == []
    want = next(w for w in team["wants"] if w["id"] == "org:actiz")
    assert want["found"] is True and want["found_by"] == [{"id": "org:actiz", "name": "ActiZ"}]
    assert team["cities"] == [
        {"id": "city:enschede", "name": "Enschede", "status": "committed", "since": "2011-10-01"},
        {"id": "city:geldrop-mierlo", "name": "Geldrop-Mierlo", "status": "declined", "since": None},
    ]
    assert by_id(ok(callers.liaison, "/teams")["items"])[THUISZORG]["cities"] == 2


def test_team_ids_with_a_colon_work_plain_and_percent_encoded(callers):
    assert ok(callers.team, "/teams/team%3Aonze-stad-open-data")["id"] == OPEN_DATA
    assert ok(callers.team, f"/teams/{OPEN_DATA}")["name"] == "Team Onze Stad / Open data"


# --- questions and themes -------------------------------------------------------------------------


def test_question_list_filters_and_sorts(callers):
    c = callers.team
    page = ok(c, "/questions")
    assert page["total"] == 8
    eighth = by_id(page["items"])["question:achtste-vraagstuk"]
    assert eighth["status"] == "undescribed" and eighth["teams"] == 0
    assert eighth["theme"] == {"id": "theme:veilige-stad", "name": "Veilige Stad"}
    assert all_ids(c, "/questions", status="undescribed") == {"question:achtste-vraagstuk"}
    assert len(all_ids(c, "/questions", status="described")) == 7
    assert all_ids(c, "/questions", theme="theme:bedrijvige-stad") == {
        "question:bedrijvige-stad-nieuwe-flexplekken",
        "question:bedrijvige-stad-bedrijventerreinen-verglaasd",
        "question:bedrijvige-stad-ondergrondse-infra-planning",
    }
    # Names ascending: '(In)formele thuiszorg' sorts before letters; descending reverses.
    by_name = ids(ok(c, "/questions", sort="name"))
    assert by_name[0] == "question:onze-stad-informele-thuiszorg"
    assert ids(ok(c, "/questions", sort="-name")) == by_name[::-1]
    assert ids(ok(c, "/questions", sort="teams"))[0] == "question:achtste-vraagstuk"
    assert ids(ok(c, "/questions", sort="-teams"))[-1] == "question:achtste-vraagstuk"


def test_question_detail_has_texts_theme_teams_and_pilots(callers):
    question = ok(callers.team, "/questions/question:bedrijvige-stad-ondergrondse-infra-planning")
    assert question["name"] == "ondergrondse infra planning" and question["status"] == "described"
    assert question["question"].startswith("Hoe beheersen we toekomstige infrastructurele ontwikkelingen")
    assert question["steps"] == [
        "A4 tje opstellen",
        "feedback via Stedenlink",
        "zoeken naar pilot plekken (Venlo, Rotterdam)",
    ]
    assert question["theme"] == {"id": "theme:bedrijvige-stad", "name": "Bedrijvige Stad"}
    assert question["teams"] == [{"id": INFRA, "name": "Team Bedrijvige stad / ondergrondse infra planning"}]
    assert question["pilots"] == [{"id": "city:rotterdam", "name": "Rotterdam"}, {"id": "city:venlo", "name": "Venlo"}]
    eighth = ok(callers.team, "/questions/question:achtste-vraagstuk")
    assert eighth["question"] is None and eighth["steps"] == [] and eighth["teams"] == []


def test_theme_list_and_sorting(callers):
    page = ok(callers.liaison, "/themes")
    assert page["total"] == 6
    assert ids(page) == [
        "theme:bedrijvige-stad",
        "theme:groene-stad",
        "theme:lerende-stad",
        "theme:onze-stad",
        "theme:veilige-stad",
        "theme:zorgende-stad",
    ]
    assert ids(ok(callers.liaison, "/themes", sort="-name")) == ids(page)[::-1]
    bedrijvig = by_id(page["items"])["theme:bedrijvige-stad"]
    assert (bedrijvig["questions"], bedrijvig["teams"], bedrijvig["champions"]) == (3, 3, 0)
    assert bedrijvig["liaisons"] == [{"id": "person:frederieke-wolter", "name": "Frederieke Wolter"}]
    assert ids(ok(callers.liaison, "/themes", sort="-teams"))[:2] == ["theme:bedrijvige-stad", "theme:onze-stad"]
    # Ties (no teams) fall back to the id, so the order is stable.
    assert ids(ok(callers.liaison, "/themes", sort="teams"))[:2] == ["theme:groene-stad", "theme:veilige-stad"]
    pages = [ids(ok(callers.liaison, "/themes", limit=4, offset=offset)) for offset in (0, 4)]
    assert pages[0] + pages[1] == ids(page) and len(pages[1]) == 2


def test_theme_detail_has_liaisons_questions_teams_and_champions(callers):
    add_links(callers)
    theme = ok(callers.liaison, "/themes/theme:onze-stad")
    assert theme["liaisons"] == [{"id": "person:stephan-verveen", "name": "Stephan Verveen"}]
    assert [q["id"] for q in theme["questions"]] == [
        "question:onze-stad-informele-thuiszorg",
        "question:onze-stad-open-data",
    ]
    assert {t["id"] for t in theme["teams"]} == {THUISZORG, OPEN_DATA}
    assert theme["champions"] == [{"id": "city:enschede", "name": "Enschede"}]
    assert by_id(ok(callers.liaison, "/themes")["items"])["theme:onze-stad"]["champions"] == 1


# --- people ---------------------------------------------------------------------------------------


def test_people_list_pages_and_sorts(callers):
    c = callers.liaison
    pages = [ok(c, "/people", limit=20, offset=offset) for offset in (0, 20, 40)]
    assert [page["total"] for page in pages] == [49, 49, 49]
    assert [len(page["items"]) for page in pages] == [20, 20, 9]
    seen = [i for page in pages for i in ids(page)]
    assert len(set(seen)) == 49
    assert seen[0] == "person:almer-van-der-molen" and seen[-1] == "person:yvonne-stedenlink"
    assert ids(ok(c, "/people", sort="-name", limit=1)) == ["person:yvonne-stedenlink"]
    assert ok(c, "/people", sort="-teams", limit=1)["items"][0]["teams"] == 1
    assert ok(c, "/people", sort="teams", limit=1)["items"][0]["teams"] == 0


def test_people_list_filters(callers):
    c = callers.liaison
    assert all_ids(c, "/people", organisation="org:novay") == {"person:wolfgang-ebbers", "person:marcel-bijlsma"}
    # From Enschede: the municipality's two people and Novay's two.
    assert all_ids(c, "/people", city="city:enschede") == {
        "person:hans-koenders",
        "person:patrick-reijnders",
        "person:wolfgang-ebbers",
        "person:marcel-bijlsma",
    }
    # Amersfoort: the wethouder lives and works there, Jouko Huismans lives there.
    assert all_ids(c, "/people", city="city:amersfoort") == {"person:sebastiaan-van-t-erve", "person:jouko-huismans"}
    assert all_ids(c, "/people", team=VERGLAASD) == {"person:jan-herps"}
    assert len(all_ids(c, "/people", team=ZORG_OP_AFSTAND)) == 10
    # Onze Stad: the 8 + 5 members of its two teams and Stephan Verveen, its liaison.
    onze_stad = all_ids(c, "/people", theme="theme:onze-stad")
    assert len(onze_stad) == 14 and "person:stephan-verveen" in onze_stad and "person:frank-kresin" in onze_stad
    summary = by_id(ok(c, "/people", organisation="org:stedenlink")["items"])["person:minouche-besters"]
    assert summary["organisations"] == [
        {"id": "org:stedenlink", "name": "Stedenlink", "title": "projectleider Digitale Steden Agenda"}
    ]
    assert summary["twitter"] == "@mbesters" and summary["teams"] == 0


def test_person_detail_has_organisations_teams_themes_city_and_events(callers):
    minouche = ok(callers.liaison, "/people/person:minouche-besters")
    assert minouche["aliases"] == ["mbesters"]
    assert minouche["liaison_for"] == [
        {"id": "theme:lerende-stad", "name": "Lerende Stad"},
        {"id": "theme:veilige-stad", "name": "Veilige Stad"},
    ]
    assert minouche["events"] == [
        {
            "id": "event:werkconferentie-2011-06-16",
            "name": "Werkconferentie Digitale Steden Agenda 16 juni 2011",
            "date": "2011-06-16",
            "role": "organiser",
        }
    ]
    wethouder = ok(callers.liaison, "/people/person:sebastiaan-van-t-erve")
    assert wethouder["city"] == {"id": "city:amersfoort", "name": "Amersfoort"}
    assert wethouder["organisations"] == [
        {"id": "org:gemeente-amersfoort", "name": "Gemeente Amersfoort", "title": "wethouder"}
    ]
    assert ok(callers.liaison, "/people/person:ed-mos")["teams"] == [
        {"id": OPEN_DATA, "name": "Team Onze Stad / Open data", "role": "member"}
    ]
    assert ok(callers.liaison, "/people/person:jouko-huismans")["projects"] == [
        {"id": "project:amersfoort-breed", "name": "Amersfoort Breed", "role": "projectleider"}
    ]


# --- organisations and partner kinds --------------------------------------------------------------


def test_organisation_list_filters(callers):
    c = callers.team
    assert ok(c, "/organisations")["total"] == 53
    assert all_ids(c, "/organisations", kind="umbrella") == {
        "org:actiz",
        "org:metzo",
        "org:nov",
        "org:vno-ncw",
        "org:mkb-nederland",
        "org:po-raad",
        "org:vo-raad",
    }
    knowledge = all_ids(c, "/organisations", sector="knowledge")
    assert {"org:tno", "org:novay", "org:waag-society", "org:po-raad"} <= knowledge and "org:kpn" not in knowledge
    assert all_ids(c, "/organisations", kind="ministry", sector="government") == {
        "org:ministerie-van-ez",
        "org:ministerie-van-vws",
        "org:ministerie-van-szw",
    }
    assert all_ids(c, "/organisations", city="city:enschede") == {"org:gemeente-enschede", "org:novay"}
    assert all_ids(c, "/organisations", team=OPEN_DATA) == {
        "org:buurtr",
        "org:tno",
        "org:provincie-noord-brabant",
        "org:mad-eindhoven",
        "org:gemeente-enschede",
        "org:novay",
        "org:waag-society",
    }
    assert all_ids(c, "/organisations", partner_kind="kind:netwerkleverancier") == {"org:kpn", "org:upc"}
    assert all_ids(c, "/organisations", q="vno ncw") == {"org:vno-ncw"}
    assert all_ids(c, "/organisations", q="Kennisnet") == {"org:kennisset"}  # its alias
    assert all_ids(c, "/organisations", q="ministerie", kind="umbrella") == set()


def test_organisation_list_sorts_both_ways(callers):
    c = callers.team
    by_name = ids(ok(c, "/organisations", limit=500))
    assert by_name[0] == "org:actiz" and by_name[-1] == "org:zuidzorg"
    assert ids(ok(c, "/organisations", sort="-name", limit=500)) == by_name[::-1]
    most_people = ok(c, "/organisations", sort="-people", limit=1)["items"][0]
    assert most_people["id"] == "org:stedenlink" and most_people["people"] == 4
    kinds = [o["kind"] for o in ok(c, "/organisations", sort="kind", limit=500)["items"]]
    assert kinds == sorted(kinds)
    assert [o["kind"] for o in ok(c, "/organisations", sort="-kind", limit=500)["items"]] == sorted(kinds, reverse=True)
    assert ok(c, "/organisations", sort="-teams", limit=1)["items"][0]["teams"] == 2  # Atos Origin or Novay


def test_organisation_detail_has_people_teams_and_kinds(callers):
    novay = ok(callers.liaison, "/organisations/org:novay")
    assert novay["kind"] == "knowledge_institute" and novay["sector"] == "knowledge"
    assert novay["city"] == {"id": "city:enschede", "name": "Enschede"}
    assert novay["partner_kinds"] == [{"id": "kind:onderwijs-onderzoek", "name": "Onderwijs/Onderzoek"}]
    assert novay["people"] == [
        {"id": "person:marcel-bijlsma", "name": "Marcel Bijlsma", "title": None},
        {"id": "person:wolfgang-ebbers", "name": "Wolfgang Ebbers", "title": None},
    ]
    assert novay["teams"] == [
        {
            "id": FLEXPLEKKEN,
            "name": "Team Bedrijvige Stad / Nieuwe flexplekken",
            "role": None,
            "via": [{"id": "person:marcel-bijlsma", "name": "Marcel Bijlsma"}],
        },
        {
            "id": OPEN_DATA,
            "name": "Team Onze Stad / Open data",
            "role": None,
            "via": [{"id": "person:wolfgang-ebbers", "name": "Wolfgang Ebbers"}],
        },
    ]
    add_links(callers)
    actiz = ok(callers.liaison, "/organisations/org:actiz")
    assert actiz["teams"] == [
        {"id": THUISZORG, "name": "Team Onze Stad / (In)formele thuiszorg", "role": "partner", "via": []}
    ]
    assert actiz["wanted_by"] == [{"id": THUISZORG, "name": "Team Onze Stad / (In)formele thuiszorg", "text": "Actiz"}]


def test_city_network_organisation_lists_its_members_past_and_present(callers):
    g32 = ok(callers.liaison, "/organisations/org:g32")
    members = by_id(g32["member_cities"])
    assert len(members) == 40
    assert members["city:oss"]["since"] == "2014-05-01" and members["city:oss"]["current"] is True
    assert members["city:enschede"]["since"] is None


def test_partner_kinds_list_and_detail(callers):
    c = callers.liaison
    page = ok(c, "/partner-kinds")
    assert page["total"] == 30
    assert ids(ok(c, "/partner-kinds", sort="-wanted_by", limit=1)) == ["kind:lokale-overheid"]  # 4 teams
    assert ids(ok(c, "/partner-kinds", sort="-organisations", limit=1)) == ["kind:overheid"]
    assert all_ids(c, "/partner-kinds", sector="knowledge") == {
        "kind:onderwijs-onderzoek",
        "kind:onderwijskoepel",
        "kind:groot-schoolbestuur",
        "kind:onderzoeksbureau-mkba",
    }
    kind = ok(c, "/partner-kinds/kind:lokale-overheid")
    assert {o["id"] for o in kind["organisations"]} == {
        "org:gemeente-amersfoort",
        "org:gemeente-enschede",
        "org:gemeente-geldrop-mierlo",
        "org:gemeente-rotterdam",
        "org:gemeente-venlo",
        "org:gemeente-zoetermeer",
    }
    found = {w["id"]: w["found"] for w in kind["wanted_by"]}
    # Zoetermeer's, Geldrop-Mierlo's and Rotterdam's/Venlo's municipalities are in three of the teams.
    assert found == {FLEXPLEKKEN: True, THUISZORG: True, INFRA: True, VERGLAASD: False}
    assert kind["organisations_total"] == 6


def test_a_partner_kind_lists_the_first_of_its_organisations_and_counts_them_all(callers, monkeypatch):
    from graph.repositories import reading

    full = ok(callers.liaison, "/partner-kinds/kind:lokale-overheid")
    monkeypatch.setattr(reading, "SHOWN", 2)
    capped = ok(callers.liaison, "/partner-kinds/kind:lokale-overheid")
    assert capped["organisations"] == full["organisations"][:2] and capped["organisations_total"] == 6
    assert capped["wanted_by"] == full["wanted_by"]
    everyone = all_ids(callers.liaison, "/organisations", partner_kind="kind:lokale-overheid")
    assert everyone == {o["id"] for o in full["organisations"]}


# --- cities ---------------------------------------------------------------------------------------


def test_city_list_pages_and_sorts(callers):
    c = callers.team
    pages = [ok(c, "/cities", limit=20, offset=offset) for offset in (0, 20, 40)]
    assert [page["total"] for page in pages] == [45, 45, 45]
    assert [len(page["items"]) for page in pages] == [20, 20, 5]
    assert len({i for page in pages for i in ids(page)}) == 45
    assert ids(ok(c, "/cities", sort="-population", limit=2)) == ["city:amsterdam", "city:rotterdam"]
    assert ids(ok(c, "/cities", sort="population", limit=1)) == ["city:geldrop-mierlo"]  # 38,000
    populations = [city["population"] for city in ok(c, "/cities", sort="-population", limit=500)["items"]]
    assert populations == sorted(populations, reverse=True)
    assert ok(c, "/cities", sort="province", limit=1)["items"][0]["province"] == "Drenthe"
    assert ok(c, "/cities", sort="-province", limit=1)["items"][0]["province"] == "Zuid-Holland"


def test_city_list_filters_by_network_as_of_a_date(callers):
    c = callers.team
    g4 = all_ids(c, "/cities", network="G4")
    assert g4 == {"city:amsterdam", "city:rotterdam", "city:den-haag", "city:utrecht"}
    assert all_ids(c, "/cities", network="org:g4") == g4
    # Today the G32 has 40 members in the seed; in June 2011 it had 34; before April 2009, the G27.
    assert len(all_ids(c, "/cities", network="g32")) == 40
    june_2011 = all_ids(c, "/cities", network="G32", as_of="2011-06-16")
    assert len(june_2011) == 34 and "city:delft" in june_2011 and "city:oss" not in june_2011
    assert len(all_ids(c, "/cities", network="G32", as_of="2009-01-01")) == 27
    amsterdam = by_id(ok(c, "/cities", network="G4")["items"])["city:amsterdam"]
    assert amsterdam["networks"] == [{"id": "org:g4", "name": "G4"}] and amsterdam["population"] == 780000


def test_city_list_filters_by_province_theme_and_team(callers):
    c = callers.team
    assert all_ids(c, "/cities", province="noord-brabant") == {
        "city:breda",
        "city:eindhoven",
        "city:helmond",
        "city:s-hertogenbosch",
        "city:tilburg",
        "city:oss",
        "city:roosendaal",
        "city:geldrop-mierlo",
    }
    # Pilots for the infra question are in the Bedrijvige Stad theme.
    assert all_ids(c, "/cities", theme="theme:bedrijvige-stad") == {"city:venlo", "city:rotterdam"}
    assert all_ids(c, "/cities", theme="theme:onze-stad") == set()
    add_links(callers)
    # Enschede champions Onze Stad and committed; Geldrop-Mierlo declined, so it is not counted in.
    assert all_ids(c, "/cities", theme="theme:onze-stad") == {"city:enschede"}
    assert all_ids(c, "/cities", team=THUISZORG) == {"city:enschede", "city:geldrop-mierlo"}
    assert all_ids(c, "/cities", team=THUISZORG, province="Overijssel") == {"city:enschede"}


def test_city_detail_says_who_from_it_works_on_what(callers):
    enschede = ok(callers.liaison, "/cities/city:enschede")
    assert enschede["province"] == "Overijssel" and enschede["population"] == 158000
    assert enschede["networks"] == [{"id": "org:g32", "name": "G32", "since": None, "until": None, "current": True}]
    people = by_id(enschede["people"])
    assert set(people) == {
        "person:hans-koenders",
        "person:patrick-reijnders",
        "person:wolfgang-ebbers",
        "person:marcel-bijlsma",
    }
    assert people["person:marcel-bijlsma"]["organisations"] == [{"id": "org:novay", "name": "Novay", "title": None}]
    assert people["person:marcel-bijlsma"]["teams"] == [
        {"id": FLEXPLEKKEN, "name": "Team Bedrijvige Stad / Nieuwe flexplekken", "role": "member"}
    ]
    organisations = by_id(enschede["organisations"])
    assert organisations["org:gemeente-enschede"]["teams"] == [{"id": OPEN_DATA, "name": "Team Onze Stad / Open data"}]
    assert [t["id"] for t in organisations["org:novay"]["teams"]] == [FLEXPLEKKEN, OPEN_DATA]
    assert enschede["teams"] == [] and enschede["champions"] == []

    add_links(callers)
    enschede = ok(callers.liaison, "/cities/city:enschede")
    assert enschede["champions"] == [{"id": "theme:onze-stad", "name": "Onze Stad"}]
    assert enschede["teams"] == [
        {
            "id": THUISZORG,
            "name": "Team Onze Stad / (In)formele thuiszorg",
            "status": "committed",
            "since": "2011-10-01",
        }
    ]


def test_a_large_city_lists_the_first_of_its_people_and_organisations_and_counts_them_all(callers, monkeypatch):
    from graph.repositories import reading

    full = ok(callers.liaison, "/cities/city:enschede")
    assert full["people_total"] == len(full["people"]) == 4
    assert full["organisations_total"] == len(full["organisations"]) == 2
    monkeypatch.setattr(reading, "SHOWN", 1)
    capped = ok(callers.liaison, "/cities/city:enschede")
    assert capped["people"] == full["people"][:1] and capped["people_total"] == 4
    assert capped["organisations"] == full["organisations"][:1] and capped["organisations_total"] == 2
    # All of them are in the paged lists.
    assert all_ids(callers.liaison, "/people", city="city:enschede") == {p["id"] for p in full["people"]}


def test_a_theme_lists_the_first_of_its_questions_and_teams_and_counts_them_all(callers, monkeypatch):
    from graph.repositories import reading

    full = ok(callers.liaison, "/themes/theme:onze-stad")
    assert full["teams_total"] == len(full["teams"]) >= 2
    assert full["questions_total"] == len(full["questions"]) >= 2
    monkeypatch.setattr(reading, "SHOWN", 1)
    capped = ok(callers.liaison, "/themes/theme:onze-stad")
    assert capped["teams"] == full["teams"][:1] and capped["teams_total"] == full["teams_total"]
    assert capped["questions"] == full["questions"][:1] and capped["questions_total"] == full["questions_total"]
    assert all_ids(callers.liaison, "/teams", theme="theme:onze-stad") == {t["id"] for t in full["teams"]}


def test_city_detail_has_projects_events_pilots_and_network_history(callers):
    amersfoort = ok(callers.liaison, "/cities/city:amersfoort")
    assert {p["id"] for p in amersfoort["projects"]} == {
        "project:amersfoort-breed",
        "project:glasvezelnetwerk-vathorst",
        "project:wijk-tv-sbna",
        "project:cop-sociaal-isolement-amersfoort",
        "project:lesfilmpjes-scheikunde-vathorst-college",
    }
    assert [e["id"] for e in amersfoort["events"]] == ["event:werkconferentie-2011-06-16"]
    assert {o["id"] for o in amersfoort["organisations"]} == {
        "org:gemeente-amersfoort",
        "org:sbna",
        "org:vathorst-college",
    }
    venlo = ok(callers.liaison, "/cities/city:venlo")
    assert venlo["pilot_for"] == [
        {"id": "question:bedrijvige-stad-ondergrondse-infra-planning", "name": "ondergrondse infra planning"}
    ]
    oss = ok(callers.liaison, "/cities/city:oss", as_of="2011-06-16")
    assert oss["networks"] == [{"id": "org:g32", "name": "G32", "since": "2014-05-01", "until": None, "current": False}]
    assert ok(callers.liaison, "/cities/city:oss")["networks"][0]["current"] is True


# --- search ---------------------------------------------------------------------------------------


def search(client, q: str, **params) -> list[dict]:
    return ok(client, "/search", q=q, **params)["items"]


def test_search_finds_exact_names_aliases_and_typos(callers):
    c = callers.liaison
    assert search(c, "ActiZ")[0]["id"] == "org:actiz"
    hit = search(c, "Den Bosch")[0]
    assert hit["id"] == "city:s-hertogenbosch" and hit["type"] == "City" and "Den Bosch" in hit["snippet"]
    assert search(c, "Kennisnet")[0]["id"] == "org:kennisset"  # an alias
    assert search(c, "mbesters")[0]["id"] == "person:minouche-besters"  # a Twitter alias
    typo = search(c, "Actix")[0]
    assert typo["id"] == "org:actiz" and typo["name"] == "ActiZ" and typo["score"] > 0
    assert "thuiszorg" in typo["snippet"] or "zorg" in typo["snippet"]
    assert search(c, "Enschde", type="city")[0]["id"] == "city:enschede"
    assert {h["id"] for h in search(c, "Enschde")[:2]} == {"city:enschede", "org:gemeente-enschede"}
    assert search(c, "Gemeente Enschde")[0]["id"] == "org:gemeente-enschede"
    assert search(c, "Zoetermer")[0]["id"] in {"city:zoetermeer", "org:gemeente-zoetermeer"}


def test_search_filters_by_type_and_limits(callers):
    c = callers.team
    hits = search(c, "thuiszorg", type=["Team", "question"])
    assert {h["type"] for h in hits} == {"Team", "Question"}
    assert {h["id"] for h in hits} == {THUISZORG, "question:onze-stad-informele-thuiszorg"}
    assert [h["type"] for h in search(c, "overheid", type="partner_kind")] and all(
        h["type"] == "PartnerKind" for h in search(c, "overheid", type="partner_kind")
    )
    assert len(search(c, "stad", limit=3)) == 3
    scores = [h["score"] for h in search(c, "stad")]
    assert scores == sorted(scores, reverse=True)


def test_search_treats_lucene_syntax_as_text(callers):
    c = callers.team
    assert search(c, 'actiz~~ "(')[0]["id"] == "org:actiz"
    assert search(c, "VNO-NCW")[0]["id"] == "org:vno-ncw"
    assert search(c, "(ActiZ)")[0]["id"] == "org:actiz"
    assert isinstance(search(c, "name:actiz AND OR"), list)  # words, not a field query or operators
    assert search(c, '"*:?') == []  # no words at all
    assert search(c, "xyzzyplugh") == []


# --- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, label",
    [
        ("/teams/team:nope", "team"),
        ("/questions/question:nope", "question"),
        ("/themes/theme:nope", "theme"),
        ("/people/person:nope", "person"),
        ("/organisations/org:nope", "organisation"),
        ("/cities/city:nope", "city"),
        ("/partner-kinds/kind:nope", "partner kind"),
        ("/teams/org:actiz", "team"),
    ],
)
def test_unknown_ids_are_404_naming_the_id(callers, path, label):
    response = callers.liaison.get(path)
    assert response.status_code == 404
    node_id = path.rsplit("/", 1)[1]
    assert response.json()["detail"] == f"no {label} with id {node_id!r}"


def test_invalid_parameters_are_422_naming_the_parameter(callers):
    c = callers.liaison
    cases = [
        ("/teams", {"limit": 0}, "limit"),
        ("/teams", {"limit": 501}, "limit"),
        ("/people", {"offset": -1}, "offset"),
        ("/teams", {"sort": "population"}, "sort"),
        ("/cities", {"sort": "-members"}, "sort"),
        ("/organisations", {"sort": "bogus"}, "sort"),
        ("/questions", {"sort": "-"}, "sort"),
        ("/themes", {"sort": "size"}, "sort"),
        ("/people", {"sort": "city"}, "sort"),
        ("/partner-kinds", {"sort": "x"}, "sort"),
        ("/organisations", {"kind": "bank"}, "kind"),
        ("/organisations", {"sector": "industry"}, "sector"),
        ("/partner-kinds", {"sector": "industry"}, "sector"),
        ("/teams", {"status": "maybe"}, "status"),
        ("/questions", {"status": "draft"}, "status"),
        ("/teams", {"theme": "zorgende-stad"}, "theme"),
        ("/people", {"organisation": "city:enschede"}, "organisation"),
        ("/organisations", {"partner_kind": "overheid"}, "partner_kind"),
        ("/cities", {"network": "G99"}, "network"),
        ("/cities", {"network": "org:actiz"}, "network"),
        ("/cities", {"as_of": "16-06-2011"}, "as_of"),
        ("/search", {}, "q"),
        ("/search", {"q": ""}, "q"),
        ("/search", {"q": "x", "type": "Event"}, "type"),
        ("/search", {"q": "x", "limit": 101}, "limit"),
    ]
    for path, params, parameter in cases:
        locations = error_locations(c.get(path, params=params))
        assert ["query", parameter] in [loc[:2] for loc in locations], (path, params, locations)


# --- contact details ------------------------------------------------------------------------------


def _keys(value) -> set[str]:
    """Every key anywhere in a JSON answer."""
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


CONTACT_PATHS = [
    "/people?organisation=org:stedenlink",
    "/people/person:minouche-besters",
    "/people/person:yvonne-stedenlink",
    "/people/person:ingrid-de-vries",
    "/themes/theme:onze-stad",
    "/organisations/org:stedenlink",
    "/organisations/org:portaal",
    "/teams/team:thuiszorg-coalitie",
    "/cities/city:utrecht",
    "/search?q=Stedenlink&type=person",
    "/search?q=Ingrid",
]


def test_contact_details_reach_coordinators_in_every_answer_with_people(callers):
    add_example_bundle(callers)  # Ingrid de Vries: a team member with an e-mail, working in Utrecht
    c = callers.coordinator
    assert ok(c, "/people/person:minouche-besters")["email"] == "minouche@stedenlink.nl"
    assert ok(c, "/people/person:minouche-besters")["phone"] == "06 27027473"
    assert "yvonne@stedenlink.nl" in ok(c, "/people/person:yvonne-stedenlink")["source"]
    listed = by_id(ok(c, "/people", organisation="org:stedenlink")["items"])
    assert listed["person:frederieke-wolter"]["phone"] == "06 51203983"
    assert ok(c, "/themes/theme:onze-stad")["liaisons"][0]["email"] == "stephan@stedenlink.nl"
    assert (
        by_id(ok(c, "/organisations/org:stedenlink")["people"])["person:yvonne-stedenlink"]["email"]
        == "yvonne@stedenlink.nl"
    )
    coalition = ok(c, "/teams/team:thuiszorg-coalitie")
    assert coalition["members"][0]["email"] == "ingrid@example.org"
    assert coalition["members"][0]["organisations"] == [
        {"id": "org:portaal", "name": "Portaal", "title": "adviseur wonen en zorg"}
    ]
    assert coalition["cities"] == [
        {"id": "city:amersfoort", "name": "Amersfoort", "status": "interested", "since": "2011-09-22"}
    ]
    assert by_id(ok(c, "/cities/city:utrecht")["people"])["person:ingrid-de-vries"]["email"] == "ingrid@example.org"
    assert (
        by_id(ok(c, "/organisations/org:portaal")["people"])["person:ingrid-de-vries"]["email"] == "ingrid@example.org"
    )
    assert search(c, "Ingrid")[0]["email"] == "ingrid@example.org"
    assert by_id(search(c, "Stedenlink", type="person"))["person:minouche-besters"]["phone"] == "06 27027473"
    # The same answers hold every known contact detail somewhere: the check below is not vacuous.
    everything = "".join(c.get(path).text for path in CONTACT_PATHS)
    assert all(contact in everything for contact in SEED_CONTACTS)


def test_contact_details_never_reach_liaisons_or_teams(callers):
    add_example_bundle(callers)
    for client in (callers.liaison, callers.team, callers.other_team):
        for path in CONTACT_PATHS:
            response = client.get(path)
            assert response.status_code == 200, (path, response.text)
            assert not {"email", "phone"} & _keys(response.json()), path
            assert not any(contact in response.text for contact in SEED_CONTACTS), path
    # People without contact details are still people: the answer is otherwise the same.
    liaison_view = ok(callers.liaison, "/people/person:minouche-besters")
    coordinator_view = ok(callers.coordinator, "/people/person:minouche-besters")
    assert {k: v for k, v in coordinator_view.items() if k not in ("email", "phone", "source")} == liaison_view


def test_openapi_documents_the_read_endpoints(callers):
    paths = callers.anonymous.get("/openapi.json").json()["paths"]
    for path in ("/teams", "/teams/{team_id}", "/cities/{city_id}", "/search", "/partner-kinds/{kind_id}"):
        assert "get" in paths[path], path
