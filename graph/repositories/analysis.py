"""What the network analysis reads (graph.analysis): the collaboration network of people,
organisations and teams, and what places teams in time, themes and cities. Read in bulk, in one
read transaction, so that all parts see one state of the graph."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import ManagedTransaction

from graph.handle import Graph, native

_TEAMS = """
    MATCH (t:Team)
    OPTIONAL MATCH (t)-[:WORKS_ON]->(q:Question)
    OPTIONAL MATCH (q)-[:IN_THEME]->(th:Theme)
    RETURN t.id AS id, t.name AS name, t.start_date AS start_date, th.id AS theme,
           COLLECT { MATCH (c:City)-[:PILOT_FOR]->(q) RETURN c.id } AS pilots
    ORDER BY id"""

_PEOPLE = """
    MATCH (p:Person)
    RETURN p.id AS id, p.name AS name,
           COLLECT { MATCH (p)-[:WORKS_AT]->(o:Organisation) RETURN o.id ORDER BY o.id } AS organisations,
           COLLECT { MATCH (p)-[:MEMBER_OF]->(t:Team) RETURN t.id ORDER BY t.id } AS teams
    ORDER BY id"""

_ORGANISATIONS = """
    MATCH (o:Organisation)
    OPTIONAL MATCH (o)-[:LOCATED_IN]->(c:City)
    RETURN o.id AS id, o.name AS name, o.kind AS kind, c.id AS city,
           COLLECT { MATCH (o)-[:PARTNER_IN]->(t:Team) RETURN t.id ORDER BY t.id } AS teams
    ORDER BY id"""

_CITIES = """
    MATCH (c:City)
    RETURN c.id AS id, c.name AS name,
           COLLECT { MATCH (c)-[m:IN_NETWORK]->(n:Organisation)
                     RETURN {network: n.id, name: n.name, since: m.since, until: m.until} } AS networks,
           COLLECT { MATCH (c)-[j:JOINS]->(t:Team) RETURN {team: t.id, status: j.status, since: j.since} } AS joins
    ORDER BY id"""

_THEMES = "MATCH (th:Theme) RETURN th.id AS id, th.name AS name ORDER BY id"


@dataclass
class NetworkRows:
    """The rows of `read_network` (dates as Python dates), or written out by hand for a test."""

    teams: list[dict]
    people: list[dict]
    organisations: list[dict]
    cities: list[dict]
    themes: list[dict]


def read_network(graph: Graph) -> NetworkRows:
    def work(tx: ManagedTransaction) -> NetworkRows:
        def rows(query: str) -> list[dict]:
            return [native(record.data()) for record in tx.run(query)]

        return NetworkRows(rows(_TEAMS), rows(_PEOPLE), rows(_ORGANISATIONS), rows(_CITIES), rows(_THEMES))

    return graph.read_transaction(work)


def contacts(graph: Graph, person_ids: list[str]) -> dict[str, dict]:
    """E-mail and phone of these people, by id (for coordinators only: the caller decides)."""
    rows = graph.read(
        "UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p.id AS id, p.email AS email, p.phone AS phone",
        ids=list(person_ids),
    )
    return {row["id"]: row for row in rows}
