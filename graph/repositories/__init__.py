"""All Cypher of the project lives in this package. Values always travel as parameters; labels and
relationship types, which Cypher cannot take as parameters, pass through `label` and `rel_type`,
which let only the model's own names through."""

from graph.bundle import LABELS, RELATIONSHIP_TYPES


def label(name: str) -> str:
    if name not in LABELS:
        raise ValueError(f"unknown label {name!r}")
    return name


def rel_type(name: str) -> str:
    if name not in RELATIONSHIP_TYPES:
        raise ValueError(f"unknown relationship type {name!r}")
    return name
