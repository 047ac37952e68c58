"""Checks a bundle before anything is written: each record, then the bundle as a whole, then the
bundle against the graph it is loaded into. Every problem names its file, record and field."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

from pydantic import ValidationError

from graph import bundle as b
from graph.files import BundleProblem, Location, RawBundle
from graph.plan import GraphPlan, NodeRow, plan_records


class GraphView(Protocol):
    """What validation needs to know of the graph a bundle goes into."""

    def existing_ids(self, ids: set[str]) -> set[str]: ...

    def name_key_owners(self, label: str, keys: set[str]) -> dict[str, set[str]]:
        """For each key in `keys`, the ids of nodes of `label` whose name or aliases have it."""
        ...


# Limits on one record, whoever sends it (a bundle file, an import, a coordinator's write): they keep
# 50 MB descriptions out of the graph (and out of the matcher, which reads every text), and what
# the graph cannot store (integers past 64 bits, lone surrogates) out of the driver. The seed's
# longest text is under 500 characters, its longest list 13 items, its deepest record 3 levels.
MAX_TEXT = 10_000  # characters in one text field
MAX_LIST = 1_000  # items in one list field
MAX_DEPTH = 6  # levels of nesting in a record (record, list, item, ...)
INT64 = (-(2**63), 2**63 - 1)


def text_problem(text: str) -> str | None:
    """What makes `text` unfit to store, or None."""
    if len(text) > MAX_TEXT:
        return f"is {len(text)} characters long; the limit is {MAX_TEXT}"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"holds a lone surrogate ({text[error.start]!r} at position {error.start}), which is not text"
    return None


def limit_problems(value, path: str = "", depth: int = 0) -> list[tuple[str | None, str]]:
    """(field, message) for every part of a record's raw data past a limit: text length, list
    length, nesting depth, integer size."""
    field_name = path or None
    if depth > MAX_DEPTH:
        return [(field_name, f"is nested more than {MAX_DEPTH} levels deep")]
    if isinstance(value, list):
        if len(value) > MAX_LIST:
            return [(field_name, f"has {len(value)} items; the limit is {MAX_LIST}")]
        return [p for i, item in enumerate(value) for p in limit_problems(item, _child(path, i), depth + 1)]
    if isinstance(value, dict):
        problems = []
        for key, item in value.items():
            if text_problem(str(key)) or len(str(key)) > 100:
                problems.append((field_name, f"has a field name that is not a name: {str(key)[:100]!r}"))
            else:
                problems += limit_problems(item, _child(path, key), depth + 1)
        return problems
    problem = _scalar_problem(value)
    return [(field_name, problem)] if problem else []


def _child(path: str, key) -> str:
    return f"{path}.{key}" if path else str(key)


def _scalar_problem(value) -> str | None:
    if isinstance(value, str):
        return text_problem(value)
    if isinstance(value, int) and not isinstance(value, bool) and not INT64[0] <= value <= INT64[1]:
        return "is a number past 64 bits; the graph stores integers between -2^63 and 2^63-1"
    return None


@dataclass
class CheckedBundle:
    plan: GraphPlan = field(default_factory=GraphPlan)
    problems: list[BundleProblem] = field(default_factory=list)
    records: int = 0


def check_bundle(raw: RawBundle) -> CheckedBundle:
    """Everything that can be checked without the graph."""
    checked = CheckedBundle(problems=list(raw.problems), records=len(raw.records))
    valid: list[tuple[b.Record, Location]] = []
    for item in raw.records:
        _, model = b.SECTIONS[item.section]
        past_limits = limit_problems(item.data)
        if past_limits:
            checked.problems += [
                BundleProblem(item.location, message, name, "invalid") for name, message in past_limits
            ]
            continue
        try:
            valid.append((model.model_validate(item.data), item.location))
        except ValidationError as error:
            for e in error.errors():
                field_name = ".".join(str(part) for part in e["loc"]) or None
                checked.problems.append(BundleProblem(item.location, e["msg"], field_name, "invalid"))
    checked.plan = plan_records(valid)
    checked.problems += _duplicate_ids(checked.plan.nodes)
    checked.problems += _duplicate_relationships(checked.plan)
    checked.problems += _shared_aliases(checked.plan.nodes)
    checked.problems += _rejected_and_taken(checked.plan)
    return checked


def check_against_graph(plan: GraphPlan, graph: GraphView | None) -> list[BundleProblem]:
    """References that lead nowhere and names that already belong to another node.

    With `graph` None the bundle must stand on its own: every reference must be in it.
    """
    return _dangling_references(plan, graph) + ([] if graph is None else _aliases_taken(plan.nodes, graph))


def _duplicate_ids(nodes: list[NodeRow]) -> list[BundleProblem]:
    first: dict[str, NodeRow] = {}
    problems = []
    for node in nodes:
        if node.id in first:
            problems.append(
                BundleProblem(
                    node.location, f"duplicate id, first defined at {first[node.id].location}", "id", "duplicate"
                )
            )
        else:
            first[node.id] = node
    return problems


def _duplicate_relationships(plan: GraphPlan) -> list[BundleProblem]:
    seen: dict[tuple, str] = {}
    problems = []
    for rel in plan.rels:
        if rel.key in seen:
            problems.append(
                BundleProblem(
                    rel.location,
                    f"{rel.type} from {rel.start} to {rel.end} is declared twice (also at {seen[rel.key]})",
                    rel.field,
                    "conflict",
                )
            )
        else:
            seen[rel.key] = f"{rel.location} field '{rel.field}'"
    return problems


def _shared_aliases(nodes: list[NodeRow]) -> list[BundleProblem]:
    owners: dict[tuple[str, str], NodeRow] = {}
    problems = []
    for node in nodes:
        if node.label not in b.RESOLVED_LABELS:
            continue
        for key in node.props.get("name_keys", []):
            other = owners.setdefault((node.label, key), node)
            if other.id != node.id:
                problems.append(
                    BundleProblem(
                        node.location,
                        f"name or alias '{key}' already belongs to {other.id} ({other.location}); "
                        "one real party is one record: add the spelling to that record's aliases",
                        _name_field(node, key),
                        "duplicate",
                    )
                )
    return problems


def _rejected_and_taken(plan: GraphPlan) -> list[BundleProblem]:
    """A team's answer to a target is one state: an organisation it rejects is not its partner, a
    city it rejects has no status with it."""
    taken = {(rel.end, rel.start): rel for rel in plan.rels if rel.type in ("PARTNER_IN", "JOINS")}
    return [
        BundleProblem(
            rel.location,
            f"{rel.end} is rejected and also named in "
            f"{taken[(rel.start, rel.end)].field}; a team's answer to it is one of the two",
            rel.field,
            "conflict",
        )
        for rel in plan.rels
        if rel.type == "REJECTED" and (rel.start, rel.end) in taken
    ]


def _dangling_references(plan: GraphPlan, graph: GraphView | None) -> list[BundleProblem]:
    in_bundle = {node.id for node in plan.nodes}
    outside = {end for rel in plan.rels for end in (rel.start, rel.end) if end not in in_bundle}
    found = graph.existing_ids(outside) if graph is not None and outside else set()
    where = "in this bundle or in the graph" if graph is not None else "in this bundle"
    return [
        BundleProblem(rel.location, f"refers to {ref}, which is not {where}", rel.field, "dangling")
        for rel in plan.rels
        for ref in (rel.start, rel.end)
        if ref not in in_bundle and ref not in found
    ]


def _aliases_taken(nodes: list[NodeRow], graph: GraphView) -> list[BundleProblem]:
    problems = []
    by_label: dict[str, list[NodeRow]] = defaultdict(list)
    for node in nodes:
        if node.label in b.RESOLVED_LABELS:
            by_label[node.label].append(node)
    for label, label_nodes in by_label.items():
        keys = {key for node in label_nodes for key in node.props.get("name_keys", [])}
        owners = graph.name_key_owners(label, keys)
        for node in label_nodes:
            for key in node.props.get("name_keys", []):
                others = sorted(owners.get(key, set()) - {node.id})
                if others:
                    problems.append(
                        BundleProblem(
                            node.location,
                            f"name or alias '{key}' already belongs to {others[0]} in the graph; "
                            "loading this would make a second node for the same party",
                            _name_field(node, key),
                            "duplicate",
                        )
                    )
    return problems


def _name_field(node: NodeRow, key: str) -> str:
    return "name" if b.name_key(node.props["name"]) == key else "aliases"
