"""Loads a bundle into the graph: all of it in one transaction, or nothing.

The loader compares every node and relationship with what the graph holds and writes only what
differs, so it can say what it created and updated, and a second run of the same bundle writes
nothing.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import ManagedTransaction
from neo4j.time import Date, DateTime

from graph.bundle import label_of
from graph.files import BundleProblem, RawBundle, read_bundle, read_content
from graph.handle import Graph, native
from graph.plan import GraphPlan
from graph.repositories import loading as q
from graph.repositories import locks
from graph.validate import check_against_graph, check_bundle

BATCH = 2000

# Called as after(tx, report) inside the load's transaction, once the bundle is written.
AfterWrite = Callable[[ManagedTransaction, "LoadReport"], None]


class BundleRejected(Exception):
    """The bundle has problems; nothing was written."""

    def __init__(self, problems: list[BundleProblem]):
        self.problems = problems
        super().__init__(
            f"{len(problems)} problem(s) in the bundle; nothing was written:\n" + "\n".join(f"  {p}" for p in problems)
        )


@dataclass
class LoadReport:
    nodes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    relationships: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    files: int = 0
    records: int = 0

    def totals(self) -> Counter:
        total = Counter()
        for counts in [*self.nodes.values(), *self.relationships.values()]:
            total.update(counts)
        return total

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "records": self.records,
            "nodes": {label: dict(c) for label, c in sorted(self.nodes.items())},
            "relationships": {type_: dict(c) for type_, c in sorted(self.relationships.items())},
            "totals": dict(self.totals()),
        }


class _TxGraphView:
    """The graph as validation sees it, read inside the load transaction."""

    def __init__(self, tx: ManagedTransaction):
        self.tx = tx

    def existing_ids(self, ids: set[str]) -> set[str]:
        by_label = defaultdict(list)
        for node_id in ids:
            by_label[label_of(node_id)].append(node_id)
        return {found for label, group in by_label.items() for found in q.existing_ids(self.tx, label, group)}

    def name_key_owners(self, label: str, keys: set[str]) -> dict[str, set[str]]:
        owners = defaultdict(set)
        for node_id, node_keys in q.name_keys(self.tx, label):
            for key in keys.intersection(node_keys):
                owners[key].add(node_id)
        return owners


def comparable(value):
    """Property values as the graph returns them, made comparable with what we would write."""
    if isinstance(value, (Date, DateTime)):
        # Through Python's own type: Neo4j's iso_format() writes nanoseconds (.123456000), Python's
        # isoformat() microseconds, so a stored time would never equal the one we would write.
        return native(value).isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [comparable(v) for v in value]
    return value


def _same(old: dict | None, new: dict) -> bool:
    return old is not None and {k: comparable(v) for k, v in old.items()} == {k: comparable(v) for k, v in new.items()}


def _batches(rows: list, size: int = BATCH):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def _write_plan(tx: ManagedTransaction, plan: GraphPlan, report: LoadReport, quiet: bool, write: bool = True) -> None:
    """Counts what differs from the graph and, unless `write` is false (a dry run), writes it."""
    problems = check_against_graph(plan, _TxGraphView(tx))
    if problems:
        raise BundleRejected(problems)

    nodes_by_label = defaultdict(list)
    for node in plan.nodes:
        nodes_by_label[node.label].append(node)
    for label, nodes in nodes_by_label.items():
        changed = []
        for batch in _batches(nodes):
            existing = q.node_properties(tx, label, [n.id for n in batch])
            for node in batch:
                props = {"id": node.id, **node.props}
                if _same(existing.get(node.id), props):
                    report.nodes[label]["unchanged"] += 1
                    continue
                report.nodes[label]["updated" if node.id in existing else "created"] += 1
                changed.append({"id": node.id, "props": props})
        if not write:
            continue  # a dry run: counted, not written
        for done, batch in enumerate(_batches(changed), start=1):
            q.write_nodes(tx, label, batch)
            _progress(f"  {label}: wrote {min(done * BATCH, len(changed))}/{len(changed)} nodes", quiet)

    rels_by_kind = defaultdict(list)
    for rel in plan.rels:
        rels_by_kind[(rel.type, *rel.labels)].append(rel)
    for (type_, start_label, end_label), rels in rels_by_kind.items():
        changed = []
        for batch in _batches(rels):
            existing = q.relationship_properties(
                tx, type_, start_label, end_label, [{"start": r.start, "end": r.end} for r in batch]
            )
            for rel in batch:
                old = existing.get((rel.start, rel.end))
                if _same(old, rel.props):
                    report.relationships[type_]["unchanged"] += 1
                    continue
                report.relationships[type_]["updated" if old is not None else "created"] += 1
                changed.append({"start": rel.start, "end": rel.end, "props": rel.props})
        if not write:
            continue
        for done, batch in enumerate(_batches(changed), start=1):
            q.write_relationships(tx, type_, start_label, end_label, batch)
            _progress(
                f"  {type_} ({start_label}->{end_label}): wrote {min(done * BATCH, len(changed))}/{len(changed)}", quiet
            )


def load_bundle(graph: Graph, directory: Path, quiet: bool = False) -> LoadReport:
    """Validates the bundle in `directory` and writes it in one transaction; raises BundleRejected."""
    return load_raw(graph, read_bundle(Path(directory)), str(directory), quiet=quiet)


def load_content(
    graph: Graph,
    content,
    name: str,
    quiet: bool = True,
    dry_run: bool = False,
    before=None,
    after: AfterWrite | None = None,
) -> LoadReport:
    """The same for a bundle already parsed into a mapping of sections (e.g. a request body), whose
    problems are named after `name`."""
    return load_raw(graph, read_content(content, name), name, quiet=quiet, dry_run=dry_run, before=before, after=after)


def load_raw(
    graph: Graph,
    raw: RawBundle,
    origin: str,
    quiet: bool = False,
    dry_run: bool = False,
    before=None,
    after: AfterWrite | None = None,
) -> LoadReport:
    """Validates a bundle that has been read and writes it in one transaction; raises BundleRejected.

    `after(tx, report)` runs inside that transaction once everything is written, so that what it
    writes (an audit entry) stands or falls with the load. With `dry_run` the bundle is checked
    against the graph and the report says what would be created, updated and left unchanged, in a
    read transaction that writes nothing; `after` is not called. `before(tx)` runs first in the
    same transaction (replacing a record clears its links there).

    A write first locks the labels of the records it writes (graph.repositories.locks), so that
    its checks against the graph (ids and names already taken) and its writes are one atomic step
    beside any other write of those labels.
    """
    checked = check_bundle(raw)
    _progress(f"Read {len(raw.files)} file(s), {checked.records} record(s) from {origin}", quiet)
    if checked.problems:
        raise BundleRejected(checked.problems)

    def work(tx: ManagedTransaction) -> LoadReport:
        if not dry_run:
            locks.lock_kinds(tx, {node.label for node in checked.plan.nodes})
        if before is not None:
            before(tx)
        return _write_checked(tx, raw, checked, quiet, dry_run, after)

    return graph.read_transaction(work) if dry_run else graph.write(work)


def load_composed(
    graph: Graph, label: str, compose: Callable[[ManagedTransaction], dict], name: str, after: AfterWrite | None = None
) -> LoadReport:
    """Loads content that depends on what the graph holds (a PATCH: the stored record with some
    fields changed). `compose(tx)` reads the graph and returns the content inside the write
    transaction, after the lock of `label` is taken, so that no other write comes between the
    read and the write; the content is then checked and written as `load_content` does."""

    def work(tx: ManagedTransaction) -> LoadReport:
        locks.lock_kinds(tx, [label])
        raw = read_content(compose(tx), name)
        checked = check_bundle(raw)
        if checked.problems:
            raise BundleRejected(checked.problems)
        locks.lock_kinds(tx, {node.label for node in checked.plan.nodes})  # the same label: already held
        return _write_checked(tx, raw, checked, True, False, after)

    return graph.write(work)


def _write_checked(
    tx: ManagedTransaction, raw: RawBundle, checked, quiet: bool, dry_run: bool, after: AfterWrite | None
) -> LoadReport:
    # A fresh report per attempt: execute_write may run the transaction again after a transient error.
    report = LoadReport(files=len(raw.files), records=checked.records)
    _write_plan(tx, checked.plan, report, quiet, write=not dry_run)
    if after is not None and not dry_run:
        after(tx, report)
    return report


def check_only(directory: Path) -> tuple[int, list[BundleProblem]]:
    """Checks a bundle on its own, without a graph: every reference must be inside it."""
    checked = check_bundle(read_bundle(Path(directory)))
    problems = checked.problems + check_against_graph(checked.plan, None)
    return checked.records, problems
