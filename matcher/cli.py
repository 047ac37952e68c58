"""The matcher's command line. `python -m matcher evaluate`: how well the partner matcher finds links that exist, beside the
baselines (the first matcher v1, random, popularity, common neighbours, Adamic-Adar, resource
allocation, text only), all answering the same held-out links.

For each protocol (all: every organisation of a test team is held out and every organisation is a
candidate; known: only organisations known from the training teams are held out and ranked, the
standard link-prediction protocol) and setting (lines: the team keeps its partners line; blind: it
is removed, and the partners it named are also to be found) it prints recall@5, recall@10,
recall@20, MRR and NDCG@10 per method; the share of hold-outs retrieval keeps; for known, the share
of hold-outs that are new organisations; a 95% team-bootstrap interval for the matcher's recall@10
and for its ratio to Adamic-Adar's; the fit of each fold (seconds, model kind, training queries);
and with --ablation, the matcher's metrics refitted without each signal group. --json prints the
whole result.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from graph.connect import open_graph, scratch_graph
from matcher.evaluation import METHODS, PROTOCOLS, SETTINGS, evaluate
from matcher.snapshot import read_snapshot


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m matcher", description="The partner matcher's tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    _add_evaluate(commands)
    return parser


def _add_evaluate(commands) -> None:
    parser = commands.add_parser(
        "evaluate",
        help="how well the matcher finds links that exist, beside baselines",
        description=__doc__.split("\n\n")[0].split(". ", 1)[1],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "bundle",
        nargs="?",
        type=Path,
        help="a bundle directory to evaluate on, loaded into a scratch Neo4j of its own; "
        "without it: the configured graph (NEO4J_URI or the embedded one)",
    )
    parser.add_argument(
        "--protocol",
        choices=[*PROTOCOLS, "both"],
        default="all",
        help="all: every organisation of a test team is held out, every organisation a candidate; "
        "known: only organisations known from the training teams are held out and ranked "
        "(default: all)",
    )
    parser.add_argument(
        "--setting",
        choices=[*SETTINGS, "both"],
        default="both",
        help="lines: teams keep their partners lines; blind: the tested team's partners line is "
        "removed and the partners it named are also to be found (default: both)",
    )
    parser.add_argument("--folds", type=int, default=5, help="fit on the other folds' teams (default 5)")
    parser.add_argument(
        "--split-date",
        type=dt.date.fromisoformat,
        help="forward in time instead of folds: learn from teams that started before this date, "
        "test on those that started on or after it, seeing only earlier links",
    )
    parser.add_argument(
        "--min-partners", type=int, default=2, help="test teams with at least this many organisations (default 2)"
    )
    parser.add_argument(
        "--max-queries",
        type=int,
        default=5000,
        help="sample at most this many held-out links per protocol and setting (default 5000; 0: all)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--ablation",
        action="store_true",
        help="also refit the matcher without each signal group and measure it on the same queries",
    )
    parser.add_argument("--json", action="store_true", help="print the whole result as JSON")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(run=_evaluate)


def _share(value) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _number(value) -> str:
    return "unbounded" if value is None else f"{value:.3f}"  # a ratio to nothing found


def _interval(pair) -> str:
    return f"[{_number(pair[0])}, {_number(pair[1])}]"


def _row(name: str, row: dict) -> str:
    return (
        f"  {name:<20} {row['recall@5']:>9.3f} {row['recall@10']:>10.3f} {row['recall@20']:>10.3f}"
        f" {row['mrr']:>7.3f} {row['ndcg@10']:>8.3f}"
    )


HEADER = f"  {'method':<20} {'recall@5':>9} {'recall@10':>10} {'recall@20':>10} {'MRR':>7} {'NDCG@10':>8}"


def print_table(result: dict, out=sys.stdout) -> None:
    say = lambda line="": print(line, file=out)
    per_query = "-" if result.get("ms_per_query") is None else f"{result['ms_per_query']} ms"
    say(
        f"{result['organisations']} organisations, {result['teams']} teams; "
        f"median {per_query} per query for the matcher"
    )
    for protocol, tables in result["protocols"].items():
        for setting, table in tables.items():
            head = (
                f"protocol: {protocol}, setting: {setting}: {table['queries']} held-out links; "
                f"retrieval kept {_share(table.get('retrieval_kept'))}"
            )
            if "new_organisation_share" in table:
                head += f"; new organisations {_share(table['new_organisation_share'])} of hold-outs (not ranked)"
            say()
            say(head)
            say(HEADER)
            for method in METHODS:
                say(_row(method, table["methods"][method]))
            boot = table.get("bootstrap")
            if boot:
                say(
                    f"  matcher recall@10 95% interval {_interval(boot['recall@10'])}; "
                    f"ratio to adamic_adar {_number(boot['ratio_to_adamic_adar'])}, "
                    f"95% interval {_interval(boot['ratio_to_adamic_adar_interval'])} (teams resampled)"
                )
            if table.get("ablation"):
                note = (
                    " (every fold ranks with the default weights: the graph is too small to learn from)"
                    if all(f["model"] == "default-weights" for f in result["fits"])
                    else ""
                )
                say(f"  matcher without each signal group{note}:")
                say(HEADER.replace("method", "without", 1))
                for group, row in table["ablation"].items():
                    say(_row(group, row))
    say()
    for k, fit in enumerate(result["fits"], start=1):
        kept = fit.get("training_retrieval_kept")
        say(
            f"fit {k}/{len(result['fits'])}: {fit['teams']} teams, {fit['seconds']} s, {fit['model']}, "
            f"{fit['training_queries']} training queries"
            + (f" (retrieval kept {_share(kept)} of training hold-outs)" if kept is not None else "")
        )
    if "seconds" in result:
        say(f"{result['seconds']} s in all")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return args.run(args)


def _evaluate(args: argparse.Namespace) -> int:
    settings = SETTINGS if args.setting == "both" else (args.setting,)
    protocols = PROTOCOLS if args.protocol == "both" else (args.protocol,)
    started = time.monotonic()
    opened = scratch_graph(args.bundle, quiet=args.quiet) if args.bundle else open_graph(schema=False)
    with opened as graph:
        snapshot = read_snapshot(graph)
    if not args.quiet:
        print(
            f"Read {len(snapshot.org_ids)} organisations and {len(snapshot.teams)} teams "
            f"in {time.monotonic() - started:.1f} s",
            file=sys.stderr,
        )
    result = evaluate(
        snapshot,
        settings,
        protocols=protocols,
        folds=args.folds,
        min_partners=args.min_partners,
        max_queries=args.max_queries or None,
        split_date=args.split_date,
        seed=args.seed,
        ablation=args.ablation,
        quiet=args.quiet,
    )
    result["seconds"] = round(time.monotonic() - started, 1)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_table(result)
    return 0
