"""Single records written by coordinators: created, replaced or patched through the loader, so that
each gets the checks a bundle gets (fields, references, names that belong to another node) and is
written with its audit entry in one transaction, or not at all."""

from __future__ import annotations

from graph import bundle as b
from graph.export import owned_links, record_of
from graph.handle import Graph
from graph.loader import load_composed, load_content
from graph.repositories import audit, locks, writing

ORIGIN = "request body"


class RecordExists(Exception):
    def __init__(self, record_id: str):
        super().__init__(f"{record_id} already exists; change it with PUT or PATCH")


class NoSuchRecord(LookupError):
    def __init__(self, label: str, record_id: str):
        super().__init__(f"no {label} with id {record_id!r}")


def read_record(graph: Graph, label: str, record_id: str) -> dict:
    found = graph.read_transaction(lambda tx: record_of(tx, record_id))
    if found is None or b.SECTIONS[found[0]][0] != label:
        raise NoSuchRecord(label, record_id)
    return found[1]


def create_record(graph: Graph, section: str, data: dict, actor: dict) -> dict:
    label = b.SECTIONS[section][0]

    def after(tx, report):
        if report.nodes[label]["created"] != 1:
            raise RecordExists(data.get("id"))
        audit.record(tx, actor, "create", data["id"], {"section": section})

    load_content(graph, {section: [data]}, ORIGIN, after=after)
    return read_record(graph, label, data["id"])


def replace_record(graph: Graph, section: str, record_id: str, data: dict, actor: dict) -> dict:
    """The record becomes `data`: its properties and the links it declares (members, partners,
    cities, ...). Links that other records declare to it (people working at an organisation) stay."""
    label = b.SECTIONS[section][0]

    def before(tx):
        _lock(tx, label, record_id)
        writing.delete_links(tx, label, record_id, owned_links(label))

    def after(tx, report):
        audit.record(tx, actor, "update", record_id, {"section": section, "fields": sorted(data)})

    load_content(graph, {section: [data]}, ORIGIN, before=before, after=after)
    return read_record(graph, label, record_id)


def patch_record(graph: Graph, section: str, record_id: str, changes: dict, actor: dict) -> dict:
    """Changes the fields named in `changes` (null removes a field); the others keep their value.
    The stored record is read in the write's own transaction, under the lock of its label and
    node, so that two patches of different fields at once both stay."""
    label = b.SECTIONS[section][0]

    def compose(tx) -> dict:
        _lock(tx, label, record_id)
        merged = {**record_of(tx, record_id)[1], **changes}
        writing.delete_links(tx, label, record_id, owned_links(label))
        return {section: [{k: v for k, v in merged.items() if v is not None}]}

    def after(tx, report):
        audit.record(tx, actor, "update", record_id, {"section": section, "fields": sorted(changes)})

    load_composed(graph, label, compose, ORIGIN, after=after)
    return read_record(graph, label, record_id)


def _lock(tx, label: str, record_id: str) -> None:
    """Locks the record's node, so that an answer or a membership written at the same time (they
    change links the record declares) waits for this write; NoSuchRecord when it is not there."""
    if not locks.lock_node(tx, label, record_id):
        raise NoSuchRecord(label, record_id)
