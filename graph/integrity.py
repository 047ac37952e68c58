"""Referential integrity of deletes: which records depend on a node, and deleting it without
leaving a record that refers to nothing.

A record depends on a node when one of its fields names the node (a team's `members`, a post's
`author`): the relationship belongs to that record (graph.export.LINKS says whose it is). Deleting
the node changes those records, so it is refused unless the caller asks for the cascade; then a
record whose field is required (a post's author, a team's question, a question's theme) is deleted
too, its own dependants in turn, and from any other the link is removed (it is "detached"). Links
the node itself declares (a person's `works_at`) go with it and change no one else.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache

from neo4j import ManagedTransaction

from graph import bundle as b
from graph.export import LINKS, SECTION_OF_LABEL
from graph.handle import Graph
from graph.records import NoSuchRecord
from graph.repositories import audit, locks, writing
from graph.repositories.exporting import read_node

DELETED, DETACHED = "deleted", "detached"
NAMED = 10  # dependants named in the message; the list has them all


@dataclass(frozen=True)
class Dependant:
    """A record whose `field` names `refers_to`, and what the cascade does (did) to it."""

    id: str
    label: str
    field: str
    refers_to: str
    effect: str

    def as_dict(self) -> dict:
        return asdict(self)


class HasDependants(Exception):
    """The node has dependants and no cascade was asked for; nothing was deleted."""

    def __init__(self, node_id: str, dependants: list[Dependant]):
        self.node_id, self.dependants = node_id, dependants
        named = "; ".join(
            f"{d.id} ({d.field}: {'deleted' if d.effect == DELETED else 'link removed'})" for d in dependants[:NAMED]
        )
        more = f" and {len(dependants) - NAMED} more (see dependants)" if len(dependants) > NAMED else ""
        super().__init__(
            f"{node_id} cannot be deleted: {len(dependants)} record(s) refer to it: {named}{more}. "
            "Change those first, or delete with ?cascade=true to do what is said in brackets"
        )


@cache
def _required(label: str, field: str) -> bool:
    """Whether a record of `label` cannot be without its `field` (the bundle's model says so)."""
    return b.SECTIONS[SECTION_OF_LABEL[label]][1].model_fields[field].is_required()


def _dependants_of(tx: ManagedTransaction, label: str, node_id: str) -> list[Dependant]:
    """Every record that depends on the node, and the records that depend on those the cascade
    deletes, in the order found; each node is locked before its links are read."""
    gone, queue, found = {node_id}, [(label, node_id)], []
    while queue:
        current_label, current = queue.pop(0)
        locks.lock_node(tx, current_label, current)
        for rel in read_node(tx, current)[1]:
            link = LINKS.get((rel["type"], rel["start_label"], rel["end_label"]))
            if link is None:
                continue  # not a field of any record (export names it); goes with the node
            owner, owner_label = (
                (rel["start"], rel["start_label"]) if link.owner == "start" else (rel["end"], rel["end_label"])
            )
            if owner in gone:
                continue  # the node's own field, or a record deleted anyway
            if _required(owner_label, link.field):
                gone.add(owner)
                queue.append((owner_label, owner))
                found.append(Dependant(owner, owner_label, link.field, current, DELETED))
            else:
                found.append(Dependant(owner, owner_label, link.field, current, DETACHED))
    # A record detached from one node and then deleted for another is only deleted.
    return [d for d in found if d.effect == DELETED or d.id not in gone]


def delete_node(tx: ManagedTransaction, label: str, node_id: str, cascade: bool) -> tuple[int, list[Dependant]]:
    """Deletes the node, or with `cascade` the node and what depends on it (module docstring);
    (relationships removed, dependants). Raises NoSuchRecord, or HasDependants without `cascade`."""
    # The kind's lock first, as every other write of this kind takes it, then the node's.
    locks.lock_kinds(tx, [label])
    if not locks.lock_node(tx, label, node_id):
        raise NoSuchRecord(label, node_id)
    dependants = _dependants_of(tx, label, node_id)
    if dependants and not cascade:
        raise HasDependants(node_id, dependants)
    removed = writing.delete_node(tx, label, node_id)
    for dependant in dependants:
        if dependant.effect == DELETED:
            # One by one: a link between two deleted nodes is counted once, with the first.
            removed += writing.delete_node(tx, dependant.label, dependant.id) or 0
    return removed, dependants


def delete_record(graph: Graph, label: str, node_id: str, cascade: bool, actor: dict) -> tuple[int, list[Dependant]]:
    """delete_node in one write transaction with its audit entries: one `delete` of the node
    naming every dependant, and one per dependant (`delete`, or `update` for a detached record)
    with `cascade_of`, so that each record's own history shows what happened to it."""

    def unit(tx: ManagedTransaction):
        removed, dependants = delete_node(tx, label, node_id, cascade)
        audit.record(
            tx,
            actor,
            "delete",
            node_id,
            {
                "label": label,
                "relationships": removed,
                "cascade": cascade,
                "dependants": [d.as_dict() for d in dependants],
            },
        )
        for d in dependants:
            audit.record(
                tx,
                actor,
                "delete" if d.effect == DELETED else "update",
                d.id,
                {"label": d.label, "cascade_of": node_id, "field": d.field, "refers_to": d.refers_to},
            )
        return removed, dependants

    return graph.write(unit)
