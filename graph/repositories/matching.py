"""What the matcher reads: the graph's organisations, teams and their links, in bulk; and one
team's neighbourhood for city suggestions and readiness."""

from __future__ import annotations

from graph.handle import Graph
from graph.repositories import SERVICE_LABELS
from graph.repositories.fragments import in_team, team_links

# One count per service label, each from the count store (a label test in a WHERE would scan).
_FINGERPRINT = (
    "CALL () { MATCH (n) RETURN count(n) AS nodes } "
    + "".join(
        f"CALL () {{ MATCH (n:{name}) RETURN count(n) AS service_{k} }} " for k, name in enumerate(SERVICE_LABELS)
    )
    + "CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } "
)
_STAMP = "[nodes" + "".join(f" - service_{k}" for k in range(len(SERVICE_LABELS))) + ", rels] AS stamp"


def fingerprint(graph: Graph) -> tuple[int, int]:
    """Node and relationship counts: all come from Neo4j's count store, so this costs nothing and
    changes whenever something is added or removed. Tokens, login sessions, audit entries and write locks are not
    the network's and have no relationships: they are left out, so a write's audit entry alone causes no refit."""
    nodes, rels = graph.read(_FINGERPRINT + "RETURN " + _STAMP)[0]["stamp"]
    return nodes, rels


def organisations(graph: Graph) -> list[dict]:
    return graph.read("""
        MATCH (o:Organisation)
        OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:City)
        RETURN o.id AS id, o.name AS name, o.kind AS kind, o.sector AS sector, o.country AS country,
               coalesce(o.description, '') AS description, coalesce(o.keywords, []) AS keywords,
               c.id AS city, c.name AS city_name, COLLECT { MATCH (o)-[:IS_A]->(k:PartnerKind) RETURN k.id } AS kinds
        ORDER BY o.id""")


def partner_kinds(graph: Graph) -> list[dict]:
    return graph.read("""
        MATCH (k:PartnerKind)
        RETURN k.id AS id, k.name AS name, k.sector AS sector, coalesce(k.description, '') AS description
        ORDER BY k.id""")


def teams(graph: Graph) -> list[dict]:
    return graph.read("""
        MATCH (t:Team)
        OPTIONAL MATCH (t)-[:WORKS_ON]->(q:Question)
        OPTIONAL MATCH (q)-[:IN_THEME]->(th:Theme)
        RETURN t.id AS id, t.name AS name, t.start_date AS start_date,
               q.id AS question, th.id AS theme, th.name AS theme_name,
               [x IN [t.name, t.description, q.name, q.question, q.approach] WHERE x IS NOT NULL]
                 + coalesce(q.steps, []) AS texts,
               COUNT { (t)<-[:MEMBER_OF]-(:Person) } AS members,
               COLLECT { MATCH (c:City)-[:PILOT_FOR]->(q) RETURN c.id } AS pilots
        ORDER BY t.id""")


def team_organisation_links(graph: Graph) -> list[dict]:
    """Each organisation in a team: as a partner of its own, or through a member who works there,
    with the role it has there (a lead role such as 'coordinator' marks the team's lead)."""
    return graph.read(
        team_links(
            "(o:Organisation)",
            "(t:Team)",
            as_partner="t.id AS team, o.id AS org, null AS person, r.role AS role",
            through_member="t.id AS team, o.id AS org, p.id AS person, m.role AS role",
        )
    )


def wants(graph: Graph) -> list[dict]:
    return graph.read("""
        MATCH (t:Team)-[w:WANTS]->(x)
        RETURN t.id AS team, x.id AS target, 'PartnerKind' IN labels(x) AS is_kind, w.text AS text
        ORDER BY team, target""")


def team_cities(graph: Graph) -> list[dict]:
    return graph.read("""
        MATCH (c:City)-[j:JOINS]->(t:Team)
        RETURN t.id AS team, c.id AS city, j.status AS status""")


def rejections(graph: Graph) -> list[dict]:
    return graph.read("MATCH (t:Team)-[:REJECTED]->(x) RETURN t.id AS team, x.id AS target")


# A team's question, theme and liaisons, and as it is now: its organisations (as a partner or through a
# member who works there), rejections (target ids) and cities; with the plan deadlines on record.
# What every suggestion and readiness request needs of the team, in one read.
_TEAM_NOW = (
    """
        OPTIONAL MATCH (t)-[:WORKS_ON]->(q:Question)
        OPTIONAL MATCH (q)-[:IN_THEME]->(th:Theme)
        RETURN t.id AS id, t.name AS name, q.id AS question, th.id AS theme, th.name AS theme_name,
               COLLECT { """
    + in_team("(o:Organisation)", "(t)", "o.id")
    + """ } AS organisations,
               COLLECT { MATCH (t)-[:REJECTED]->(x) RETURN x.id } AS rejected,
               COLLECT { MATCH (c:City)-[j:JOINS]->(t) RETURN {city: c.id, name: c.name, status: j.status,
                                                               province: c.province, population: c.population} } AS cities,
               COLLECT { MATCH (l:Person)-[:LIAISON_FOR]->(th) RETURN {id: l.id, name: l.name} } AS liaisons,
               COLLECT { MATCH (e:Event {kind: 'plan_deadline'}) RETURN e.date } AS deadlines"""
)
_TEAM_NOW_FIELDS = "id, name, question, theme, theme_name, organisations, rejected, cities, liaisons, deadlines"


def teams_now_and_fingerprint(graph: Graph, team_ids: list[str]) -> tuple[dict[str, dict], tuple[int, int]]:
    """Each team as it is now (see _TEAM_NOW) by id, leaving out ids of no team, and the graph's
    `fingerprint`, in one read (one round trip, one snapshot of the graph): what every suggestion
    request needs before it can answer, and a page about many teams needs for all of them at once."""
    rows = graph.read(
        _FINGERPRINT
        + "UNWIND $teams AS team_id OPTIONAL MATCH (t:Team {id: team_id}) CALL (t) { WITH t WHERE t IS NOT NULL"
        + _TEAM_NOW
        + " } RETURN "
        + _STAMP
        + ", "
        + _TEAM_NOW_FIELDS,
        teams=team_ids,
    )
    if not rows:  # no such team: the subquery returned no row, so neither did the query
        return {}, fingerprint(graph)
    nodes, rels = rows[0]["stamp"]
    return {row["id"]: {k: v for k, v in row.items() if k != "stamp"} for row in rows}, (nodes, rels)


def team_exists(graph: Graph, team_id: str) -> bool:
    return bool(graph.read("MATCH (t:Team {id: $id}) RETURN t.id AS id", id=team_id))


# A city's organisations in the team (the organisation is `via`, the member who works there `via2`).
_ORGANISATION_IN_TEAM = team_links(
    "(c:City)<-[:LOCATED_IN]-(o:Organisation)",
    "(t)",
    as_partner="c, 'in_team' AS signal, o.id AS via, null AS via2",
    through_member="c, 'in_team' AS signal, o.id AS via, p.id AS via2",
)


def city_signals(graph: Graph, team_ids: list[str]) -> list[dict]:
    """Rows (team, city, signal, via, via2) for every reason in a team's own neighbourhood that a
    city could join it: a city that champions its theme, is a pilot for its question, or has one of
    its organisations or members. The rest (the theme's other teams, networks, each city's posts,
    projects and load) is the same for every team: matcher.theme_cities and `city_facts`."""
    return graph.read(
        f"""
        UNWIND $teams AS id
        MATCH (t:Team {{id: id}})
        OPTIONAL MATCH (t)-[:WORKS_ON]->(q:Question)
        OPTIONAL MATCH (q)-[:IN_THEME]->(th:Theme)
        CALL (t, q, th) {{
            MATCH (c:City)-[:CHAMPIONS]->(th)
            RETURN c, 'champions_theme' AS signal, th.id AS via, null AS via2
          UNION ALL
            MATCH (c:City)-[:PILOT_FOR]->(q)
            RETURN c, 'pilot_for_question' AS signal, q.id AS via, null AS via2
          UNION ALL
            {_ORGANISATION_IN_TEAM}
          UNION ALL
            MATCH (c:City)<-[:LOCATED_IN]-(p:Person)-[:MEMBER_OF]->(t)
            RETURN c, 'in_team' AS signal, p.id AS via, null AS via2
        }}
        RETURN DISTINCT t.id AS team, c.id AS city, signal, via, via2
        """,
        teams=team_ids,
    )


def city_facts(graph: Graph) -> list[dict]:
    """Per city what every team's suggestions share (matcher.city_facts): name, province and
    population, the first three posts and projects by id, the teams it joined or was asked by
    (`load`, not declined), and its network memberships with their dates."""
    return graph.read("""
        MATCH (c:City)
        RETURN c.id AS city, c.name AS name, c.province AS province, c.population AS population,
               COLLECT { MATCH (c)<-[:MENTIONS]-(p:Post) RETURN p.id ORDER BY p.id LIMIT 3 } AS posts,
               COLLECT { MATCH (c)<-[:LOCATED_IN]-(p:Project) RETURN p.id ORDER BY p.id LIMIT 3 } AS projects,
               COUNT { (c)-[j:JOINS]->(:Team) WHERE j.status <> 'declined' } AS load,
               COLLECT { MATCH (c)-[m:IN_NETWORK]->(n:Organisation)
                         RETURN {network: n.id, name: n.name, since: m.since, until: m.until} } AS networks
        ORDER BY city""")
