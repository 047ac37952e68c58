"""All Cypher of the project lives in this package. Values always travel as parameters; labels and
relationship types, which Cypher cannot take as parameters, pass through `label` and `rel_type`,
which let only the model's own names through.

A module is named for who runs its queries: `loading` is what the loader (graph.loader) runs,
`exporting` what the export (graph.export) reads, `matching` what the matcher reads, `viewing` the
viewer, `pages` the liaison pages, `reading` and `writing` the API's reads and coordinators' edits,
`lookup` single nodes; `answers`, `audit`, `tokens`, `locks` and `counts` are named for what they
store or count."""

from graph.bundle import LABELS, RELATIONSHIP_TYPES

# The service's own nodes (tokens, login sessions, the audit log, write locks, the journal of a
# batched load): none has a relationship, and none is part of the network that counts, snapshots
# and the matcher see.
SERVICE_LABELS = ("ApiToken", "AuditEntry", "LoginSession", "WriteLock", "Import", "ImportStep")
# A WHERE condition for a node `n` of the network, not of the service (built from the names above).
NETWORK_NODE = " AND ".join(f"NOT n:{name}" for name in SERVICE_LABELS)


def label(name: str) -> str:
    if name not in LABELS:
        raise ValueError(f"unknown label {name!r}")
    return name


def rel_type(name: str) -> str:
    if name not in RELATIONSHIP_TYPES:
        raise ValueError(f"unknown relationship type {name!r}")
    return name
