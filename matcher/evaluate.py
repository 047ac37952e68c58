"""python -m matcher.evaluate: recall@5, recall@10 and MRR of the partner matcher and of the
baselines (random, popularity, text only, network only), with and without partners lines."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from graph.connect import open_graph, scratch_graph
from matcher.evaluation import METHODS, SETTINGS, evaluate
from matcher.snapshot import read_snapshot


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matcher.evaluate", description=__doc__)
    parser.add_argument("bundle", nargs="?", type=Path,
                        help="a bundle directory to evaluate on, loaded into a scratch Neo4j of its own; "
                             "without it: the configured graph (NEO4J_URI or the embedded one)")
    parser.add_argument("--setting", choices=[*SETTINGS, "both"], default="both",
                        help="lines: teams keep their partners lines; blind: the tested team's partners line is "
                             "removed and the partners it named are also to be found (default: both)")
    parser.add_argument("--folds", type=int, default=5, help="fit on the other folds' teams (default 5)")
    parser.add_argument("--split-date", type=dt.date.fromisoformat,
                        help="forward in time instead of folds: learn from teams that started before this date, "
                             "test on those that started on or after it, seeing only earlier links")
    parser.add_argument("--min-partners", type=int, default=2,
                        help="test teams with at least this many organisations (default 2)")
    parser.add_argument("--max-queries", type=int, default=5000, help="sample at most this many held-out links per setting")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the table as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return parser


def print_table(result: dict) -> None:
    print(f"{result['organisations']} organisations, {result['teams']} teams; "
          f"median {result['ms_per_query']} ms per query (all methods)")
    for setting, table in result["settings"].items():
        print(f"\nsetting: {setting}  ({table['matcher']['queries']} held-out links)")
        print(f"  {'method':<12} {'recall@5':>9} {'recall@10':>10} {'MRR':>7}")
        for method in METHODS:
            row = table[method]
            print(f"  {method:<12} {row['recall@5']:>9.3f} {row['recall@10']:>10.3f} {row['mrr']:>7.3f}")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = SETTINGS if args.setting == "both" else (args.setting,)
    started = time.monotonic()
    graph = scratch_graph(args.bundle, quiet=args.quiet) if args.bundle else open_graph(schema=False)
    with graph as (driver, database):
        snapshot = read_snapshot(driver, database)
    if not args.quiet:
        print(f"Read {len(snapshot.org_ids)} organisations and {len(snapshot.teams)} teams "
              f"in {time.monotonic() - started:.1f} s", file=sys.stderr)
    result = evaluate(snapshot, settings, folds=args.folds, min_partners=args.min_partners,
                      max_queries=args.max_queries, split_date=args.split_date, seed=args.seed, quiet=args.quiet)
    result["seconds"] = round(time.monotonic() - started, 1)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
