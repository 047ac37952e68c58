"""Schemas of the import and export routes. The bundle itself is described by the loader's own
record models (graph.bundle), so /docs shows exactly what the loader accepts."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, create_model

from api.schemas import Problems
from graph.bundle import SECTIONS

# The bundle as one JSON document: every section optional, each a list of the loader's records.
BundleDocument = create_model(
    "BundleDocument",
    __config__=ConfigDict(extra="forbid"),
    **{section: (list[model], Field(default_factory=list)) for section, (_, model) in SECTIONS.items()},
)


def _inlined(schema: dict, defs: dict) -> dict | list:
    """`schema` with every `$ref` to `defs` replaced by the definition itself. A route's request
    body is documented by hand (the loader, not FastAPI, reads it), and a hand-made schema cannot
    put its definitions among the document's components; the bundle models are not recursive."""
    if isinstance(schema, dict):
        if "$ref" in schema:
            return _inlined(defs[schema["$ref"].rsplit("/", 1)[-1]], defs)
        return {k: _inlined(v, defs) for k, v in schema.items() if k != "$defs"}
    if isinstance(schema, list):
        return [_inlined(v, defs) for v in schema]
    return schema


def bundle_schema() -> dict:
    schema = BundleDocument.model_json_schema()
    return _inlined(schema, schema.get("$defs", {}))


BUNDLE_EXAMPLE = {
    "organisations": [
        {
            "id": "org:portaal",
            "name": "Portaal",
            "aliases": ["Woonstichting Portaal"],
            "kind": "housing_corporation",
            "sector": "civil_society",
            "city": "city:utrecht",
            "is_a": ["kind:woningcorporatie"],
            "source": "public knowledge (example)",
        }
    ],
    "teams": [
        {
            "id": "team:thuiszorg-coalitie",
            "name": "Coalitie informele thuiszorg",
            "question": "question:onze-stad-informele-thuiszorg",
            "partners": [{"organisation": "org:portaal", "role": "partner"}],
            "cities": [{"city": "city:amersfoort", "status": "interested", "since": "2011-09-22"}],
        }
    ],
}

BUNDLE_EXAMPLE_YAML = """\
organisations:
  - id: org:portaal
    name: Portaal
    aliases: [Woonstichting Portaal]
    kind: housing_corporation
    sector: civil_society
    city: city:utrecht
    is_a: [kind:woningcorporatie]
teams:
  - id: team:thuiszorg-coalitie
    name: Coalitie informele thuiszorg
    question: question:onze-stad-informele-thuiszorg
    partners:
      - organisation: org:portaal
        role: partner
"""

Counts = dict[str, int]


class ImportReport(BaseModel):
    """What an import created, updated and left unchanged, per node label and relationship type."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "written": True,
                    "files": 1,
                    "records": 2,
                    "nodes": {"Organisation": {"created": 1}, "Team": {"created": 1}},
                    "relationships": {
                        "IS_A": {"created": 1},
                        "JOINS": {"created": 1},
                        "LOCATED_IN": {"created": 1},
                        "PARTNER_IN": {"created": 1},
                        "WORKS_ON": {"created": 1},
                    },
                    "totals": {"created": 7},
                }
            ]
        }
    )

    written: bool = Field(
        description="false with `check_only=true`: the counts say what an import would do; nothing was written"
    )
    files: int = Field(description="documents read: 1, the request body")
    records: int
    nodes: dict[str, Counts] = Field(description="label -> {created, updated, unchanged}")
    relationships: dict[str, Counts] = Field(description="relationship type -> {created, updated, unchanged}")
    totals: Counts


class BundleProblems(Problems):
    """The bundle's problems, each with its place: the same shape as every 422 of the API."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "detail": [
                        {
                            "loc": ["request body", "teams", 0, "partners[0].organisation"],
                            "record": "team:thuiszorg-coalitie",
                            "line": 10,
                            "msg": "refers to org:nobody, which is not in this bundle or in the graph",
                            "type": "bundle",
                            "text": "request body:10: teams[0] (team:thuiszorg-coalitie): field 'partners[0].organisation': "
                            "refers to org:nobody, which is not in this bundle or in the graph",
                        }
                    ]
                }
            ]
        }
    )


class ExportProblems(BaseModel):
    """The graph holds something the bundle format cannot carry (written outside the loader and the
    answers), so an export would not load back into the same graph; nothing is exported."""

    detail: dict = Field(description="{message, problems: [one line per node or relationship]}")
