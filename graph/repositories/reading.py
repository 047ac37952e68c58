"""Reading the network: lists with filters, sorting and totals; one node with its links; and
full-text search. Used by the API's read endpoints and by the liaison pages.

Conventions:
- Lists return (total, rows), both from one query, so a page and its total always agree.
- Sorting takes a key from the list's own table (`TEAM_SORTS`, ...), prefixed with '-' for
  descending; each key maps to a fixed Cypher expression, so no input ever becomes query text.
  Ties are broken by id, so pages are stable and never overlap.
- Filters are parameters; a filter that is None does not filter.
- Anything returning people takes `contact`: only when it is true does the query read e-mail
  and phone at all, so contact details cannot leak through a forgotten field further up.
- Dates come back as datetime.date, not the driver's own date type (graph.handle.native).
"""

from __future__ import annotations

import datetime as dt

from graph import fulltext
from graph.bundle import name_key
from graph.handle import Graph, native
from graph.repositories.fragments import in_team, team_links, team_organisations_where
from graph.schema import FULLTEXT_INDEX, SEARCHABLE_LABELS


def _node(graph: Graph, query: str, **params) -> dict | None:
    """The `node` map the query returns for one id; None when there is no node with that id."""
    rows = native(graph.read(query, **params))
    return rows[0]["node"] if rows else None


def _contact(var: str) -> str:
    """Map entries for a person's e-mail and phone, read only when $contact is true. `var` is one
    of this module's own variable names, never input."""
    return f"email: CASE WHEN $contact THEN {var}.email END, phone: CASE WHEN $contact THEN {var}.phone END"


# --- sorting and paging ---------------------------------------------------------------------------


def sort_options(sorts: dict[str, str]) -> list[str]:
    """Every value a list's `sort` accepts: each key, ascending and descending."""
    return [option for key in sorts for option in (key, f"-{key}")]


def _order(sorts: dict[str, str], sort: str) -> str:
    key = sort.removeprefix("-")
    if key not in sorts:
        raise ValueError(f"cannot sort by {key!r}; sort by one of {', '.join(sorts)}")
    return f"{sorts[key]} {'DESC' if sort.startswith('-') else 'ASC'}, n.id ASC"


def _page(graph: Graph, match: str, order: str, item: str, limit: int, offset: int, **params) -> tuple[int, list[dict]]:
    """Runs `match` (which binds `n`), sorts, counts and projects one page with `item`, in one
    query. Only the page's rows pay for `item`'s subqueries."""
    rows = native(
        graph.read(
            f"""
        {match}
        WITH DISTINCT n
        ORDER BY {order}
        WITH collect(n) AS matched
        WITH matched, matched[$offset..$offset + $limit] AS page
        CALL (page) {{
            UNWIND range(0, size(page) - 1) AS i
            WITH i, page[i] AS n
            ORDER BY i
            RETURN collect({item}) AS items
        }}
        RETURN size(matched) AS total, items""",
            limit=limit,
            offset=offset,
            **params,
        )
    )
    return rows[0]["total"], rows[0]["items"]


# Cypher fragments reused below. Each names its variables; `n` is always the node being listed.
# The organisations in a team, as partner or through a member (graph.repositories.fragments).
_TEAM_ORGS = in_team("(o:Organisation)", "(n)", "o")
_ORG_TEAMS = in_team("(n)", "(t:Team)", "t")
# People "from" a city: who lives there, or works at an organisation that is located there.
_CITY_PEOPLE = """
    MATCH (p:Person)-[:LOCATED_IN]->(n) RETURN p
    UNION MATCH (p:Person)-[:WORKS_AT]->(:Organisation)-[:LOCATED_IN]->(n) RETURN p"""
# A network membership that holds on $as_of: since null = from before our sources.
_MEMBER_ON = "(m.since IS NULL OR m.since <= $as_of) AND (m.until IS NULL OR m.until > $as_of)"


# A detail's long lists (a city's teams, people, organisations and projects; a theme's questions and
# teams; a partner kind's organisations) give their first SHOWN by name and their total: on a
# national network they run to thousands, which the paged lists give in full.
SHOWN = 100


def _today(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


# --- teams ----------------------------------------------------------------------------------------

TEAM_SORTS = {
    "name": "toLower(n.name)",
    "start_date": "n.start_date",
    "theme": "COLLECT { MATCH (n)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme) RETURN toLower(th.name) }[0]",
    "members": "COUNT { (n)<-[:MEMBER_OF]-(:Person) }",
    "organisations": f"COUNT {{ {_TEAM_ORGS} }}",
    "cities": "COUNT { (n)<-[:JOINS]-(:City) }",
}


def teams(
    graph: Graph,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "name",
    theme: str | None = None,
    question: str | None = None,
    city: str | None = None,
    status: str | None = None,
    organisation: str | None = None,
    person: str | None = None,
) -> tuple[int, list[dict]]:
    """Teams, filtered by theme, question, a city that joined (`status`: with that join status;
    alone, any city with that status), an organisation in the team (as partner or through a
    member), or a member."""
    return _page(
        graph,
        """
        MATCH (n:Team)
        WHERE ($theme IS NULL OR EXISTS { (n)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(:Theme {id: $theme}) })
          AND ($question IS NULL OR EXISTS { (n)-[:WORKS_ON]->(:Question {id: $question}) })
          AND (($city IS NULL AND $status IS NULL) OR EXISTS {
                MATCH (c:City)-[j:JOINS]->(n)
                WHERE ($city IS NULL OR c.id = $city) AND ($status IS NULL OR j.status = $status) })
          AND ($organisation IS NULL OR EXISTS { """
        + in_team("(o:Organisation {id: $organisation})", "(n)", "o")
        + """ })
          AND ($person IS NULL OR EXISTS { (:Person {id: $person})-[:MEMBER_OF]->(n) })""",
        _order(TEAM_SORTS, sort),
        f"""n {{
            .id, .name, .start_date, .end_date,
            question: COLLECT {{ MATCH (n)-[:WORKS_ON]->(q:Question) RETURN q {{.id, .name}} }}[0],
            theme: COLLECT {{ MATCH (n)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(th:Theme) RETURN th {{.id, .name}} }}[0],
            members: {TEAM_SORTS["members"]},
            organisations: {TEAM_SORTS["organisations"]},
            cities: {TEAM_SORTS["cities"]},
            wants: COUNT {{ (n)-[:WANTS]->() }} }}""",
        limit,
        offset,
        theme=theme,
        question=question,
        city=city,
        status=status,
        organisation=organisation,
        person=person,
    )


# Each organisation in the team with its role as partner, or the member it is in the team through.
_TEAM_ORG_LINKS = team_links(
    "(o:Organisation)",
    "(n)",
    as_partner="o, r.role AS role, null AS person",
    through_member="o, null AS role, p AS person",
)
# The team's organisations that are a wanted organisation `x`, or of a wanted kind `x`.
_FOUND_BY = team_organisations_where("n", "o = x OR EXISTS { (o)-[:IS_A]->(x) }", "o {.id, .name}")


def team(graph: Graph, team_id: str, contact: bool = False) -> dict | None:
    """A team with its question and theme, members (role, organisations), the organisations in
    it (as partner, or through which members), what its partners line wants and whether the team
    has found it, and the cities with their join status."""
    return _node(
        graph,
        f"""
        MATCH (n:Team {{id: $id}})
        OPTIONAL MATCH (n)-[:WORKS_ON]->(q:Question)
        OPTIONAL MATCH (q)-[:IN_THEME]->(th:Theme)
        CALL (n) {{
            CALL (n) {{ {_TEAM_ORG_LINKS} }}
            WITH o, collect(role) AS roles, collect(person {{.id, .name}}) AS via
            ORDER BY toLower(o.name), o.id
            RETURN collect(o {{.id, .name, .kind, .sector, role: roles[0], via: via}}) AS organisations
        }}
        RETURN n {{.id, .name, .description, .partners_line, .start_date, .end_date, .source,
               question: CASE WHEN q IS NULL THEN null
                              ELSE q {{.id, .name, .question, .approach, .steps,
                                       status: coalesce(q.status, 'described')}} END,
               theme: CASE WHEN th IS NULL THEN null ELSE th {{.id, .name}} END,
               members: COLLECT {{
                   MATCH (p:Person)-[m:MEMBER_OF]->(n)
                   RETURN p {{.id, .name, role: m.role, {_contact("p")},
                              organisations: COLLECT {{ MATCH (p)-[w:WORKS_AT]->(o:Organisation)
                                                       RETURN o {{.id, .name, title: w.title}}
                                                       ORDER BY toLower(o.name) }} }}
                   ORDER BY toLower(p.name), p.id }},
               organisations: organisations,
               wants: COLLECT {{
                   MATCH (n)-[w:WANTS]->(x)
                   WITH x, w, COLLECT {{
                       // the team's organisations that are the wanted one, or of the wanted kind
                       {_FOUND_BY} ORDER BY toLower(o.name) }} AS found_by
                   RETURN {{id: x.id, name: x.name, text: w.text, found: size(found_by) > 0, found_by: found_by,
                           type: CASE WHEN x:PartnerKind THEN 'partner_kind' ELSE 'organisation' END}}
                   ORDER BY toLower(w.text), toLower(x.name) }},
               cities: COLLECT {{
                   MATCH (c:City)-[j:JOINS]->(n)
                   RETURN c {{.id, .name, status: j.status, since: j.since}} ORDER BY toLower(c.name) }}
               }} AS node""",
        id=team_id,
        contact=contact,
    )


# --- questions ------------------------------------------------------------------------------------

QUESTION_SORTS = {
    "name": "toLower(n.name)",
    "theme": "COLLECT { MATCH (n)-[:IN_THEME]->(th:Theme) RETURN toLower(th.name) }[0]",
    "teams": "COUNT { (n)<-[:WORKS_ON]-(:Team) }",
}


def questions(
    graph: Graph,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "name",
    theme: str | None = None,
    status: str | None = None,
) -> tuple[int, list[dict]]:
    return _page(
        graph,
        """
        MATCH (n:Question)
        WHERE ($theme IS NULL OR EXISTS { (n)-[:IN_THEME]->(:Theme {id: $theme}) })
          AND ($status IS NULL OR coalesce(n.status, 'described') = $status)""",
        _order(QUESTION_SORTS, sort),
        f"""n {{
            .id, .name, status: coalesce(n.status, 'described'),
            theme: COLLECT {{ MATCH (n)-[:IN_THEME]->(th:Theme) RETURN th {{.id, .name}} }}[0],
            teams: {QUESTION_SORTS["teams"]},
            pilots: COUNT {{ (n)<-[:PILOT_FOR]-(:City) }} }}""",
        limit,
        offset,
        theme=theme,
        status=status,
    )


def question(graph: Graph, question_id: str) -> dict | None:
    return _node(
        graph,
        """
        MATCH (n:Question {id: $id})
        RETURN n {.id, .name, .aliases, .description, .question, .approach, .steps, .source,
                  status: coalesce(n.status, 'described'),
                  theme: COLLECT { MATCH (n)-[:IN_THEME]->(th:Theme) RETURN th {.id, .name} }[0],
                  teams: COLLECT { MATCH (t:Team)-[:WORKS_ON]->(n) RETURN t {.id, .name} ORDER BY toLower(t.name) },
                  pilots: COLLECT { MATCH (c:City)-[:PILOT_FOR]->(n) RETURN c {.id, .name} ORDER BY toLower(c.name) }
               } AS node""",
        id=question_id,
    )


# --- themes ---------------------------------------------------------------------------------------

THEME_SORTS = {
    "name": "toLower(n.name)",
    "questions": "COUNT { (n)<-[:IN_THEME]-(:Question) }",
    "teams": "COUNT { (n)<-[:IN_THEME]-(:Question)<-[:WORKS_ON]-(:Team) }",
}


def themes(graph: Graph, *, limit: int = 50, offset: int = 0, sort: str = "name") -> tuple[int, list[dict]]:
    return _page(
        graph,
        "MATCH (n:Theme)",
        _order(THEME_SORTS, sort),
        f"""n {{
            .id, .name, .description,
            liaisons: COLLECT {{ MATCH (p:Person)-[:LIAISON_FOR]->(n)
                                 RETURN p {{.id, .name}} ORDER BY toLower(p.name) }},
            questions: {THEME_SORTS["questions"]},
            teams: {THEME_SORTS["teams"]},
            champions: COUNT {{ (n)<-[:CHAMPIONS]-(:City) }} }}""",
        limit,
        offset,
    )


def theme(graph: Graph, theme_id: str, contact: bool = False) -> dict | None:
    return _node(
        graph,
        f"""
        MATCH (n:Theme {{id: $id}})
        RETURN n {{.id, .name, .aliases, .description, .source,
                  liaisons: COLLECT {{ MATCH (p:Person)-[:LIAISON_FOR]->(n)
                                      RETURN p {{.id, .name, {_contact("p")}}} ORDER BY toLower(p.name) }},
                  questions: COLLECT {{ MATCH (q:Question)-[:IN_THEME]->(n)
                                       RETURN q {{.id, .name, status: coalesce(q.status, 'described')}}
                                       ORDER BY toLower(q.name), q.id LIMIT $shown }},
                  questions_total: COUNT {{ (:Question)-[:IN_THEME]->(n) }},
                  teams: COLLECT {{ MATCH (t:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(n)
                                   RETURN t {{.id, .name}} ORDER BY toLower(t.name), t.id LIMIT $shown }},
                  teams_total: COUNT {{ (:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(n) }},
                  champions: COLLECT {{ MATCH (c:City)-[:CHAMPIONS]->(n)
                                        RETURN c {{.id, .name}} ORDER BY toLower(c.name) }}
               }} AS node""",
        id=theme_id,
        contact=contact,
        shown=SHOWN,
    )


# --- people ---------------------------------------------------------------------------------------

PERSON_SORTS = {
    "name": "toLower(n.name)",
    "teams": "COUNT { (n)-[:MEMBER_OF]->(:Team) }",
}


def people(
    graph: Graph,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "name",
    organisation: str | None = None,
    city: str | None = None,
    team: str | None = None,
    theme: str | None = None,
    contact: bool = False,
) -> tuple[int, list[dict]]:
    """People, filtered by organisation, city (lives there or works at an organisation there),
    team (member) or theme (member of a team of the theme, or its liaison)."""
    return _page(
        graph,
        """
        MATCH (n:Person)
        WHERE ($organisation IS NULL OR EXISTS { (n)-[:WORKS_AT]->(:Organisation {id: $organisation}) })
          AND ($city IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:City {id: $city}) }
               OR EXISTS { (n)-[:WORKS_AT]->(:Organisation)-[:LOCATED_IN]->(:City {id: $city}) })
          AND ($team IS NULL OR EXISTS { (n)-[:MEMBER_OF]->(:Team {id: $team}) })
          AND ($theme IS NULL OR EXISTS { (n)-[:LIAISON_FOR]->(:Theme {id: $theme}) }
               OR EXISTS { (n)-[:MEMBER_OF]->(:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(:Theme {id: $theme}) })""",
        _order(PERSON_SORTS, sort),
        f"""n {{
            .id, .name, .twitter, {_contact("n")},
            city: COLLECT {{ MATCH (n)-[:LOCATED_IN]->(c:City) RETURN c {{.id, .name}} }}[0],
            organisations: COLLECT {{ MATCH (n)-[w:WORKS_AT]->(o:Organisation)
                                     RETURN o {{.id, .name, title: w.title}} ORDER BY toLower(o.name) }},
            teams: {PERSON_SORTS["teams"]} }}""",
        limit,
        offset,
        organisation=organisation,
        city=city,
        team=team,
        theme=theme,
        contact=contact,
    )


def person(graph: Graph, person_id: str, contact: bool = False) -> dict | None:
    # `source` may quote contact details (an e-mail address the report gives), so it goes with them.
    return _node(
        graph,
        f"""
        MATCH (n:Person {{id: $id}})
        RETURN n {{.id, .name, .aliases, .description, .twitter, {_contact("n")},
                  source: CASE WHEN $contact THEN n.source END,
                  city: COLLECT {{ MATCH (n)-[:LOCATED_IN]->(c:City) RETURN c {{.id, .name}} }}[0],
                  organisations: COLLECT {{ MATCH (n)-[w:WORKS_AT]->(o:Organisation)
                                           RETURN o {{.id, .name, title: w.title}} ORDER BY toLower(o.name) }},
                  teams: COLLECT {{ MATCH (n)-[m:MEMBER_OF]->(t:Team)
                                   RETURN t {{.id, .name, role: m.role}} ORDER BY toLower(t.name) }},
                  liaison_for: COLLECT {{ MATCH (n)-[:LIAISON_FOR]->(th:Theme)
                                          RETURN th {{.id, .name}} ORDER BY toLower(th.name) }},
                  events: COLLECT {{ MATCH (n)-[r:TOOK_PART_IN]->(e:Event)
                                    RETURN e {{.id, .name, .date, role: r.role}} ORDER BY e.date, e.id }},
                  projects: COLLECT {{ MATCH (n)-[r:INVOLVED_IN]->(pr:Project)
                                      RETURN pr {{.id, .name, role: r.role}} ORDER BY toLower(pr.name) }}
               }} AS node""",
        id=person_id,
        contact=contact,
    )


# --- organisations --------------------------------------------------------------------------------

ORGANISATION_SORTS = {
    "name": "toLower(n.name)",
    "kind": "n.kind",
    "sector": "n.sector",
    "people": "COUNT { (n)<-[:WORKS_AT]-(:Person) }",
    "teams": f"COUNT {{ {_ORG_TEAMS} }}",
}


def organisations(
    graph: Graph,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "name",
    kind: str | None = None,
    sector: str | None = None,
    city: str | None = None,
    team: str | None = None,
    partner_kind: str | None = None,
    q: str | None = None,
) -> tuple[int, list[dict]]:
    """Organisations, filtered by kind, sector, city, team (as partner or through a member),
    partner kind (IS_A) and `q`: part of a name or alias, in any spelling ('vno ncw')."""
    q_key = name_key(q) if q else None
    return _page(
        graph,
        """
        MATCH (n:Organisation)
        WHERE ($kind IS NULL OR n.kind = $kind) AND ($sector IS NULL OR n.sector = $sector)
          AND ($city IS NULL OR EXISTS { (n)-[:LOCATED_IN]->(:City {id: $city}) })
          AND ($team IS NULL OR EXISTS { """
        + in_team("(n)", "(t:Team {id: $team})", "t")
        + """ })
          AND ($partner_kind IS NULL OR EXISTS { (n)-[:IS_A]->(:PartnerKind {id: $partner_kind}) })
          AND ($q IS NULL OR any(key IN coalesce(n.name_keys, []) WHERE key CONTAINS $q))""",
        _order(ORGANISATION_SORTS, sort),
        f"""n {{
            .id, .name, .kind, .sector,
            city: COLLECT {{ MATCH (n)-[:LOCATED_IN]->(c:City) RETURN c {{.id, .name}} }}[0],
            people: {ORGANISATION_SORTS["people"]},
            teams: {ORGANISATION_SORTS["teams"]} }}""",
        limit,
        offset,
        kind=kind,
        sector=sector,
        city=city,
        team=team,
        partner_kind=partner_kind,
        q=q_key,
    )


# Each team the organisation is in with its role as partner, or the member it is in the team through.
_ORG_TEAM_LINKS = team_links(
    "(n)", "(t:Team)", as_partner="t, r.role AS role, null AS person", through_member="t, null AS role, p AS person"
)


def organisation(graph: Graph, org_id: str, contact: bool = False, as_of: dt.date | None = None) -> dict | None:
    """An organisation with its city, partner kinds, people (title), teams (as partner and through
    which people), the teams that asked for it by name, its projects and, for a city network, its
    member cities (with `current` as of `as_of`, default today)."""
    return _node(
        graph,
        f"""
        MATCH (n:Organisation {{id: $id}})
        CALL (n) {{
            CALL (n) {{ {_ORG_TEAM_LINKS} }}
            WITH t, collect(role) AS roles, collect(person {{.id, .name}}) AS via
            ORDER BY toLower(t.name), t.id
            RETURN collect(t {{.id, .name, role: roles[0], via: via}}) AS teams
        }}
        RETURN n {{.id, .name, .aliases, .kind, .sector, .description, .keywords, .website, .country, .source,
                  city: COLLECT {{ MATCH (n)-[:LOCATED_IN]->(c:City) RETURN c {{.id, .name}} }}[0],
                  partner_kinds: COLLECT {{ MATCH (n)-[:IS_A]->(k:PartnerKind)
                                            RETURN k {{.id, .name}} ORDER BY toLower(k.name) }},
                  people: COLLECT {{ MATCH (p:Person)-[w:WORKS_AT]->(n)
                                    RETURN p {{.id, .name, title: w.title, {_contact("p")}}}
                                    ORDER BY toLower(p.name), p.id }},
                  teams: teams,
                  wanted_by: COLLECT {{ MATCH (t:Team)-[w:WANTS]->(n)
                                        RETURN t {{.id, .name, text: w.text}} ORDER BY toLower(t.name) }},
                  projects: COLLECT {{ MATCH (n)-[:INVOLVED_IN]->(pr:Project)
                                       RETURN pr {{.id, .name}} ORDER BY toLower(pr.name) }},
                  member_cities: COLLECT {{ MATCH (c:City)-[m:IN_NETWORK]->(n)
                                           RETURN c {{.id, .name, since: m.since, until: m.until,
                                                      current: {_MEMBER_ON}}}
                                           ORDER BY toLower(c.name) }}
               }} AS node""",
        id=org_id,
        contact=contact,
        as_of=_today(as_of),
    )


# --- partner kinds --------------------------------------------------------------------------------

PARTNER_KIND_SORTS = {
    "name": "toLower(n.name)",
    "organisations": "COUNT { (n)<-[:IS_A]-(:Organisation) }",
    "wanted_by": "COUNT { (n)<-[:WANTS]-(:Team) }",
}


def partner_kinds(
    graph: Graph, *, limit: int = 50, offset: int = 0, sort: str = "name", sector: str | None = None
) -> tuple[int, list[dict]]:
    return _page(
        graph,
        "MATCH (n:PartnerKind) WHERE $sector IS NULL OR n.sector = $sector",
        _order(PARTNER_KIND_SORTS, sort),
        f"""n {{
            .id, .name, .sector, .organisation_kind,
            organisations: {PARTNER_KIND_SORTS["organisations"]},
            wanted_by: {PARTNER_KIND_SORTS["wanted_by"]} }}""",
        limit,
        offset,
        sector=sector,
    )


def partner_kind(graph: Graph, kind_id: str) -> dict | None:
    """A partner kind with the organisations that are one (the first SHOWN by name, and how many)
    and the teams that ask for one, each with whether the team has one yet (an organisation of the
    kind in the team)."""
    return _node(
        graph,
        """
        MATCH (n:PartnerKind {id: $id})
        RETURN n {.id, .name, .aliases, .description, .sector, .organisation_kind, .keywords, .source,
                  organisations: COLLECT { MATCH (o:Organisation)-[:IS_A]->(n)
                                           RETURN o {.id, .name, .kind, .sector} ORDER BY toLower(o.name), o.id
                                           LIMIT $shown },
                  organisations_total: COUNT { (:Organisation)-[:IS_A]->(n) },
                  wanted_by: COLLECT {
                      MATCH (t:Team)-[w:WANTS]->(n)
                      RETURN t {.id, .name, text: w.text,
                                found: EXISTS { """
        + team_organisations_where("t", "EXISTS { (o)-[:IS_A]->(n) }", "o")
        + """ }}
                      ORDER BY toLower(t.name) }
               } AS node""",
        id=kind_id,
        shown=SHOWN,
    )


# --- cities ---------------------------------------------------------------------------------------

CITY_SORTS = {
    "name": "toLower(n.name)",
    "population": "n.population",
    "province": "toLower(n.province)",
    "teams": "COUNT { (n)-[:JOINS]->(:Team) }",
    "organisations": "COUNT { (n)<-[:LOCATED_IN]-(:Organisation) }",
    "people": f"COUNT {{ {_CITY_PEOPLE} }}",
}


def network_id(graph: Graph, name_or_id: str) -> str | None:
    """The city network organisation (kind city_network) with this id, name or alias ('G32')."""
    rows = native(
        graph.read(
            """
        MATCH (o:Organisation {kind: 'city_network'})
        WHERE o.id = $value OR $key IN coalesce(o.name_keys, [])
        RETURN o.id AS id ORDER BY o.id LIMIT 1""",
            value=name_or_id,
            key=name_key(name_or_id),
        )
    )
    return rows[0]["id"] if rows else None


def cities(
    graph: Graph,
    *,
    limit: int = 50,
    offset: int = 0,
    sort: str = "name",
    network: str | None = None,
    province: str | None = None,
    theme: str | None = None,
    team: str | None = None,
    as_of: dt.date | None = None,
) -> tuple[int, list[dict]]:
    """Cities, filtered by network (a city network organisation's id, see `network_id`; member on
    `as_of`, default today), province (any case), theme (champions it, is a pilot for one of its
    questions, or joined one of its teams without declining) and team (joined it, any status)."""
    return _page(
        graph,
        f"""
        MATCH (n:City)
        WHERE ($network IS NULL OR EXISTS {{ MATCH (n)-[m:IN_NETWORK]->(:Organisation {{id: $network}})
                                             WHERE {_MEMBER_ON} }})
          AND ($province IS NULL OR toLower(n.province) = toLower($province))
          AND ($theme IS NULL OR EXISTS {{ (n)-[:CHAMPIONS]->(:Theme {{id: $theme}}) }}
               OR EXISTS {{ (n)-[:PILOT_FOR]->(:Question)-[:IN_THEME]->(:Theme {{id: $theme}}) }}
               OR EXISTS {{ MATCH (n)-[j:JOINS]->(:Team)-[:WORKS_ON]->(:Question)-[:IN_THEME]->(:Theme {{id: $theme}})
                           WHERE j.status <> 'declined' }})
          AND ($team IS NULL OR EXISTS {{ (n)-[:JOINS]->(:Team {{id: $team}}) }})""",
        _order(CITY_SORTS, sort),
        f"""n {{
            .id, .name, .province, .population,
            networks: COLLECT {{ MATCH (n)-[m:IN_NETWORK]->(o:Organisation) WHERE {_MEMBER_ON}
                                RETURN o {{.id, .name}} ORDER BY o.name }},
            teams: {CITY_SORTS["teams"]},
            organisations: {CITY_SORTS["organisations"]},
            people: {CITY_SORTS["people"]} }}""",
        limit,
        offset,
        network=network,
        province=province,
        theme=theme,
        team=team,
        as_of=_today(as_of),
    )


_CITY_ORG_TEAMS = in_team("(o)", "(t:Team)", "t")


def city(graph: Graph, city_id: str, contact: bool = False, as_of: dt.date | None = None) -> dict | None:
    """A city with its networks (since/until, `current` on `as_of`), the themes it champions, the
    questions it is a pilot for, the teams it joined (status), who from it works on what (its
    people and its organisations, each with their teams), its projects and events. The teams,
    people, organisations and projects are the first SHOWN of each by name, with how many
    there are in all (`*_total`): a large city on a national network has thousands of each, which
    the paged lists (GET /people?city=..., /organisations?city=..., /teams?city=...) give in full."""
    return _node(
        graph,
        f"""
        MATCH (n:City {{id: $id}})
        RETURN n {{.id, .name, .aliases, .description, .province, .population, .population_year, .source,
                  networks: COLLECT {{ MATCH (n)-[m:IN_NETWORK]->(o:Organisation)
                                      RETURN o {{.id, .name, since: m.since, until: m.until, current: {_MEMBER_ON}}}
                                      ORDER BY o.name }},
                  champions: COLLECT {{ MATCH (n)-[:CHAMPIONS]->(th:Theme)
                                        RETURN th {{.id, .name}} ORDER BY toLower(th.name) }},
                  pilot_for: COLLECT {{ MATCH (n)-[:PILOT_FOR]->(q:Question)
                                        RETURN q {{.id, .name}} ORDER BY toLower(q.name) }},
                  teams: COLLECT {{ MATCH (n)-[j:JOINS]->(t:Team)
                                   RETURN t {{.id, .name, status: j.status, since: j.since}}
                                   ORDER BY toLower(t.name), t.id LIMIT $shown }},
                  teams_total: COUNT {{ (n)-[:JOINS]->(:Team) }},
                  people_total: COUNT {{ CALL (n) {{ {_CITY_PEOPLE} }} RETURN p }},
                  organisations_total: COUNT {{ (:Organisation)-[:LOCATED_IN]->(n) }},
                  projects_total: COUNT {{ (:Project)-[:LOCATED_IN]->(n) }},
                  people: COLLECT {{
                      CALL (n) {{ {_CITY_PEOPLE} }}
                      WITH p ORDER BY toLower(p.name), p.id LIMIT $shown
                      RETURN p {{.id, .name, {_contact("p")},
                                organisations: COLLECT {{ MATCH (p)-[w:WORKS_AT]->(o:Organisation)-[:LOCATED_IN]->(n)
                                                         RETURN o {{.id, .name, title: w.title}}
                                                         ORDER BY toLower(o.name) }},
                                teams: COLLECT {{ MATCH (p)-[m:MEMBER_OF]->(t:Team)
                                                 RETURN t {{.id, .name, role: m.role}} ORDER BY toLower(t.name) }} }}
                      ORDER BY toLower(p.name), p.id }},
                  organisations: COLLECT {{
                      MATCH (o:Organisation)-[:LOCATED_IN]->(n)
                      WITH o ORDER BY toLower(o.name), o.id LIMIT $shown
                      RETURN o {{.id, .name, .kind, .sector,
                                teams: COLLECT {{ CALL (o) {{ {_CITY_ORG_TEAMS} }}
                                                  RETURN t {{.id, .name}} ORDER BY toLower(t.name) }} }}
                      ORDER BY toLower(o.name), o.id }},
                  projects: COLLECT {{ MATCH (pr:Project)-[:LOCATED_IN]->(n)
                                       RETURN pr {{.id, .name}} ORDER BY toLower(pr.name), pr.id LIMIT $shown }},
                  events: COLLECT {{ MATCH (e:Event)-[:LOCATED_IN]->(n)
                                     RETURN e {{.id, .name, .date}} ORDER BY e.date, e.id }}
               }} AS node""",
        id=city_id,
        contact=contact,
        as_of=_today(as_of),
        shown=SHOWN,
    )


# --- search ---------------------------------------------------------------------------------------


def search(
    graph: Graph, text: str, types: list[str] | None = None, limit: int = 20, contact: bool = False
) -> list[dict]:
    """Nodes whose name, aliases, description or keywords match `text`, typos allowed (see
    graph.fulltext), best first; `types` keeps only those labels. Each row: id, type (its label),
    name, score, a snippet, and for people with `contact` their e-mail and phone."""
    lucene = fulltext.lucene_query(text)
    if lucene is None:
        return []
    rows = native(
        graph.read(
            f"""
        CALL db.index.fulltext.queryNodes($index, $lucene) YIELD node, score
        WITH node, score, [label IN labels(node) WHERE label IN $labels][0] AS type
        WHERE type IS NOT NULL AND ($types IS NULL OR type IN $types)
        RETURN node.id AS id, type, node.name AS name, score,
               node.aliases AS aliases, [node.description, node.question, node.approach, node.province] AS texts,
               node.keywords AS keywords,
               CASE WHEN node:Person THEN node {{ {_contact("node")} }} ELSE {{}} END AS contact
        ORDER BY score DESC, id
        LIMIT $limit""",
            index=FULLTEXT_INDEX,
            lucene=lucene,
            labels=list(SEARCHABLE_LABELS),
            types=types,
            limit=limit,
            contact=contact,
        )
    )
    return [
        {
            "id": r["id"],
            "type": r["type"],
            "name": r["name"],
            "score": r["score"],
            "snippet": fulltext.snippet(text, r["name"], r["aliases"], [*r["texts"], ", ".join(r["keywords"] or [])]),
            **r["contact"],
        }
        for r in rows
    ]
