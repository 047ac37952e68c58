"""How fast Neo4j's offline bulk importer builds the graph of a bundle, beside our loader.

    python -m bench.offline_import BUNDLE_DIR [--keep] [--loader] [--work-dir DIR] [--port PORT]

Reads and validates BUNDLE_DIR as the loader does (graph.files, graph.validate), writes the
importer's CSV files (one per label and one per relationship type, typed headers, so that the
imported properties have the types the loader writes), runs `neo4j-admin database import full`
from the launcher's own jars (graph/launcher/target/lib) into a fresh Neo4j home, opens that home
with the project's launcher (graph.server.LocalNeo4j), applies the schema and checks the counts per
label and type and a sample of nodes and relationships against the plan.

With --loader the same bundle also goes through graph.loader.load_bundle into a second fresh home
on the same port, is timed, and the two graphs are compared in full (graph.repositories.counts
.snapshot); meant for bundles up to ~100k people. Everything lives under --work-dir (default: a new
temporary directory), which is removed at the end unless --keep is given.

The importer writes only into an empty database whose server is stopped: it is a way to build a
new graph from a bundle, not to load a bundle into a running one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from neo4j.exceptions import Neo4jError

from graph.driver import close_driver, get_driver
from graph.files import read_bundle
from graph.handle import Graph, native
from graph.loader import load_bundle
from graph.plan import GraphPlan
from graph.repositories import counts
from graph.repositories import loading as q
from graph.schema import apply_schema
from graph.server import JVM_FLAGS, LAUNCHER_DIR, LocalNeo4j, build_launcher, launcher_is_built
from graph.validate import check_against_graph, check_bundle

# The admin tool's entry point: neo4j-admin is a script around this class, which is in
# neo4j-command-line; the `database import` commands come from neo4j-import-tool on the classpath.
ADMIN_TOOL = "org.neo4j.cli.AdminTool"
# Between array elements (aliases, keywords, name_keys): a control character no text of a bundle
# holds (checked while writing), so no element is ever split.
ARRAY_DELIMITER = "\x1f"
# Away from the service's 7687, its scratch graph's 7689 and the tests' ports.
DEFAULT_PORT = 7697
SAMPLE = 500


class ImportFailed(RuntimeError):
    pass


# --- the bundle ---------------------------------------------------------------------------------


def read_plan(bundle_dir: Path) -> GraphPlan:
    """The plan the loader would write; the importer fills an empty graph, so every reference must
    be inside the bundle (as for `check_only`)."""
    checked = check_bundle(read_bundle(bundle_dir))
    problems = checked.problems + check_against_graph(checked.plan, None)
    if problems:
        sys.exit(f"{len(problems)} problem(s) in {bundle_dir}:\n" + "\n".join(f"  {p}" for p in problems[:20]))
    return checked.plan


def node_props(node) -> dict:
    # What graph.loader._write_plan sets on a node.
    return {"id": node.id, **node.props}


# --- CSV files ----------------------------------------------------------------------------------


def csv_type(value) -> str | None:
    """The importer's type for a value, chosen so that it stores what the driver would; None for an
    empty list, which a CSV cell cannot carry (an empty cell is no property at all)."""
    if isinstance(value, bool):  # before int: a bool is an int in Python
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, dt.datetime):  # before date: a datetime is a date in Python
        return "datetime" if value.tzinfo is not None else "localdatetime"
    if isinstance(value, dt.date):
        return "date"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "string[]" if value else None
    raise ImportFailed(f"no CSV type for {value!r}")


def quoted(text: str) -> str:
    # Every text is quoted, so that an empty text ("") stays a property and is not taken for none.
    return '"' + text.replace('"', '""') + '"'


def cell(value) -> str:
    if value is None or value == []:  # no property; an empty list is written once the graph is open
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, list):
        if any(ARRAY_DELIMITER in v for v in value):
            raise ImportFailed(f"an array element holds the array delimiter: {value!r}")
        return quoted(ARRAY_DELIMITER.join(value))
    if isinstance(value, dt.date):
        return quoted(value.isoformat())
    return quoted(value)


def group_by_types(rows: list[tuple[str, dict]]) -> dict[tuple, list[dict]]:
    """Rows (key, props) by key and, for a property whose values differ in type within one key (a
    date-time with an offset beside one without), by that type: a typed column holds one type."""
    types = defaultdict(set)
    for key, props in rows:
        for name, value in props.items():
            types[(key, name)].add(csv_type(value))
    groups = defaultdict(list)
    for key, props in rows:
        mixed = tuple(sorted((n, str(csv_type(v))) for n, v in props.items() if len(types[(key, n)] - {None}) > 1))
        groups[(key, mixed)].append(props)
    return groups


def write_csv(path: Path, id_columns: list[str], rows: list[dict]) -> bool:
    """One CSV file with a typed header; True if a value holds a line break (the importer must
    then be told that fields span lines, which is slower, so only then)."""
    columns = {}
    for props in rows:
        for name, value in props.items():
            if name not in id_columns and csv_type(value) is not None:
                columns.setdefault(name, csv_type(value))
    header = [*id_columns] + [f"{name}:{type_}" for name, type_ in columns.items()]
    multiline = False
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(",".join(header) + "\n")
        for props in rows:
            line = ",".join(cell(props.get(name)) for name in [*id_columns, *columns])
            multiline = multiline or "\n" in line or "\r" in line
            f.write(line + "\n")
    return multiline


def write_files(plan: GraphPlan, csv_dir: Path) -> tuple[list[str], bool, list[tuple[str, dict]]]:
    """The importer's --nodes/--relationships arguments for the plan, whether fields span lines,
    and the nodes (label, props) with an empty list, to be written once the graph is open."""
    csv_dir.mkdir(parents=True)
    args, multiline = [], False
    node_rows = [(n.label, node_props(n)) for n in plan.nodes]
    for i, ((label, _), rows) in enumerate(sorted(group_by_types(node_rows).items())):
        path = csv_dir / f"nodes-{label}-{i}.csv"
        # `id:ID` is both the importer's node key and the node's `id` property, a string.
        rows = [{"id:ID": p["id"], **{k: v for k, v in p.items() if k != "id"}} for p in rows]
        multiline |= write_csv(path, ["id:ID"], rows)
        args.append(f"--nodes={label}={path}")
    rel_rows = [(r.type, {":START_ID": r.start, ":END_ID": r.end, **r.props}) for r in plan.rels]
    for i, ((type_, _), rows) in enumerate(sorted(group_by_types(rel_rows).items())):
        path = csv_dir / f"rels-{type_}-{i}.csv"
        multiline |= write_csv(path, [":START_ID", ":END_ID"], rows)
        args.append(f"--relationships={type_}={path}")
    empty_lists = [(label, p) for label, p in node_rows if any(v == [] for v in p.values())]
    return args, multiline, empty_lists


# --- the importer -------------------------------------------------------------------------------


def import_command(home: Path, file_args: list[str], multiline: bool, heap: str, off_heap: str) -> list[str]:
    lib = LAUNCHER_DIR / "target" / "lib"
    return [
        shutil.which("java") or "java",
        f"-Xmx{heap}",
        *JVM_FLAGS,  # the same reflective access as the server needs
        "-cp",
        str(lib / "*"),
        ADMIN_TOOL,
        "database",
        "import",
        "full",
        # The database first: --nodes and --relationships take one or more files and would take a
        # name after them for one more file.
        "neo4j",  # the launcher's default database
        f"--array-delimiter=U+{ord(ARRAY_DELIMITER):04X}",
        f"--multiline-fields={'true' if multiline else 'false'}",
        f"--max-off-heap-memory={off_heap}",
        f"--report-file={home / 'import.report'}",
        *file_args,
    ]


def run_importer(home: Path, command: list[str]) -> str:
    """Runs the importer into `home`: NEO4J_HOME decides where the store goes (home/data/databases/
    neo4j and home/data/transactions/neo4j), which is where the launcher's DatabaseManagementService
    with the same home looks for it."""
    home.mkdir(parents=True)
    log = home / "import.log"
    with log.open("w") as out:
        # umask 077 as for the launcher: the store holds the network's contact data.
        done = subprocess.run(
            command,
            check=False,  # a failure is reported below, with the log's tail
            cwd=home,
            env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
            stdout=out,
            stderr=subprocess.STDOUT,
            umask=0o077,
        )
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-30:])
        raise ImportFailed(f"the importer exited with {done.returncode} (log: {log}):\n{tail}")
    return own_time(log.read_text(errors="replace"))


def own_time(log: str) -> str:
    """The importer's own figure ("IMPORT DONE in 9s 350ms."): its wall time less the JVM's start."""
    for line in log.splitlines():
        if line.startswith("IMPORT DONE in "):
            return line.removeprefix("IMPORT DONE in ").strip(" .")
    return "?"


# --- checks -------------------------------------------------------------------------------------


def check_counts(graph: Graph, plan: GraphPlan) -> list[str]:
    problems = []
    for what, want, got in (
        ("nodes", Counter(n.label for n in plan.nodes), counts.node_counts(graph)),
        ("relationships", Counter(r.type for r in plan.rels), counts.relationship_counts(graph)),
    ):
        for key in sorted(set(want) | set(got)):
            if want.get(key, 0) != got.get(key, 0):
                problems.append(f"{what} {key}: the plan has {want.get(key, 0)}, the graph {got.get(key, 0)}")
    return problems


def typed(value):
    """A value with its type, so that 1 and 1.0, or a date and a date-time, do not compare equal."""
    value = native(value)
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    if isinstance(value, dict):
        return ("map", {k: typed(v) for k, v in value.items()})
    return (type(value).__name__, value)


def check_sample(graph: Graph, plan: GraphPlan, size: int = SAMPLE) -> list[str]:
    """A sample of nodes and relationships read back through the loader's own queries, compared
    with what the loader writes, types included."""
    rng = random.Random(0)
    nodes = rng.sample(plan.nodes, min(size, len(plan.nodes)))
    rels = rng.sample(plan.rels, min(size, len(plan.rels)))
    problems = []

    def work(tx):
        for node in nodes:
            stored = q.node_properties(tx, node.label, [node.id]).get(node.id)
            if stored is None or typed(stored) != typed(node_props(node)):
                problems.append(f"node {node.id}: stored {stored!r}, the loader writes {node_props(node)!r}")
        for rel in rels:
            pairs = [{"start": rel.start, "end": rel.end}]
            stored = q.relationship_properties(tx, rel.type, *rel.labels, pairs).get((rel.start, rel.end))
            if stored is None or typed(stored) != typed(rel.props):
                problems.append(f"{rel.start} {rel.type} {rel.end}: stored {stored!r}, the loader writes {rel.props!r}")

    graph.read_transaction(work)
    return problems


def compare_snapshots(imported, loaded) -> list[str]:
    problems = []
    for what, a, b in (("node", imported[0], loaded[0]), ("relationship", imported[1], loaded[1])):
        if len(a) != len(b):
            problems.append(f"{len(a)} {what}s imported, {len(b)} loaded")
        differing = [(x, y) for x, y in zip(a, b, strict=False) if typed(list(x)) != typed(list(y))]
        problems += [f"{what} imported {x!r}, loaded {y!r}" for x, y in differing[:5]]
        if len(differing) > 5:
            problems.append(f"... and {len(differing) - 5} more {what}s differ")
    return problems


# --- the runs -----------------------------------------------------------------------------------


def timed(timings: dict, name: str, work):
    started = time.monotonic()
    result = work()
    timings[name] = time.monotonic() - started
    print(f"{name}: {timings[name]:.1f} s", file=sys.stderr, flush=True)
    return result


def fresh(path: Path) -> Path:
    # Only the folders this script names under the work dir are removed, never the work dir itself.
    if path.exists():
        shutil.rmtree(path)
    return path


def offline_run(args, plan: GraphPlan, timings: dict) -> tuple[list[str], tuple | None]:
    """CSV, import, start, schema and checks; the problems found and, with --loader, the snapshot."""
    csv_dir, home = fresh(args.work_dir / "csv"), fresh(args.work_dir / "offline-home")
    file_args, multiline, empty_lists = timed(timings, "csv", lambda: write_files(plan, csv_dir))
    command = import_command(home, file_args, multiline, args.heap, args.off_heap)
    timings["import_own"] = timed(timings, "import", lambda: run_importer(home, command))
    server = LocalNeo4j(home, args.port, heap=args.heap, pagecache=args.pagecache)
    target = timed(timings, "start", server.start)
    try:
        graph = Graph(get_driver(target), target.database)
        timed(timings, "schema", lambda: apply_schema(graph))
        if empty_lists:
            # The only values a CSV cell cannot carry; written as the loader writes them.
            rows = defaultdict(list)
            for label, props in empty_lists:
                rows[label].append({"id": props["id"], "props": props})
            graph.write(lambda tx: [q.write_nodes(tx, label, batch) for label, batch in rows.items()])
        problems = check_counts(graph, plan) + check_sample(graph, plan)
        snapshot = counts.snapshot(graph) if args.loader else None
    finally:
        close_driver(target)
        server.stop()
    return problems, snapshot


def loader_run(args, timings: dict) -> tuple | None:
    """The same bundle through graph.loader into a fresh home, timed from reading the bundle; its
    snapshot, or None when the load failed (one transaction: past the server's transaction memory,
    70% of the heap, it fails as a whole, which is itself a result)."""
    home = fresh(args.work_dir / "loader-home")
    server = LocalNeo4j(home, args.port, heap=args.loader_heap or args.heap, pagecache=args.pagecache)
    target = server.start()
    try:
        graph = Graph(get_driver(target), target.database)
        apply_schema(graph)  # before the load, as open_graph and scratch_graph do
        timed(timings, "loader", lambda: load_bundle(graph, args.bundle, quiet=True))
        return counts.snapshot(graph)
    except Neo4jError as error:
        timings["loader_failed"] = f"{error.code}: {error.message}"
        return None
    finally:
        close_driver(target)
        server.stop()


def print_table(rows: int, timings: dict) -> None:
    total = timings["validate"] + timings["csv"] + timings["import"] + timings["schema"]
    lines = [
        ("read + validate bundle", timings["validate"]),
        ("write CSV files", timings["csv"]),
        (f"importer (neo4j-admin; own {timings['import_own']})", timings["import"]),
        ("schema + index population", timings["schema"]),
        ("total, bundle -> indexed graph", total),
    ]
    print(f"\n{rows:,} rows (nodes + relationships)")
    for name, seconds in lines:
        print(f"  {name:<44} {seconds:7.1f} s")
    print(f"  {'importer rows/s':<44} {rows / timings['import']:9,.0f}")
    print(f"  {'overall rows/s':<44} {rows / total:9,.0f}")
    print(f"  {'(opening the imported store':<44} {timings['start']:7.1f} s)")
    if "loader_failed" in timings:
        print(f"  graph.loader failed: {timings['loader_failed']}")
    elif "loader" in timings:
        print(
            f"  {'graph.loader, read to loaded':<44} {timings['loader']:7.1f} s  ({rows / timings['loader']:,.0f} rows/s)"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, metavar="BUNDLE_DIR")
    parser.add_argument("--keep", action="store_true", help="keep the CSV files and Neo4j homes")
    parser.add_argument("--loader", action="store_true", help="also load the bundle with graph.loader and compare")
    parser.add_argument("--work-dir", type=Path, help="where the CSV files and homes go (default: a new temp dir)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"Bolt port (default {DEFAULT_PORT})")
    parser.add_argument("--heap", default="1g", help="JVM heap of the importer and the server (default 1g)")
    parser.add_argument("--loader-heap", help="the server's heap for --loader (default: --heap)")
    parser.add_argument("--pagecache", default="512m", help="the server's page cache (default 512m)")
    parser.add_argument("--off-heap", default="2g", help="the importer's --max-off-heap-memory (default 2g)")
    args = parser.parse_args(argv)
    args.work_dir = (args.work_dir or Path(tempfile.mkdtemp(prefix="offline-import-"))).resolve()
    args.work_dir.mkdir(parents=True, exist_ok=True)
    if not launcher_is_built():
        build_launcher()

    timings = {}
    try:
        plan = timed(timings, "validate", lambda: read_plan(args.bundle))
        rows = len(plan.nodes) + len(plan.rels)
        problems, imported = offline_run(args, plan, timings)
        loaded = loader_run(args, timings) if args.loader else None
        if loaded is not None:
            problems += compare_snapshots(imported, loaded)
    finally:
        if not args.keep:
            shutil.rmtree(args.work_dir, ignore_errors=True)
    print_table(rows, timings)
    if args.keep:
        print(f"\nkept: {args.work_dir}")
    for problem in problems:
        print(f"DIFFERENCE: {problem}")
    compared = "the plan" + (" and the loader's graph" if loaded is not None else "")
    print(f"\nthe imported graph matches {compared}" if not problems else f"\n{len(problems)} difference(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
