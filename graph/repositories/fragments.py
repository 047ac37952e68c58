"""Cypher fragments that more than one query needs, written once.

An organisation is in a team as a partner of its own (PARTNER_IN), or through a member of the team
who works there (WORKS_AT, MEMBER_OF): the readiness, the suggestions, the lists and the pages all
count it the same way. Each function takes the node patterns of the two ends, written by the
calling module (its own variable names and labels, never input), so that one definition serves a
query that starts from the team, from the organisation, or from a city further along the pattern.
"""

from __future__ import annotations


def in_team(org: str, team: str, returns: str) -> str:
    """A UNION of the two ways `org` is in `team`, each returning `returns` (distinct rows): the
    body of a CALL, COLLECT, COUNT or EXISTS subquery. `org` and `team` are node patterns, e.g.
    "(o:Organisation)" and "(t)"."""
    return (
        f"MATCH {org}-[:PARTNER_IN]->{team} RETURN {returns}\n"
        f"UNION MATCH {org}<-[:WORKS_AT]-(:Person)-[:MEMBER_OF]->{team} RETURN {returns}"
    )


def team_organisations_where(team: str, condition: str, returns: str) -> str:
    """The organisations `o` in the team bound to the variable `team` (either way) for which
    `condition` holds, each returning `returns` once: the body of a COLLECT or EXISTS subquery.
    Starts from the team, which has a handful of organisations, never from the organisations of a
    wanted kind, which on a large network are thousands (each tested against the team, that cost
    seconds per page)."""
    return (
        f"CALL ({team}) {{ {in_team('(o:Organisation)', f'({team})', 'o')} }} WITH o WHERE {condition} RETURN {returns}"
    )


def team_links(org: str, team: str, as_partner: str, through_member: str, where: str | None = None) -> str:
    """Every link by which `org` is in `team`, one row per link (UNION ALL): `as_partner` is
    returned for a partnership, whose relationship is `r`; `through_member` for a member who works
    there, the person being `p` and their membership `m`. `where`, when given, holds for both."""
    condition = f" WHERE {where}" if where else ""
    return (
        f"MATCH {org}-[r:PARTNER_IN]->{team}{condition} RETURN {as_partner}\n"
        f"UNION ALL\n"
        f"MATCH {org}<-[:WORKS_AT]-(p:Person)-[m:MEMBER_OF]->{team}{condition} RETURN {through_member}"
    )
