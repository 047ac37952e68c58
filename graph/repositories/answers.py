"""What teams answer to suggestions, stored in the graph with who answered and when."""

from __future__ import annotations

import datetime as dt

from neo4j import Driver

from graph.repositories import label


def reject(driver: Driver, database: str, team_id: str, target_id: str, target_label: str,
           by: str, at: dt.datetime, reason: str | None = None) -> bool:
    """The team does not want this organisation, partner kind or city suggested again."""
    records, _, _ = driver.execute_query(
        f"MATCH (t:Team {{id: $team}}) MATCH (x:{label(target_label)} {{id: $target}}) "
        "MERGE (t)-[r:REJECTED]->(x) SET r.reason = $reason, r.by = $by, r.at = $at RETURN count(r) AS n",
        team=team_id, target=target_id, reason=reason, by=by, at=at, database_=database)
    return records[0]["n"] == 1


def accept_partner(driver: Driver, database: str, team_id: str, org_id: str, by: str, at: dt.datetime) -> bool:
    """An accepted partner suggestion becomes a link: the organisation is a partner of the team."""
    records, _, _ = driver.execute_query(
        "MATCH (t:Team {id: $team}) MATCH (o:Organisation {id: $org}) "
        "MERGE (o)-[p:PARTNER_IN]->(t) ON CREATE SET p.role = 'partner', p.via = 'suggestion', p.by = $by, p.at = $at "
        "RETURN count(p) AS n",
        team=team_id, org=org_id, by=by, at=at, database_=database)
    return records[0]["n"] == 1


def city_status(driver: Driver, database: str, team_id: str, city_id: str, status: str, by: str, at: dt.datetime) -> bool:
    """A city was invited, showed interest, committed or declined."""
    records, _, _ = driver.execute_query(
        "MATCH (t:Team {id: $team}) MATCH (c:City {id: $city}) "
        "MERGE (c)-[j:JOINS]->(t) SET j.status = $status, j.since = date($at), j.by = $by, j.at = $at "
        "RETURN count(j) AS n",
        team=team_id, city=city_id, status=status, by=by, at=at, database_=database)
    return records[0]["n"] == 1
