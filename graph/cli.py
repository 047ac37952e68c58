"""The graph layer's command line, `python -m graph COMMAND`:

python -m graph load DIR            validate a bundle and load it into the graph, all or nothing
python -m graph load --check DIR    only validate it (no database)
python -m graph load --reset        go back to the seed (asks first)
python -m graph stats               node counts per label, relationship counts per type
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graph.journal import ImportRunning
from graph.loader import BundleRejected, check_only, load_bundle


def _add_load(commands) -> None:
    parser = commands.add_parser(
        "load",
        help="validate a bundle and load it into the graph, all or nothing",
        description="Validate a bundle (a directory of YAML/JSON files, see README 'Data format') and "
        "load it into the graph, all or nothing: in one transaction, or, for a bundle of more than "
        "50,000 nodes and relationships, in batches that are undone if the load fails or is "
        "interrupted (and by the next load or server start if its process died). Nothing is written "
        "unless every file, record and field is valid. Loading the same bundle twice changes nothing.",
    )
    parser.add_argument(
        "directory",
        type=Path,
        nargs="?",
        help="the bundle directory, e.g. seed_data (with --reset: SEED_DIR by default)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only validate the bundle on its own (no database); every reference must be inside it",
    )
    parser.add_argument(
        "--reset",
        action="store_true",
        help="go back to the seed: delete every node of the network (tokens and the audit log "
        "stay) and load the bundle instead, in one transaction, recorded in the audit log",
    )
    parser.add_argument("--yes", action="store_true", help="with --reset: do not ask for confirmation")
    parser.add_argument(
        "--batch-size",
        type=int,
        metavar="ROWS",
        help="write in batches of ROWS nodes or relationships, each in a transaction of its own, "
        "whatever the bundle's size (default: one transaction up to 50,000 rows, batches of 2,000 above)",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    parser.set_defaults(run=_load)


def _add_stats(commands) -> None:
    parser = commands.add_parser(
        "stats",
        help="node counts per label and relationship counts per type",
        description="Print node counts per label and relationship counts per type.",
    )
    parser.add_argument("--json", action="store_true", help="print the counts as JSON")
    parser.set_defaults(run=_stats)


def _print_report(report: dict) -> None:
    for line in report.get("recovered", []):
        print(f"Before loading: {line}.")
    batches = report.get("batches", 1)
    how = "in one transaction" if batches == 1 else f"in {batches} batches"
    print(f"Loaded {report['records']} record(s) from {report['files']} file(s) {how}.")
    for title, section in (("Nodes", "nodes"), ("Relationships", "relationships")):
        print(f"{title}:")
        for name, counts in report[section].items():
            print(
                f"  {name:<16} created {counts.get('created', 0):>6}  updated {counts.get('updated', 0):>6}"
                f"  unchanged {counts.get('unchanged', 0):>6}"
            )
    totals = report["totals"]
    print(
        f"Total: created {totals.get('created', 0)}, updated {totals.get('updated', 0)}, "
        f"unchanged {totals.get('unchanged', 0)}"
    )


def _confirmed(directory: Path) -> bool:
    """A reset throws away every change made since the seed: asked for on a terminal, else --yes."""
    if not sys.stdin.isatty():
        print(
            "--reset deletes every change coordinators made to the network; add --yes to go on "
            "without a terminal to confirm on. Nothing was changed.",
            file=sys.stderr,
        )
        return False
    answer = input(
        f"Reset the graph to {directory}? Every node of the network is deleted (tokens and the "
        "audit log stay) and the seed loaded instead. Type 'reset' to go on: "
    )
    if answer.strip() != "reset":
        print("Nothing was changed.", file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m graph", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    _add_load(commands)
    _add_stats(commands)
    args = parser.parse_args(argv)
    return args.run(parser, args)


def _load(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.directory is None and not args.reset:
        parser.error("the bundle directory is required")
    if args.reset and args.check:
        parser.error("--reset and --check do not go together")
    if args.batch_size is not None and (args.batch_size < 1 or args.reset or args.check):
        parser.error("--batch-size takes a number of rows of at least 1, and goes with neither --reset nor --check")
    if args.check:
        records, problems = check_only(args.directory)
        for problem in problems:
            print(problem, file=sys.stderr)
        if args.json:
            print(json.dumps({"records": records, "problems": [str(p) for p in problems]}, indent=2))
        elif not problems:
            print(f"{args.directory}: {records} record(s), no problems")
        return 1 if problems else 0

    # Only now: --check must work without Java or a server.
    from graph.connect import open_graph
    from graph.seed import reset_to_seed
    from graph.settings import get_settings

    settings = get_settings()
    if args.reset:
        args.directory = args.directory or settings.seed_dir
        if not args.yes and not _confirmed(args.directory):
            return 2
    with open_graph(settings) as graph:
        try:
            if args.reset:
                report = reset_to_seed(graph, args.directory, quiet=args.quiet).as_dict()
            else:
                report = load_bundle(graph, args.directory, quiet=args.quiet, batch_size=args.batch_size).as_dict()
        except ImportRunning as running:
            print(f"{args.directory}: nothing was written: {running}", file=sys.stderr)
            return 1
        except BundleRejected as rejected:
            print(f"{args.directory}: {len(rejected.problems)} problem(s); nothing was written.", file=sys.stderr)
            for problem in rejected.problems:
                print(f"  {problem}", file=sys.stderr)
            if args.json:
                print(json.dumps({"problems": [str(p) for p in rejected.problems]}, indent=2))
            return 1
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        if args.reset:
            print(f"Reset to {args.directory}: every earlier node of the network was deleted (see the audit log).")
        _print_report(report)
    return 0


def _stats(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from graph.connect import open_graph
    from graph.repositories.counts import node_counts, relationship_counts

    with open_graph(schema=False) as graph:
        counts = {"nodes": node_counts(graph), "relationships": relationship_counts(graph)}
    if args.json:
        print(json.dumps(counts, indent=2))
        return 0
    for title, section in (("Nodes", "nodes"), ("Relationships", "relationships")):
        print(f"{title} ({sum(counts[section].values())}):")
        for name, n in counts[section].items():
            print(f"  {name:<16} {n:>8}")
    return 0
