"""API tokens: making and revoking them (`python -m api tokens ...`, see api.cli, drives these).

A new token is printed once; only its SHA-256 hash is stored (as an ApiToken node in the graph).
It works until it expires (DEFAULT_DAYS after it is made, or --days) or is revoked.
"""

from __future__ import annotations

import datetime as dt
import getpass
import secrets

from api.deps import ROLES, hash_token
from graph.handle import Graph, native
from graph.repositories import matching
from graph.repositories import tokens as token_store
from graph.repositories.audit import audited_write

# Tokens are made on the command line, by whoever runs the service: the audit log names the account.
CLI_ACTOR = {"id": "cli", "name": f"{getpass.getuser()} (python -m api tokens)", "role": "cli"}
DEFAULT_DAYS = 90
MAX_DAYS = 3650


def new_token(
    graph: Graph, role: str, name: str, team: str | None = None, days: float = DEFAULT_DAYS
) -> tuple[str, str]:
    """Creates a token valid for `days` and returns (token id, token); the token itself is not kept."""
    if not 0 < days <= MAX_DAYS:
        raise ValueError(f"--days must be between 1 and {MAX_DAYS}, not {days:g}")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    if (role == "team") != (team is not None):
        raise ValueError("a team token needs --team, and only a team token takes one")
    if team is not None and not matching.team_exists(graph, team):
        raise ValueError(f"no team with id {team!r} in the graph")
    token_id = "tok_" + secrets.token_hex(6)
    token = "sl_" + secrets.token_urlsafe(32)
    now = dt.datetime.now(dt.UTC)
    expires_at = now + dt.timedelta(days=days)
    audited_write(
        graph,
        CLI_ACTOR,
        "token:create",
        token_id,
        lambda tx: token_store.create(tx, token_id, hash_token(token), name, role, team, now, expires_at),
        {"name": name, "role": role, "team": team, "expires_at": expires_at.isoformat(timespec="seconds")},
    )
    return token_id, token


def revoke_token(graph: Graph, token_id: str) -> bool:
    def work(tx):
        if not token_store.revoke(tx, token_id, dt.datetime.now(dt.UTC)):
            raise LookupError(f"no token with id {token_id!r}")

    try:
        audited_write(graph, CLI_ACTOR, "token:revoke", token_id, work)
    except LookupError:
        return False
    return True


def token_state(row: dict, now: dt.datetime) -> str:
    """`active, expires 2027-03-01`, `expired 2027-03-01` or `revoked 2026-12-01T10:00:00`."""
    if row["revoked_at"]:
        return f"revoked {native(row['revoked_at']).isoformat()[:19]}"
    expires_at = native(row["expires_at"])
    return f"expired {expires_at.date()}" if expires_at <= now else f"active, expires {expires_at.date()}"
