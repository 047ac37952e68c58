"""How fast a bundle loads: the loader against a bare driver `UNWIND $rows MERGE` of the same rows.

    python -m bench.load_time BUNDLE [--json]

Both write into an empty database of a scratch Neo4j of its own (var/bench-neo4j, Bolt port + 9,
with the configured heap), one after the other in the same run, so that their ratio says what the
loader's checks, comparisons and journal cost on this machine today. The bare load writes the
loader's own rows (nodes by label, then relationships by type, BATCH rows a statement, each in a
transaction of its own, on the same constraints) and nothing else: no reading of the files, no
validation, no comparison with the graph, no journal. The loader is timed as a user meets it, from
the files to the committed load, and split into reading the files, checking them, and writing.
Progress on stderr.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from graph.driver import get_driver
from graph.files import read_bundle
from graph.handle import Graph
from graph.loader import BATCH, load_raw
from graph.plan import GraphPlan
from graph.repositories import label, rel_type
from graph.schema import apply_schema
from graph.server import LocalNeo4j
from graph.settings import get_settings
from graph.validate import check_bundle


@contextmanager
def empty_graph(settings=None):
    """A graph in a Neo4j started on a store made empty first (var/bench-neo4j), with the schema."""
    settings = settings or get_settings()
    home = settings.var_dir / "bench-neo4j"
    shutil.rmtree(home, ignore_errors=True)
    server = LocalNeo4j(
        home, settings.bolt_port + 9, settings.neo4j_heap, settings.neo4j_pagecache, settings.neo4j_startup_timeout
    )
    target = server.start()
    try:
        graph = Graph(get_driver(target), target.database)
        apply_schema(graph)
        yield graph, target, server
    finally:
        server.stop()


def bare_load(graph: Graph, plan: GraphPlan, quiet: bool = False) -> float:
    """Seconds to write the plan's rows with nothing but UNWIND $rows MERGE ... SET."""
    nodes, rels = defaultdict(list), defaultdict(list)
    for node in plan.nodes:
        nodes[node.label].append({"id": node.id, "props": {"id": node.id, **node.props}})
    for rel in plan.rels:
        rels[(rel.type, *rel.labels)].append({"start": rel.start, "end": rel.end, "props": rel.props})
    started = time.perf_counter()
    for name, rows in nodes.items():
        statement = f"UNWIND $rows AS row MERGE (n:{label(name)} {{id: row.id}}) SET n = row.props"
        for start in range(0, len(rows), BATCH):
            graph.write_query(statement, rows=rows[start : start + BATCH])
    for (type_, start_label, end_label), rows in rels.items():
        statement = (
            f"UNWIND $rows AS row MATCH (a:{label(start_label)} {{id: row.start}}) "
            f"MATCH (b:{label(end_label)} {{id: row.end}}) MERGE (a)-[r:{rel_type(type_)}]->(b) SET r = row.props"
        )
        for start in range(0, len(rows), BATCH):
            graph.write_query(statement, rows=rows[start : start + BATCH])
        if not quiet:
            print(f"  bare: {type_} done, {time.perf_counter() - started:.0f} s so far", file=sys.stderr, flush=True)
    return time.perf_counter() - started


@dataclass
class Prepared:
    """A bundle read and checked once, with how long each took."""

    bundle: Path
    plan: GraphPlan
    rows: int
    read_seconds: float
    check_seconds: float


def prepare(bundle: Path) -> Prepared:
    started = time.perf_counter()
    raw = read_bundle(bundle)
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    checked = check_bundle(raw)
    check_seconds = time.perf_counter() - started
    rows = len(checked.plan.nodes) + len(checked.plan.rels)
    return Prepared(bundle, checked.plan, rows, read_seconds, check_seconds)


def loader_load(graph: Graph, prepared: Prepared, quiet: bool = False) -> tuple[float, int]:
    """Seconds the loader takes from the files to the committed load (reading included), and in
    how many transactions it wrote."""
    started = time.perf_counter()
    report = load_raw(graph, read_bundle(prepared.bundle), str(prepared.bundle), quiet=quiet)
    return time.perf_counter() - started + prepared.read_seconds, report.batches


def figures(prepared: Prepared, bare: float, loader: float, batches: int) -> dict:
    write = max(loader - prepared.read_seconds - prepared.check_seconds, 1e-9)
    return {
        "bundle": str(prepared.bundle),
        "rows": prepared.rows,
        "bare_seconds": round(bare, 2),
        "bare_rows_per_second": round(prepared.rows / bare),
        "loader_seconds": round(loader, 2),
        "loader_read_seconds": round(prepared.read_seconds, 2),
        "loader_check_seconds": round(prepared.check_seconds, 2),
        "loader_write_seconds": round(write, 2),
        "loader_rows_per_second": round(prepared.rows / loader),
        "loader_batches": batches,
        "ratio": round(bare / loader, 3),  # the loader's speed as a share of the bare writes'
        "write_ratio": round(bare / write, 3),  # the same for its writing alone
    }


def measure(bundle: Path, quiet: bool = False) -> dict:
    """The figures of one bundle (see the module's docstring)."""
    prepared = prepare(bundle)
    say(f"{bundle}: {prepared.rows} rows; bare UNWIND $rows MERGE into an empty database...", quiet)
    with empty_graph() as (graph, _, _):
        bare = bare_load(graph, prepared.plan, quiet)
    say(f"  {bare:.1f} s; the loader into an empty database...", quiet)
    with empty_graph() as (graph, _, _):
        loader, batches = loader_load(graph, prepared, quiet)
    return figures(prepared, bare, loader, batches)


def say(message: str, quiet: bool = False) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load_time", description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    figures = measure(args.bundle, args.quiet)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(
            f"{figures['rows']} rows: loader {figures['loader_seconds']} s ({figures['loader_rows_per_second']} rows/s: "
            f"read {figures['loader_read_seconds']} s, check {figures['loader_check_seconds']} s, "
            f"write {figures['loader_write_seconds']} s in {figures['loader_batches']} transaction(s)); "
            f"bare UNWIND MERGE {figures['bare_seconds']} s ({figures['bare_rows_per_second']} rows/s); "
            f"loader / bare {figures['ratio']}x (writing alone {figures['write_ratio']}x)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
