"""API tokens: who may call the service, in which role, until when; and the pages' login sessions
opened with them. Only hashes of tokens and session ids are stored.

A token made before tokens had an expiry expires 90 days after it was made (LEGACY_DAYS). A
session (:LoginSession) names its token by id and has no relationships, so that logging in changes
nothing the network's counts, the viewer or the matcher see; it works while neither it nor its
token is revoked or expired.
"""

from __future__ import annotations

import datetime as dt

from neo4j import ManagedTransaction

from graph.handle import Graph

LEGACY_DAYS = 90
_EXPIRES = f"coalesce(t.expires_at, t.created_at + duration({{days: {LEGACY_DAYS}}}))"
_CALLER = f"t.id AS id, t.name AS name, t.role AS role, t.team AS team, {_EXPIRES} AS expires_at"


def create(
    tx: ManagedTransaction,
    token_id: str,
    token_hash: str,
    name: str,
    role: str,
    team: str | None,
    at: dt.datetime,
    expires_at: dt.datetime,
) -> None:
    tx.run(
        "CREATE (:ApiToken {id: $id, hash: $hash, name: $name, role: $role, team: $team, created_at: $at, "
        "expires_at: $expires})",
        id=token_id,
        hash=token_hash,
        name=name,
        role=role,
        team=team,
        at=at,
        expires=expires_at,
    )


def by_hash(graph: Graph, token_hash: str) -> dict | None:
    """The unrevoked token with this hash, with its expiry (the caller decides whether it is past)."""
    rows = graph.read(
        f"MATCH (t:ApiToken {{hash: $hash}}) WHERE t.revoked_at IS NULL RETURN {_CALLER}", hash=token_hash
    )
    return rows[0] if rows else None


def listing(graph: Graph) -> list[dict]:
    return graph.read(
        "MATCH (t:ApiToken) RETURN t.id AS id, t.name AS name, t.role AS role, t.team AS team, "
        f"t.created_at AS created_at, {_EXPIRES} AS expires_at, t.revoked_at AS revoked_at ORDER BY t.created_at"
    )


def revoke(tx: ManagedTransaction, token_id: str, at: dt.datetime) -> bool:
    record = tx.run(
        "MATCH (t:ApiToken {id: $id}) SET t.revoked_at = coalesce(t.revoked_at, $at) RETURN count(t) AS n",
        id=token_id,
        at=at,
    ).single()
    return record["n"] == 1


def open_session(graph: Graph, session_hash: str, token_id: str, at: dt.datetime, expires_at: dt.datetime) -> None:
    """Opens a session, and clears away those that have expired (logged out or not): they can
    never work again."""
    graph.write_query(
        "CREATE (:LoginSession {hash: $hash, token: $token, created_at: $at, expires_at: $expires}) "
        "WITH 1 AS opened OPTIONAL MATCH (old:LoginSession) WHERE old.expires_at < $at DELETE old",
        hash=session_hash,
        token=token_id,
        at=at,
        expires=expires_at,
    )


def by_session_hash(graph: Graph, session_hash: str, now: dt.datetime) -> dict | None:
    """The token behind an open session: the session not revoked nor expired, its token not revoked."""
    rows = graph.read(
        "MATCH (s:LoginSession {hash: $hash}) WHERE s.revoked_at IS NULL AND s.expires_at > $now "
        f"MATCH (t:ApiToken {{id: s.token}}) WHERE t.revoked_at IS NULL RETURN {_CALLER}",
        hash=session_hash,
        now=now,
    )
    return rows[0] if rows else None


def close_session(graph: Graph, session_hash: str, at: dt.datetime) -> bool:
    rows = graph.write_query(
        "MATCH (s:LoginSession {hash: $hash}) SET s.revoked_at = coalesce(s.revoked_at, $at) RETURN count(s) AS n",
        hash=session_hash,
        at=at,
    )
    return rows[0]["n"] == 1
