"""Spot checks of the report's graph: people in their teams and organisations, aliases resolved."""

from graph.repositories.lookup import ids_by_name, neighbours


def out(graph, node_id, rel_type):
    return [other for _, _, other in neighbours(graph, node_id, rel_type, "out")]


def into(graph, node_id, rel_type):
    return [other for _, _, other in neighbours(graph, node_id, rel_type, "in")]


def test_spellings_of_one_party_resolve_to_one_node(seeded):
    assert ids_by_name(seeded, "Organisation", "Prov Brabant") == ["org:provincie-noord-brabant"]
    assert ids_by_name(seeded, "Organisation", "VNO NCW") == ["org:vno-ncw"]
    assert ids_by_name(seeded, "Organisation", "MKB NL") == ["org:mkb-nederland"]
    assert ids_by_name(seeded, "Organisation", "RTL4") == ["org:rtl-4"]
    assert ids_by_name(seeded, "Person", "Gijs8861") == ["person:gijs-van-hesteren"]
    assert ids_by_name(seeded, "Person", "@Josepip") == ["person:josephine-dries"]
    assert ids_by_name(seeded, "City", "'s-Gravenhage") == ["city:den-haag"]


def test_members_work_where_the_team_sheets_say(seeded):
    assert "person:anne-van-kuijk" in into(seeded, "team:zorgende-stad-zorg-op-afstand", "MEMBER_OF")
    assert out(seeded, "person:anne-van-kuijk", "WORKS_AT") == ["org:provincie-noord-brabant"]
    assert out(seeded, "person:monique-kemner", "WORKS_AT") == ["org:zuidzorg"]
    # 'Prov Brabant' in two teams is one province with two people.
    assert into(seeded, "org:provincie-noord-brabant", "WORKS_AT") == ["person:anne-van-kuijk", "person:monique-roosen"]
    assert into(seeded, "org:gemeente-enschede", "WORKS_AT") == ["person:hans-koenders", "person:patrick-reijnders"]
    # Atos Origin and Novay each have people in two teams.
    assert into(seeded, "org:atos-origin", "WORKS_AT") == ["person:almer-van-der-molen", "person:arwin-visser"]
    assert into(seeded, "org:novay", "WORKS_AT") == ["person:marcel-bijlsma", "person:wolfgang-ebbers"]


def test_team_sheets_are_whole(seeded):
    records, _, _ = seeded.driver.execute_query(
        "MATCH (t:Team)-[:WORKS_ON]->(q:Question)-[:IN_THEME]->(th:Theme) "
        "OPTIONAL MATCH (p:Person)-[:MEMBER_OF]->(t) "
        "RETURN t.id AS team, th.name AS theme, size(q.steps) AS steps, count(p) AS members ORDER BY team",
        database_=seeded.database,
    )
    teams = {r["team"]: (r["theme"], r["steps"], r["members"]) for r in records}
    # Counted by hand from the Team lines of the report.
    assert teams == {
        "team:lerende-stad-content": ("Lerende Stad", 3, 6),
        "team:onze-stad-open-data": ("Onze Stad", 3, 8),
        "team:onze-stad-informele-thuiszorg": ("Onze Stad", 3, 5),
        "team:zorgende-stad-zorg-op-afstand": ("Zorgende Stad", 3, 10),
        "team:bedrijvige-stad-nieuwe-flexplekken": ("Bedrijvige Stad", 3, 4),
        "team:bedrijvige-stad-bedrijventerreinen-verglaasd": ("Bedrijvige Stad", 3, 1),
        "team:bedrijvige-stad-ondergrondse-infra-planning": ("Bedrijvige Stad", 3, 5),
    }
    assert into(seeded, "team:bedrijvige-stad-bedrijventerreinen-verglaasd", "MEMBER_OF") == ["person:jan-herps"]


def test_the_eighth_question_is_known_but_undescribed(seeded):
    records, _, _ = seeded.driver.execute_query(
        "MATCH (q:Question) RETURN q.status AS status, count(*) AS n, "
        "count { MATCH (q)<-[:WORKS_ON]-(:Team) } AS teams ORDER BY status",
        database_=seeded.database,
    )
    assert [(r["status"], r["n"]) for r in records] == [("described", 7), ("undescribed", 1)]
    assert [r["teams"] for r in records if r["status"] == "undescribed"] == [0]


def test_wanted_partners_name_organisations_and_kinds(seeded):
    thuiszorg = out(seeded, "team:onze-stad-informele-thuiszorg", "WANTS")
    assert {
        "org:actiz",
        "org:metzo",
        "org:nov",
        "org:ministerie-van-vws",
        "org:ministerie-van-szw",
        "org:oranjefonds",
        "org:stichting-doen",
        "org:rtl-4",
    } <= set(thuiszorg)
    assert {"kind:woningcorporatie", "kind:ouderenbond", "kind:zorgkantoor"} <= set(thuiszorg)
    infra = out(seeded, "team:bedrijvige-stad-ondergrondse-infra-planning", "WANTS")
    assert {"org:vno-ncw", "org:mkb-nederland", "org:consumentenbond"} <= set(infra)
    assert into(seeded, "question:bedrijvige-stad-ondergrondse-infra-planning", "PILOT_FOR") == [
        "city:rotterdam",
        "city:venlo",
    ]


def test_liaisons_and_their_contact_details(seeded):
    assert out(seeded, "person:minouche-besters", "LIAISON_FOR") == ["theme:lerende-stad", "theme:veilige-stad"]
    assert out(seeded, "person:frederieke-wolter", "LIAISON_FOR") == ["theme:bedrijvige-stad", "theme:zorgende-stad"]
    assert out(seeded, "person:stephan-verveen", "LIAISON_FOR") == ["theme:groene-stad", "theme:onze-stad"]
    records, _, _ = seeded.driver.execute_query(
        "MATCH (p:Person {id: 'person:stephan-verveen'}) RETURN p.email AS email, p.phone AS phone, p.twitter AS tw",
        database_=seeded.database,
    )
    assert (records[0]["email"], records[0]["phone"], records[0]["tw"]) == (
        "stephan@stedenlink.nl",
        "06 38256661",
        "@opendictator",
    )


def test_city_networks_have_dates(seeded):
    records, _, _ = seeded.driver.execute_query(
        "MATCH (c:City)-[m:IN_NETWORK]->(n:Organisation) "
        "WHERE m.since IS NULL OR m.since <= date('2011-06-16') "
        "RETURN n.id AS network, count(c) AS cities ORDER BY network",
        database_=seeded.database,
    )
    assert [(r["network"], r["cities"]) for r in records] == [("org:g32", 34), ("org:g4", 4)]
    records, _, _ = seeded.driver.execute_query(
        "MATCH (:City {id: 'city:oss'})-[m:IN_NETWORK]->(:Organisation {id: 'org:g32'}) RETURN m.since AS since",
        database_=seeded.database,
    )
    assert records[0]["since"].iso_format() == "2014-05-01"


def test_question_sheets_keep_their_texts(seeded):
    records, _, _ = seeded.driver.execute_query(
        "MATCH (q:Question {id: 'question:bedrijvige-stad-ondergrondse-infra-planning'}) "
        "RETURN q.question AS question, q.approach AS approach, q.steps AS steps",
        database_=seeded.database,
    )
    [row] = records
    assert row["question"] == (
        "Hoe beheersen we toekomstige infrastructurele ontwikkelingen met zo min mogelijk "
        "overlast van burgers, overheden en bedrijfsleven?"
    )
    assert row["approach"].startswith("Infrastructuur is een hoogwaardige technologie")
    assert row["steps"] == [
        "A4 tje opstellen",
        "feedback via Stedenlink",
        "zoeken naar pilot plekken (Venlo, Rotterdam)",
    ]
