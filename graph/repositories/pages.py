"""What the liaison pages read beyond graph.repositories.reading: every team's progress in one
query (the overview), the plan deadlines, the liaisons, the teams of a call list, and the teams to
ask about one city.

Bounded lists take `limit` and return (total, rows), so a page can say what it left out.
"""

from __future__ import annotations

from graph.handle import Graph, native
from graph.repositories.fragments import in_team, team_organisations_where


def plan_deadlines(graph: Graph) -> list[dict]:
    """The plan deadlines on record (events of kind plan_deadline), earliest first."""
    return native(
        graph.read("""
        MATCH (e:Event {kind: 'plan_deadline'}) WHERE e.date IS NOT NULL
        RETURN e.id AS id, e.name AS name, e.date AS date ORDER BY e.date, e.id""")
    )


def team_progress(graph: Graph, theme: str | None = None, limit: int = 500) -> tuple[int, list[dict]]:
    """Per team, what its readiness is made of, read live and for all teams at once (the
    matcher's readiness answers one team at a time and also ranks suggestions, too slow for an
    overview of thousands of teams): its theme, members, the sectors of the organisations in it
    (as partner or through a member), each wanted organisation or kind with whether an
    organisation in the team is it and whether the team has rejected it, and the cities that joined with their status. `theme` keeps
    the teams of one theme; `total` counts the teams the filter keeps."""
    rows = native(
        graph.read(
            """
        CALL () {
            MATCH (t:Team)
            WHERE $theme IS NULL OR EXISTS { (t)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(:Theme {id: $theme}) }
            RETURN count(t) AS total
        }
        MATCH (t:Team)
        OPTIONAL MATCH (t)-[:WORKS_ON]->(q:Question)
        OPTIONAL MATCH (q)-[:IN_THEME]->(th:Theme)
        WITH total, t, q, th WHERE $theme IS NULL OR th.id = $theme
        ORDER BY toLower(th.name), toLower(t.name), t.id LIMIT $limit
        CALL (t) {
            CALL (t) { """
            + in_team("(o:Organisation)", "(t)", "o")
            + """ }
            RETURN count(o) AS organisations, collect(DISTINCT o.sector) AS sectors
        }
        RETURN total, t.id AS id, t.name AS name,
               CASE WHEN q IS NULL THEN null ELSE q {.id, .name} END AS question,
               CASE WHEN th IS NULL THEN null ELSE th {.id, .name} END AS theme,
               COUNT { (t)<-[:MEMBER_OF]-(:Person) } AS members, organisations, sectors,
               COLLECT {
                   MATCH (t)-[w:WANTS]->(x)
                   RETURN DISTINCT {id: x.id, name: x.name, text: w.text, is_kind: x:PartnerKind,
                           rejected: EXISTS { (t)-[:REJECTED]->(x) },
                           found: EXISTS { """
            + team_organisations_where("t", "o = x OR EXISTS { (o)-[:IS_A]->(x) }", "o")
            + """ }} AS want
                   ORDER BY want.id } AS wants,
               COLLECT { MATCH (c:City)-[j:JOINS]->(t)
                         RETURN {id: c.id, name: c.name, status: j.status} AS city
                         ORDER BY toLower(c.name) } AS cities""",
            theme=theme,
            limit=limit,
        )
    )
    total = rows[0]["total"] if rows else 0  # no rows: no team (limit is at least 1)
    return total, [{k: v for k, v in row.items() if k != "total"} for row in rows]


def liaisons(graph: Graph) -> list[dict]:
    """People who are liaison for a theme, with their themes: the call list's choices."""
    return native(
        graph.read("""
        MATCH (p:Person)-[:LIAISON_FOR]->(:Theme)
        WITH DISTINCT p
        RETURN p.id AS id, p.name AS name,
               COLLECT { MATCH (p)-[:LIAISON_FOR]->(th:Theme)
                         RETURN th {.id, .name} ORDER BY toLower(th.name) } AS themes
        ORDER BY toLower(p.name), p.id""")
    )


def call_list_teams(graph: Graph, liaison: str | None = None, limit: int = 50) -> tuple[int, list[dict]]:
    """Teams whose theme has `liaison` as liaison (None: every team with a theme), with their
    theme and its liaisons, by theme and name."""
    rows = native(
        graph.read(
            """
        CALL () {
            MATCH (t:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme)
            WHERE $liaison IS NULL OR EXISTS { (:Person {id: $liaison})-[:LIAISON_FOR]->(th) }
            RETURN count(DISTINCT t) AS total
        }
        MATCH (t:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme)
        WHERE $liaison IS NULL OR EXISTS { (:Person {id: $liaison})-[:LIAISON_FOR]->(th) }
        WITH DISTINCT total, t, th ORDER BY toLower(th.name), toLower(t.name), t.id LIMIT $limit
        RETURN total, t.id AS id, t.name AS name, th {.id, .name} AS theme,
               COLLECT { MATCH (p:Person)-[:LIAISON_FOR]->(th)
                         RETURN p {.id, .name} ORDER BY toLower(p.name) } AS liaisons
        """,
            liaison=liaison,
            limit=limit,
        )
    )
    return (rows[0]["total"] if rows else 0), [{k: v for k, v in row.items() if k != "total"} for row in rows]


def teams_near_city(graph: Graph, city_id: str, limit: int = 40) -> tuple[int, list[dict]]:
    """Teams (id, name) to ask whether they would like the city to join, the teams closest to it first:
    its theme is one the city champions (3), its question one the city pilots (3), it has people or
    organisations from the city (2), or its theme has (1); then the others, by id. On a big graph
    only the first `limit` are asked; `total` is how many teams there are.

    Walks out from the city, one pattern at a time, rather than testing every team against the
    city: on 12,500 teams the test took half a minute for a large city."""
    rows = native(
        graph.read(
            """
        MATCH (c:City {id: $city})
        CALL () { MATCH (t:Team) RETURN count(t) AS total }
        CALL (c) {
            CALL (c) {
                MATCH (c)-[:CHAMPIONS]->(:Theme)<-[:IN_THEME]-(:Question)<-[:WORKS_ON]-(t:Team)
                RETURN DISTINCT t, 3 AS points
              UNION ALL
                MATCH (c)-[:PILOT_FOR]->(:Question)<-[:WORKS_ON]-(t:Team)
                RETURN DISTINCT t, 3 AS points
              UNION ALL
                CALL (c) {
                    MATCH (c)<-[:LOCATED_IN]-(:Person)-[:MEMBER_OF]->(t:Team) RETURN t
                    UNION """
            + in_team("(c)<-[:LOCATED_IN]-(:Organisation)", "(t:Team)", "t")
            + """
                }
                RETURN t, 2 AS points
              UNION ALL
                CALL (c) { """
            + in_team(
                "(c)<-[:LOCATED_IN]-(:Organisation)", "(:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme)", "th"
            )
            + """ }
                MATCH (th)<-[:IN_THEME]-(:Question)<-[:WORKS_ON]-(t:Team)
                RETURN DISTINCT t, 1 AS points
            }
            WITH t, sum(points) AS nearness
            ORDER BY nearness DESC, t.id
            LIMIT $limit
            RETURN collect(t) AS near
        }
        CALL (near) {
            MATCH (t:Team) WHERE NOT t IN near
            WITH t ORDER BY t.id LIMIT $limit
            RETURN collect(t) AS rest
        }
        RETURN total, [t IN (near + rest)[..$limit] | t {.id, .name}] AS teams""",
            city=city_id,
            limit=limit,
        )
    )
    return (rows[0]["total"], rows[0]["teams"]) if rows else (0, [])
