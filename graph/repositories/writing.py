"""Coordinators' edits of single nodes and links: memberships, deletions and merges. Each function
runs inside the caller's write transaction, beside its audit entry."""

from __future__ import annotations

from neo4j import ManagedTransaction

from graph.bundle import name_key
from graph.repositories import NETWORK_NODE, locks
from graph.repositories import label as _label
from graph.repositories import rel_type as _rel_type

# Properties a merge never copies from the node that goes: identity, and what is recomputed.
IDENTITY = {"id", "name", "aliases", "name_keys"}


def node(tx: ManagedTransaction, node_id: str) -> dict | None:
    record = tx.run(
        f"MATCH (n {{id: $id}}) WHERE {NETWORK_NODE} RETURN labels(n) AS labels, properties(n) AS props", id=node_id
    ).single()
    return record.data() if record else None


def set_membership(tx: ManagedTransaction, team_id: str, person_id: str, role: str, source: str | None) -> bool | None:
    """Adds the person to the team, or changes their role. True when created, False when updated,
    None when the team or the person is not there."""
    locks.lock_node(tx, "Team", team_id)  # the team's members are its record's: a PATCH of it waits, or this does
    record = tx.run(
        """
        MATCH (t:Team {id: $team}) MATCH (p:Person {id: $person})
        OPTIONAL MATCH (p)-[old:MEMBER_OF]->(t)
        MERGE (p)-[m:MEMBER_OF]->(t) SET m.role = $role, m.source = $source
        RETURN old IS NULL AS created""",
        team=team_id,
        person=person_id,
        role=role,
        source=source,
    ).single()
    return None if record is None else record["created"]


def remove_membership(tx: ManagedTransaction, team_id: str, person_id: str) -> bool:
    locks.lock_node(tx, "Team", team_id)
    record = tx.run(
        "MATCH (:Person {id: $person})-[m:MEMBER_OF]->(:Team {id: $team}) DELETE m RETURN count(*) AS n",
        team=team_id,
        person=person_id,
    ).single()
    return record["n"] > 0


def delete_node(tx: ManagedTransaction, label: str, node_id: str) -> int | None:
    """Deletes the node and its relationships; how many relationships went, or None if no such node."""
    locks.lock_kinds(tx, [label])  # a PATCH of it at the same time would write it back
    record = tx.run(
        f"MATCH (n:{_label(label)} {{id: $id}}) WITH n, COUNT {{ (n)--() }} AS rels DETACH DELETE n RETURN rels",
        id=node_id,
    ).single()
    return None if record is None else record["rels"]


def relationships(tx: ManagedTransaction, node_id: str) -> list[dict]:
    """(type, outgoing, other end's id, properties) of every relationship of the node."""
    result = tx.run(
        "MATCH (n {id: $id})-[r]-(m) RETURN type(r) AS type, startNode(r) = n AS outgoing, "
        "m.id AS other, properties(r) AS props",
        id=node_id,
    )
    return [r.data() for r in result]


def lock_for_merge(tx: ManagedTransaction, label: str) -> None:
    """A merge moves names and links between two nodes of `label`: no other write of the label
    comes between its reads and its writes."""
    locks.lock_kinds(tx, [label])


def merge_into(
    tx: ManagedTransaction, label: str, keep_id: str, gone_id: str, single_links: set[tuple[str, bool]] = frozenset()
) -> dict:
    """Moves every relationship of `gone_id` to `keep_id` (where `keep_id` already has the same one,
    or has one of a (type, outgoing) kind in `single_links` that it may have only one of, its own stays), keeps the other node's name and aliases as aliases, fills properties `keep_id`
    lacks, and deletes `gone_id`. Both nodes must exist and carry `label`."""
    keep = node(tx, keep_id)["props"]
    gone = node(tx, gone_id)["props"]
    moved = kept = 0
    for rel in relationships(tx, gone_id):
        if rel["other"] == keep_id:
            continue  # a link between the two becomes a loop: dropped
        pattern = "(k)-[{v}:{t}]->({m})" if rel["outgoing"] else "(k)<-[{v}:{t}]-({m})"
        type_ = _rel_type(rel["type"])
        # A field that holds one link (an organisation's city) keeps the kept node's own, if it has one.
        other_end = "" if (rel["type"], rel["outgoing"]) in single_links else "m"
        created = tx.run(
            f"MATCH (k:{_label(label)} {{id: $keep}}) MATCH (m {{id: $other}}) "
            f"OPTIONAL MATCH {pattern.format(v='existing', t=type_, m=other_end)} "
            f"WITH k, m, existing WHERE existing IS NULL "
            f"CREATE {pattern.format(v='r', t=type_, m='m')} SET r = $props RETURN count(r) AS n",
            keep=keep_id,
            other=rel["other"],
            props=rel["props"],
        ).single()["n"]
        moved += created
        kept += 1 - created
    names = [keep.get("name"), *keep.get("aliases", [])]
    aliases = list(keep.get("aliases", []))
    for name in [gone.get("name"), *gone.get("aliases", [])]:
        if name and name_key(name) not in {name_key(n) for n in names if n}:
            aliases.append(name)
            names.append(name)
    filled = {k: v for k, v in gone.items() if k not in IDENTITY and k not in keep}
    updates = {**filled}
    if "name" in keep:
        updates["aliases"] = aliases
        updates["name_keys"] = sorted({name_key(n) for n in names if n} - {""})
    tx.run(f"MATCH (k:{_label(label)} {{id: $keep}}) SET k += $updates", keep=keep_id, updates=updates)
    tx.run(f"MATCH (g:{_label(label)} {{id: $gone}}) DETACH DELETE g", gone=gone_id)
    return {
        "kept": keep_id,
        "removed": gone_id,
        "relationships_moved": moved,
        "relationships_already_there": kept,
        "aliases_added": aliases[len(keep.get("aliases", [])) :],
        "properties_filled": sorted(filled),
    }


def delete_links(tx: ManagedTransaction, label: str, node_id: str, links: list[tuple[str, bool, str]]) -> None:
    """Deletes the node's relationships of the given (type, outgoing, other label) kinds."""
    for type_, outgoing, other in links:
        arrow = "-[r:{t}]->(:{o})" if outgoing else "<-[r:{t}]-(:{o})"
        tx.run(
            f"MATCH (n:{_label(label)} {{id: $id}})" + arrow.format(t=_rel_type(type_), o=_label(other)) + " DELETE r",
            id=node_id,
        )
