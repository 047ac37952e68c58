"""What coordinators send to change the graph, and what they get back."""

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from api.schemas import Text, text


class MembershipIn(BaseModel):
    role: text(200) = Field(default="member", min_length=1, examples=["trekker"])
    source: Text | None = Field(default=None, description="where the fact comes from")


class Membership(BaseModel):
    team: str
    person: str
    role: str
    created: bool = Field(description="false when the person was already a member and only the role changed")


class MergeIn(BaseModel):
    """Two nodes that turn out to be the same party: `remove` goes into `keep`."""

    keep: str = Field(max_length=200, examples=["org:vno-ncw"])
    remove: str = Field(max_length=200, examples=["org:vno-ncw-nederland"])


class MergeOut(BaseModel):
    kept: str
    removed: str
    relationships_moved: int
    relationships_already_there: int = Field(description="links `keep` already had; its own were kept")
    aliases_added: list[str]
    properties_filled: list[str] = Field(description="properties `keep` lacked and took from `remove`")


class Dependant(BaseModel):
    """A record with a field that names the node being deleted."""

    id: str = Field(examples=["post:dsa1611"])
    label: str = Field(examples=["Post"])
    field: str = Field(description="the dependant's field that names `refers_to`", examples=["author"])
    refers_to: str = Field(description="the node deleted, or a dependant deleted with it", examples=["person:x"])
    effect: Literal["deleted", "detached"] = Field(
        description="what `?cascade=true` does (did): `deleted` when the record cannot be without the field "
        "(a post's author, a team's question, a question's theme), `detached` when only the link goes"
    )


class Deleted(BaseModel):
    id: str
    relationships_removed: int
    dependants: list[Dependant] = Field(
        default_factory=list, description="what the cascade deleted or detached; empty without one"
    )


class DeleteRefusal(BaseModel):
    message: str
    dependants: list[Dependant]


class DeleteRefused(BaseModel):
    """The node has dependants and the delete had no `?cascade=true`; nothing was deleted."""

    detail: DeleteRefusal


class Written(BaseModel):
    """A created or changed record, as it now stands in the graph (in the bundle format)."""

    id: str
    created: bool
    record: dict[str, Any]


class AuditEntry(BaseModel):
    id: str
    at: datetime
    actor: str = Field(description="the token id")
    actor_name: str
    role: str
    action: str
    target: str | None = Field(default=None, description="the node written; none for an import or a seed load")
    detail: dict[str, Any]
