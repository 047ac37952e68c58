"""python -m graph.load DIR: validate a bundle and load it into the graph, all or nothing."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from graph.loader import BundleRejected, check_only, load_bundle


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m graph.load",
        description="Validate a bundle (a directory of YAML/JSON files, see README 'Data format') and "
                    "load it into the graph in one transaction. Nothing is written unless every file, "
                    "record and field is valid. Loading the same bundle twice changes nothing.",
    )
    parser.add_argument("directory", type=Path, help="the bundle directory, e.g. seed_data")
    parser.add_argument("--check", action="store_true",
                        help="only validate the bundle on its own (no database); every reference must be inside it")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    return parser


def _print_report(report: dict) -> None:
    print(f"Loaded {report['records']} record(s) from {report['files']} file(s).")
    for title, section in (("Nodes", "nodes"), ("Relationships", "relationships")):
        print(f"{title}:")
        for name, counts in report[section].items():
            print(f"  {name:<16} created {counts.get('created', 0):>6}  updated {counts.get('updated', 0):>6}"
                  f"  unchanged {counts.get('unchanged', 0):>6}")
    totals = report["totals"]
    print(f"Total: created {totals.get('created', 0)}, updated {totals.get('updated', 0)}, "
          f"unchanged {totals.get('unchanged', 0)}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.check:
        records, problems = check_only(args.directory)
        for problem in problems:
            print(problem, file=sys.stderr)
        if args.json:
            print(json.dumps({"records": records, "problems": [str(p) for p in problems]}, indent=2))
        elif not problems:
            print(f"{args.directory}: {records} record(s), no problems")
        return 1 if problems else 0

    from graph.connect import open_graph  # only now: --check must work without Java or a server

    with open_graph() as (driver, database):
        try:
            report = load_bundle(driver, database, args.directory, quiet=args.quiet).as_dict()
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
        _print_report(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
