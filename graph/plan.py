"""Turns validated records into the nodes and relationships they stand for.

Each relationship keeps the location and field it came from, so that a reference that leads
nowhere can be reported where it was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph import bundle as b
from graph.files import Location

# Record fields that become relationships, not node properties.
LINK_FIELDS: dict[type, set[str]] = {
    b.Theme: {"liaisons"},
    b.Question: {"theme", "pilots"},
    b.Team: {"question", "members", "partners", "wants", "cities", "rejected"},
    b.Person: {"works_at", "events", "city"},
    b.Organisation: {"city", "is_a"},
    b.PartnerKind: set(),
    b.City: {"networks", "champions"},
    b.Event: {"city", "venue"},
    b.Post: {"author", "mentions", "event"},
    b.Project: {"city", "organisations", "people", "part_of"},
}


@dataclass
class NodeRow:
    label: str
    id: str
    props: dict
    location: Location


@dataclass
class RelRow:
    type: str
    start: str
    end: str
    props: dict
    location: Location
    field: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.start, self.type, self.end)

    @property
    def labels(self) -> tuple[str, str]:
        return (b.label_of(self.start), b.label_of(self.end))


@dataclass
class GraphPlan:
    nodes: list[NodeRow] = field(default_factory=list)
    rels: list[RelRow] = field(default_factory=list)


def node_props(record: b.Record) -> dict:
    props = {
        name: value.value if hasattr(value, "value") else value
        for name, value in record
        if name not in LINK_FIELDS[type(record)] and value is not None and value != []
    }
    if isinstance(record, b.Named):
        props["name_keys"] = sorted({b.name_key(n) for n in [record.name, *record.aliases]} - {""})
    return props


def plan_records(records: list[tuple[b.Record, Location]]) -> GraphPlan:
    plan = GraphPlan()
    for record, location in records:
        label = b.label_of(record.id)
        plan.nodes.append(NodeRow(label, record.id, node_props(record), location))

        # The record's own location is bound as a default: each record's links point at it.
        def rel(type_: str, start: str, end: str, field_name: str, location: Location = location, **props) -> None:
            clean = {k: (v.value if hasattr(v, "value") else v) for k, v in props.items() if v is not None}
            plan.rels.append(RelRow(type_, start, end, clean, location, field_name))

        _plan_links(record, rel)
    return plan


def _plan_links(r: b.Record, rel) -> None:
    match r:
        case b.Theme():
            for i, person in enumerate(r.liaisons):
                rel("LIAISON_FOR", person, r.id, f"liaisons[{i}]")
        case b.Question():
            rel("IN_THEME", r.id, r.theme, "theme")
            for i, city in enumerate(r.pilots):
                rel("PILOT_FOR", city, r.id, f"pilots[{i}]")
        case b.Team():
            rel("WORKS_ON", r.id, r.question, "question")
            for i, m in enumerate(r.members):
                rel("MEMBER_OF", m.person, r.id, f"members[{i}].person", role=m.role, source=m.source)
            for i, p in enumerate(r.partners):
                rel(
                    "PARTNER_IN",
                    p.organisation,
                    r.id,
                    f"partners[{i}].organisation",
                    role=p.role,
                    source=p.source,
                    via=p.via,
                    by=p.by,
                    at=p.at,
                )
            for i, w in enumerate(r.wants):
                target, name = (w.organisation, "organisation") if w.organisation else (w.kind, "kind")
                rel("WANTS", r.id, target, f"wants[{i}].{name}", text=w.text, source=w.source)
            for i, c in enumerate(r.cities):
                rel(
                    "JOINS",
                    c.city,
                    r.id,
                    f"cities[{i}].city",
                    status=c.status,
                    since=c.since,
                    source=c.source,
                    via=c.via,
                    by=c.by,
                    at=c.at,
                )
            for i, x in enumerate(r.rejected):
                rel(
                    "REJECTED",
                    r.id,
                    x.target,
                    f"rejected[{i}].target",
                    reason=x.reason,
                    by=x.by,
                    at=x.at,
                    source=x.source,
                )
        case b.Person():
            for i, job in enumerate(r.works_at):
                rel(
                    "WORKS_AT",
                    r.id,
                    job.organisation,
                    f"works_at[{i}].organisation",
                    title=job.title,
                    source=job.source,
                )
            for i, p in enumerate(r.events):
                rel("TOOK_PART_IN", r.id, p.event, f"events[{i}].event", role=p.role, source=p.source)
            if r.city:
                rel("LOCATED_IN", r.id, r.city, "city")
        case b.Organisation():
            if r.city:
                rel("LOCATED_IN", r.id, r.city, "city")
            for i, kind in enumerate(r.is_a):
                rel("IS_A", r.id, kind, f"is_a[{i}]")
        case b.City():
            for i, n in enumerate(r.networks):
                rel(
                    "IN_NETWORK",
                    r.id,
                    n.network,
                    f"networks[{i}].network",
                    since=n.since,
                    until=n.until,
                    source=n.source,
                )
            for i, theme in enumerate(r.champions):
                rel("CHAMPIONS", r.id, theme, f"champions[{i}]")
        case b.Event():
            if r.city:
                rel("LOCATED_IN", r.id, r.city, "city")
            if r.venue:
                rel("HELD_AT", r.id, r.venue, "venue")
        case b.Post():
            rel("POSTED", r.author, r.id, "author")
            for i, target in enumerate(r.mentions):
                rel("MENTIONS", r.id, target, f"mentions[{i}]")
            if r.event:
                rel("POSTED_DURING", r.id, r.event, "event")
        case b.Project():
            if r.city:
                rel("LOCATED_IN", r.id, r.city, "city")
            for i, org in enumerate(r.organisations):
                rel("INVOLVED_IN", org, r.id, f"organisations[{i}]")
            for i, p in enumerate(r.people):
                rel("INVOLVED_IN", p.person, r.id, f"people[{i}].person", role=p.role, source=p.source)
            if r.part_of:
                rel("PART_OF", r.id, r.part_of, "part_of")
