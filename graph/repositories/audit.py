"""The audit log: one AuditEntry node per write, written in the write's own transaction so that a
write and its record stand or fall together."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from neo4j import ManagedTransaction

from graph.handle import Graph


def record(
    tx: ManagedTransaction,
    actor: dict,
    action: str,
    target: str | None,
    detail: dict | None = None,
    at: dt.datetime | None = None,
) -> None:
    tx.run(
        "CREATE (:AuditEntry {id: $id, at: $at, actor: $actor, actor_name: $name, role: $role, "
        "action: $action, target: $target, detail: $detail})",
        id=str(uuid.uuid4()),
        at=at or dt.datetime.now(dt.UTC),
        actor=actor["id"],
        name=actor["name"],
        role=actor["role"],
        action=action,
        target=target,
        detail=json.dumps(detail or {}, default=str, ensure_ascii=False, sort_keys=True),
    )


def entries(
    graph: Graph,
    limit: int,
    offset: int,
    actor: str | None = None,
    target: str | None = None,
    action: str | None = None,
) -> tuple[int, list[dict]]:
    rows = graph.read(
        "MATCH (e:AuditEntry) "
        "WHERE ($actor IS NULL OR e.actor = $actor) AND ($target IS NULL OR e.target = $target) "
        "AND ($action IS NULL OR e.action = $action) "
        "WITH e ORDER BY e.at DESC "
        "WITH collect(e) AS found "
        "RETURN size(found) AS total, [e IN found[$offset..$offset + $limit] | properties(e)] AS items",
        actor=actor,
        target=target,
        action=action,
        limit=limit,
        offset=offset,
    )
    row = rows[0]
    return row["total"], [{**e, "detail": json.loads(e.get("detail") or "{}")} for e in row["items"]]


def audited_write(graph: Graph, actor: dict, action: str, target: str | None, work, detail=None):
    """Runs `work(tx)` and records it in one managed write transaction; returns what `work` returns.
    `detail` is a dict, or a function of the result that gives one."""

    def unit(tx: ManagedTransaction):
        result = work(tx)
        record(tx, actor, action, target, detail(result) if callable(detail) else detail)
        return result

    return graph.write(unit)
