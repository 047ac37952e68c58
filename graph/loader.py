"""Loads a bundle into the graph: all of it, or nothing.

The loader compares every node and relationship with what the graph holds and writes only what
differs, so it can say what it created and updated, and a second run of the same bundle writes
nothing.

A bundle of up to SINGLE_TRANSACTION_ROWS nodes and relationships is written in one transaction.
A larger one would outgrow the memory Neo4j allows a transaction (a network of 100,000 people
does, with the default heap), so it is written in batches of BATCH rows, each in a transaction of
its own, and graph.journal keeps the promise: a load that fails or is interrupted is undone, and
one whose process died is undone by the next load or server start.
"""

from __future__ import annotations

import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import ManagedTransaction
from neo4j.time import Date, DateTime

from graph import journal
from graph.bundle import label_of
from graph.files import BundleProblem, RawBundle, read_bundle, read_content
from graph.handle import Graph, native
from graph.plan import GraphPlan, NodeRow, RelRow
from graph.repositories import journal as journal_q
from graph.repositories import loading as q
from graph.repositories import locks
from graph.validate import check_against_graph, check_bundle

BATCH = 2000  # rows per statement, and per transaction in a batched load
# Above this many nodes and relationships a bundle is loaded in batches. Measured: 20,000 people
# (about 150,000 rows) load in one transaction with Neo4j's default 1 GB heap, 100,000 do not.
SINGLE_TRANSACTION_ROWS = 50_000

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
    batches: int = 0  # transactions the load was written in (1 for a load in one transaction)
    recovered: list[str] = field(default_factory=list)  # what was undone of earlier loads left behind

    def totals(self) -> Counter:
        total = Counter()
        for counts in [*self.nodes.values(), *self.relationships.values()]:
            total.update(counts)
        return total

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "records": self.records,
            "batches": self.batches,
            "recovered": self.recovered,
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


def _progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def _batches(rows: list, size: int):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class _Progress:
    """Rows written so far, of how many, and how fast, on stderr: at most every few seconds, and
    when a label or relationship type is done."""

    def __init__(self, total: int, quiet: bool, every: float = 3.0):
        self.total, self.quiet, self.every = total, quiet, every
        self.done = 0
        self.started = self.said = time.monotonic()

    def wrote(self, what: str, done: int, of: int, rows: int) -> None:
        self.done += rows
        now = time.monotonic()
        if self.quiet or (done < of and now - self.said < self.every):
            return
        self.said = now
        rate = self.done / max(now - self.started, 1e-9)
        print(
            f"  {what}: {done}/{of} ({self.done}/{self.total} rows in all, {rate:,.0f} rows/s)",
            file=sys.stderr,
            flush=True,
        )


@dataclass
class _Batch:
    """What one batch of rows changes: the rows to write, and what the journal keeps of them."""

    rows: list[dict] = field(default_factory=list)
    created: list = field(default_factory=list)  # ids (nodes) or [start, end] (relationships)
    updated: list = field(default_factory=list)
    before: list[str] = field(default_factory=list)  # the updated ones' properties before (journal.encode)
    counts: Counter = field(default_factory=Counter)


def _node_batch(tx: ManagedTransaction, label: str, nodes: list[NodeRow]) -> _Batch:
    batch = _Batch()
    existing = q.node_properties(tx, label, [n.id for n in nodes])
    for node in nodes:
        props = {"id": node.id, **node.props}
        old = existing.get(node.id)
        if _same(old, props):
            batch.counts["unchanged"] += 1
            continue
        if old is None:
            batch.created.append(node.id)
        else:
            batch.updated.append(node.id)
            batch.before.append(journal.encode(old))
        batch.counts["updated" if old is not None else "created"] += 1
        batch.rows.append({"id": node.id, "props": props})
    return batch


def _rel_batch(tx: ManagedTransaction, kind: tuple[str, str, str], rels: list[RelRow]) -> _Batch:
    batch = _Batch()
    existing = q.relationship_properties(tx, *kind, [{"start": r.start, "end": r.end} for r in rels])
    for rel in rels:
        old = existing.get((rel.start, rel.end))
        if _same(old, rel.props):
            batch.counts["unchanged"] += 1
            continue
        if old is None:
            batch.created.append([rel.start, rel.end])
        else:
            batch.updated.append([rel.start, rel.end])
            batch.before.append(journal.encode(old))
        batch.counts["updated" if old is not None else "created"] += 1
        batch.rows.append({"start": rel.start, "end": rel.end, "props": rel.props})
    return batch


def _groups(plan: GraphPlan) -> list[tuple[str, object, list]]:
    """The plan's rows by label, then by relationship type and end labels: ("nodes", label, rows)
    and ("relationships", (type, start label, end label), rows), nodes first (relationships
    need their ends)."""
    nodes, rels = defaultdict(list), defaultdict(list)
    for node in plan.nodes:
        nodes[node.label].append(node)
    for rel in plan.rels:
        rels[(rel.type, *rel.labels)].append(rel)
    return [("nodes", label, rows) for label, rows in nodes.items()] + [
        ("relationships", kind, rows) for kind, rows in rels.items()
    ]


def _write_group_batch(tx, kind: str, target, rows: list, write: bool) -> _Batch:
    """Compares one batch with the graph and, with `write`, writes what differs."""
    if kind == "nodes":
        batch = _node_batch(tx, target, rows)
        if write and batch.rows:
            q.write_nodes(tx, target, batch.rows)
    else:
        batch = _rel_batch(tx, target, rows)
        if write and batch.rows:
            q.write_relationships(tx, *target, batch.rows)
    return batch


def _count(report: LoadReport, kind: str, target, batch: _Batch) -> None:
    if kind == "nodes":
        report.nodes[target].update(batch.counts)
    else:
        report.relationships[target[0]].update(batch.counts)


def _title(kind: str, target) -> str:
    return f"{target} nodes" if kind == "nodes" else f"{target[0]} ({target[1]}->{target[2]})"


def _write_plan(tx: ManagedTransaction, plan: GraphPlan, report: LoadReport, quiet: bool, write: bool = True) -> None:
    """Counts what differs from the graph and, unless `write` is false (a dry run), writes it, all
    in the transaction `tx`."""
    problems = check_against_graph(plan, _TxGraphView(tx))
    if problems:
        raise BundleRejected(problems)
    progress = _Progress(len(plan.nodes) + len(plan.rels), quiet or not write)
    for kind, target, rows in _groups(plan):
        for done, chunk in enumerate(_batches(rows, BATCH), start=1):
            batch = _write_group_batch(tx, kind, target, chunk, write)
            _count(report, kind, target, batch)
            progress.wrote(_title(kind, target), min(done * BATCH, len(rows)), len(rows), len(chunk))
    report.batches = 1


def _write_batched(
    graph: Graph, plan: GraphPlan, report: LoadReport, origin: str, size: int, quiet: bool, after, on_batch
) -> None:
    """Writes the plan in transactions of `size` rows, on the record of graph.journal, and undoes
    it all when any part fails or the load is interrupted."""
    import_id = journal.begin(graph, origin, {node.label for node in plan.nodes})
    try:
        problems = graph.read_transaction(lambda tx: check_against_graph(plan, _TxGraphView(tx)))
        if problems:
            raise BundleRejected(problems)
        progress = _Progress(len(plan.nodes) + len(plan.rels), quiet)
        groups = _groups(plan)
        batches = sum(-(-len(rows) // size) for _, _, rows in groups)
        seq = 0
        for kind, target, rows in groups:
            for done, chunk in enumerate(_batches(rows, size), start=1):
                seq += 1
                batch = graph.write(lambda tx, k=kind, t=target, c=chunk, n=seq: _journaled(tx, import_id, n, k, t, c))
                _count(report, kind, target, batch)
                progress.wrote(_title(kind, target), min(done * size, len(rows)), len(rows), len(chunk))
                if on_batch is not None:
                    on_batch(seq, batches)
        report.batches = seq
        journal.commit(graph, import_id, after=None if after is None else (lambda tx: after(tx, report)))
    except BaseException:
        _progress(f"  the load of {origin} did not complete: undoing what it wrote", quiet)
        journal.undo(graph, import_id, quiet=quiet)
        raise


def _journaled(tx: ManagedTransaction, import_id: str, seq: int, kind: str, target, rows: list) -> _Batch:
    """One batch of a batched load: written with its journal step, in one transaction."""
    batch = _write_group_batch(tx, kind, target, rows, write=True)
    if batch.rows:
        if kind == "nodes":
            journal_q.record_node_step(tx, import_id, seq, target, batch.created, batch.updated, batch.before)
        else:
            journal_q.record_rel_step(tx, import_id, seq, *target, batch.created, batch.updated, batch.before)
    return batch


def load_bundle(graph: Graph, directory: Path, quiet: bool = False, batch_size: int | None = None) -> LoadReport:
    """Validates the bundle in `directory` and writes it, all or nothing; raises BundleRejected.
    With `batch_size` it is written in batches of that many rows whatever its size (see load_raw)."""
    return load_raw(graph, read_bundle(Path(directory)), str(directory), quiet=quiet, batch_size=batch_size)


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
    batch_size: int | None = None,
    on_batch: Callable[[int, int], None] | None = None,
) -> LoadReport:
    """Validates a bundle that has been read and writes it, all or nothing; raises BundleRejected.

    Up to SINGLE_TRANSACTION_ROWS nodes and relationships are written in one transaction; a
    larger bundle, or any with `batch_size`, in batches of BATCH (or `batch_size`) rows on the
    record of graph.journal (`before` is not allowed there), with `after` in the transaction that
    commits the load, and `on_batch(done, batches)` called after each batch is written (an
    exception it raises interrupts the load, which is then undone).

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

    # A load left unfinished by a process that died is undone first: until then it holds the writes.
    recovered = [] if dry_run else journal.recover(graph)
    rows = len(checked.plan.nodes) + len(checked.plan.rels)
    if not dry_run and (batch_size is not None or rows > SINGLE_TRANSACTION_ROWS):
        if before is not None:
            raise ValueError("a load in batches cannot run a `before` step in its transaction")
        report = LoadReport(files=len(raw.files), records=checked.records, recovered=recovered)
        _write_batched(graph, checked.plan, report, origin, batch_size or BATCH, quiet, after, on_batch)
        return report

    def work(tx: ManagedTransaction) -> LoadReport:
        if not dry_run:
            locks.lock_kinds(tx, {node.label for node in checked.plan.nodes})
        if before is not None:
            before(tx)
        return _write_checked(tx, raw, checked, quiet, dry_run, after)

    report = graph.read_transaction(work) if dry_run else graph.write(work)
    report.recovered = recovered
    return report


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
