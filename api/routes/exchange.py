"""Bulk import of a bundle and export of the whole graph, for coordinators.

The import goes through the command-line loader's own path (graph.loader): the same validation,
the same problems named by record and field, all or nothing. The export is the loader's format, so
an export loads back into the same graph; GraphML is for Gephi.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, status
from fastapi.responses import JSONResponse, Response
from neo4j import ManagedTransaction

from api.deps import CoordinatorDep, GraphDep
from api.schemas import ERRORS, Message, errors
from api.schemas.exchange import (
    BUNDLE_EXAMPLE,
    BUNDLE_EXAMPLE_YAML,
    BundleProblems,
    ExportProblems,
    ImportReport,
    bundle_schema,
)
from graph.export import ExportError, export_bundle
from graph.files import read_text
from graph.graphml import network_graphml
from graph.loader import LoadReport, load_raw
from graph.repositories import audit

router = APIRouter(tags=["import and export"])

BODY_NAME = "request body"  # stands in for a file name in every problem
JSON_TYPES = {"application/json"}
YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"}
GRAPHML_TYPE = "application/graphml+xml"
_ACCESS = errors(401, 403, 503)
_BUNDLE_SCHEMA = bundle_schema()


async def _body(request: Request) -> bytes:
    # The loader, not FastAPI, reads the bundle: it must report problems its own way, and YAML too.
    return await request.body()


def _body_format(content_type: str | None) -> str:
    media = (content_type or "application/json").split(";", 1)[0].strip().lower()
    if media in JSON_TYPES or media.endswith("+json"):
        return "json"
    if media in YAML_TYPES:
        return "yaml"
    raise HTTPException(
        status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, f"send the bundle as application/json or application/yaml, not {media}"
    )


def _attachment(extension: str) -> dict[str, str]:
    day = dt.datetime.now(dt.UTC).date().isoformat()
    return {"Content-Disposition": f'attachment; filename="stedenlink-{day}.{extension}"'}


@router.post(
    "/imports",
    response_model=ImportReport,
    summary="Import a bundle (all or nothing)",
    responses={
        **_ACCESS,
        409: {
            "model": BundleProblems,
            "description": "a record repeats an id, or takes a name or alias that belongs "
            "to another record or node; nothing was written",
        },
        413: ERRORS[413],
        415: {"model": Message, "description": "the body is neither JSON nor YAML"},
        422: {
            "model": BundleProblems,
            "description": "the bundle has problems, each named by record and field "
            "(or a query parameter is wrong); nothing was written",
        },
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _BUNDLE_SCHEMA, "example": BUNDLE_EXAMPLE},
                "application/yaml": {"schema": _BUNDLE_SCHEMA, "example": BUNDLE_EXAMPLE_YAML},
            },
        }
    },
)
def import_bundle(
    request: Request,
    graph: GraphDep,
    caller: CoordinatorDep,
    body: Annotated[bytes, Depends(_body)],
    check_only: Annotated[
        bool,
        Query(
            description="only validate, against the graph too, and say what an import "
            "would create and update; write nothing"
        ),
    ] = False,
):
    """Loads a bundle in the loader's format (README, 'Data format'), as `python -m graph load`
    does: one mapping of section names (`themes`, `organisations`, `teams`, ...) to lists of
    records, sent as JSON (`Content-Type: application/json`) or YAML (`application/yaml` or
    `text/yaml`). References may point into the bundle or to nodes already in the graph.

    Every record is validated first; on any problem nothing is written and the answer lists each
    problem with its section, position, record id, field (and line, for YAML): 422, or 409 when a
    record repeats an id or takes the name or alias of another node. Otherwise everything is
    written in one transaction, together with an entry in the audit log, and the answer counts
    what was created, updated and left unchanged. Loading the same bundle twice changes nothing;
    loading `GET /export` back gives the same graph. Coordinators only."""
    fmt = _body_format(request.headers.get("content-type"))

    def audit_entry(tx: ManagedTransaction, report: LoadReport) -> None:
        audit.record(
            tx,
            caller.as_actor(),
            "import",
            None,
            {"format": fmt, "records": report.records, "totals": dict(report.totals())},
        )

    report = load_raw(
        graph, read_text(body, BODY_NAME, fmt), BODY_NAME, quiet=True, dry_run=check_only, after=audit_entry
    )
    if not check_only:
        # The matcher refits when the graph's counts change; an import may change only properties.
        request.app.state.matcher.invalidate()
        request.app.state.analysis.invalidate()
    return {"written": not check_only, **report.as_dict()}


@router.get(
    "/export",
    response_class=JSONResponse,
    summary="Export the whole graph as a bundle (JSON)",
    responses={
        200: {
            "description": "the bundle: every section, records sorted by id",
            "content": {"application/json": {"schema": _BUNDLE_SCHEMA, "example": BUNDLE_EXAMPLE}},
        },
        **_ACCESS,
        409: {
            "model": ExportProblems,
            "description": "the graph holds something a bundle cannot carry (a record "
            "that refers to a deleted node, written before deletes kept "
            "integrity or outside the API); each is named",
        },
    },
)
def export_json(graph: GraphDep, _: CoordinatorDep) -> JSONResponse:
    """The whole network (themes, questions, teams, people, organisations, partner kinds, cities,
    events, projects and posts, with every relationship and the teams' answers to suggestions) as
    one bundle in the loader's format, sent as a file to download. `POST /imports` of it into an
    empty database gives the same graph, and into this one changes nothing. Holds people's e-mail
    addresses and phone numbers, hence coordinators only. API tokens and the audit log are not
    part of it."""
    try:
        bundle = export_bundle(graph)
    except ExportError as error:
        # The graph's state, not the service, is at fault, and a coordinator can repair it: 409.
        raise HTTPException(
            status.HTTP_409_CONFLICT,
            {
                "message": "the graph holds something a bundle cannot carry, so an export would not load back "
                "into the same graph; nothing was exported. Repair each record named (PATCH it, e.g. "
                "give a post its author, or DELETE it) and export again",
                "problems": error.problems,
            },
        ) from error
    return JSONResponse(bundle, headers=_attachment("json"))


@router.get(
    "/export.graphml",
    response_class=Response,
    summary="Export the whole graph as GraphML (for Gephi)",
    responses={
        200: {
            "description": "GraphML: nodes with `label` (the name), `type` (the Neo4j label) and every "
            "property; edges with `type` (the relationship type) and their properties",
            "content": {
                GRAPHML_TYPE: {
                    "schema": {"type": "string"},
                    "example": (
                        '<?xml version="1.0" encoding="utf-8"?>\n'
                        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
                        '  <key id="d0" for="node" attr.name="label" attr.type="string" />\n'
                        '  <key id="d1" for="node" attr.name="type" attr.type="string" />\n'
                        '  <key id="d2" for="edge" attr.name="type" attr.type="string" />\n'
                        '  <graph id="stedenlink" edgedefault="directed">\n'
                        '    <node id="org:actiz"><data key="d0">ActiZ</data><data key="d1">Organisation</data></node>\n'
                        '    <node id="kind:brancheorganisatie">...</node>\n'
                        '    <edge id="e0" source="org:actiz" target="kind:brancheorganisatie">'
                        '<data key="d2">IS_A</data></edge>\n'
                        "  </graph>\n</graphml>"
                    ),
                }
            },
        },
        **_ACCESS,
    },
)
def export_graphml(graph: GraphDep, _: CoordinatorDep) -> Response:
    """The whole network as GraphML, to open in Gephi (File > Open), yEd or Cytoscape. Every
    property is an attribute with its type (numbers as numbers, so Gephi can size cities by
    population); lists are joined with '; ', dates are ISO text. Coordinators only, like the JSON
    export: people's contact details are in it."""
    return Response(network_graphml(graph), media_type=GRAPHML_TYPE, headers=_attachment("graphml"))
