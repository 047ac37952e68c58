"""Coordinators keep the graph up to date: records, memberships, deletions and merges. Every write
runs in one transaction with its audit entry; a write that fails changes nothing."""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request

from api.deps import CoordinatorDep, GraphDep
from api.errors import Invalid, NotFound
from api.schemas import CONFLICT, ERRORS
from api.schemas.writing import (
    Deleted,
    DeleteRefused,
    Membership,
    MembershipIn,
    MergeIn,
    MergeOut,
    Written,
)
from graph import records
from graph.bundle import LABEL_OF_PREFIX, SECTIONS, label_of
from graph.export import SECTION_OF_LABEL, single_links
from graph.integrity import delete_record
from graph.repositories import writing as store
from graph.repositories.audit import audited_write

router = APIRouter(tags=["writing"], responses={**ERRORS, **CONFLICT})

# The collections coordinators edit, by URL segment.
COLLECTIONS = {
    "people": ("Person", "person_id"),
    "organisations": ("Organisation", "org_id"),
    "cities": ("City", "city_id"),
    "teams": ("Team", "team_id"),
    "themes": ("Theme", "theme_id"),
    "questions": ("Question", "question_id"),
    "partner-kinds": ("PartnerKind", "kind_id"),
    "events": ("Event", "event_id"),
    "projects": ("Project", "project_id"),
    "posts": ("Post", "post_id"),
}


def _changed(request: Request) -> None:
    """Property edits do not change the graph's fingerprint: tell the matcher and the analysis."""
    request.app.state.matcher.invalidate()
    request.app.state.analysis.invalidate()


def _write(graph, caller, action: str, target: str | None, work, detail=None):
    return audited_write(graph, caller.as_actor(), action, target, work, detail)


@router.put("/teams/{team_id}/members/{person_id}", response_model=Membership)
def put_membership(
    team_id: str, person_id: str, body: MembershipIn, graph: GraphDep, caller: CoordinatorDep, request: Request
):
    """Makes the person a member of the team with `role`, or changes their role."""

    def work(tx):
        created = store.set_membership(tx, team_id, person_id, body.role, body.source)
        if created is None:
            raise NotFound(f"no team {team_id!r} or no person {person_id!r}")
        return created

    created = _write(graph, caller, "membership", team_id, work, {"person": person_id, "role": body.role})
    _changed(request)
    return Membership(team=team_id, person=person_id, role=body.role, created=created)


@router.delete("/teams/{team_id}/members/{person_id}", status_code=204)
def delete_membership(team_id: str, person_id: str, graph: GraphDep, caller: CoordinatorDep):
    """Takes the person out of the team."""

    def work(tx):
        if not store.remove_membership(tx, team_id, person_id):
            raise NotFound(f"{person_id!r} is not a member of {team_id!r}")

    _write(graph, caller, "membership:remove", team_id, work, {"person": person_id})


def _record_routes(segment: str, label: str, param: str, section: str, model) -> None:
    """POST /{segment}, PUT and PATCH /{segment}/{id}: the body is a record in the bundle format
    (see the README's data format), checked as an import checks it."""
    NodeId = Annotated[str, Path(alias=param)]  # named as the reading routes name it

    def create(body: model, graph: GraphDep, caller: CoordinatorDep, request: Request):
        record = records.create_record(graph, section, _plain(body), caller.as_actor())
        _changed(request)
        return Written(id=body.id, created=True, record=record)

    def replace(node_id: NodeId, body: model, graph: GraphDep, caller: CoordinatorDep, request: Request):
        if body.id != node_id:
            raise Invalid("id", f"the body's id {body.id!r} is not the id in the path, {node_id!r}")
        record = records.replace_record(graph, section, node_id, _plain(body), caller.as_actor())
        _changed(request)
        return Written(id=node_id, created=False, record=record)

    def patch(
        node_id: NodeId,
        graph: GraphDep,
        caller: CoordinatorDep,
        request: Request,
        changes: Annotated[
            dict[str, Any], Body(examples=[{"description": "Nieuwe omschrijving", "aliases": ["Andere spelling"]}])
        ],
    ):
        if changes.get("id", node_id) != node_id:
            raise Invalid("id", "the id cannot be changed; merge the node into another instead")
        record = records.patch_record(graph, section, node_id, changes, caller.as_actor())
        _changed(request)
        return Written(id=node_id, created=False, record=record)

    create.__doc__ = (
        f"Creates a {label} from a record in the bundle format. 409 when the id exists or a "
        "name or alias belongs to another node; 422 names the field that is wrong or a "
        "reference that leads nowhere."
    )
    replace.__doc__ = (
        f"Replaces the {label}: its fields and the links it declares become the body's; "
        "links other records declare to it stay."
    )
    patch.__doc__ = (
        f"Changes the {label}'s fields named in the body (a list replaces the whole list; "
        "null removes the field); the rest stays."
    )
    path = f"/{segment}/{{{param}}}"
    router.add_api_route(
        f"/{segment}",
        create,
        methods=["POST"],
        response_model=Written,
        status_code=201,
        name=f"create_{label}",
        summary=f"Create a {label}",
    )
    router.add_api_route(
        path, replace, methods=["PUT"], response_model=Written, name=f"replace_{label}", summary=f"Replace a {label}"
    )
    router.add_api_route(
        path,
        patch,
        methods=["PATCH"],
        response_model=Written,
        name=f"patch_{label}",
        summary=f"Change some fields of a {label}",
    )


def _plain(record) -> dict:
    return record.model_dump(mode="json", exclude_unset=True)


def _delete_route(segment: str, label: str, param: str) -> None:
    NodeId = Annotated[str, Path(alias=param)]

    def delete(
        node_id: NodeId,
        graph: GraphDep,
        caller: CoordinatorDep,
        request: Request,
        cascade: Annotated[
            bool,
            Query(
                description="also delete the records that cannot be without this one and remove the links of the others"
            ),
        ] = False,
    ):
        removed, dependants = delete_record(graph, label, node_id, cascade, caller.as_actor())
        _changed(request)
        return Deleted(id=node_id, relationships_removed=removed, dependants=[d.as_dict() for d in dependants])

    delete.__doc__ = (
        f"Deletes the {label} with its own links (the fields of its record). When other records "
        "name it (a team its member, a post its author), 409 lists them and nothing is deleted; "
        "with `cascade=true` those that cannot be without it (a post without author, a team "
        "without question, a question without theme) are deleted too, the others lose the "
        "link, and the audit log has an entry for each."
    )
    router.add_api_route(
        f"/{segment}/{{{param}}}",
        delete,
        methods=["DELETE"],
        response_model=Deleted,
        name=f"delete_{label}",
        summary=f"Delete a {label}",
        responses={409: {"model": DeleteRefused, "description": "other records depend on it; nothing was deleted"}},
    )


for _segment, (_label, _param) in COLLECTIONS.items():
    _section = SECTION_OF_LABEL[_label]
    _record_routes(_segment, _label, _param, _section, SECTIONS[_section][1])
    _delete_route(_segment, _label, _param)


@router.post("/merge", response_model=MergeOut)
def merge(body: MergeIn, graph: GraphDep, caller: CoordinatorDep, request: Request):
    """Merges two nodes that turn out to be the same party (e.g. two spellings of one organisation):
    `remove`'s relationships move to `keep`, its name and aliases become `keep`'s aliases, properties
    `keep` lacks are taken over, and `remove` is deleted."""
    if body.keep == body.remove:
        raise Invalid("remove", "a node cannot be merged into itself")
    prefixes = {i.split(":", 1)[0] for i in (body.keep, body.remove)}
    if len(prefixes) != 1 or not prefixes <= LABEL_OF_PREFIX.keys():
        raise Invalid("remove", f"both ids must name nodes of one type, not {body.keep!r} and {body.remove!r}")
    label = label_of(body.keep)

    def work(tx):
        store.lock_for_merge(tx, label)
        for node_id in (body.keep, body.remove):
            found = store.node(tx, node_id)
            if found is None or label not in found["labels"]:
                raise NotFound(f"no {label} with id {node_id!r}")
        return store.merge_into(tx, label, body.keep, body.remove, single_links(label))

    result = _write(graph, caller, "merge", body.keep, work, lambda r: r)
    _changed(request)
    return result
