"""Reads the whole graph back into a bundle in the loader's format: the inverse of graph.plan.

Each node becomes the record it was loaded from (its properties minus the derived `name_keys`), and
each relationship goes back into the field of the record that declares it (a membership into the
team's `members`, a partner kind into the organisation's `is_a`). Loading the export into an empty
database gives the same graph, and loading it into the graph it came from changes nothing; the
export checks this itself (`_lost_in_round_trip`) and refuses a graph it cannot carry whole.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from neo4j.time import Date, DateTime
from pydantic import ValidationError

from graph import bundle as b
from graph.files import Location
from graph.handle import Graph, native
from graph.loader import comparable
from graph.plan import plan_records
from graph.repositories.exporting import read_network, read_node

SECTION_OF_LABEL = {label: section for section, (label, _) in b.SECTIONS.items()}
DERIVED = {"name_keys"}  # recomputed by the loader from name and aliases


class ExportError(Exception):
    """The graph holds something the bundle format cannot carry, so an export would lose it."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} thing(s) in the graph cannot be exported without loss:\n"
            + "\n".join(f"  {p}" for p in problems)
        )


@dataclass(frozen=True)
class Link:
    """Where a relationship goes in a bundle: the record of its `owner` end ("start" or "end"),
    field `field`. A list of plain ids unless `key` names the entry's id field ({person, role});
    `many` False for a single id (a question's theme)."""

    owner: str
    field: str
    key: str | None = None
    many: bool = True


# (type, start label, end label) -> Link: graph.plan's _plan_links read backwards.
LINKS: dict[tuple[str, str, str], Link] = {
    ("LIAISON_FOR", "Person", "Theme"): Link("end", "liaisons"),
    ("IN_THEME", "Question", "Theme"): Link("start", "theme", many=False),
    ("PILOT_FOR", "City", "Question"): Link("end", "pilots"),
    ("WORKS_ON", "Team", "Question"): Link("start", "question", many=False),
    ("MEMBER_OF", "Person", "Team"): Link("end", "members", "person"),
    ("PARTNER_IN", "Organisation", "Team"): Link("end", "partners", "organisation"),
    ("WANTS", "Team", "Organisation"): Link("start", "wants", "organisation"),
    ("WANTS", "Team", "PartnerKind"): Link("start", "wants", "kind"),
    ("JOINS", "City", "Team"): Link("end", "cities", "city"),
    **{
        ("REJECTED", "Team", target): Link("start", "rejected", "target")
        for target in ("Organisation", "PartnerKind", "City")
    },
    ("WORKS_AT", "Person", "Organisation"): Link("start", "works_at", "organisation"),
    ("TOOK_PART_IN", "Person", "Event"): Link("start", "events", "event"),
    **{
        ("LOCATED_IN", owner, "City"): Link("start", "city", many=False)
        for owner in ("Person", "Organisation", "Event", "Project")
    },
    ("IS_A", "Organisation", "PartnerKind"): Link("start", "is_a"),
    ("IN_NETWORK", "City", "Organisation"): Link("start", "networks", "network"),
    ("CHAMPIONS", "City", "Theme"): Link("start", "champions"),
    ("HELD_AT", "Event", "Organisation"): Link("start", "venue", many=False),
    ("POSTED", "Person", "Post"): Link("end", "author", many=False),
    **{("MENTIONS", "Post", target): Link("start", "mentions") for target in b.LABELS},
    ("POSTED_DURING", "Post", "Event"): Link("start", "event", many=False),
    ("INVOLVED_IN", "Organisation", "Project"): Link("end", "organisations"),
    ("INVOLVED_IN", "Person", "Project"): Link("end", "people", "person"),
    ("PART_OF", "Project", "Project"): Link("start", "part_of", many=False),
}


def plain(value):
    """A property value as the bundle writes it: Neo4j's dates and times as ISO text."""
    if isinstance(value, (Date, DateTime)):
        return native(value).isoformat()
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def export_bundle(graph: Graph) -> dict[str, list[dict]]:
    """The whole network as a bundle: section -> records (sorted by id), every record valid.
    Raises ExportError, naming each node or relationship, when something would not survive a
    round trip."""
    nodes, rels = read_network(graph)
    return records_from_graph(nodes, rels)


def records_from_graph(nodes: list[dict], rels: list[dict], strict: bool = True) -> dict[str, list[dict]]:
    """The bundle for nodes and relationships as graph.repositories.exporting reads them. Not
    `strict`, it never raises: a record that is not valid (a post whose author was deleted before
    deletes kept integrity) comes as the graph holds it, so that it can be read and repaired."""
    problems: list[str] = []
    records: dict[str, dict] = {}
    sections: dict[str, str] = {}
    for node in nodes:
        props = {k: plain(v) for k, v in node["props"].items() if k not in DERIVED}
        if not isinstance(props.get("id"), str):
            problems.append(f"a {node['label']} node without an id")
            continue
        records[props["id"]] = props
        sections[props["id"]] = SECTION_OF_LABEL[node["label"]]

    lists: dict[tuple[str, str], list[tuple[str, str | dict]]] = {}
    for rel in rels:
        problem = _add_link(records, lists, rel)
        if problem:
            problems.append(problem)
    for (owner, field), entries in lists.items():
        # Relationships have no order; sorted by the other end, two exports of one graph are the same.
        records[owner][field] = [value for _, value in sorted(entries, key=lambda e: (e[0], repr(e[1])))]

    bundle: dict[str, list[dict]] = {section: [] for section in b.SECTIONS}
    models: list[tuple[b.Record, Location]] = []
    for record_id in sorted(records):
        section = sections[record_id]
        _, model = b.SECTIONS[section]
        try:
            record = model.model_validate(records[record_id])
        except ValidationError as error:
            problems += [f"{record_id}: field '{'.'.join(map(str, e['loc']))}': {e['msg']}" for e in error.errors()]
            if not strict:
                bundle[section].append(records[record_id])
            continue
        models.append((record, Location("graph", section, len(bundle[section]), record_id)))
        # exclude_unset: what the graph holds, without the defaults of fields it does not have.
        bundle[section].append(record.model_dump(mode="json", exclude_unset=True))
    if not strict:
        return bundle
    if not problems:
        problems = _lost_in_round_trip(models, nodes, rels)
    if problems:
        raise ExportError(problems)
    return bundle


def _add_link(records: dict[str, dict], lists: dict[tuple[str, str], list], rel: dict) -> str | None:
    """Puts one relationship into the record that declares it (list fields into `lists` as (other
    end, entry), to be sorted); a problem when it has no place there."""
    where = f"({rel['start']})-[:{rel['type']}]->({rel['end']})"
    link = LINKS.get((rel["type"], rel["start_label"], rel["end_label"]))
    if link is None:
        return (
            f"{where}: the bundle format has no field for {rel['type']} from {rel['start_label']} to {rel['end_label']}"
        )
    owner, other = (rel["start"], rel["end"]) if link.owner == "start" else (rel["end"], rel["start"])
    record = records.get(owner)
    if record is None:
        return f"{where}: {owner} has no id the bundle can use"
    props = {k: plain(v) for k, v in rel["props"].items()}
    if link.key is None and props:
        return f"{where}: properties {sorted(props)} have no place in the bundle's field '{link.field}'"
    value = other if link.key is None else {link.key: other, **props}
    if link.many:
        lists.setdefault((owner, link.field), []).append((other, value))
    elif link.field in record:
        return f"{where}: {owner} has a second {rel['type']}, but its field '{link.field}' holds one"
    else:
        record[link.field] = value
    return None


def _lost_in_round_trip(models: list[tuple[b.Record, Location]], nodes: list[dict], rels: list[dict]) -> list[str]:
    """What loading the exported records would not give back as it is. The records are planned as
    the loader plans them and compared as the loader compares, so a re-load says 'unchanged'."""

    def same_form(props: dict) -> dict:
        return {k: comparable(v) for k, v in props.items() if k not in DERIVED}

    def differing(held: dict, again: dict) -> list[str]:
        return sorted(k for k in held.keys() | again.keys() if held.get(k) != again.get(k))

    plan = plan_records(models)
    problems = []
    planned = {(n.label, n.id): same_form({"id": n.id, **n.props}) for n in plan.nodes}
    for node in nodes:
        held = same_form(node["props"])
        again = planned.get((node["label"], held.get("id")))
        if again is None:
            problems.append(f"{held.get('id')}: a re-load would not create this {node['label']}")
        elif held != again:
            problems.append(f"{held.get('id')}: a re-load would change its properties {differing(held, again)}")
    planned_rels = {r.key: same_form(r.props) for r in plan.rels}
    seen = Counter((r["start"], r["type"], r["end"]) for r in rels)
    for rel in rels:
        key = (rel["start"], rel["type"], rel["end"])
        held, again = same_form(rel["props"]), planned_rels.get(key)
        if seen[key] > 1:
            problems.append(f"({key[0]})-[:{key[1]}]->({key[2]}): {seen[key]} of them; a bundle holds one")
            seen[key] = 1  # named once
        elif again is None:
            problems.append(f"({key[0]})-[:{key[1]}]->({key[2]}): a re-load would not create it")
        elif held != again:
            problems.append(
                f"({key[0]})-[:{key[1]}]->({key[2]}): a re-load would change its properties {differing(held, again)}"
            )
    return problems


def owned_links(label: str) -> list[tuple[str, bool, str]]:
    """(type, outgoing, other end's label) of each kind of relationship a record of `label`
    declares: what replacing the record replaces."""
    owned = set()
    for (type_, start, end), link in LINKS.items():
        if link.owner == "start" and start == label:
            owned.add((type_, True, end))
        elif link.owner == "end" and end == label:
            owned.add((type_, False, start))
    return sorted(owned)


def record_of(tx, node_id: str) -> tuple[str, dict] | None:
    """(section, record) of one node, as an export would write it; None when there is no such node.
    A record that is not valid comes as the graph holds it (PATCH repairs it; the loader checks)."""
    node, rels = read_node(tx, node_id)
    if node is None:
        return None

    def owner(rel: dict) -> str | None:
        link = LINKS.get((rel["type"], rel["start_label"], rel["end_label"]))
        return None if link is None else rel["start"] if link.owner == "start" else rel["end"]

    section = SECTION_OF_LABEL[node["label"]]
    return section, records_from_graph([node], [r for r in rels if owner(r) == node_id], strict=False)[section][0]


def single_links(label: str) -> set[tuple[str, bool]]:
    """(type, outgoing) of the links a record of `label` holds at most one of (its city, its question)."""
    return {
        (type_, link.owner == "start")
        for (type_, start, end), link in LINKS.items()
        if not link.many and (start if link.owner == "start" else end) == label
    }
