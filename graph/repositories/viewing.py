"""What the graph viewer reads: nodes with the context its filters need, and the relationships
between them.

Nodes carry no common label, so every query that starts from ids runs once per label (the id
prefix names it, see graph.bundle.label_of): that way each lookup uses the label's id index.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from graph.bundle import LABELS, label_of
from graph.handle import Graph
from graph.repositories import label as _label

# Per node: the teams, themes and cities it belongs with, so that the viewer's filters (by team,
# theme, city) can keep or hide it. A node's own id is added in Python (a team belongs with
# itself), and themes reached through the node's teams are added there too (viz.network).
_CONTEXT = """
    COUNT { (n)--() } AS degree,
    COLLECT {
        MATCH (n)-[:MEMBER_OF|PARTNER_IN|JOINS]->(t:Team) RETURN t.id AS x
        UNION MATCH (t:Team)-[:WORKS_ON|WANTS]->(n) RETURN t.id AS x
        UNION MATCH (n)<-[:WORKS_AT]-(:Person)-[:MEMBER_OF]->(t:Team) RETURN t.id AS x
        UNION MATCH (t:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(n) RETURN t.id AS x
    } AS teams,
    COLLECT {
        MATCH (n)-[:IN_THEME|LIAISON_FOR|CHAMPIONS]->(th:Theme) RETURN th.id AS x
        UNION MATCH (n)-[:WORKS_ON|PILOT_FOR]->(:Question)-[:IN_THEME]->(th:Theme) RETURN th.id AS x
    } AS themes,
    COLLECT {
        MATCH (n)-[:LOCATED_IN|MENTIONS]->(c:City) RETURN c.id AS x
        UNION MATCH (c:City)-[:JOINS|PILOT_FOR|CHAMPIONS]->(n) RETURN c.id AS x
        UNION MATCH (n)-[:WORKS_AT]->(:Organisation)-[:LOCATED_IN]->(c:City) RETURN c.id AS x
    } AS cities
"""

_NODE = "n.id AS id, properties(n) AS props, " + _CONTEXT
# The whole network needs only what draws and filters a node; the details panel reads the rest
# of one node when it is clicked (`nodes`).
_SLIM = "n.id AS id, n {.name, .text, .kind, .sector, .start_date} AS props, " + _CONTEXT

# Relationship properties the viewer shows (role in a team, join status, the partners line's
# words, a job title, membership dates); the rest stays in the graph.
_EDGE_PROPS = ("role", "status", "text", "title", "since", "until")
_EDGE = (
    "a.id AS source, type(r) AS type, b.id AS target, r {" + ", ".join(f".{key}" for key in _EDGE_PROPS) + "} AS props"
)


def _by_label(ids: Iterable[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for node_id in ids:
        try:
            groups[label_of(node_id)].append(node_id)
        except (KeyError, IndexError):
            continue  # not a network node (a token, an audit entry): never shown
    return groups


def all_nodes(graph: Graph) -> list[dict]:
    """Every node of the network with its label, name (kind and sector for organisations),
    degree and filter context. One query and one list: the driver decodes one large record much
    faster than thousands of small ones."""
    rows = graph.read(
        "MATCH (n) WHERE any(l IN labels(n) WHERE l IN $labels) "
        "WITH n, [l IN labels(n) WHERE l IN $labels][0] AS label, n {.name, .text, .kind, .sector, .start_date} AS props, "
        f"{_CONTEXT} "
        "RETURN collect([n.id, label, props, degree, teams, themes, cities]) AS rows",
        labels=list(LABELS),
    )
    keys = ("id", "label", "props", "degree", "teams", "themes", "cities")
    return sorted((dict(zip(keys, row)) for row in rows[0]["rows"]), key=lambda r: r["id"])


def nodes(graph: Graph, ids: Iterable[str]) -> list[dict]:
    """The nodes with these ids (unknown ids are left out), as `all_nodes` gives them."""
    rows = []
    for name, group in _by_label(ids).items():
        query = f"UNWIND $ids AS id MATCH (n:{_label(name)} {{id: id}}) RETURN {_NODE}"
        rows += [{**row, "label": name} for row in graph.read(query, ids=group)]
    return rows


def all_relationships(graph: Graph) -> list[dict]:
    """Every relationship of the network (tokens and audit entries have none), as one list."""
    rows = graph.read(
        "MATCH (a)-[r]->(b) RETURN collect([a.id, type(r), b.id, "
        + ", ".join(f"r.{key}" for key in _EDGE_PROPS)
        + "]) AS rows"
    )
    return [
        {"source": row[0], "type": row[1], "target": row[2], "props": dict(zip(_EDGE_PROPS, row[3:]))}
        for row in rows[0]["rows"]
    ]


def relationships_touching(graph: Graph, ids: Iterable[str]) -> list[dict]:
    """Every relationship with at least one end among `ids`, in either direction."""
    rows = []
    for name, group in _by_label(ids).items():
        rows += graph.read(
            f"UNWIND $ids AS id MATCH (n:{_label(name)} {{id: id}}) "
            "CALL (n) { MATCH (a)-[r]->(n) RETURN a, r, n AS b UNION MATCH (n)-[r]->(b) RETURN n AS a, r, b } "
            f"RETURN {_EDGE}",
            ids=group,
        )
    return rows


def relationships_among(graph: Graph, ids: Iterable[str]) -> list[dict]:
    """The relationships whose both ends are among `ids`."""
    wanted = sorted(set(ids))
    rows = []
    for name, group in _by_label(wanted).items():
        rows += graph.read(
            f"UNWIND $ids AS id MATCH (a:{_label(name)} {{id: id}})-[r]->(b) WHERE b.id IN $all RETURN {_EDGE}",
            ids=group,
            all=wanted,
        )
    return rows


def choices(graph: Graph, team_ids: list[str] | None = None) -> dict[str, list[dict]]:
    """What the filters offer: every theme and city by name, and every team (or the teams of
    `team_ids`) by name."""
    result = {}
    for key, name in (("themes", "Theme"), ("teams", "Team"), ("cities", "City")):
        only = key == "teams" and team_ids is not None
        result[key] = graph.read(
            f"MATCH (n:{_label(name)}) {'WHERE n.id IN $ids ' if only else ''}"
            "RETURN n.id AS id, n.name AS name ORDER BY toLower(n.name), n.id",
            ids=team_ids,
        )
    return result


def team_count(graph: Graph) -> int:
    return graph.read("MATCH (t:Team) RETURN count(t) AS n")[0]["n"]


def team_themes(graph: Graph, team_ids: Iterable[str] | None = None) -> dict[str, str]:
    """Each team's theme (through its question), or those of `team_ids`: for adding themes
    reached through teams."""
    if team_ids is None:
        rows = graph.read(
            "MATCH (t:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme) RETURN t.id AS team, th.id AS theme"
        )
    else:
        rows = graph.read(
            "UNWIND $ids AS id MATCH (t:Team {id: id})-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme)"
            " RETURN t.id AS team, th.id AS theme",
            ids=sorted(set(team_ids)),
        )
    return {r["team"]: r["theme"] for r in rows}


def find(graph: Graph, key: str, limit: int = 10) -> list[dict]:
    """Nodes whose name or an alias contains `key` (a graph.bundle.name_key), names that start
    with it first, then the best connected."""
    rows = []
    for name in LABELS:
        rows += [
            {**row, "label": name}
            for row in graph.read(
                f"MATCH (n:{_label(name)}) WHERE any(k IN n.name_keys WHERE k CONTAINS $key) "
                "RETURN n.id AS id, n.name AS name, any(k IN n.name_keys WHERE k STARTS WITH $key) AS starts, "
                "COUNT { (n)--() } AS degree ORDER BY starts DESC, degree DESC, n.id LIMIT $limit",
                key=key,
                limit=limit,
            )
        ]
    rows.sort(key=lambda r: (not r["starts"], -r["degree"], r["id"]))
    return rows[:limit]


def city_periods(graph: Graph, city_ids: Iterable[str]) -> dict[str, list[tuple]]:
    """Per city, when it was in the network: each network membership (since, until) and each team
    it joined (since, open). A city with none is not in this answer."""
    rows = graph.read(
        "UNWIND $ids AS id MATCH (c:City {id: id}) "
        "RETURN c.id AS city, "
        "COLLECT { MATCH (c)-[m:IN_NETWORK]->() RETURN [m.since, m.until] } "
        "+ COLLECT { MATCH (c)-[j:JOINS]->() RETURN [j.since, null] } AS periods",
        ids=sorted(set(city_ids)),
    )
    return {row["city"]: [tuple(p) for p in row["periods"]] for row in rows if row["periods"]}
