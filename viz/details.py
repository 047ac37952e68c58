"""What the viewer's details panel shows for a node: a whitelist of fields per type, in Dutch.

Only listed fields leave the server, so nothing private goes out by accident; contact details
(e-mail, phone) are listed only for a coordinator.
"""

from __future__ import annotations

from graph.vocabulary import (
    JOIN_STATUS_NL,
    ORGANISATION_KIND_NL,
    QUESTION_STATUS_NL,
    SECTOR_NL,
)
from viz.graphdata import ViewNode
from viz.links import page_url, viewer_url
from viz.style import node_style

# (property, Dutch label) per node label, in the order shown; "description" and the rest common
# to all types come after.
FIELDS: dict[str, list[tuple[str, str]]] = {
    "Organisation": [
        ("kind", "Soort organisatie"),
        ("sector", "Sector"),
        ("website", "Website"),
        ("country", "Land"),
        ("keywords", "Trefwoorden"),
    ],
    "Person": [("twitter", "Twitter")],
    "City": [("province", "Provincie"), ("population", "Inwoners"), ("population_year", "Inwoners in")],
    "Question": [("status", "Status"), ("question", "Vraag"), ("approach", "Aanpak"), ("steps", "Stappen")],
    "Team": [("partners_line", "Gezochte partners"), ("start_date", "Start"), ("end_date", "Einde")],
    "PartnerKind": [("sector", "Sector"), ("organisation_kind", "Soort organisatie"), ("keywords", "Trefwoorden")],
    "Event": [("kind", "Soort"), ("date", "Datum")],
    "Project": [],
    "Post": [("date", "Datum"), ("text", "Tekst"), ("tags", "Tags")],
    "Theme": [],
}
COMMON = [("aliases", "Ook bekend als"), ("description", "Beschrijving"), ("source", "Bron")]
CONTACT = [("email", "E-mail"), ("phone", "Telefoon")]


def _text(label: str, prop: str, value) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_text(label, prop, v) for v in value)
    if hasattr(value, "iso_format"):  # neo4j.time.Date and friends
        return value.iso_format()
    # An event's kind is free text; an organisation's is one of the bundle format's kinds.
    if prop == "organisation_kind" or (prop == "kind" and label == "Organisation"):
        return ORGANISATION_KIND_NL.get(value, value)
    if prop == "sector":
        return SECTOR_NL.get(value, value)
    if prop == "status":
        return QUESTION_STATUS_NL.get(value, JOIN_STATUS_NL.get(value, value))
    if prop == "population" and isinstance(value, int):
        return f"{value:,}".replace(",", ".")  # Dutch thousands separator
    return str(value)


def node_info(node: ViewNode, contacts: bool) -> dict:
    """The details panel's content: name, type, fields as [label, text] pairs and the links."""
    fields = list(FIELDS.get(node.label, []))
    if node.label == "Person" and contacts:
        fields = CONTACT + fields
    rows = [
        [name, _text(node.label, prop, node.props[prop])]
        for prop, name in fields + COMMON
        if node.props.get(prop) not in (None, "", [])
    ]
    return {
        "id": node.id,
        "name": node.name,
        "type": node_style(node.label).name,
        "fields": rows,
        "page": page_url(node.label, node.id),
        "ego": viewer_url(focus=node.id),
    }
