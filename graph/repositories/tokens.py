"""API tokens: who may call the service, in which role. Only a hash of each token is stored."""

from __future__ import annotations

import datetime as dt

from neo4j import Driver, ManagedTransaction


def create(tx: ManagedTransaction, token_id: str, token_hash: str, name: str, role: str,
           team: str | None, at: dt.datetime) -> None:
    tx.run("CREATE (:ApiToken {id: $id, hash: $hash, name: $name, role: $role, team: $team, created_at: $at})",
           id=token_id, hash=token_hash, name=name, role=role, team=team, at=at)


def by_hash(driver: Driver, database: str, token_hash: str) -> dict | None:
    records, _, _ = driver.execute_query(
        "MATCH (t:ApiToken {hash: $hash}) WHERE t.revoked_at IS NULL "
        "RETURN t.id AS id, t.name AS name, t.role AS role, t.team AS team",
        hash=token_hash, database_=database, routing_="r")
    return records[0].data() if records else None


def listing(driver: Driver, database: str) -> list[dict]:
    records, _, _ = driver.execute_query(
        "MATCH (t:ApiToken) RETURN t.id AS id, t.name AS name, t.role AS role, t.team AS team, "
        "t.created_at AS created_at, t.revoked_at AS revoked_at ORDER BY t.created_at",
        database_=database, routing_="r")
    return [r.data() for r in records]


def revoke(tx: ManagedTransaction, token_id: str, at: dt.datetime) -> bool:
    record = tx.run("MATCH (t:ApiToken {id: $id}) SET t.revoked_at = coalesce(t.revoked_at, $at) RETURN count(t) AS n",
                    id=token_id, at=at).single()
    return record["n"] == 1
