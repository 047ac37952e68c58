"""Queries of the import journal (graph.journal): an Import node while a batched load runs, and
one ImportStep per batch it wrote, holding what that batch created and what it changed (the
properties before), so that the load can be undone exactly.

The journal's nodes are the service's own (SERVICE_LABELS): no relationships, not part of the
network that counts, snapshots and the matcher see.
"""

from __future__ import annotations

import datetime as dt

from neo4j import ManagedTransaction

from graph.handle import native
from graph.repositories import label as _label
from graph.repositories import rel_type as _rel_type

IMPORT_LABEL = "Import"
STEP_LABEL = "ImportStep"


class ImportRunning(Exception):
    """A batched load is being written; other writes wait until it is done."""

    def __init__(self, running: dict):
        self.running = running
        started = native(running.get("started"))
        when = started.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M UTC") if started else "at an unknown time"
        super().__init__(
            f"a load of {running.get('origin')} is being written (started {when} by process "
            f"{running.get('pid')} on {running.get('host')}); try again when it is done"
        )


_IMPORT_FIELDS = (
    "i.id AS id, i.origin AS origin, i.pid AS pid, i.host AS host, i.started AS started, "
    "i.heartbeat AS heartbeat, i.status AS status"
)


def imports(tx: ManagedTransaction) -> list[dict]:
    """Every import on record: running, or committed with steps still to clear, or left behind."""
    return tx.run(f"MATCH (i:{IMPORT_LABEL}) RETURN {_IMPORT_FIELDS} ORDER BY i.started").data()


def begin(tx: ManagedTransaction, import_id: str, origin: str, pid: int, host: str) -> None:
    tx.run(
        f"CREATE (:{IMPORT_LABEL} {{id: $id, origin: $origin, pid: $pid, host: $host, status: 'running', "
        "started: datetime(), heartbeat: datetime()})",
        id=import_id,
        origin=origin,
        pid=pid,
        host=host,
    )


def record_node_step(
    tx: ManagedTransaction,
    import_id: str,
    seq: int,
    label: str,
    created: list[str],
    updated: list[str],
    before: list[str],
) -> None:
    """The nodes of `label` one batch created (ids) and changed (ids, with their properties before
    as encoded by graph.journal), written in the batch's own transaction."""
    _record_step(
        tx,
        import_id,
        seq,
        {"kind": "nodes", "label": _label(label), "created": created, "updated": updated, "before": before},
    )


def record_rel_step(
    tx: ManagedTransaction,
    import_id: str,
    seq: int,
    type_: str,
    start_label: str,
    end_label: str,
    created: list[list[str]],
    updated: list[list[str]],
    before: list[str],
) -> None:
    """The same for relationships, each named by its (start id, end id)."""
    _record_step(
        tx,
        import_id,
        seq,
        {
            "kind": "relationships",
            "type": _rel_type(type_),
            "start_label": _label(start_label),
            "end_label": _label(end_label),
            # Neo4j stores no list of lists: the pairs as two lists.
            "created_starts": [s for s, _ in created],
            "created_ends": [e for _, e in created],
            "updated_starts": [s for s, _ in updated],
            "updated_ends": [e for _, e in updated],
            "before": before,
        },
    )


def _record_step(tx: ManagedTransaction, import_id: str, seq: int, props: dict) -> None:
    tx.run(
        f"MATCH (i:{IMPORT_LABEL} {{id: $id}}) SET i.heartbeat = datetime() "
        f"CREATE (s:{STEP_LABEL} {{import: $id, seq: $seq}}) SET s += $props",
        id=import_id,
        seq=seq,
        props=props,
    )


def last_steps(tx: ManagedTransaction, import_id: str, limit: int) -> list[dict]:
    """The import's latest `limit` steps, latest first: the next to undo."""
    return tx.run(
        f"MATCH (s:{STEP_LABEL} {{import: $id}}) RETURN properties(s) AS step ORDER BY s.seq DESC LIMIT $limit",
        id=import_id,
        limit=limit,
    ).value("step")


def delete_step(tx: ManagedTransaction, import_id: str, seq: int) -> None:
    tx.run(f"MATCH (s:{STEP_LABEL} {{import: $id, seq: $seq}}) DELETE s", id=import_id, seq=seq)


def delete_steps(tx: ManagedTransaction, import_id: str, limit: int) -> int:
    """Deletes up to `limit` of the import's steps; how many went."""
    return tx.run(
        f"MATCH (s:{STEP_LABEL} {{import: $id}}) WITH s LIMIT $limit DELETE s RETURN count(*) AS n",
        id=import_id,
        limit=limit,
    ).single()["n"]


def mark_committed(tx: ManagedTransaction, import_id: str) -> bool:
    """The import's commit point: from here on it stands, whatever happens to its steps. False when
    the import is no longer on record (someone undid it meanwhile)."""
    record = tx.run(
        f"MATCH (i:{IMPORT_LABEL} {{id: $id, status: 'running'}}) SET i.status = 'committed' RETURN count(i) AS n",
        id=import_id,
    ).single()
    return record["n"] == 1


def delete_import(tx: ManagedTransaction, import_id: str) -> None:
    tx.run(f"MATCH (i:{IMPORT_LABEL} {{id: $id}}) DELETE i", id=import_id)


def remove_nodes(tx: ManagedTransaction, label: str, ids: list[str]) -> None:
    """Nodes an import created, with any relationship they have."""
    tx.run(f"UNWIND $ids AS id MATCH (n:{_label(label)} {{id: id}}) DETACH DELETE n", ids=ids)


def restore_nodes(tx: ManagedTransaction, label: str, rows: list[dict]) -> None:
    """Nodes an import changed, given back their properties before ({id, props} rows)."""
    tx.run(f"UNWIND $rows AS row MATCH (n:{_label(label)} {{id: row.id}}) SET n = row.props", rows=rows)


def _relationship(type_: str, start_label: str, end_label: str) -> str:
    """The relationship `r` between the ends named by `row.start` and `row.end`."""
    return (
        f"MATCH (:{_label(start_label)} {{id: row.start}})-[r:{_rel_type(type_)}]->"
        f"(:{_label(end_label)} {{id: row.end}})"
    )


def remove_relationships(tx: ManagedTransaction, type_: str, start_label: str, end_label: str, pairs: list[dict]):
    """Relationships an import created ({start, end} rows)."""
    tx.run(f"UNWIND $rows AS row {_relationship(type_, start_label, end_label)} DELETE r", rows=pairs)


def restore_relationships(tx: ManagedTransaction, type_: str, start_label: str, end_label: str, rows: list[dict]):
    """Relationships an import changed, given back their properties before ({start, end, props} rows)."""
    tx.run(f"UNWIND $rows AS row {_relationship(type_, start_label, end_label)} SET r = row.props", rows=rows)
